/**
 * Every difference between two packs, value by value, for the update preview: a signed pack is trusted to come
 * from the maintainers, but the user should still see what it rewrites (a website, a source link, a figure, a
 * sentence) before accepting it. Entities are matched by id (relations by their ends and type); inside an entity,
 * objects are compared key by key and arrays item by item (by id where items have one, otherwise unchanged items are
 * matched first and the rest paired in order). A new entity or item is listed field by field; a removed one once.
 */
import { shortName } from '../../shared/content/names'
import type { ContentPack } from '../../shared/content/schema'
import { sourceLine } from '../../shared/content/texts'
import type { PackChange, PackEntityKind } from '../../shared/domain'

/** The most changes a preview lists one by one; `changeCount` still counts them all. */
export const MAX_PREVIEW_CHANGES = 2000
/** Longer values are cut (descriptions are well under this). */
const MAX_VALUE_LENGTH = 2000

interface Entity {
  id: string
  name: string
  value: unknown
}
type Named = { id: string; name: string }

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const isPartialDate = (x: unknown): x is { value: string; precision: string } =>
  isObject(x) && Object.keys(x).length === 2 && typeof x['value'] === 'string' && typeof x['precision'] === 'string'
const isLeaf = (x: unknown) =>
  !(isObject(x) || Array.isArray(x)) || isPartialDate(x) || (Array.isArray(x) && x.every((i) => !isObject(i) && !Array.isArray(i)))

const clip = (text: string) => (text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text)

/** A leaf as text: a date with its precision, a list of ids or codes joined, anything else as itself. */
function show(value: unknown): string | null {
  if (value === undefined) return null
  if (typeof value === 'string') return clip(value)
  if (isPartialDate(value)) return `${value.value} (${value.precision})`
  if (Array.isArray(value)) return clip(value.map((v) => String(v)).join(', '))
  if (isObject(value))
    return clip(
      leaves(value, '')
        .map(([p, v]) => `${p}: ${v}`)
        .join('; '),
    )
  return String(value)
}

function leaves(value: unknown, path: string): [string, string][] {
  if (Array.isArray(value) && value.length === 0) return []
  if (isLeaf(value)) return [[path, show(value) ?? '']]
  const at = (key: string) => (path ? `${path}.${key}` : key)
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, `${path}[${itemKey(item) ?? i}]`))
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, at(k)))
}

const itemKey = (item: unknown) => (isObject(item) && typeof item['id'] === 'string' ? item['id'] : null)

const URL_FIELD = /(?:^|\.)url$|^website\.value$/
const HOLDS_URL = /[a-z][a-z0-9+.-]*:\/\/|(?:^|[\s("'])(?:javascript|data|vbscript|file):/i

type Emit = (path: string, before: string | null, after: string | null) => void

function diffValue(before: unknown, after: unknown, path: string, emit: Emit): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return
  if (before === undefined) {
    for (const [p, v] of leaves(after, path)) emit(p, null, v)
    return
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const primitive = [...before, ...after].every((item) => !isObject(item) && !Array.isArray(item))
    return primitive ? emit(path, show(before), show(after)) : diffArrays(before, after, path, emit)
  }
  if (after === undefined || isLeaf(before) || isLeaf(after)) {
    if (after !== undefined && !isLeaf(after)) {
      // A leaf became a structure (or the other way round): the old value once, the new one field by field.
      emit(path, show(before), null)
      for (const [p, v] of leaves(after, path)) emit(p, null, v)
    } else emit(path, show(before), show(after))
    return
  }
  const b = before as Record<string, unknown>
  const a = after as Record<string, unknown>
  const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))]
  for (const key of keys) diffValue(b[key], a[key], path ? `${path}.${key}` : key, emit)
}

function diffArrays(before: unknown[], after: unknown[], path: string, emit: Emit): void {
  const byId = [...before, ...after].every((item) => itemKey(item) !== null)
  if (byId) {
    const old = new Map(before.map((item) => [itemKey(item)!, item]))
    const kept = new Set(after.map((item) => itemKey(item)!))
    for (const item of after) diffValue(old.get(itemKey(item)!), item, `${path}[${itemKey(item)}]`, emit)
    for (const [id, item] of old) if (!kept.has(id)) emit(`${path}[${id}]`, show(item), null)
    return
  }
  // Unchanged items first (wherever they moved), then the rest paired in order. Linear: a signed pack is trusted, not small.
  const waiting = new Map<string, number[]>()
  before.forEach((item, i) => {
    const text = JSON.stringify(item)
    const same = waiting.get(text)
    if (same) same.push(i)
    else waiting.set(text, [i])
  })
  const fresh: { item: unknown; i: number }[] = []
  after.forEach((item, i) => {
    const same = waiting.get(JSON.stringify(item))
    if (same && same.length > 0) same.shift()
    else fresh.push({ item, i })
  })
  const unmatched = [...waiting.values()].flat().sort((x, y) => x - y)
  fresh.forEach(({ item, i }, n) => diffValue(before[unmatched[n] ?? -1], item, `${path}[${i}]`, emit))
  for (const i of unmatched.slice(fresh.length)) emit(`${path}[${i}]`, show(before[i]), null)
}

function entities(pack: ContentPack): Record<PackEntityKind, Entity[]> {
  const orgName = (id: string) => {
    const o = pack.organisations.find((x) => x.id === id)
    return o ? shortName(o.names) : id
  }
  const seen = new Map<string, number>()
  const relations = pack.relations.map((r) => {
    const base = `${r.from} ${r.type} ${r.to}`
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return { id: n === 1 ? base : `${base} #${n}`, name: `${orgName(r.from)} ${r.type} ${orgName(r.to)}`, value: r }
  })
  const { metrics, redirects } = pack
  return {
    organisation: pack.organisations.map((o) => ({ id: o.id, name: shortName(o.names), value: o })),
    source: pack.sources.map((s) => ({ id: s.id, name: sourceLine(s, 'en'), value: s })),
    event: pack.events.map((e) => ({ id: e.id, name: e.title.en, value: e })),
    relation: relations,
    plan: [{ id: pack.strategicPlan.id, name: pack.strategicPlan.title.en, value: pack.strategicPlan }],
    'cooperative-kind': pack.cooperativeKinds.map((k) => ({ id: k.id, name: k.name.en, value: k })),
    pack: [{ id: 'pack', name: '', value: { metrics, redirects } }],
  }
}

/** Every change from `current` to `next`, and the organisations added, changed and removed (the preview's summary). */
export function diffPacks(
  current: ContentPack,
  next: ContentPack,
): { changes: PackChange[]; organisations: Record<'added' | 'changed' | 'removed', Named[]> } {
  const before = entities(current)
  const after = entities(next)
  const changes: PackChange[] = []
  const organisations = { added: [] as Named[], changed: [] as Named[], removed: [] as Named[] }
  for (const kind of Object.keys(after) as PackEntityKind[]) {
    const old = new Map(before[kind].map((e) => [e.id, e]))
    const kept = new Set(after[kind].map((e) => e.id))
    const record = (e: Entity, change: PackChange['kind']) => (path: string, b: string | null, a: string | null) =>
      changes.push({
        entity: kind,
        id: e.id,
        name: e.name,
        kind: change,
        path,
        before: b,
        after: a,
        url: URL_FIELD.test(path) || HOLDS_URL.test(`${b ?? ''} ${a ?? ''}`),
      })
    for (const e of after[kind]) {
      const was = old.get(e.id)
      const count = changes.length
      diffValue(was?.value, e.value, '', record(e, was ? 'changed' : 'added'))
      if (kind === 'organisation' && changes.length > count) organisations[was ? 'changed' : 'added'].push({ id: e.id, name: e.name })
    }
    for (const e of before[kind].filter((x) => !kept.has(x.id))) {
      changes.push({ entity: kind, id: e.id, name: e.name, kind: 'removed', path: '', before: null, after: null, url: false })
      // An organisation renamed through a redirect is not lost: notes on it follow.
      const movedTo = next.redirects[e.id]
      if (kind === 'organisation' && !(movedTo !== undefined && kept.has(movedTo))) organisations.removed.push({ id: e.id, name: e.name })
    }
  }
  return { changes, organisations }
}
