/** A small pack for the organisation list, compare and profile tests: a few bodies with disputes, memberships and leaders. */
import type { ContentPack, DateClaim, Organisation, Relation } from '../../src/shared/content/schema'
import type { OrganisationSummary } from '../../src/shared/domain'

const year = (value: string, sources: string[], extra: Partial<DateClaim> = {}): DateClaim => ({
  value: { value, precision: 'year' },
  sources,
  status: 'sourced',
  ...extra,
})

const org = (id: string, english: string, acronym: string | null, extra: Partial<Organisation> = {}): Organisation => ({
  id,
  names: { english, ...(acronym ? { acronym } : {}) },
  kind: 'national-federation',
  countries: [],
  founded: [],
  headquarters: [],
  description: { en: `${english}, for tests.` },
  figures: [],
  leaders: [],
  sources: ['src-a'],
  ...extra,
})

const member = (from: string, to: string, extra: Partial<Relation> = {}): Relation => ({
  type: 'member-of',
  from,
  to,
  sources: ['src-c'],
  status: 'sourced',
  ...extra,
})

export const PACK: ContentPack = {
  schemaVersion: 1,
  packVersion: '2.3.4',
  date: '2026-11-23',
  redirects: { 'cecop-old': 'cecop' },
  metrics: [
    { id: 'members', label: { en: 'Member organisations', fr: 'Organisations membres' }, unit: 'count' },
    { id: 'turnover', label: { en: 'Turnover' }, unit: 'eur' },
  ],
  sources: [
    {
      id: 'src-a',
      title: 'What is CECOP?',
      publisher: 'CECOP',
      url: 'https://example.org/about',
      published: { value: '2021-06', precision: 'month' },
      via: 'seed-cecop',
      read: '2026-11-20',
    },
    { id: 'src-b', title: 'Deep roots, long branches', publisher: 'CECOP', via: 'research-1', read: '2026-11-21' },
    { id: 'src-c', title: 'Our members', publisher: 'CICOPA', url: 'https://example.org/members', via: 'seed-cicopa', read: '2026-11-22' },
  ],
  organisations: [
    org('ica', 'International Cooperative Alliance', 'ICA', { kind: 'international', region: 'world', founded: [year('1895', ['src-c'])] }),
    org('cicopa', 'International Organisation of Industrial and Service Cooperatives', 'CICOPA', {
      kind: 'international',
      region: 'world',
      founded: [year('1947', ['src-c'])],
      headquarters: [{ value: { en: 'Brussels' }, sources: ['src-c'], status: 'sourced' }],
      figures: [
        { metric: 'members', value: 51, asOf: null, sources: ['src-c'], status: 'sourced' },
        { metric: 'turnover', value: 2_500_000, asOf: { value: '2020', precision: 'year' }, sources: ['src-c'], status: 'sourced' },
      ],
      leaders: [
        { person: 'Yves Regis', role: 'chair', to: { value: '1996-09', precision: 'month' }, sources: ['src-c'], status: 'sourced' },
        { person: 'Marián Rybár', role: 'chair', from: { value: '1996-10-25', precision: 'day' }, sources: ['src-c'], status: 'sourced' },
        { person: 'Rainer Schlüter', role: 'president', sources: ['src-c'], status: 'sourced' },
        {
          person: 'Iñigo Albizuri',
          role: 'president',
          from: { value: '2019-10-13', precision: 'day' },
          sources: ['src-c'],
          status: 'sourced',
        },
        {
          person: 'Diana Dovgan',
          role: 'secretary-general',
          from: { value: '2018-03', precision: 'month' },
          sources: ['src-c'],
          status: 'sourced',
        },
      ],
      sources: ['src-c'],
    }),
    org('cecop', 'CECOP – CICOPA Europe', 'CECOP', {
      kind: 'regional',
      region: 'europe',
      founded: [
        year('1979', ['src-a'], { note: { en: 'Founded in Manchester by six federations.' } }),
        year('1979', ['src-b'], { note: { en: 'The anniversary page names five founders.' } }),
      ],
      headquarters: [{ value: { en: 'Avenue Milcamps 105, Brussels' }, sources: ['src-a', 'src-b'], status: 'sourced' }],
      website: { value: 'https://cecop.coop', sources: ['src-a'], status: 'sourced' },
      figures: [
        { metric: 'members', value: 27, asOf: null, sources: ['src-a'], status: 'sourced' },
        { metric: 'members', value: 25, asOf: null, sources: ['src-b'], status: 'sourced' },
        {
          metric: 'members',
          value: 26,
          asOf: { value: '2017', precision: 'year' },
          sources: ['src-b'],
          status: 'inferred',
          note: { en: 'Dated by its counts.' },
        },
      ],
      leaders: [
        {
          person: 'Monica Fantini',
          role: 'president',
          from: { value: '2025-10-16', precision: 'day' },
          sources: ['src-a'],
          status: 'sourced',
        },
      ],
    }),
    org('coceta', 'Confederación Española de Cooperativas de Trabajo Asociado', 'COCETA', {
      countries: ['ES'],
      founded: [year('1986', ['src-a'], { status: 'inferred' })],
    }),
    org('cg-scop', 'Confédération générale des Scop', 'CG Scop', { countries: ['FR'], founded: [year('1884', ['src-a'])] }),
    org('jwcu', 'Japan Workers’ Co-operative Union', 'JWCU', { countries: ['JP'] }),
  ],
  relations: [
    { type: 'regional-organisation-of', from: 'cecop', to: 'cicopa', sources: ['src-b'], status: 'sourced' },
    { type: 'sectoral-organisation-of', from: 'cicopa', to: 'ica', sources: ['src-c'], status: 'sourced' },
    member('coceta', 'cecop', { status: 'inferred', note: { en: 'Listed as a member on a partner page.' } }),
    member('coceta', 'cicopa', { status: 'inferred' }),
    member('coceta', 'cicopa'),
    member('cg-scop', 'cecop'),
    member('cg-scop', 'cicopa'),
    member('jwcu', 'cicopa'),
    member('cg-scop', 'ica', { until: { value: '2000', precision: 'year' } }),
  ],
  events: [],
  cooperativeKinds: [],
  strategicPlan: {
    id: 'plan',
    title: { en: 'Plan' },
    organisation: 'cecop',
    period: { from: 2021, to: 2025 },
    adopted: [],
    adoptedBy: { value: { en: 'the congress' }, sources: ['src-a'], status: 'sourced' },
    pillars: [],
    challenges: [],
    commitments: [],
    status: { text: { en: 'Running' }, checkedOn: '2026-11-23', sources: [] },
  },
}

/** The list's summaries of the pack, as main gives them (memberships current, one per organisation, surest status). */
export const SUMMARIES: OrganisationSummary[] = [
  summary('cg-scop', [
    ['cecop', 'sourced'],
    ['cicopa', 'sourced'],
  ]),
  summary('cecop', []),
  summary('cicopa', []),
  summary('coceta', [
    ['cecop', 'inferred'],
    ['cicopa', 'sourced'],
  ]),
  summary('ica', []),
  summary('jwcu', [['cicopa', 'sourced']]),
]

function summary(id: string, memberOf: [string, 'sourced' | 'inferred'][]): OrganisationSummary {
  const o = PACK.organisations.find((x) => x.id === id)!
  return {
    id,
    name: o.names.english,
    acronym: o.names.acronym ?? null,
    kind: o.kind,
    countries: o.countries,
    region: o.region ?? null,
    foundedYear: o.founded[0] ? Number(o.founded[0].value.value) : null,
    memberOf: memberOf.map(([parent, status]) => ({ id: parent, status })),
  }
}
