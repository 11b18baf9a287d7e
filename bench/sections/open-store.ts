/**
 * Opening and validating a store of 50,000 notes: UserStore.open on a generated snapshot (read, decode, JSON.parse,
 * migrate/validate with valibot, replay the journal; the backup it starts), each time in a fresh Node process, as
 * at app start. Then the same steps one by one, also in fresh processes, to show where the time goes; what-ifs
 * (the same data in other layouts); and an open after an unclean exit (200 changes to replay, so it compacts).
 */
import { isUtf8 } from 'node:buffer'
import { spawnSync } from 'node:child_process'
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { backUp } from '../../src/main/store/backups'
import { Journal } from '../../src/main/store/journal'
import { problemInEnglish } from '../../src/main/store/notice-english'
import { defaultSettings, defaultSync, migrate, newDevice, type STORE_VERSION, type UserData } from '../../src/main/store/schema'
import { attachBodies, CHECKSUM_LENGTH, decodeSnapshot } from '../../src/main/store/snapshot-format'
import { readChecked } from '../../src/main/store/read-checked'
import { readStoreFile, STORE_FILE } from '../../src/main/store/snapshot'
import { JOURNAL_FILE, UserStore } from '../../src/main/store/user-store'
import { readGenerated } from '../lib/data'
import { log, sectionArgs, writeResult } from '../lib/section'
import { tempFolder, writeSnapshot } from '../lib/store-files'
import type { OpenResult } from '../lib/results'
import { median, round } from '../lib/stats'

const RUNS = 5
const PART_RUNS = 3
const CRASH_RUNS = 3
const CRASH_ENTRIES = 200

type Mode = 'total' | 'parts' | 'read' | 'floor'

/** In a child: one open, or its parts, timed; printed as JSON on stdout. */
async function child(mode: Mode, folder: string): Promise<void> {
  if (mode === 'read') {
    // The app's own read of a snapshot (read, check, decode, migrate and validate), as one (folder is a file here).
    const start = performance.now()
    const outcome = await readStoreFile(folder)
    process.stdout.write(JSON.stringify({ ms: performance.now() - start, ok: outcome?.ok === true }))
    return
  }
  if (mode === 'floor') {
    // The least an open that looks at every byte pays: the file read whole into memory, then one pass over it (the
    // cheapest there is, Node's UTF-8 check). On this machine most of it is memory touched for the first time.
    const start = performance.now()
    const bytes = await readFile(folder)
    const read = performance.now()
    if (!isUtf8(bytes)) throw new Error('not UTF-8')
    process.stdout.write(JSON.stringify({ ms: performance.now() - start, readMs: read - start }))
    return
  }
  if (mode === 'total') {
    const start = performance.now()
    const store = await UserStore.open(folder)
    const ms = performance.now() - start
    process.stdout.write(JSON.stringify({ ms, notes: store.notes.size }))
    return
  }
  const parts: Record<string, number> = {}
  let t = performance.now()
  const lap = (name: string) => {
    const now = performance.now()
    parts[name] = now - t
    t = now
  }
  // The steps as snapshot.ts takes them. Each runs in its own function, so what the next step does not need can
  // be collected, as in open.
  const decode = async () => {
    const read = await readChecked(join(folder, STORE_FILE), { hashFrom: CHECKSUM_LENGTH })
    if (!read.utf8) throw new Error('not UTF-8')
    lap('read file, with the UTF-8 check and the SHA-256 of each piece beside the reading of the next')
    const decoded = decodeSnapshot(read.bytes, read.sha256)
    lap('line 1 JSON.parse + body lines found')
    return decoded
  }
  const decoded = await decode()
  if (!decoded.ok || decoded.bodies === 'inline') throw new Error('the snapshot is not in the fast layout')
  const migrated = migrate(decoded.doc, { bodiesApart: true })
  lap('migrate + validation (notes by hand, the rest by valibot)')
  if (!migrated.ok) throw new Error(problemInEnglish(migrated.problem))
  attachBodies(migrated.data.notes, decoded.bodies)
  lap('bodies attached (decoded when read)')
  const notes = new Map(migrated.data.notes.map((n) => [n.id, n]))
  lap('notes into a Map')
  const journal = new Journal(join(folder, JOURNAL_FILE), (x) => x)
  await journal.open()
  await journal.close()
  lap('journal open (read, open, fsync folder)')
  await backUp(folder, join(folder, STORE_FILE))
  lap('backup (2 copies + fsync folder)')
  process.stdout.write(JSON.stringify({ parts, notes: notes.size }))
}

function runChild(mode: Mode, folder: string): Record<string, unknown> {
  const self = fileURLToPath(import.meta.url)
  const result = spawnSync(process.execPath, ['--max-old-space-size=8000', self, '--child', mode, folder], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`open-store child (${mode}) failed:\n${result.stderr}`)
  return JSON.parse(result.stdout) as Record<string, unknown>
}

const childAt = process.argv.indexOf('--child')
if (childAt !== -1) {
  await child(process.argv[childAt + 1] as Mode, process.argv[childAt + 2]!)
} else {
  const { out, quick, rest } = sectionArgs()
  const { notes } = await readGenerated(rest[0]!)
  const folder = await tempFolder('open')
  const snapshotBytes = await writeSnapshot(folder, notes)
  log(`open: ${notes.length} notes, ${round(snapshotBytes / 1e6)} MB snapshot`)
  const runs = quick ? 2 : RUNS
  const totals: number[] = []
  const parts: Record<string, number[]> = {}
  const appRead: number[] = []
  const floor: number[] = []
  const floorRead: number[] = []
  for (let i = 0; i < runs; i++) {
    totals.push(runChild('total', folder)['ms'] as number)
    const least = runChild('floor', join(folder, STORE_FILE))
    floor.push(least['ms'] as number)
    floorRead.push(least['readMs'] as number)
    if (i >= (quick ? 1 : PART_RUNS)) continue
    const p = runChild('parts', folder)['parts'] as Record<string, number>
    for (const [k, ms] of Object.entries(p)) (parts[k] ??= []).push(ms)
    appRead.push(runChild('read', join(folder, STORE_FILE))['ms'] as number)
  }
  log(`  UserStore.open: median ${round(median(totals))} ms`)

  // What-if, in fresh processes too: the same store as one plain JSON document (version 2, bodies inline), which
  // the app still reads (every byte decoded and parsed at open), through the same readStoreFile.
  const data: UserData = {
    schemaVersion: 2 as typeof STORE_VERSION,
    device: newDevice('bench'),
    notes,
    tombstones: [],
    corrections: [],
    correctionTombstones: [],
    favourites: [],
    settings: defaultSettings(),
    sync: defaultSync(),
  }
  const whatIfs: OpenResult['whatIfs'] = []
  {
    const file = join(folder, 'what-if.json')
    const text = JSON.stringify(data, null, 1)
    await writeFile(file, text)
    const read: number[] = []
    for (let i = 0; i < (quick ? 1 : PART_RUNS); i++) read.push(runChild('read', file)['ms'] as number)
    await rm(file)
    whatIfs.push({
      label: 'one plain JSON document, bodies inline (version 2)',
      mb: round(Buffer.byteLength(text) / 1e6),
      readMs: round(median(read)),
    })
  }

  // After an unclean exit: the journal holds changes; open replays them and compacts (rewrites the snapshot).
  const crashFolder = await tempFolder('open-crash')
  const crash: number[] = []
  const lines = notes
    .slice(0, CRASH_ENTRIES)
    .map((n) => `${JSON.stringify({ op: 'put-note', note: { ...n, body: `${n.body} (edited)` } })}\n`)
    .join('')
  for (let i = 0; i < (quick ? 1 : CRASH_RUNS); i++) {
    await copyFile(join(folder, STORE_FILE), join(crashFolder, STORE_FILE))
    await writeFile(join(crashFolder, JOURNAL_FILE), lines)
    crash.push(runChild('total', crashFolder)['ms'] as number)
  }
  await rm(folder, { recursive: true, force: true })
  await rm(crashFolder, { recursive: true, force: true })

  writeResult(out, {
    notes: notes.length,
    snapshotMB: round(snapshotBytes / 1e6),
    runs: totals.length,
    openMs: totals.map(round),
    medianMs: round(median(totals)),
    floor: { medianMs: round(median(floor)), readMs: round(median(floorRead)) },
    parts: Object.fromEntries(Object.entries(parts).map(([k, xs]) => [k, round(median(xs))])),
    readStoreFileMs: round(median(appRead)),
    whatIfs,
    afterUncleanExit: { journalEntries: CRASH_ENTRIES, openMs: crash.map(round), medianMs: round(median(crash)) },
  } satisfies OpenResult)
}
