/**
 * Opening and validating a store of 50,000 notes: UserStore.open on a generated snapshot (read, decode, JSON.parse,
 * migrate/validate with valibot, replay the journal; the backup it starts), each time in a fresh Node process, as
 * at app start. Then the same steps one by one, also in fresh processes, to show where the time goes; what-ifs
 * (the same data in other layouts); and an open after an unclean exit (200 changes to replay, so it compacts).
 */
import { spawnSync } from 'node:child_process'
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { backUp } from '../../src/main/store/backups'
import { Journal } from '../../src/main/store/journal'
import { migrate, type UserData } from '../../src/main/store/schema'
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

type Mode = 'total' | 'parts' | 'parse' | 'read'

/** In a child: one open, or its parts, timed; printed as JSON on stdout. */
async function child(mode: Mode, folder: string): Promise<void> {
  if (mode === 'parse') {
    // A what-if: the same data in another layout, read, parsed and validated (folder is a file here).
    const start = performance.now()
    const raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await readFile(folder))) as unknown
    const parsed = performance.now()
    migrate(raw)
    process.stdout.write(JSON.stringify({ parseMs: parsed - start, validateMs: performance.now() - parsed }))
    return
  }
  if (mode === 'read') {
    // The app's own read of the snapshot (read, decode, JSON.parse, migrate and validate), as one.
    const start = performance.now()
    const outcome = await readStoreFile(join(folder, STORE_FILE))
    process.stdout.write(JSON.stringify({ ms: performance.now() - start, ok: outcome?.ok === true }))
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
  // The steps as snapshot.ts takes them: bytes, a strict UTF-8 decode, JSON.parse, then migrate. Each runs in
  // its own function, so what the next step does not need can be collected, as in open.
  const readText = async () => {
    const bytes = await readFile(join(folder, STORE_FILE))
    lap('read file (bytes)')
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  }
  const parse = async () => {
    const text = await readText()
    lap('UTF-8 decode')
    return JSON.parse(text) as unknown
  }
  const raw = await parse()
  lap('JSON.parse')
  const migrated = migrate(raw)
  lap('migrate + valibot validation')
  if (!migrated.ok) throw new Error(migrated.message)
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
  for (let i = 0; i < runs; i++) {
    totals.push(runChild('total', folder)['ms'] as number)
    if (i >= (quick ? 1 : PART_RUNS)) continue
    const p = runChild('parts', folder)['parts'] as Record<string, number>
    for (const [k, ms] of Object.entries(p)) (parts[k] ??= []).push(ms)
    appRead.push(runChild('read', folder)['ms'] as number)
  }
  log(`  UserStore.open: median ${round(median(totals))} ms`)

  // What-ifs, each in fresh processes too: the same notes unindented, and without their bodies (as if bodies lived
  // apart and were read on demand): read + JSON.parse, then migrate (the valibot check), as open does.
  const data = JSON.parse(await readFile(join(folder, STORE_FILE), 'utf8')) as UserData
  const variants: [string, string][] = [
    ['unindented', JSON.stringify(data)],
    ['without note bodies', JSON.stringify({ ...data, notes: data.notes.map((n) => ({ ...n, body: '' })) })],
  ]
  const whatIfs: OpenResult['whatIfs'] = []
  for (const [label, text] of variants) {
    const file = join(folder, `what-if.json`)
    await writeFile(file, text)
    const read: number[] = []
    const check: number[] = []
    for (let i = 0; i < (quick ? 1 : PART_RUNS); i++) {
      const r = runChild('parse', file)
      read.push(r['parseMs'] as number)
      check.push(r['validateMs'] as number)
    }
    await rm(file)
    whatIfs.push({ label, mb: round(Buffer.byteLength(text) / 1e6), readAndParseMs: round(median(read)), validateMs: round(median(check)) })
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
    parts: Object.fromEntries(Object.entries(parts).map(([k, xs]) => [k, round(median(xs))])),
    readStoreFileMs: round(median(appRead)),
    whatIfs,
    afterUncleanExit: { journalEntries: CRASH_ENTRIES, openMs: crash.map(round), medianMs: round(median(crash)) },
  } satisfies OpenResult)
}
