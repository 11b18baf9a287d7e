import { readFile } from 'node:fs/promises'
import { isUtf8 } from 'node:buffer'
import { createHash } from 'node:crypto'
const t = () => performance.now()
const f = '/tmp/bd/s3/coop-atlas-store.json'
const variant = process.argv[2]
const T0 = t(); let a = T0
const lap = (n) => { const b = t(); out.push(`${n} ${(b - a).toFixed(0)}`); a = b }
const out = []
const buf = await readFile(f); lap('read')
isUtf8(buf); lap('utf8')
const head = buf.indexOf(10)
const s = buf.toString('utf8', 0, head); lap('head toString')
const j = JSON.parse(s + ']}'); lap('head parse')
createHash('sha256').update(buf.subarray(head + 1)).digest('hex'); lap('sha')
const starts = new Float64Array(j.notes.length), ends = new Float64Array(j.notes.length)
let i = 0
for (let p = head + 1; i < j.notes.length;) { const e = buf.indexOf(10, p); starts[i] = p; ends[i++] = buf[e - 1] === 44 ? e - 1 : e; p = e + 1 }
lap('scan')
const UUID = /^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/iu
const ISO = /^\d{4}-(?:0[1-9]|1[0-2])-(?:[12]\d|0[1-9]|3[01])T(?:0\d|1\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:0\d|1\d|2[0-3])(?::?[0-5]\d)?)$/u
let bad = 0
for (const n of j.notes) {
  if (typeof n !== 'object' || n === null) bad++
  if (typeof n.id !== 'string' || !UUID.test(n.id)) bad++
  const tg = n.target; if (typeof tg !== 'object' || tg === null || (tg.kind !== 'organisation' && tg.kind !== 'event' && tg.kind !== 'pillar') || typeof tg.id !== 'string') bad++
  if (!Array.isArray(n.tags) || !n.tags.every((x) => typeof x === 'string')) bad++
  if (typeof n.created !== 'string' || !ISO.test(n.created)) bad++
  if (typeof n.updated !== 'string' || !ISO.test(n.updated)) bad++
  if (n.trashed !== null && !(typeof n.trashed === 'string' && ISO.test(n.trashed))) bad++
  if (n.previous !== null && !(typeof n.previous === 'string' && ISO.test(n.previous))) bad++
}
lap('hand validate ' + bad)
if (variant === 'shared') {
  const where = new WeakMap()
  function get() { const k = where.get(this); const v = JSON.parse(buf.toString('utf8', starts[k], ends[k])); Object.defineProperty(this, 'body', { value: v, writable: true, enumerable: true, configurable: true }); return v }
  const desc = { get, enumerable: true, configurable: true }
  j.notes.forEach((n, k) => { where.set(n, k); Object.defineProperty(n, 'body', desc) })
  lap('shared getter defineProperty + weakmap')
} else if (variant === 'rebuild') {
  const where = new WeakMap()
  const notes = j.notes.map((n, k) => { const o = { id: n.id, target: n.target, tags: n.tags, created: n.created, updated: n.updated, trashed: n.trashed, previous: n.previous, get body() { const v = JSON.parse(buf.toString('utf8', starts[k], ends[k])); Object.defineProperty(this, 'body', { value: v, writable: true, enumerable: true, configurable: true }); return v } }; return o })
  lap('rebuild literal')
}
const m = new Map(); for (const n of j.notes) m.set(n.id, n); lap('map')
console.log(variant, 'total', (t() - T0).toFixed(0), out.join(', '))
