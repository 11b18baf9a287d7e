import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  distinctClaims,
  estimateWidth,
  layoutNetwork,
  linkGroups,
  nodeInDirection,
  readYear,
  shiftX,
  snapshot,
  spreadRow,
  wrapLabel,
  yearExtent,
  type LayoutOptions,
  type NetworkLayout,
  type OutlineItem,
} from '../../../src/renderer/lib/network'
import type { FactStatus, Organisation, PartialDate, Relation, RelationType } from '../../../src/shared/content/schema'

const org = (id: string, kind: Organisation['kind'], countries: string[] = [], founded: string[] = []): Organisation => ({
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

const date = (value: string): PartialDate => ({ value, precision: value.length === 4 ? 'year' : 'month' })
const rel = (
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

/** A small world shaped like the real one: ICA → CICOPA → regions → sub-regions, members in several places. */
const organisations = [
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
const relations = [
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

const options = (width = 1000): LayoutOptions => ({
  width,
  label: (id) => id.toUpperCase(),
  countryLabel: (codes) =>
    codes.length === 0 ? 'nowhere' : codes.map((c) => new Intl.DisplayNames(['en'], { type: 'region' }).of(c)!).join(', '),
  groupHeading: (hub, others) => `${others ? 'Other members' : 'Members'} of ${hub}`,
})

const node = (layout: NetworkLayout, id: string) => layout.nodes.find((n) => n.id === id)!
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

describe('layoutNetwork', () => {
  const layout = layoutNetwork(organisations, relations, options())

  it('places every linked organisation exactly once, and lists the unlinked apart', () => {
    const ids = layout.nodes.map((n) => n.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.toSorted()).toEqual(
      organisations
        .map((o) => o.id)
        .filter((id) => id !== 'lonely')
        .toSorted(),
    )
    expect(layout.unlinked).toEqual(['lonely'])
  })

  it('draws one edge for each relation between known organisations, and none to an unknown one', () => {
    const expected = relations.map((r, i) => ({ r, i })).filter(({ r }) => r.to !== 'ghost')
    expect(layout.edges.map((e) => e.index).toSorted((a, b) => a - b)).toEqual(expected.map(({ i }) => i))
    for (const edge of layout.edges) expect(edge.path).toMatch(/^M[\d.]+ [\d.]+/)
  })

  it('hangs a member with several parents under the most specific one and draws the other link as an extra edge', () => {
    const coceta = node(layout, 'coceta')
    expect(coceta).toMatchObject({ role: 'member', parent: 'cecop', group: 'cecop' })
    const toCicopa = layout.edges.find((e) => e.relation.from === 'coceta' && e.relation.to === 'cicopa')!
    expect(toCicopa.tree).toBe(false)
    expect(layout.edges.find((e) => e.relation.from === 'coceta' && e.relation.to === 'cecop')!.tree).toBe(true)
    // A member of a member sits indented under it, in the same column.
    expect(node(layout, 'legacoop-sociali')).toMatchObject({ parent: 'legacoop', group: 'cecop', indent: 1 })
  })

  it('puts the structure in rows above the member columns, parents above children', () => {
    const [ica, cicopa, cecop, americas, mercosur] = ['ica', 'cicopa', 'cecop', 'americas', 'mercosur'].map((id) => node(layout, id))
    expect(ica!.layer).toBe(0)
    expect(cicopa!.layer).toBe(1)
    expect(cecop!.layer).toBe(2)
    expect(mercosur!.layer).toBe(3)
    // When two parents are as deep, the regional link wins over the sectoral one.
    expect(americas!.parent).toBe('cicopa')
    const lowestHub = Math.max(...layout.nodes.filter((n) => n.role === 'hub').map((n) => n.y + n.height))
    for (const member of layout.nodes.filter((n) => n.role === 'member')) expect(member.y).toBeGreaterThan(lowestHub)
  })

  it('sets networks others join just above them, and forerunners above what they became', () => {
    expect(node(layout, 'see').layer).toBe(node(layout, 'cecop').layer - 1)
    expect(node(layout, 'ccace').layer).toBe(node(layout, 'coop-europe').layer - 1)
    const forerunner = layout.edges.find((e) => e.relation.type === 'forerunner-of')!
    expect(forerunner.tree).toBe(false)
  })

  it('groups each column by country, with a heading per country', () => {
    const cecopMembers = layout.nodes.filter((n) => n.group === 'cecop' && n.indent === 0)
    expect(cecopMembers.map((n) => n.id)).toEqual(['cg-scop', 'legacoop', 'coceta']) // France, Italy, Spain
    const countries = layout.captions.filter((c) => c.kind === 'country' && c.group === 'cecop').map((c) => c.lines[0])
    expect(countries).toEqual(['France', 'Italy', 'Spain'])
    expect(layout.captions.find((c) => c.kind === 'group' && c.group === 'cicopa')!.lines.join(' ')).toBe('Other members of cicopa')
  })

  it('never overlaps two organisations, at any width', () => {
    for (const width of [500, 900, 1600]) {
      const l = layoutNetwork(organisations, relations, options(width))
      for (const [i, a] of l.nodes.entries()) for (const b of l.nodes.slice(i + 1)) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false)
      for (const n of l.nodes) expect(n.x + n.width).toBeLessThanOrEqual(l.width)
      expect(l.width).toBeGreaterThanOrEqual(width)
    }
  })

  it('gives the nested list the same tree: hubs, then members by country', () => {
    const ids: string[] = []
    const walk = (items: OutlineItem[]) => {
      for (const item of items) {
        ids.push(item.id)
        walk(item.children)
        for (const group of item.groups) walk(group.items)
      }
    }
    walk(layout.outline)
    expect(ids.toSorted()).toEqual(layout.nodes.map((n) => n.id).toSorted())
    const ica = layout.outline.find((i) => i.id === 'ica')!
    const cecop = ica.children.find((c) => c.id === 'cicopa')!.children.find((c) => c.id === 'cecop')!
    expect(cecop.groups.map((g) => g.label)).toEqual(['France', 'Italy', 'Spain'])
    expect(cecop.groups[1]!.items[0]!.children.map((c) => c.id)).toEqual(['legacoop-sociali'])
    expect(relations[cecop.via!]!.type).toBe('regional-organisation-of')
  })

  it('survives a cycle in the pack', () => {
    const cyclic = [rel('member-of', 'coceta', 'cg-scop'), rel('member-of', 'cg-scop', 'coceta')]
    const l = layoutNetwork(organisations.slice(9, 11), cyclic, options())
    expect(l.nodes.map((n) => n.id).toSorted()).toEqual(['cg-scop', 'coceta'])
    expect(l.edges).toHaveLength(2)
  })

  it('orders nodes for the keyboard: rows top to bottom, then columns down', () => {
    const hubs = layout.nodes.filter((n) => n.role === 'hub')
    expect(layout.nodes.slice(0, hubs.length)).toEqual(hubs)
    for (let i = 1; i < hubs.length; i++) expect(hubs[i]!.layer).toBeGreaterThanOrEqual(hubs[i - 1]!.layer)
  })
})

describe('the real pack', () => {
  const dir = join(process.cwd(), 'resources/content')
  const pack = {
    organisations: JSON.parse(readFileSync(join(dir, 'organisations.json'), 'utf8')) as Organisation[],
    relations: JSON.parse(readFileSync(join(dir, 'relations.json'), 'utf8')) as Relation[],
  }
  const label = (id: string) => {
    const o = pack.organisations.find((x) => x.id === id)!
    return o.names.acronym ?? o.names.english
  }

  it('lays out every organisation and relation without overlaps, at the widths of the window sizes we support', () => {
    for (const width of [700, 976, 1232]) {
      const l = layoutNetwork(pack.organisations, pack.relations, { ...options(width), label })
      expect(l.nodes.length + l.unlinked.length).toBe(pack.organisations.length)
      expect(l.edges).toHaveLength(pack.relations.length)
      for (const [i, a] of l.nodes.entries()) for (const b of l.nodes.slice(i + 1)) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false)
      expect(node(l, 'cecop').parent).toBe('cicopa')
      expect(node(l, 'cicopa').parent).toBe('ica')
      expect(node(l, 'cicopa-mercosur').parent).toBe('cicopa-americas')
    }
  })

  it('uses the room it is given: a wider window, a shorter diagram', () => {
    const narrow = layoutNetwork(pack.organisations, pack.relations, { ...options(760), label })
    const wide = layoutNetwork(pack.organisations, pack.relations, { ...options(1232), label })
    expect(wide.height).toBeLessThan(narrow.height)
    expect(wide.width).toBe(1232)
  })
})

describe('the network in a year', () => {
  it('hides what was not founded or begun yet, keeps what is undated, and drops what had ended', () => {
    const extra = [...relations, rel('member-of', 'sewa', 'cecop', { since: '1980', until: '1985' })]
    const in1985 = snapshot(organisations, extra, 1985)
    expect(in1985.organisations.has('cecop')).toBe(true) // 1979
    expect(in1985.organisations.has('coceta')).toBe(false) // 1986
    expect(in1985.organisations.has('legacoop')).toBe(true) // undated: every year
    expect(in1985.relations.has(1)).toBe(false) // CECOP joined CICOPA in 1997
    expect(in1985.relations.has(0)).toBe(true) // CICOPA in ICA since 1947
    expect(in1985.relations.has(10)).toBe(false) // COCETA not founded yet
    expect(in1985.relations.has(12)).toBe(false) // CG Scop joined CECOP in 1990
    expect(in1985.relations.has(7)).toBe(false) // Cooperatives Europe not founded yet
    expect(in1985.relations.has(19)).toBe(true) // SEWA in CECOP 1980–1985: still in its last year
  })

  it('keeps a relation from its first year to its last, and a link only while both ends exist', () => {
    const extra = [...relations, rel('member-of', 'sewa', 'cecop', { since: '1980', until: '1985' })]
    const last = extra.length - 1
    expect(snapshot(organisations, extra, 1979).relations.has(last)).toBe(false)
    expect(snapshot(organisations, extra, 1980).relations.has(last)).toBe(true)
    expect(snapshot(organisations, extra, 1985).relations.has(last)).toBe(true)
    expect(snapshot(organisations, extra, 1986).relations.has(last)).toBe(false)
    expect(snapshot(organisations, relations, 1989).relations.has(12)).toBe(false)
    expect(snapshot(organisations, relations, 1990).relations.has(12)).toBe(true)
    // Sources disagree on 2005 or 2006: the organisation shows from the earlier.
    expect(snapshot(organisations, relations, 2005).organisations.has('coop-europe')).toBe(true)
  })

  it('shows everything when no year is chosen', () => {
    const all = snapshot(organisations, relations, null)
    expect(all.organisations.size).toBe(organisations.length)
    expect(all.relations.size).toBe(relations.length - 1) // not the one to an unknown organisation
  })

  it('offers the years from the first dated fact to the pack’s year, and reads the year from the address', () => {
    const extent = yearExtent(organisations, relations, 2026)
    expect(extent).toEqual({ min: 1884, max: 2026 })
    expect(readYear({ year: '1995' }, extent)).toBe(1995)
    expect(readYear({ year: '1500' }, extent)).toBe(1884)
    expect(readYear({ year: '3000' }, extent)).toBe(2026)
    expect(readYear({ year: 'soon' }, extent)).toBeNull()
    expect(readYear({}, extent)).toBeNull()
  })
})

describe('moving by keyboard', () => {
  const boxes = [
    { id: 'top', x: 100, y: 0, width: 80, height: 40 },
    { id: 'left', x: 0, y: 100, width: 80, height: 40 },
    { id: 'right', x: 200, y: 100, width: 80, height: 40 },
    { id: 'below-right', x: 210, y: 200, width: 80, height: 20 },
  ]

  it('goes to the nearest organisation in the arrow’s direction', () => {
    expect(nodeInDirection(boxes, 'top', 'ArrowDown')).toBe('left')
    expect(nodeInDirection(boxes, 'left', 'ArrowRight')).toBe('right')
    expect(nodeInDirection(boxes, 'right', 'ArrowLeft')).toBe('left')
    expect(nodeInDirection(boxes, 'right', 'ArrowDown')).toBe('below-right')
    expect(nodeInDirection(boxes, 'right', 'ArrowUp')).toBe('top')
    expect(nodeInDirection(boxes, 'top', 'ArrowUp')).toBeNull()
  })

  it('goes to the first and last with Home and End, and ignores other keys', () => {
    expect(nodeInDirection(boxes, 'right', 'Home')).toBe('top')
    expect(nodeInDirection(boxes, 'top', 'End')).toBe('below-right')
    expect(nodeInDirection(boxes, 'top', 'a')).toBeNull()
    expect(nodeInDirection(boxes, null, 'ArrowDown')).toBe('top')
  })
})

describe('helpers', () => {
  it('wraps a label into lines that fit, and cuts the last with an ellipsis when it must', () => {
    const width = estimateWidth('Legacoop Produzione', 'member')
    expect(wrapLabel('Legacoop Produzione e Servizi', width, 'member')).toEqual(['Legacoop Produzione', 'e Servizi'])
    const cut = wrapLabel('Confcooperative Lavoro e Servizi and more words besides', width, 'member')
    expect(cut).toHaveLength(2)
    expect(cut[1]).toMatch(/…$/)
    for (const line of cut) expect(estimateWidth(line, 'member')).toBeLessThanOrEqual(width)
  })

  it('spreads a row apart with the least movement, keeping its order', () => {
    expect(
      spreadRow(
        [
          { desired: 100, width: 50, weight: 1 },
          { desired: 300, width: 50, weight: 1 },
        ],
        10,
      ),
    ).toEqual([100, 300])
    const [a, b] = spreadRow(
      [
        { desired: 100, width: 50, weight: 1 },
        { desired: 100, width: 50, weight: 1 },
      ],
      10,
    )
    expect(b! - a!).toBe(60)
    expect((a! + b!) / 2).toBe(100)
    const [heavy, light] = spreadRow(
      [
        { desired: 100, width: 50, weight: 9 },
        { desired: 100, width: 50, weight: 1 },
      ],
      10,
    )
    expect(heavy).toBe(94)
    expect(light).toBe(154)
  })

  it('moves a path sideways without touching its heights', () => {
    expect(shiftX('M10 20C10 30 40 50 40 60H70V90', 5)).toBe('M15 20C15 30 45 50 45 60H75V90')
  })

  it('merges date claims that agree, keeping every source and the surest status', () => {
    const claim = (value: string, sources: string[], status: FactStatus) => ({
      value: { value, precision: 'year' as const },
      sources,
      status,
    })
    const merged = distinctClaims([claim('1979', ['a'], 'inferred'), claim('1979', ['b', 'a'], 'sourced'), claim('1980', ['c'], 'sourced')])
    expect(merged).toEqual([claim('1979', ['a', 'b'], 'sourced'), claim('1980', ['c'], 'sourced')])
  })

  it('groups an organisation’s links: what it belongs to, then what belongs to it', () => {
    const groups = linkGroups(relations, 'cecop')
    expect(groups.map((g) => `${g.direction} ${g.type} ${g.links.map((l) => l.other).join(',')}`)).toEqual([
      'outgoing regional-organisation-of cicopa',
      'outgoing member-of coop-europe,see',
      'incoming member-of coceta,cg-scop,legacoop,legacoop-sociali',
    ])
  })
})
