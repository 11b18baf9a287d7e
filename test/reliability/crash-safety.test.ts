/**
 * Crash safety, measured: a child process writes notes through the real store (scripts/reliability/crash-writer.ts)
 * and is killed with SIGKILL at random moments — while starting, while recovering from the previous kill, while
 * appending, while folding the journal into a snapshot. After every kill the folder is opened the way the next
 * start would open it, and every note whose save had been acknowledged must be there, with the acknowledged text.
 *
 * What this does not measure: a power cut. SIGKILL leaves the kernel's page cache intact, so it proves the order
 * of writes and the recovery logic, not that fsync is called; the fsync calls are asserted by the unit tests.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BACKUP_FOLDER } from '../../src/main/store/backups'
import { noticeInEnglish } from '../../src/main/store/notice-english'
import { readStoreFile } from '../../src/main/store/snapshot'
import { UserStore } from '../../src/main/store/user-store'
import { bundleDriver } from './support/bundle'
import { recordFigures } from './support/figures'
import { FIXTURE_PACK } from './support/paths'
import { SEED, seededRandom } from './support/rng'

/** At least 100 kills in the normal run; RELIABILITY_KILLS changes it for experiments (the mutants use fewer). */
const KILLS = Number(process.env['RELIABILITY_KILLS'] ?? 120)
/** Share of kills aimed at the start (boot, lock, recovery, backup); the rest land in the write loop. */
const START_KILLS = 0.3
/** A write-loop kill comes this long after "ready", at most. */
const WRITE_WINDOW_MS = 150

type Event =
  | { t: 'ready'; mode: string; notes: number }
  | { t: 'begin'; op: 'create' | 'update' | 'delete'; id?: string; sha?: string }
  | { t: 'ack'; op: 'create' | 'update' | 'delete'; id: string; sha?: string }

interface Run {
  events: Event[]
  stderr: string
  /** ms from spawn to "ready", or null when the kill came first. */
  readyAfter: number | null
}

type Kill = { phase: 'start' | 'write'; afterMs: number }

const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

/**
 * Runs the writer and SIGKILLs it: either at a random moment of its start (Node booting, the lock, the store's
 * recovery of the previous kill, the backup), or at a random moment of its write loop, counted from "ready".
 */
function runAndKill(driver: string, dataDir: string, mode: 'app' | 'store', seed: number, kill: Kill): Promise<Run> {
  return new Promise((done, fail) => {
    const spawned = Date.now()
    const child = spawn(process.execPath, [driver, dataDir, mode, String(seed), FIXTURE_PACK], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let readyAfter: number | null = null
    let timer = kill.phase === 'start' ? setTimeout(() => child.kill('SIGKILL'), kill.afterMs) : null
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (readyAfter === null && stdout.includes('"t":"ready"')) {
        readyAfter = Date.now() - spawned
        if (kill.phase === 'write') timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs)
      }
    })
    child.stderr.on('data', (chunk) => (stderr += chunk))
    // A writer that neither starts nor dies is a hang: kill it and fail.
    const guard = setTimeout(() => {
      stderr += '\n(the writer did not reach its kill moment within 15 s)'
      child.kill('SIGKILL')
    }, 15_000)
    child.on('error', fail)
    // 'close', not 'exit': every byte the child wrote before it died has been read.
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer)
      clearTimeout(guard)
      const lines = stdout.split('\n')
      lines.pop() // the child may die mid-line; a torn line was never a whole event
      if (signal !== 'SIGKILL' || stderr.includes('within 15 s'))
        return fail(new Error(`the writer exited by itself (code ${code}):\n${stderr}`))
      done({ events: lines.map((l) => JSON.parse(l) as Event), stderr, readyAfter })
    })
  })
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16)

/** Opens a copy of the folder exactly as the next start would (recovery included), and reads every note. */
async function reopenCopy(dataDir: string) {
  const copy = await mkdtemp(join(tmpdir(), 'coop-atlas-crash-verify-'))
  try {
    await cp(dataDir, copy, { recursive: true, verbatimSymlinks: true })
    const store = await UserStore.open(copy)
    const notes = new Map([...store.notes.values()].map((n) => [n.id, sha(n.body)]))
    const notice = store.notice
    await store.close()
    return { notes, notice }
  } finally {
    await rm(copy, { recursive: true, force: true })
  }
}

describe('crash safety under SIGKILL', () => {
  it(`keeps every acknowledged save across ${KILLS} kills at random moments`, { timeout: 170_000 }, async () => {
    const started = Date.now()
    const driver = await bundleDriver('crash-writer.ts')
    const dataDir = await mkdtemp(join(tmpdir(), 'coop-atlas-crash-'))
    dirs.push(dataDir)
    const random = seededRandom(SEED)

    /** What the user was told: each note's acknowledged text (by hash), or null once its deletion was acknowledged. */
    const expected = new Map<string, string | null>()
    const figures = {
      kills: 0,
      killsWhileStartingOrRecovering: 0,
      killsInStoreModeWithFrequentCompaction: 0,
      acknowledgedSaves: 0,
      savesLost: 0,
      deletionsUndone: 0,
      unacknowledgedSavesFoundOnDisk: 0,
      noticesAfterReopen: 0,
    }
    const problems: string[] = []
    let typicalStartMs = 300

    for (let i = 0; i < KILLS; i++) {
      const mode = random() < 0.35 ? 'store' : 'app'
      // Start kills are spread over the start time seen so far (it varies with the machine's load).
      const kill: Kill =
        random() < START_KILLS
          ? { phase: 'start', afterMs: Math.floor(random() * typicalStartMs) }
          : { phase: 'write', afterMs: Math.floor(random() * WRITE_WINDOW_MS) }
      const killAfter = `${kill.phase} +${kill.afterMs} ms`
      const run = await runAndKill(driver, dataDir, mode, SEED + i, kill)
      if (run.readyAfter !== null) typicalStartMs = Math.round(0.8 * typicalStartMs + 0.2 * run.readyAfter)
      figures.kills++
      if (mode === 'store') figures.killsInStoreModeWithFrequentCompaction++
      if (!run.events.some((e) => e.t === 'ready')) figures.killsWhileStartingOrRecovering++

      let pending: Extract<Event, { t: 'begin' }> | null = null
      for (const event of run.events) {
        if (event.t === 'begin') pending = event
        if (event.t === 'ack') {
          pending = null
          figures.acknowledgedSaves++
          expected.set(event.id, event.op === 'delete' ? null : event.sha!)
        }
      }

      const { notes: onDisk, notice } = await reopenCopy(dataDir)
      if (notice) {
        figures.noticesAfterReopen++
        problems.push(`kill ${i}: reopening said: ${noticeInEnglish(notice)}`)
      }
      for (const [id, want] of expected) {
        const got = onDisk.get(id)
        // The one save in flight when the process died may or may not have reached the disk: both are right.
        const inFlight = pending && pending.id === id
        if (want === null) {
          if (got === undefined) continue
          if (inFlight) continue
          figures.deletionsUndone++
          problems.push(`kill ${i} (${mode}, ${killAfter}): the acknowledged deletion of ${id} was undone`)
          continue
        }
        if (got === want) continue
        if (inFlight && pending!.op === 'update' && got === pending!.sha) {
          figures.unacknowledgedSavesFoundOnDisk++
          expected.set(id, got!)
          continue
        }
        if (inFlight && pending!.op === 'delete' && got === undefined) {
          figures.unacknowledgedSavesFoundOnDisk++
          expected.set(id, null)
          continue
        }
        figures.savesLost++
        problems.push(`kill ${i} (${mode}, ${killAfter}): note ${id} ${got === undefined ? 'is missing' : 'has older text'}`)
      }
      for (const [id, got] of onDisk) {
        if (expected.has(id)) continue
        // A note the user was never told about may only be the create that was in flight.
        if (pending?.op === 'create' && (pending.id === undefined || pending.id === id) && got === pending.sha) {
          figures.unacknowledgedSavesFoundOnDisk++
          expected.set(id, got)
        } else problems.push(`kill ${i}: note ${id} appeared from nowhere`)
      }
    }

    const names = await readdir(dataDir)
    const backups = await readdir(join(dataDir, BACKUP_FOLDER))
    let damagedBackups = 0
    for (const name of backups) if (!(await readStoreFile(join(dataDir, BACKUP_FOLDER, name)))?.ok) damagedBackups++
    recordFigures('crash-safety', 'Crash safety (SIGKILL at random moments)', {
      seed: SEED,
      ...figures,
      notesInStoreAtEnd: [...expected.values()].filter((v) => v !== null).length,
      strayTempFilesLeftByKills: names.filter((n) => /\.json\.\d+$|\.json\.[0-9a-f]{6,}/.test(n)).length,
      damagedBackupsSkippedByRecovery: damagedBackups,
      typicalStartMs,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    })
    expect(problems).toEqual([])
    expect(figures.kills).toBe(KILLS)
    expect(figures.acknowledgedSaves).toBeGreaterThan(figures.kills)
    expect(figures.savesLost).toBe(0)
  })
})
