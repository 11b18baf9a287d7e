/**
 * The member columns: one group per hub with members, its members by country, each member with its own members
 * indented beneath it; a group takes more columns, tallest first, while the width allows and it pays.
 */
import { GEOMETRY as G, type LayoutContext } from './geometry'
import type { Hierarchy } from './hierarchy'
import { wrapLabel } from './text'

/** One line in a column: a member, at its depth under the column's hub. */
export interface Unit {
  id: string
  indent: number
  lines: string[]
  height: number
  width: number
  via: number
}

export interface CountryBlock {
  key: string
  label: string
  /** Each entry a member with its own members beneath (kept together in one column). */
  units: Unit[][]
}

export interface PackedColumn {
  entries: ({ kind: 'caption'; block: CountryBlock } | { kind: 'unit'; unit: Unit[] })[]
  height: number
}

const unitHeight = (unit: Unit[]): number => unit.reduce((sum, u) => sum + u.height + G.pill.gap, 0)

/** Fills `count` columns with country blocks, keeping each member with its own members, repeating a country's heading when it breaks. */
export function packColumns(blocks: readonly CountryBlock[], count: number): PackedColumn[] {
  const { caption, captionGap } = G.column
  const total = blocks.reduce((sum, b) => sum + caption + captionGap + b.units.reduce((s, u) => s + unitHeight(u), 0), 0)
  const target = total / count
  const columns: PackedColumn[] = [{ entries: [], height: 0 }]
  for (const block of blocks) {
    block.units.forEach((unit, i) => {
      let column = columns.at(-1)!
      const withCaption = i === 0 || column.height === 0
      const add = unitHeight(unit) + (withCaption ? caption + (column.height > 0 ? captionGap : 0) : 0)
      // Break before this member when more than half of it would overflow the target.
      if (column.height > 0 && columns.length < count && column.height + add - target > target - column.height) {
        column = { entries: [], height: 0 }
        columns.push(column)
      }
      if (i === 0 || column.height === 0) {
        column.height += (column.height > 0 ? captionGap : 0) + caption
        column.entries.push({ kind: 'caption', block })
      }
      column.entries.push({ kind: 'unit', unit })
      column.height += unitHeight(unit)
    })
  }
  return columns
}

/** Members grouped by country (the groups by name, "no country" last), each with its own members beneath it. */
export function countryBlocks(h: Hierarchy, context: LayoutContext, members: readonly string[]): CountryBlock[] {
  const { options, measure, compare } = context
  const unitOf = (id: string, indent: number): Unit[] => {
    const width = context.columnWidth - G.column.pillX - indent * G.column.nest
    const lines = wrapLabel(options.label(id), width - 2 * G.pill.padX, 'member', measure)
    const own: Unit = {
      id,
      indent,
      lines,
      height: G.pill.height + (lines.length - 1) * G.pill.line,
      width: Math.min(width, Math.max(...lines.map((l) => measure(l, 'member'))) + 2 * G.pill.padX),
      via: h.primary.get(id)!.index,
    }
    return [own, ...(h.kids.get(id) ?? []).flatMap((k) => unitOf(k, indent + 1))]
  }
  const blocks = new Map<string, CountryBlock>()
  for (const id of members) {
    const codes = h.orgs.get(id)!.countries
    const key = codes.join(',')
    const block = blocks.get(key) ?? { key, label: options.countryLabel(codes), units: [] }
    block.units.push(unitOf(id, 0))
    blocks.set(key, block)
  }
  return [...blocks.values()].sort((a, b) => Number(a.key === '') - Number(b.key === '') || compare(a.label, b.label))
}

/** Whether a hub heads a member column, or has a regional body below it that does (it is placed over them). */
export function anchoring(h: Hierarchy): (id: string) => boolean {
  const anchored = new Map<string, boolean>()
  const isAnchored = (id: string): boolean => {
    let known = anchored.get(id)
    if (known === undefined) {
      known = h.hasGroup(id) || h.hubKids(id).some(isAnchored)
      anchored.set(id, known)
    }
    return known
  }
  return isAnchored
}

/** The order of columns: each hub's own column in the middle of its regional bodies', so its trunk drops straight. */
export function groupOrder(h: Hierarchy, isAnchored: (id: string) => boolean): string[] {
  const order: string[] = []
  const visit = (id: string): void => {
    const sub = h.hubKids(id).filter(isAnchored)
    const sequence: (string | null)[] = [...sub]
    if (h.hasGroup(id)) sequence.splice(Math.floor(sub.length / 2), 0, null)
    for (const item of sequence) {
      if (item === null) order.push(id)
      else visit(item)
    }
  }
  for (const root of h.roots.filter(isAnchored)) visit(root)
  return order
}

/** The column width that puts one column per group side by side in `width`: the usual one when it fits, never under the minimum. */
export function columnWidthFor(groups: number, width: number): number {
  if (groups === 0) return G.column.width
  const room = (width - 2 * G.margin - (groups - 1) * G.column.groupGap) / groups
  return Math.max(G.column.minWidth, Math.min(G.column.width, Math.floor(room)))
}

/** Packs each group, giving the tallest another column while the groups still fit `width` and that makes it three lines shorter. */
export function fitColumns(h: Hierarchy, context: LayoutContext, order: readonly string[], width: number): Map<string, PackedColumn[]> {
  const blocksOf = new Map(order.map((id) => [id, countryBlocks(h, context, h.memberKids(id))]))
  const columnsOf = new Map(order.map((id) => [id, 1]))
  const packed = new Map(order.map((id) => [id, packColumns(blocksOf.get(id)!, 1)]))
  const heightOf = (id: string): number => Math.max(...packed.get(id)!.map((c) => c.height))
  /** The width the columns take, with `extra` more columns for `hub`. */
  const columnsWidth = (hub: string | null, extra: number): number =>
    order.reduce((sum, id) => {
      const n = columnsOf.get(id)! + (id === hub ? extra : 0)
      return sum + n * context.columnWidth + (n - 1) * G.column.gap
    }, 0) +
    Math.max(0, order.length - 1) * G.column.groupGap
  for (;;) {
    if (order.length === 0) break
    const tallest = order.reduce((a, b) => (heightOf(b) > heightOf(a) ? b : a))
    if (columnsWidth(tallest, 1) > width - 2 * G.margin) break
    const count = columnsOf.get(tallest)! + 1
    const attempt = packColumns(blocksOf.get(tallest)!, count)
    const better = Math.max(...attempt.map((c) => c.height))
    if (attempt.length < count || better > heightOf(tallest) - 3 * G.pill.height) break
    columnsOf.set(tallest, count)
    packed.set(tallest, attempt)
  }
  return packed
}
