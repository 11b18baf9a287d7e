/** A small world shaped like the real one, for the network's tests: ICA → CICOPA → regions → sub-regions, members in several places. */
import type { FactStatus, Organisation, PartialDate, Relation, RelationType } from '../../../../src/shared/content/schema'
import type { LayoutOptions, NetworkLayout } from '../../../../src/renderer/lib/network'

export const org = (id: string, kind: Organisation['kind'], countries: string[] = [], founded: string[] = []): Organisation => ({
  id,
  names: { english: id.toUpperCase() },
  kind,
  countries,
  founded: founded.map((value) => ({
    value: { value, precision: value.length === 4 ? 'year' : 'day' },
    sources: ['s'],
    status: 'sourced',
  })),
  headquarters: [],
  description: { en: id },
  figures: [],
  leaders: [],
  sources: [],
})

export const date = (value: string): PartialDate => ({ value, precision: value.length === 4 ? 'year' : 'month' })
export const rel = (
  type: RelationType,
  from: string,
  to: string,
  extra: { since?: string; until?: string; status?: FactStatus } = {},
): Relation => ({
  type,
  from,
  to,
  ...(extra.since ? { since: date(extra.since) } : {}),
  ...(extra.until ? { until: date(extra.until) } : {}),
  sources: ['s'],
  status: extra.status ?? 'sourced',
})

export const organisations = [
  org('ica', 'international', [], ['1895']),
  org('cicopa', 'international', [], ['1947']),
  org('cecop', 'regional', [], ['1979']),
  org('americas', 'regional', [], ['2011']),
  org('ica-americas', 'regional'),
  org('mercosur', 'sub-regional', ['AR', 'BR'], ['2012']),
  org('coop-europe', 'regional', [], ['2006', '2005']),
  org('ccace', 'network', [], ['1982']),
  org('see', 'network', [], ['2008']),
  org('coceta', 'national-federation', ['ES'], ['1986']),
  org('cg-scop', 'national-federation', ['FR'], ['1884']),
  org('legacoop', 'national-federation', ['IT']),
  org('legacoop-sociali', 'national-federation', ['IT']),
  org('cwcf', 'national-federation', ['CA'], ['1991']),
  org('sewa', 'national-federation', ['IN']),
  org('lonely', 'enterprise', ['DE']),
]
export const relations = [
  rel('sectoral-organisation-of', 'cicopa', 'ica', { since: '1947' }),
  rel('regional-organisation-of', 'cecop', 'cicopa', { since: '1997' }),
  rel('regional-organisation-of', 'americas', 'cicopa'),
  rel('sectoral-organisation-of', 'americas', 'ica-americas'),
  rel('regional-organisation-of', 'ica-americas', 'ica'),
  rel('sub-region-of', 'mercosur', 'americas'),
  rel('regional-organisation-of', 'coop-europe', 'ica'),
  rel('member-of', 'cecop', 'coop-europe'),
  rel('member-of', 'cecop', 'see'),
  rel('forerunner-of', 'ccace', 'coop-europe'),
  rel('member-of', 'coceta', 'cecop'),
  rel('member-of', 'coceta', 'cicopa', { status: 'inferred' }),
  rel('member-of', 'cg-scop', 'cecop', { since: '1990' }),
  rel('member-of', 'legacoop', 'cecop'),
  rel('member-of', 'legacoop-sociali', 'legacoop'),
  rel('member-of', 'legacoop-sociali', 'cecop'),
  rel('member-of', 'cwcf', 'americas', { status: 'unverified' }),
  rel('member-of', 'sewa', 'cicopa'),
  rel('member-of', 'cg-scop', 'ghost'),
]

export const options = (width = 1000): LayoutOptions => ({
  width,
  label: (id) => id.toUpperCase(),
  countryLabel: (codes) =>
    codes.length === 0 ? 'nowhere' : codes.map((c) => new Intl.DisplayNames(['en'], { type: 'region' }).of(c)!).join(', '),
  groupHeading: (hub, others) => `${others ? 'Other members' : 'Members'} of ${hub}`,
})

export const node = (layout: NetworkLayout, id: string) => layout.nodes.find((n) => n.id === id)!
export const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
