import { readFile, open } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { webcrypto } from 'node:crypto'
const t = () => performance.now()
const f = '/tmp/bd/s3/coop-atlas-store.json'
const mode = process.argv[2]
let a = t()
let buf
if (mode === 'readFile') buf = await readFile(f)
if (mode === 'sync') buf = readFileSync(f)
if (mode === 'one') { const h = await open(f); const { size } = await h.stat(); buf = Buffer.allocUnsafe(size); let off = 0; while (off < size) { const { bytesRead } = await h.read(buf, off, size - off, off); if (!bytesRead) break; off += bytesRead }; await h.close() }
console.log(mode, (t() - a).toFixed(0))
a = t(); const p = webcrypto.subtle.digest('SHA-256', buf); console.log('digest started', (t()-a).toFixed(0)); 
const b = t(); const head = buf.indexOf(10); const j = JSON.parse(buf.toString('utf8', 0, head) + ']}'); console.log('head parse', (t()-b).toFixed(0))
await p; console.log('digest total', (t()-a).toFixed(0))
a=t(); const starts=[]; for (let s=head+1; s<buf.length;) { const e = buf.indexOf(10, s); if (e<0) break; starts.push(s); s=e+1 } console.log('scan', starts.length, (t()-a).toFixed(0))
a=t(); const notes = j.notes.map((n, i) => { let body; const raw = starts[i]; return { id: n.id, target: n.target, tags: n.tags, created: n.created, updated: n.updated, trashed: n.trashed, previous: n.previous, get body() { return body ??= String(raw) }, set body(v) { body = v } } }); console.log('literal getters', (t()-a).toFixed(0))
a=t(); const wm = new WeakMap(); for (const n of notes) wm.set(n, 1); console.log('weakmap', (t()-a).toFixed(0))
a=t(); j.notes.forEach((n, i) => Object.defineProperty(n, 'body', { configurable: true, enumerable: true, get() { return String(i) } })); console.log('defineProperty', (t()-a).toFixed(0))
