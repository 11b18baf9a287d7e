import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import worldData from 'world-atlas/countries-110m.json'
import {
  alpha2Of,
  bucketOf,
  countsByCountry,
  drawCountries,
  MAP_WIDTH,
  mapHeight,
  notTiedToCountry,
  NUMERIC_TO_ALPHA2,
  organisationsIn,
  readArea,
  readCountry,
  SMALL_COUNTRIES,
  unplaceable,
  worldCountries,
} from '../../../src/renderer/lib/map'
import type { Organisation } from '../../../src/shared/content/schema'

const org = (id: string, countries: string[], region?: Organisation['region']): Organisation => ({
  id,
  names: { english: id },
  kind: countries.length > 0 ? 'national-federation' : 'regional',
  countries,
  ...(region ? { region } : {}),
  founded: [],
  headquarters: [],
  description: { en: id },
  figures: [],
  leaders: [],
  sources: [],
})

const countries = worldCountries()
const normalise = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/g, '')

/** Where the atlas spells a country otherwise than the Unicode names: the atlas's own spelling, checked by hand. */
const ATLAS_SPELLING: Record<string, string> = {
  US: 'United States of America',
  CD: 'Dem. Rep. Congo',
  CG: 'Congo',
  DO: 'Dominican Rep.',
  FK: 'Falkland Is.',
  TF: 'Fr. S. Antarctic Lands',
  CF: 'Central African Rep.',
  GQ: 'Eq. Guinea',
  PS: 'Palestine',
  MM: 'Myanmar',
  TR: 'Turkey',
  SB: 'Solomon Is.',
  BA: 'Bosnia and Herz.',
  MK: 'Macedonia',
  TT: 'Trinidad and Tobago',
  SS: 'S. Sudan',
  EH: 'W. Sahara',
}

describe('ISO numeric → alpha-2', () => {
  it('maps the atlas’s ids to the pack’s codes, padded or not', () => {
    expect(alpha2Of('724')).toBe('ES')
    expect(alpha2Of('380')).toBe('IT')
    expect(alpha2Of('826')).toBe('GB')
    expect(alpha2Of('076')).toBe('BR')
    expect(alpha2Of(76)).toBe('BR')
    expect(alpha2Of('999')).toBeNull()
    expect(alpha2Of(undefined, 'Kosovo')).toBe('XK')
    expect(alpha2Of(undefined, 'Somaliland')).toBeNull()
  })

  it('names every country of the atlas as the atlas does (so no id points at the wrong country)', () => {
    const english = new Intl.DisplayNames(['en'], { type: 'region' })
    const geometries = (worldData as unknown as { objects: { countries: { geometries: { id?: string; properties: { name: string } }[] } } })
      .objects.countries.geometries
    const withId = geometries.filter((g) => g.id !== undefined)
    expect(withId.length).toBeGreaterThan(170)
    for (const g of withId) {
      const code = alpha2Of(g.id)
      expect(code, g.properties.name).not.toBeNull()
      if (ATLAS_SPELLING[code!]) expect(g.properties.name).toBe(ATLAS_SPELLING[code!])
      else expect(normalise(english.of(code!)!), `${g.id} ${code}`).toBe(normalise(g.properties.name))
    }
  })

  it('gives each country one code and each code one country', () => {
    const codes = Object.values(NUMERIC_TO_ALPHA2)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) expect(code).toMatch(/^[A-Z]{2}$/)
  })

  it('reads the atlas into features by alpha-2, without Antarctica', () => {
    const codes = countries.map((c) => c.code)
    expect(codes).toContain('ES')
    expect(codes).toContain('XK')
    expect(codes).not.toContain('AQ')
    expect(new Set(codes).size).toBe(codes.length)
  })
})

describe('the real pack on the map', () => {
  const organisations = JSON.parse(readFileSync(join(process.cwd(), 'resources/content/organisations.json'), 'utf8')) as Organisation[]

  it('can place every country the pack names, on the atlas or as a dot', () => {
    const codes = organisations.flatMap((o) => o.countries)
    expect(unplaceable(codes, countries)).toEqual([])
    expect(codes).toContain('MT') // Malta: too small for 1:110m, drawn as a dot
    expect(SMALL_COUNTRIES['MT']).toBeDefined()
  })

  it('reports a country it cannot place', () => {
    expect(unplaceable(['ES', 'MT', 'TV'], countries)).toEqual(['TV'])
  })
})

describe('counts and shades', () => {
  const organisations = [
    org('coceta', ['ES']),
    org('mondragon', ['ES']),
    org('mercosur', ['AR', 'BR', 'BR']),
    org('unisol', ['BR']),
    org('cecop', [], 'europe'),
    org('ica', [], 'world'),
  ]

  it('counts each organisation once in every country it is in', () => {
    const counts = countsByCountry(organisations)
    expect(Object.fromEntries(counts)).toEqual({ ES: 2, AR: 1, BR: 2 })
  })

  it('shades by steps of 1, 2, 3–5 and 6 or more', () => {
    expect([0, 1, 2, 3, 5, 6, 13].map(bucketOf)).toEqual([0, 1, 2, 3, 3, 4, 4])
  })

  it('lists the bodies tied to no country apart, world-wide first', () => {
    expect(notTiedToCountry(organisations).map((o) => o.id)).toEqual(['ica', 'cecop'])
  })

  it('lists a country’s organisations, those of that country alone first', () => {
    expect(organisationsIn(organisations, 'BR', (o) => o.id).map((o) => o.id)).toEqual(['unisol', 'mercosur'])
    expect(organisationsIn(organisations, 'FR', (o) => o.id)).toEqual([])
  })
})

describe('drawing', () => {
  const inFrame = ([x, y]: [number, number], area: 'world' | 'europe' = 'world') =>
    x >= 0 && x <= MAP_WIDTH && y >= 0 && y <= mapHeight(area)

  it('draws every country of the world inside the frame, and a dot for Malta', () => {
    const drawn = drawCountries('world', countries, ['ES', 'MT'])
    const spain = drawn.find((d) => d.code === 'ES')!
    expect(spain.path).toMatch(/^M/)
    expect(inFrame(spain.centre!)).toBe(true)
    for (const d of drawn) if (d.centre) expect(inFrame(d.centre), d.code).toBe(true)
    const malta = drawn.find((d) => d.code === 'MT')!
    expect(malta).toMatchObject({ small: true, path: '' })
    // Malta lies south of Sicily: below and a little right of Italy's centre.
    const italy = drawn.find((d) => d.code === 'IT')!
    expect(malta.centre![1]).toBeGreaterThan(italy.centre![1])
  })

  it('frames Europe larger than the world map does', () => {
    const span = (area: 'world' | 'europe') => {
      const drawn = drawCountries(area, countries, [])
      const fr = drawn.find((d) => d.code === 'FR')!.centre!
      const pl = drawn.find((d) => d.code === 'PL')!.centre!
      return Math.hypot(fr[0] - pl[0], fr[1] - pl[1])
    }
    expect(span('europe')).toBeGreaterThan(3 * span('world'))
    // Every European country of the pack, Malta's dot included, lies inside Europe's frame.
    const europe = drawCountries('europe', countries, ['MT'])
    for (const code of ['PT', 'ES', 'MT', 'IT', 'BG', 'RO', 'FI', 'SE', 'GB']) {
      expect(inFrame(europe.find((d) => d.code === code)!.centre!, 'europe'), code).toBe(true)
    }
  })

  it('reads the area and the country from the address', () => {
    expect(readArea({ area: 'europe' })).toBe('europe')
    expect(readArea({ area: 'mars' })).toBe('world')
    expect(readCountry('es')).toBe('ES')
    expect(readCountry('ESP')).toBeNull()
    expect(readCountry(null)).toBeNull()
  })
})
