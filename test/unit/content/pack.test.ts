/**
 * The real reference pack: it loads, it holds what the acceptance list asks for, it keeps the disagreements
 * of its sources, every source is cited, and every id ever published still resolves.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadPack } from '../../../src/main/content/load-pack'
import { collectIds, findUnusedSources } from '../../../src/main/content/integrity'
import type { ContentPack, RelationType } from '../../../src/shared/content/schema'

const FOLDER = 'resources/content'
let pack: ContentPack

beforeAll(async () => {
  pack = await loadPack(FOLDER)
})

const relation = (type: RelationType, from: string, to: string) =>
  pack.relations.find((r) => r.type === type && r.from === from && r.to === to)
const isHistorical = (note: { en: string } | undefined) => note?.en.startsWith('Historical') ?? false
const membersOf = (to: string, { current }: { current: boolean }) =>
  new Set(pack.relations.filter((r) => r.type === 'member-of' && r.to === to && (!current || !isHistorical(r.note))).map((r) => r.from))
const organisation = (id: string) => {
  const found = pack.organisations.find((o) => o.id === id)
  if (!found) throw new Error(`no organisation "${id}"`)
  return found
}
const event = (id: string) => {
  const found = pack.events.find((e) => e.id === id)
  if (!found) throw new Error(`no event "${id}"`)
  return found
}
const values = (claims: { value: { value: string } }[]) => claims.map((c) => c.value.value).sort()
const figureValues = (orgId: string, metric: string) =>
  organisation(orgId)
    .figures.filter((f) => f.metric === metric)
    .map((f) => f.value)

describe('the reference pack', () => {
  it('loads from resources/content with a valid schema and no integrity problems', () => {
    expect(pack.schemaVersion).toBe(1)
    expect(pack.packVersion).toBe('1.2.1')
    expect(pack.date).toBe('2026-12-07')
  })

  it('has the organisations the acceptance list names', () => {
    const required = [
      'ica',
      'cicopa',
      'cecop',
      'cicopa-americas',
      'cicopa-north-america',
      'cicopa-mercosur',
      'cicopa-asia-pacific',
      'cooperatives-europe',
      'social-economy-europe',
      'reves',
      'social-platform',
      'mondragon',
      'cgm',
      'ccace',
      'cep-cmaf',
      'icom',
      'confcooperative',
      'legacoop',
      'agci',
      'jwcu',
      'cwcf',
      'usfwc',
      'fecootra',
      'unisol',
    ]
    const ids = new Set(pack.organisations.map((o) => o.id))
    expect(required.filter((id) => !ids.has(id))).toEqual([])
  })

  it('names at least 20 current CECOP members and 25 CICOPA members', () => {
    expect(membersOf('cecop', { current: true }).size).toBeGreaterThanOrEqual(20)
    expect(membersOf('cicopa', { current: false }).size).toBeGreaterThanOrEqual(25)
  })

  it('does not add members that no source gives (CONFESAL, Febecoop)', () => {
    const names = pack.organisations.flatMap((o) => [o.id, o.names.english, o.names.acronym ?? ''].map((n) => n.toLowerCase()))
    expect(names.filter((n) => n.includes('confesal') || n.includes('febecoop'))).toEqual([])
  })

  it('marks inferred memberships as inferred, with a note', () => {
    for (const id of ['workers-coop', 'federsolidarieta']) {
      const r = relation('member-of', id, 'cecop')
      expect(r?.status, id).toBe('inferred')
      expect(r?.note, id).toBeTruthy()
    }
    const byRule = pack.relations.filter((r) => r.to === 'cicopa' && r.sources.includes('cecop-how-to-become-member'))
    expect(byRule.length).toBeGreaterThan(5)
    expect(byRule.every((r) => r.status === 'inferred' && r.note)).toBe(true)
  })

  it('has the structural relations, with the sourced since dates', () => {
    expect(relation('sectoral-organisation-of', 'cicopa', 'ica')?.since?.value).toBe('1947')
    expect(relation('regional-organisation-of', 'cecop', 'cicopa')).toBeDefined()
    expect(relation('sectoral-organisation-of', 'cecop', 'cooperatives-europe')).toBeDefined()
    for (const to of ['cooperatives-europe', 'social-economy-europe', 'reves', 'social-platform']) {
      expect(relation('member-of', 'cecop', to), to).toBeDefined()
    }
    expect(relation('founding-member-of', 'cecop', 'reves')?.since?.value).toBe('1997-09')
    expect(relation('founding-member-of', 'cecop', 'ccace')?.since?.value).toBe('1982')
    expect(relation('forerunner-of', 'ccace', 'cooperatives-europe')).toBeDefined()
    expect(relation('forerunner-of', 'cep-cmaf', 'social-economy-europe')).toBeDefined()
    expect(relation('sub-region-of', 'cicopa-north-america', 'cicopa-americas')).toBeDefined()
    expect(relation('sub-region-of', 'cicopa-mercosur', 'cicopa-americas')).toBeDefined()
    expect(relation('member-of', 'nuwpc', 'cicopa')?.since?.value).toBe('1991')
    expect(relation('member-of', 'nuwpc', 'cecop')?.since?.value).toBe('1995')
    expect(relation('member-of', 'credit-cooperatif', 'cecop')?.since?.value).toBe('2017')
    expect(relation('member-of', 'smart', 'cecop')?.since?.value).toBe('2017')
    expect(relation('member-of', 'vca', 'cicopa')?.since?.value).toBe('2016')
    expect(relation('member-of', 'coboce', 'cicopa')?.since?.value).toBe('2016')
  })

  it('has at least 45 dated events, in every category', () => {
    expect(pack.events.length).toBeGreaterThanOrEqual(45)
    const categories = new Set(pack.events.map((e) => e.category))
    expect([...categories].sort()).toEqual(['congress', 'declaration', 'founding', 'law', 'leadership', 'membership', 'report'])
    expect(event('social-cooperatives-emerge-1970s').date[0]?.value).toEqual({ value: '1970', precision: 'decade' })
    expect(event('cicopa-mercosur-set-up-c2012').date[0]?.value.precision).toBe('circa')
  })

  it('keeps the disagreements of its sources side by side', () => {
    expect(values(event('cecop-becomes-confederation').date)).toEqual(['1992', '1995'])
    expect(values(event('cecop-brussels-secretariat').date)).toEqual(['1982', '1983'])
    expect(values(event('cooperatives-europe-constituted').date)).toEqual(['2005', '2006-03-07'])
    expect(values(organisation('cooperatives-europe').founded)).toEqual(['2005', '2006-03-07'])
    expect(values(event('co-operatives-uk-formed').date)).toEqual(['2000', '2001'])
    expect(values(organisation('co-operatives-uk').founded)).toEqual(['2000', '2001'])
    expect(values(event('ica-statement-cooperative-identity-1995').date)).toEqual(['1995-09', '1995-09-03', '1995-09-23'])
    expect(organisation('cecop').founded).toHaveLength(2)
    expect(
      organisation('cicopa')
        .headquarters.map((h) => h.value.en)
        .join(' | '),
    ).toMatch(/Brussels.*Geneva/)
    expect(figureValues('cecop', 'enterprises')).toEqual(expect.arrayContaining([40000, 43000, 50000]))
    expect(new Set(figureValues('cecop', 'members'))).toEqual(new Set([25, 26, 27]))
    expect(figureValues('cicopa', 'members')).toEqual(expect.arrayContaining([51, 52, 72, 65, 57, 43, 45, 46, 48]))
    expect(figureValues('cicopa', 'member-countries')).toEqual(expect.arrayContaining([35, 36]))
    expect(figureValues('mondragon', 'workers').sort()).toEqual([100000, 70500, 74000, 80000].sort())
    expect(figureValues('ica', 'members').sort()).toEqual([312, 318])
    expect(event('world-standards-final-2011').summary?.en).toMatch(/four years.*two years/)
  })

  it('gives inferred and unverified facts a note saying why', () => {
    const claims = [
      ...pack.organisations.flatMap((o) => [...o.founded, ...o.headquarters, ...o.figures, ...o.leaders, ...(o.names.former ?? [])]),
      ...pack.relations,
      ...pack.events.flatMap((e) => e.date),
    ]
    const silent = claims.filter((c) => c.status !== 'sourced' && !c.note)
    expect(silent).toEqual([])
  })

  it('has the three kinds of cooperative with their figures', () => {
    expect(pack.cooperativeKinds.map((k) => k.id)).toEqual([
      'worker-cooperative',
      'social-cooperative',
      'cooperative-of-self-employed-producers',
    ])
    const figures = pack.cooperativeKinds.flatMap((k) => k.figures.map((f) => `${f.metric}:${f.value}`))
    for (const expected of [
      'worker-cooperatives:35000',
      'social-cooperatives:12000',
      'workers:270000',
      'self-employed-producer-cooperatives:1000',
      'worker-members:11500000',
      'self-employed-producer-members:6000000',
      'workers:20000000',
    ]) {
      expect(figures).toContain(expected)
    }
  })

  it('describes the CECOP Strategic Plan 2021–2025 and its status', () => {
    const plan = pack.strategicPlan
    expect(plan.pillars.map((p) => p.number)).toEqual([1, 2, 3])
    expect(plan.challenges).toHaveLength(6)
    expect(plan.commitments).toHaveLength(5)
    expect(plan.adopted[0]?.value).toEqual({ value: '2021-06-08', precision: 'day' })
    expect(plan.status.checkedOn).toBe('2026-11-23')
    expect(plan.status.text.en).toMatch(/no successor plan/)
    for (const p of plan.pillars) expect(p.detail?.en).toMatch(/No objectives or actions/)
  })

  it('cites every source it lists; sources of the third reading were read on 2026-12-04, all others on 2026-11-23', () => {
    expect(findUnusedSources(pack)).toEqual([])
    const readOn = (via: string) => (via === 'research-3' ? '2026-12-04' : '2026-11-23')
    expect(pack.sources.filter((s) => s.read !== readOn(s.via)).map((s) => s.id)).toEqual([])
  })

  it('uses https websites only where a source gives the domain', () => {
    for (const o of pack.organisations) {
      if (o.website) expect(o.website.value, o.id).toMatch(/^https:\/\//)
    }
  })
})

describe('published ids', () => {
  const published: string[] = JSON.parse(readFileSync(`${FOLDER}/published-ids.json`, 'utf8'))

  it('is sorted and has no duplicates', () => {
    expect(published).toEqual([...new Set(published)].sort())
  })

  it('still resolves every published id, directly or through a redirect', () => {
    const ids = new Set(collectIds(pack).map((x) => x.id))
    const lost = published.filter((id) => !ids.has(id) && !(id in pack.redirects))
    expect(lost).toEqual([])
  })

  it('lists every id of this pack version (run scripts/publish-ids.mjs after adding ids)', () => {
    const listed = new Set(published)
    expect(collectIds(pack).filter((x) => !listed.has(x.id))).toEqual([])
  })
})
