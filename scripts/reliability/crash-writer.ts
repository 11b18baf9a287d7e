/**
 * The crash-safety driver (test/reliability/crash-safety.test.ts runs it, bundled, as a child process, and
 * SIGKILLs it at random moments). It writes notes through the real code, forever, and prints one JSON line per
 * event on stdout, written synchronously so that a line printed is a line the parent will read:
 *
 *   {"t":"ready", …}                          the store is open (after recovery of the previous crash)
 *   {"t":"begin","op":…,"id":…,"sha":…}      a save is about to start (it may or may not reach the disk)
 *   {"t":"ack","op":…,"id":…,"sha":…,…}      the save's promise resolved: the user was told it is saved
 *
 *   node crash-writer.mjs <data-dir> <app|store> <seed> <pack-dir>
 *
 * "app" drives the whole stack as the browse server does: startApp (the store lock, UserStore.open with
 * recovery, NotesService) and the contract's dispatch. "store" drives UserStore directly with a tiny compaction
 * threshold, so that kills also land while the journal is folded into a new snapshot.
 */
import { createHash, randomUUID } from 'node:crypto'
import { writeSync } from 'node:fs'
import * as v from 'valibot'
import { startApp } from '../../src/main/app-context'
import { acquireStoreLock } from '../../src/main/store/lock'
import { StoredNote } from '../../src/main/store/schema'
import { bumpVersion, firstVersion } from '../../src/shared/note-versions'
import { UserStore } from '../../src/main/store/user-store'

const [dataDir, mode, seedText, packDir] = process.argv.slice(2)
if (!dataDir || (mode !== 'app' && mode !== 'store') || !seedText || !packDir) {
  console.error('usage: crash-writer.mjs <data-dir> <app|store> <seed> <pack-dir>')
  process.exit(64)
}

/** mulberry32: small, seeded, good enough to pick operations and bodies reproducibly. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = rng(Number(seedText))
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16)
const say = (event: Record<string, unknown>) => writeSync(1, `${JSON.stringify(event)}\n`)

const WORDS = [
  'coopérative',
  'CECOP',
  'CICOPA',
  'Genossenschaft',
  'кооператив',
  'تعاونية',
  '協同組合',
  '🧵',
  'e\u0301',
  '**bold**',
  '- item',
  '`code`',
]
function body(n: number): string {
  const roll = random()
  // A few large bodies (up to ~400 KB): a SIGKILL can cut such an append short, leaving a torn line.
  const words =
    roll < 0.02 ? 5_000 + Math.floor(random() * 35_000) : roll < 0.2 ? 100 + Math.floor(random() * 1000) : 1 + Math.floor(random() * 40)
  const parts = [`note ${n} of ${process.pid}:`]
  for (let i = 0; i < words; i++) parts.push(pick(WORDS) + (random() < 0.05 ? '\n' : ''))
  return parts.join(' ')
}

const cecop = { kind: 'organisation', id: 'cecop' } as const

async function runApp(): Promise<never> {
  const app = await startApp({
    userDataDir: dataDir!,
    packDir: packDir!,
    shell: 'browse',
    version: 'crash-test',
    openExternal: async () => false,
  })
  const listed = await app.dispatch('notes.listFor', { target: cecop })
  if (!listed.ok) throw new Error(`listFor failed: ${listed.error.message}`)
  const stored = (listed.value as { notes: { id: string; versions: Record<string, number> }[] }).notes
  const ids = stored.map((n) => n.id)
  // Each note's latest version, as the editor keeps it: an edit names the version it was made from.
  const versions = new Map(stored.map((n) => [n.id, n.versions]))
  say({ t: 'ready', mode, notes: ids.length })
  for (let n = 0; ; n++) {
    const text = body(n)
    // Past a hundred notes, only edits: the store stays small enough for a hundred restarts in a minute.
    if (ids.length < 3 || (ids.length < 100 && random() < 0.55)) {
      say({ t: 'begin', op: 'create', sha: sha(text) })
      const result = await app.dispatch('notes.create', { target: cecop, body: text })
      if (!result.ok) throw new Error(`create refused: ${result.error.message}`)
      const { id, versions: created } = result.value as { id: string; versions: Record<string, number> }
      ids.push(id)
      versions.set(id, created)
      say({ t: 'ack', op: 'create', id, sha: sha(text), bytes: text.length, body: text.length <= 200 ? text : undefined })
    } else {
      const id = pick(ids)
      say({ t: 'begin', op: 'update', id, sha: sha(text) })
      const result = await app.dispatch('notes.update', { id, base: versions.get(id), body: text })
      if (!result.ok) throw new Error(`update refused: ${result.error.message}`)
      const { note, conflictCopy } = result.value as { note: { versions: Record<string, number> }; conflictCopy: unknown }
      if (conflictCopy) throw new Error('update kept as a conflict copy: the writer named an old version')
      versions.set(id, note.versions)
      say({ t: 'ack', op: 'update', id, sha: sha(text), bytes: text.length, body: text.length <= 200 ? text : undefined })
    }
  }
}

async function runStore(): Promise<never> {
  await acquireStoreLock(dataDir!, 'browse')
  const store = await UserStore.open(dataDir!, { compactAfter: 8 })
  const ids = [...store.notes.keys()]
  say({ t: 'ready', mode, notes: ids.length })
  for (let n = 0; ; n++) {
    const text = body(n)
    const roll = random()
    if (ids.length < 3 || (ids.length < 100 && roll < 0.5)) {
      const at = new Date().toISOString()
      const note = {
        id: randomUUID(),
        target: cecop,
        body: text,
        tags: [],
        created: at,
        updated: at,
        trashed: null,
        previous: null,
        versions: firstVersion(store.device.id),
        conflictOf: null,
        shared: false,
        author: { device: store.device.id, name: store.device.name },
      }
      // If the stored shape changes, say so here rather than report the notes as lost.
      const parsed = v.safeParse(StoredNote, note)
      if (!parsed.success) throw new Error(`the driver's note no longer matches StoredNote: ${parsed.issues[0].message}`)
      say({ t: 'begin', op: 'create', id: note.id, sha: sha(text) })
      await store.apply({ op: 'put-note', note: parsed.output })
      ids.push(note.id)
      say({ t: 'ack', op: 'create', id: note.id, sha: sha(text), bytes: text.length, body: text.length <= 200 ? text : undefined })
    } else if (roll < 0.88) {
      const id = pick(ids)
      const stored = store.notes.get(id)!
      const note = { ...stored, body: text, updated: new Date().toISOString(), versions: bumpVersion(stored.versions, store.device.id) }
      say({ t: 'begin', op: 'update', id, sha: sha(text) })
      await store.apply({ op: 'put-note', note })
      say({ t: 'ack', op: 'update', id, sha: sha(text), bytes: text.length, body: text.length <= 200 ? text : undefined })
    } else {
      const id = ids.splice(Math.floor(random() * ids.length), 1)[0]!
      say({ t: 'begin', op: 'delete', id })
      await store.apply({ op: 'delete-note', id })
      say({ t: 'ack', op: 'delete', id })
    }
  }
}

try {
  await (mode === 'app' ? runApp() : runStore())
} catch (error) {
  console.error((error as Error).stack ?? String(error))
  process.exit(3)
}
