import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OutlineItem } from '../../../../src/renderer/lib/network/geometry'
import { layoutNetwork } from '../../../../src/renderer/lib/network/layout'
import { shortName } from '../../../../src/shared/content/names'
import type { Organisation, Relation } from '../../../../src/shared/content/schema'
import { node, options, organisations, overlap, rel, relations } from './world'

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
    return shortName(o.names)
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
      // At the widths of the supported windows the whole drawing fits: no sideways scrolling.
      if (width >= 976) expect(l.width, `at ${width}`).toBe(width)
    }
  })

  it('uses the room it is given: a wider window, a shorter diagram', () => {
    const narrow = layoutNetwork(pack.organisations, pack.relations, { ...options(760), label })
    const wide = layoutNetwork(pack.organisations, pack.relations, { ...options(1232), label })
    expect(wide.height).toBeLessThan(narrow.height)
    expect(wide.width).toBe(1232)
  })
})
