/**
 * The lines of the drawing. Between hubs: down from one row to another, or an arc over the top within a row; from a
 * member to a hub or another member: out of the pill's side. Where several lines meet a hub's top or bottom, they
 * are spread along it in the order of what they lead to. Paths use absolute M, C, H and V commands only.
 */
import type { Relation } from '../../../shared/content/schema'
import { GEOMETRY as G, r1, type Connector, type NetworkEdge, type NetworkNode } from './geometry'
import type { Link } from './hierarchy'
import type { MemberColumns } from './members'

type Side = 'top' | 'bottom'
type Shape = 'vertical' | 'arc' | 'member-hub' | 'member-member'
interface Plan {
  index: number
  a: NetworkNode
  b: NetworkNode
  shape: Shape
}

const cx = (n: NetworkNode): number => n.x + n.width / 2

/** A curve straight down from (x1, y1) to (x2, y2). */
const vertical = (x1: number, y1: number, x2: number, y2: number): string => {
  const k = Math.max(18, (y2 - y1) / 2)
  return `M${r1(x1)} ${r1(y1)}C${r1(x1)} ${r1(y1 + k)} ${r1(x2)} ${r1(y2 - k)} ${r1(x2)} ${r1(y2)}`
}

/** Where each line meets a hub's top or bottom: spread along it, in the order of what they lead to. */
class Anchors {
  readonly #lists = new Map<string, { key: string; toward: number }[]>()
  #at = new Map<string, number>()

  add(id: string, side: Side, key: string, toward: number): void {
    const list = this.#lists.get(`${id}|${side}`) ?? []
    list.push({ key, toward })
    this.#lists.set(`${id}|${side}`, list)
  }

  spread(nodes: ReadonlyMap<string, NetworkNode>): void {
    for (const [where, list] of this.#lists) {
      const [id] = where.split('|') as [string]
      const node = nodes.get(id)!
      list.sort((a, b) => a.toward - b.toward || a.key.localeCompare(b.key))
      const step = list.length > 1 ? Math.min(12, (node.width * 0.7) / (list.length - 1)) : 0
      list.forEach((item, i) => this.#at.set(`${where}|${item.key}`, cx(node) + (i - (list.length - 1) / 2) * step))
    }
  }

  x(node: NetworkNode, side: Side, key: string): number {
    return this.#at.get(`${node.id}|${side}|${key}`) ?? cx(node)
  }
}

/** Which shape each relation takes, and its place on the hubs it meets. A member's own primary link is its tree tick instead. */
function planEdges(
  links: readonly Link[],
  nodes: ReadonlyMap<string, NetworkNode>,
  treeIndex: ReadonlySet<number>,
  anchors: Anchors,
): Plan[] {
  const plans: Plan[] = []
  for (const { relation, index } of links) {
    const from = nodes.get(relation.from)!
    const to = nodes.get(relation.to)!
    if (from.role === 'member' && treeIndex.has(index) && from.primary === index) continue
    if (from.role === 'hub' && to.role === 'hub') {
      if (from.layer === to.layer) {
        plans.push({ index, a: from, b: to, shape: 'arc' })
        anchors.add(from.id, 'top', `${index}`, cx(to))
        anchors.add(to.id, 'top', `${index}`, cx(from))
      } else {
        const [upper, lower] = from.layer < to.layer ? [from, to] : [to, from]
        plans.push({ index, a: upper, b: lower, shape: 'vertical' })
        anchors.add(upper.id, 'bottom', `${index}`, cx(lower))
        anchors.add(lower.id, 'top', `${index}`, cx(upper))
      }
    } else if (from.role === 'member' && to.role === 'member') {
      plans.push({ index, a: from, b: to, shape: 'member-member' })
    } else {
      const [member, hub] = from.role === 'member' ? [from, to] : [to, from]
      plans.push({ index, a: member, b: hub, shape: 'member-hub' })
      anchors.add(hub.id, 'bottom', `${index}`, member.x + member.width)
    }
  }
  return plans
}

/** The path of one planned edge; `shift` moves repeated links between the same two members apart. */
function edgePath(plan: Plan, anchors: Anchors, shift: number): string {
  const { a, b } = plan
  const key = `${plan.index}`
  if (plan.shape === 'vertical') return vertical(anchors.x(a, 'bottom', key), a.y + a.height, anchors.x(b, 'top', key), b.y)
  if (plan.shape === 'arc') {
    const h = 20 + Math.min(20, Math.abs(cx(b) - cx(a)) * 0.05)
    const ax = anchors.x(a, 'top', key)
    const bx = anchors.x(b, 'top', key)
    return `M${r1(ax)} ${r1(a.y)}C${r1(ax)} ${r1(a.y - h)} ${r1(bx)} ${r1(b.y - h)} ${r1(bx)} ${r1(b.y)}`
  }
  const ay = a.y + Math.min(a.height, G.pill.height) / 2 + shift
  if (plan.shape === 'member-hub') {
    const hx = anchors.x(b, 'bottom', key)
    const hy = b.y + b.height
    const right = hx >= a.x
    const sx = right ? a.x + a.width : a.x
    const d = right ? 36 : -36
    return `M${r1(sx)} ${r1(ay)}C${r1(sx + d)} ${r1(ay)} ${r1(hx)} ${r1(hy + (ay - hy) * 0.55)} ${r1(hx)} ${r1(hy)}`
  }
  const by = b.y + Math.min(b.height, G.pill.height) / 2 + shift
  // Two members in one column: a loop out to the right; in different columns (never nearer than the narrowest column): across.
  if (Math.abs(a.x - b.x) < G.column.minWidth / 2) {
    const ex = Math.max(a.x + a.width, b.x + b.width) + 18
    return `M${r1(a.x + a.width)} ${r1(ay)}C${r1(ex)} ${r1(ay)} ${r1(ex)} ${r1(by)} ${r1(b.x + b.width)} ${r1(by)}`
  }
  const [left, right, ly, ry] = a.x < b.x ? [a, b, ay, by] : [b, a, by, ay]
  const sx = left.x + left.width
  const d = Math.max(20, (right.x - sx) / 2)
  return `M${r1(sx)} ${r1(ly)}C${r1(sx + d)} ${r1(ly)} ${r1(right.x - d)} ${r1(ry)} ${r1(right.x)} ${r1(ry)}`
}

/** Every edge (in the pack's order of relations), and the trunks from each hub down to its member columns. */
export function drawEdges(
  relations: readonly Relation[],
  links: readonly Link[],
  primary: Iterable<Link>,
  nodes: ReadonlyMap<string, NetworkNode>,
  order: readonly string[],
  columns: Pick<MemberColumns, 'groupSpan' | 'treeTicks'>,
  columnsTop: number,
): { edges: NetworkEdge[]; trunks: Connector[] } {
  const anchors = new Anchors()
  const treeIndex = new Set([...primary].map((l) => l.index))
  const plans = planEdges(links, nodes, treeIndex, anchors)
  for (const hub of order) {
    const node = nodes.get(hub)
    if (node) anchors.add(hub, 'bottom', `trunk:${hub}`, columns.groupSpan.get(hub)!.spine)
  }
  anchors.spread(nodes)

  const pairCount = new Map<string, number>()
  const edges: NetworkEdge[] = []
  for (const plan of plans) {
    let shift = 0
    if (plan.shape === 'member-hub' || plan.shape === 'member-member') {
      const pair = [plan.a.id, plan.b.id].sort().join('|')
      const n = pairCount.get(pair) ?? 0
      pairCount.set(pair, n + 1)
      shift = n * 4
    }
    edges.push({
      index: plan.index,
      relation: relations[plan.index]!,
      tree: treeIndex.has(plan.index),
      path: edgePath(plan, anchors, shift),
    })
  }
  for (const tick of columns.treeTicks) edges.push({ index: tick.index, relation: relations[tick.index]!, tree: true, path: tick.path })
  edges.sort((a, b) => a.index - b.index)
  const trunks = order.map((hub) => {
    const node = nodes.get(hub)!
    const span = columns.groupSpan.get(hub)!
    return { group: hub, path: vertical(anchors.x(node, 'bottom', `trunk:${hub}`), node.y + node.height, span.spine, columnsTop) }
  })
  return { edges, trunks }
}

/** Moves an SVG path drawn with absolute M, C, H and V commands `dx` to the right. */
export function shiftX(path: string, dx: number): string {
  if (dx === 0) return path
  return path.replace(/([MCHV])([^MCHV]*)/g, (_, command: string, args: string) => {
    if (command === 'V') return `V${args}`
    const numbers = args
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number)
    const moved = command === 'H' ? numbers.map((v) => r1(v + dx)) : numbers.map((v, i) => (i % 2 === 0 ? r1(v + dx) : v))
    return `${command}${moved.join(' ')}`
  })
}
