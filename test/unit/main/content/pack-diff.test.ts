import { describe, expect, it } from 'vitest'
import { loadPack } from '../../../../src/main/content/load-pack'
import { diffPacks, MAX_PREVIEW_CHANGES } from '../../../../src/main/content/pack-diff'
import { previewUpdate } from '../../../../src/main/content/pack-update'
import type { ContentPack } from '../../../../src/shared/content/schema'
import { FIXTURE_PACK } from '../../../support/temp-dir'

const fixture = () => loadPack(FIXTURE_PACK)
const changed = async (edit: (pack: ContentPack) => void) => {
  const before = await fixture()
  const after = structuredClone(before)
  edit(after)
  return diffPacks(before, after).changes
}

describe('the changes between two packs', () => {
  it('finds none between a pack and itself', async () => {
    expect(await changed(() => undefined)).toEqual([])
  })

  it('names the field, the value before and after, in every kind of entity', async () => {
    const changes = await changed((p) => {
      p.sources[0]!.title = 'Source A, renamed'
      p.events[0]!.title.en = 'Another title'
      p.relations[0]!.status = 'inferred'
      p.strategicPlan.title.en = 'Another plan'
      p.cooperativeKinds.push({
        id: 'new-kind',
        name: { en: 'Another kind' },
        definition: { en: 'Defined.' },
        definitionSources: ['src-a'],
        figures: [],
      })
      p.metrics[0]!.label.en = 'Member organisations'
      p.redirects['old-coceta'] = 'coceta'
    })
    const rows = changes.map((c) => [c.entity, c.path, c.before, c.after])
    expect(rows).toContainEqual(['source', 'title', 'Source A', 'Source A, renamed'])
    expect(rows).toContainEqual(['event', 'title.en', expect.any(String), 'Another title'])
    expect(rows).toContainEqual(['relation', 'status', 'sourced', 'inferred'])
    expect(rows).toContainEqual(['plan', 'title.en', expect.any(String), 'Another plan'])
    expect(rows).toContainEqual(['cooperative-kind', 'name.en', null, 'Another kind'])
    expect(rows).toContainEqual(['pack', 'metrics[members].label.en', 'Members', 'Member organisations'])
    expect(rows).toContainEqual(['pack', 'redirects.old-coceta', null, 'coceta'])
    expect(changes.find((c) => c.entity === 'relation')?.name).toBe('CECOP regional-organisation-of CICOPA')
  })

  it('shows a figure inserted among others as one new figure, not every one after it as changed', async () => {
    const changes = await changed((p) => {
      const org = p.organisations.find((o) => o.figures.length > 0)!
      org.figures.unshift({ ...org.figures[0]!, value: 999 })
    })
    expect(changes.map((c) => [c.kind, c.path, c.after])).toContainEqual(['changed', 'figures[0].value', '999'])
    expect(changes.every((c) => c.path.startsWith('figures[0]'))).toBe(true)
  })

  it('shows dates with their precision and lists of ids joined', async () => {
    const changes = await changed((p) => {
      const org = p.organisations[0]!
      org.founded[0]!.value = { value: '1947', precision: 'circa' }
      org.sources = []
    })
    expect(changes.map((c) => [c.path, c.after])).toContainEqual(['founded[0].value', '1947 (circa)'])
    expect(changes.map((c) => c.path)).toContain('sources')
  })

  it('marks links: address fields, and any text that holds one', async () => {
    const changes = await changed((p) => {
      p.sources[0]!.url = 'https://example.net/other'
      p.organisations[0]!.website = { value: 'https://cicopa.example/', sources: ['src-a'], status: 'sourced' }
      p.organisations[0]!.description.en = 'See https://elsewhere.example for more.'
      p.organisations[1]!.description.en = 'Plain words.'
    })
    const url = Object.fromEntries(changes.map((c) => [`${c.id} ${c.path}`, c.url]))
    expect(url['src-a url']).toBe(true)
    expect(url[`${changes.find((c) => c.path.startsWith('website'))!.id} website.value`]).toBe(true)
    expect(
      changes
        .filter((c) => c.path === 'description.en')
        .map((c) => c.url)
        .sort(),
    ).toEqual([false, true])
  })

  it('counts every change but lists a bounded number, and cuts very long values', async () => {
    const before = await fixture()
    const after = structuredClone(before)
    after.packVersion = '0.0.2'
    after.organisations[0]!.description.en = 'x'.repeat(10_000)
    for (let i = 0; i < MAX_PREVIEW_CHANGES + 50; i++) after.redirects[`gone-${i}`] = after.organisations[0]!.id
    const preview = previewUpdate(before, after, [])
    expect(preview.changeCount).toBeGreaterThan(MAX_PREVIEW_CHANGES)
    expect(preview.changes).toHaveLength(MAX_PREVIEW_CHANGES)
    expect(preview.changes.find((c) => c.path === 'description.en')!.after!.length).toBeLessThanOrEqual(2001)
  })
})
