import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadPack } from '../../../../src/main/content/load-pack'
import { ContentService } from '../../../../src/main/services/content-service'
import type { ContentPack, Relation } from '../../../../src/shared/content/schema'

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
