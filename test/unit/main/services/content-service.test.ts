import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadPack } from '../../../../src/main/content/load-pack'
import { ContentService } from '../../../../src/main/services/content-service'
import { PROFILE_FIELDS, PROFILE_OPTIONAL_FIELDS } from '../../../../src/shared/content/profile'
import type { ContentPack, Relation, Source } from '../../../../src/shared/content/schema'
import { realPack } from '../../../support/real-pack'

const FIXTURE = join(process.cwd(), 'test/fixtures/pack-minimal')
let pack: ContentPack

beforeAll(async () => {
  pack = await loadPack(FIXTURE)
})

const member = (from: string, to: string, extra: Partial<Relation> = {}): Relation => ({
  type: 'member-of',
  from,
  to,
  sources: ['src-a'],
  status: 'sourced',
  ...extra,
})

describe('ContentService.listOrganisations', () => {
  it('gives each organisation its region and its current memberships with their status', () => {
    const list = new ContentService(pack).listOrganisations()
    const coceta = list.find((o) => o.id === 'coceta')!
    expect(coceta.memberOf).toEqual([{ id: 'cecop', status: 'inferred' }])
    expect(list.find((o) => o.id === 'cecop')).toMatchObject({ region: 'europe', foundedYear: 1979, memberOf: [] })
    expect(coceta.region).toBeNull()
  })

  it('counts only member-of relations that have not ended, once per organisation, keeping the surest status', () => {
    const service = new ContentService({
      ...pack,
      relations: [
        member('coceta', 'cicopa', { status: 'inferred' }),
        member('coceta', 'cicopa'),
        member('coceta', 'cicopa', { status: 'inferred' }),
        member('coceta', 'cecop', { until: { value: '2010', precision: 'year' } }),
        { ...member('cecop', 'cicopa'), type: 'regional-organisation-of' },
        member('coceta', 'no-such-organisation'),
      ],
    })
    const list = service.listOrganisations()
    expect(list.find((o) => o.id === 'coceta')!.memberOf).toEqual([{ id: 'cicopa', status: 'sourced' }])
    expect(list.find((o) => o.id === 'cecop')!.memberOf).toEqual([])
  })
})

describe('ContentService.getOrganisation: the profile, one projection of the pack', () => {
  /** Every `sources` list anywhere under `value`: what the profile's source marks point at. */
  const citedIn = (value: unknown, into = new Set<string>()): Set<string> => {
    if (Array.isArray(value)) value.forEach((item) => citedIn(item, into))
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'sources' && Array.isArray(inner)) inner.forEach((id) => into.add(id as string))
        else citedIn(inner, into)
      }
    }
    return into
  }

  /** The test pack where every fact about cecop cites a source of its own: a source gathered from one place only. */
  const ownSources = (): ContentPack => {
    const copy = structuredClone(pack)
    const added: Source[] = []
    const relabel = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(relabel)
      else if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>
        for (const [key, inner] of Object.entries(record)) {
          if (key !== 'sources' || !Array.isArray(inner)) relabel(inner)
          else {
            const id = `own-${added.length + 1}`
            added.push({ ...copy.sources[0]!, id })
            record[key] = [id]
          }
        }
      }
    }
    const cecop = copy.organisations.find((o) => o.id === 'cecop')!
    cecop.names.former = [{ name: 'Old CECOP', sources: ['src-a'], status: 'sourced' }]
    cecop.website = { value: 'https://example.org', sources: ['src-a'], status: 'sourced' }
    relabel([cecop, copy.relations.filter((r) => r.from === 'cecop' || r.to === 'cecop'), copy.events])
    return { ...copy, sources: [...copy.sources, ...added] }
  }

  it.each([
    ['the test pack', () => pack],
    ['the test pack, each fact with a source of its own', ownSources],
    ['the shipped pack', () => realPack],
  ])('takes every field the profile shows from the pack, for each organisation of %s', (_, packOf) => {
    const source = packOf()
    const service = new ContentService(source)
    const derived = ['metricLabels', 'relations', 'events', 'sources']
    for (const org of source.organisations) {
      const profile = service.getOrganisation(org.id)
      // Nothing but the picked fields and the gathered ones: a new field is added to the projection, not beside it.
      expect(Object.keys(profile).sort()).toEqual([...PROFILE_FIELDS, ...PROFILE_OPTIONAL_FIELDS, ...derived].sort())
      for (const field of PROFILE_FIELDS) expect(profile[field], `${org.id}.${field}`).toBe(org[field])
      for (const field of PROFILE_OPTIONAL_FIELDS) expect(profile[field], `${org.id}.${field}`).toBe(org[field] ?? null)

      expect(profile.metricLabels).toEqual(Object.fromEntries(source.metrics.map((m) => [m.id, m.label])))
      expect(profile.events).toEqual(source.events.filter((e) => e.organisations.includes(org.id)))
      // Each relation read back from its link is the pack's, in the pack's order; the other end named as the pack names it.
      const touching = source.relations.filter((r) => r.from === org.id || r.to === org.id)
      const readBack = profile.relations.map(({ direction, other, ...link }) => {
        const [from, to] = direction === 'outgoing' ? [org.id, other.id] : [other.id, org.id]
        const { names } = source.organisations.find((o) => o.id === other.id)!
        expect(other).toEqual({ id: other.id, name: names.english, acronym: names.acronym ?? null })
        return { ...link, from, to }
      })
      const orNull = <T>(value: T | undefined): T | null => value ?? null
      expect(readBack).toEqual(touching.map((r) => ({ ...r, since: orNull(r.since), until: orNull(r.until), note: orNull(r.note) })))
      // Every source the organisation or a fact on the page cites is there, as the pack has it, and no other.
      const { sources, ...shown } = profile
      const cited = new Set([...org.sources, ...citedIn(shown)])
      expect(Object.keys(sources).sort(), org.id).toEqual([...cited].sort())
      for (const [id, s] of Object.entries(sources)) expect(s).toBe(source.sources.find((x) => x.id === id))
    }
  })

  it('follows a renamed id, and refuses an unknown one', () => {
    const service = new ContentService({ ...pack, redirects: { 'cecop-old': 'cecop' } })
    expect(service.getOrganisation('cecop-old').id).toBe('cecop')
    expect(() => service.getOrganisation('atlantis')).toThrow('No organisation has the id "atlantis".')
  })
})
