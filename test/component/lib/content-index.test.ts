/** The pack's indexes every view uses: lookups by id, the relations of each organisation, short names, memberships. */
import { describe, expect, it } from 'vitest'
import { ContentIndex } from '../../../src/renderer/lib/content-index'
import { realPack } from '../../support/real-pack'
import { PACK } from '../org-pack'

const index = new ContentIndex({
  ...PACK,
  organisations: [...PACK.organisations, { ...PACK.organisations[0]!, id: 'coops-uk', names: { english: 'Co-operatives UK' } }],
})

describe('ContentIndex', () => {
  it('finds organisations and sources by id', () => {
    expect(index.organisations.get('cecop')?.names.english).toBe('CECOP – CICOPA Europe')
    expect(index.sources.get('src-b')?.title).toBe('Deep roots, long branches')
    expect(index.organisations.get('nope')).toBeUndefined()
  })

  it('lists the relations touching an organisation, whichever end it is', () => {
    const of = (id: string) => (index.relationsOf.get(id) ?? []).map((r) => `${r.from} ${r.type} ${r.to}`)
    expect(of('cecop')).toEqual(['cecop regional-organisation-of cicopa', 'coceta member-of cecop', 'cg-scop member-of cecop'])
    expect(of('jwcu')).toEqual(['jwcu member-of cicopa'])
    expect(of('coops-uk')).toEqual([])
  })

  it('gives the short name people use: the acronym, else the English name, else the id it was given', () => {
    expect(index.shortName('cg-scop')).toBe('CG Scop')
    expect(index.shortName('coops-uk')).toBe('Co-operatives UK')
    expect(index.shortName('gone')).toBe('gone')
  })

  it('says whether one organisation is now directly a member of another', () => {
    expect(index.isMemberOf('coceta', 'cecop')).toBe(true)
    expect(index.isMemberOf('cecop', 'coceta')).toBe(false)
    // Ended in 2000; and a regional organisation is not a member.
    expect(index.isMemberOf('cg-scop', 'ica')).toBe(false)
    expect(index.isMemberOf('cecop', 'cicopa')).toBe(false)
  })

  it("names a note's subject for the reader: an event's or a pillar's title in their language, an organisation's name as it is", () => {
    const real = new ContentIndex(realPack)
    const event = realPack.events.find((e) => e.id === 'world-declaration-worker-cooperatives-2005')!
    const pillar = realPack.strategicPlan.pillars[0]!
    expect(real.subject({ kind: 'event', id: event.id }, 'fr')).toEqual({ text: event.title.fr, lang: 'fr' })
    expect(real.subject({ kind: 'event', id: event.id }, 'es')).toEqual({ text: event.title.es, lang: 'es' })
    expect(event.title.fr).not.toBe(event.title.en)
    expect(real.subject({ kind: 'pillar', id: pillar.id }, 'es')).toEqual({ text: pillar.title.es, lang: 'es' })
    expect(real.subject({ kind: 'organisation', id: 'cecop' }, 'fr')).toEqual({ text: 'CECOP', lang: null })
    // A renamed id is followed; what the pack does not have is nobody's subject.
    expect(index.subject({ kind: 'organisation', id: 'cecop-old' }, 'en')?.text).toBe('CECOP')
    expect(real.subject({ kind: 'event', id: 'no-such-event' }, 'fr')).toBeNull()
  })
})
