/**
 * Data safety proved with sequences: fast-check draws command sequences — create, edit, tag, trash, restore,
 * empty the trash, import (good files, files with hostile notes, hostile files), export, restore a backup, and
 * restart (clean, and as a crash) — and runs them against the real app through the contract's handler table,
 * over a real data folder. After every step the app must agree with a simple model: every acknowledged note
 * present with its latest text, tags and trash state, nothing else, no recovery notice, and the files on disk
 * readable by the store's own reader. A failing sequence is shrunk to its shortest form and printed with its seed.
 *
 * An independent test once found that a file accepted by one call, an ordinary edit and a restart lost every
 * note: each call alone was fine. Single-call fuzzing (fuzz-contract.test.ts) cannot see that; this can.
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { readStoreFile, STORE_FILE } from '../../src/main/store/snapshot'
import { JOURNAL_FILE } from '../../src/main/store/user-store'
import type { BackupInfo, ExportedFile, ImportSummary, Note, NoteListing } from '../../src/shared/domain'
import type { CallResult } from '../../src/shared/errors'
import { normaliseTags } from '../../src/shared/note-rules'
import { bundleDriver } from './support/bundle'
import { recordFigures } from './support/figures'
import { childSystem, inProcessSystem, type ModelSystem } from './support/model-system'
import { FIXTURE_PACK } from './support/paths'
import { SEED, seededRandom } from './support/rng'

/** Sequences run in this process, and in a child process killed for real; RELIABILITY_SEQUENCES changes both. */
const SEQUENCES = Number(process.env['RELIABILITY_SEQUENCES'] ?? 2000)
const CHILD_SEQUENCES = Math.max(5, Math.round(SEQUENCES / 40))
/** tmpfs where there is one: the sequences test logic, not the disk (crash-safety.test.ts times real syncs). */
const PARENT = process.platform === 'linux' ? '/dev/shm' : tmpdir()

interface ModelNote {
  body: string
  tags: string[]
  trashed: boolean
  target: string
}
type Notes = Map<string, ModelNote>
interface Model {
  notes: Notes
  /** What each backup holds, as far as the model knows (a backup made while the model was in that state). */
  backups: Map<string, Notes>
}
interface Real {
  system: ModelSystem
  counts: Record<string, number>
}

const TARGETS = ['organisation/cecop', 'organisation/cicopa', 'event/cecop-founded']
const clone = (notes: Notes): Notes => new Map([...notes].map(([id, n]) => [id, { ...n, tags: [...n.tags] }]))
const count = (real: Real, what: string) => (real.counts[what] = (real.counts[what] ?? 0) + 1)

async function value<T>(result: Promise<CallResult<unknown>>, what: string): Promise<T> {
  const r = await result
  if (!r.ok) throw new Error(`${what} was refused: ${r.error.message}`)
  return r.value as T
}

/** The app against the model, and the files against the store's own reader. */
async function check(model: Model, real: Real): Promise<void> {
  const listed = await value<NoteListing[]>(real.system.call('notes.listAll'), 'notes.listAll')
  const seen = new Map(
    listed.map((n) => [n.id, { body: n.body, tags: n.tags, trashed: n.trashed !== null, target: `${n.target.kind}/${n.target.id}` }]),
  )
  expect(seen).toEqual(model.notes)
  const status = await value<{ storeNotice: string | null }>(real.system.call('app.status'), 'app.status')
  expect(status.storeNotice).toBeNull()
  const snapshot = await readStoreFile(join(real.system.dir, STORE_FILE))
  expect(snapshot === null || snapshot.ok).toBe(true)
  if (snapshot?.ok) expect(snapshot.setAside).toEqual([])
  const journal = await readFile(join(real.system.dir, JOURNAL_FILE), 'utf8').catch(() => '')
  for (const line of journal.split('\n').filter(Boolean)) JSON.parse(line)
}

/** After anything that may have made backups: each new one holds the state the model was in when it was made. */
async function noteBackups(model: Model, real: Real, state: Notes): Promise<void> {
  const listed = await value<BackupInfo[]>(real.system.call('backups.list'), 'backups.list')
  for (const backup of listed) {
    if (!model.backups.has(backup.name) || backup.kind === 'daily') model.backups.set(backup.name, clone(state))
  }
  // A backup the rotation removed can no longer be chosen.
  const names = new Set(listed.map((b) => b.name))
  for (const name of [...model.backups.keys()]) if (!names.has(name)) model.backups.delete(name)
}

const pick = (model: Model, index: number): [string, ModelNote] | null => {
  const all = [...model.notes]
  return all.length === 0 ? null : all[index % all.length]!
}

type Command = fc.AsyncCommand<Model, Real>
const always = () => true

const body = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 2, arbitrary: fc.constantFrom('**CECOP**', '<img src=x onerror=alert(1)>', '[[cicopa]]', 'line\nbreak', '\u2028', '') },
  { weight: 1, arbitrary: fc.string({ minLength: 2000, maxLength: 4000 }) },
)
const tags = fc.array(fc.stringMatching(/^[a-zA-Zé][a-zA-Zé0-9 -]{0,12}$/), { maxLength: 4 })

class Create implements Command {
  constructor(
    readonly target: string,
    readonly body: string,
    readonly tags: string[],
  ) {}
  check = always
  async run(model: Model, real: Real) {
    const [kind, id] = this.target.split('/')
    const note = await value<Note>(real.system.call('notes.create', { target: { kind, id }, body: this.body, tags: this.tags }), 'create')
    model.notes.set(note.id, { body: this.body, tags: normaliseTags(this.tags), trashed: false, target: this.target })
    count(real, 'create')
    await check(model, real)
  }
  toString = () => `Create(${this.target}, ${JSON.stringify(this.body.slice(0, 20))})`
}

class CreateOversized implements Command {
  check = always
  async run(model: Model, real: Real) {
    const result = await real.system.call('notes.create', {
      target: { kind: 'organisation', id: 'cecop' },
      body: 'x'.repeat(1024 * 1024 + 1),
    })
    expect(result.ok).toBe(false)
    count(real, 'refused')
    await check(model, real)
  }
  toString = () => 'CreateOversized'
}

class Edit implements Command {
  constructor(
    readonly index: number,
    readonly body: string | null,
    readonly tags: string[] | null,
  ) {}
  check = (model: Readonly<Model>) => model.notes.size > 0
  async run(model: Model, real: Real) {
    const [id, note] = pick(model, this.index)!
    await value(
      real.system.call('notes.update', {
        id,
        ...(this.body !== null ? { body: this.body } : {}),
        ...(this.tags ? { tags: this.tags } : {}),
      }),
      'update',
    )
    if (this.body !== null) note.body = this.body
    if (this.tags) note.tags = normaliseTags(this.tags)
    count(real, 'edit')
    await check(model, real)
  }
  toString = () => `Edit(${this.index}, ${this.body === null ? 'tags' : JSON.stringify(this.body.slice(0, 20))})`
}

class Trash implements Command {
  constructor(
    readonly index: number,
    readonly restore: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.notes.size > 0
  async run(model: Model, real: Real) {
    const [id, note] = pick(model, this.index)!
    await value(real.system.call(this.restore ? 'notes.restore' : 'notes.trash', { id }), 'trash/restore')
    note.trashed = !this.restore
    count(real, this.restore ? 'restore' : 'trash')
    await check(model, real)
  }
  toString = () => `${this.restore ? 'Restore' : 'Trash'}(${this.index})`
}

class EmptyTrash implements Command {
  check = always
  async run(model: Model, real: Real) {
    await value(real.system.call('notes.emptyTrash'), 'emptyTrash')
    for (const [id, note] of [...model.notes]) if (note.trashed) model.notes.delete(id)
    count(real, 'empty trash')
    await check(model, real)
  }
  toString = () => 'EmptyTrash'
}

const minuteAfter = (iso: string) => new Date(Date.parse(iso) + 60_000).toISOString()
const fileOf = (notes: unknown[]) => JSON.stringify({ format: 'coop-atlas-notes', version: 1, exported: new Date().toISOString(), notes })
const fresh = (b: string, at = '2026-06-01T00:00:00.000Z') => ({
  id: randomUUID(),
  target: { kind: 'organisation', id: 'cicopa' },
  body: b,
  tags: ['imported'],
  created: at,
  updated: at,
  trashed: null,
  previous: null,
})

/** Notes no editor could have saved: each must be left out, alone, whatever else the file holds. */
const HOSTILE_NOTES: ((n: ReturnType<typeof fresh>) => unknown)[] = [
  (n) => ({ ...n, updated: '9999-12-31T23:59:59.999Z' }),
  (n) => ({ ...n, updated: '+010000-01-01T00:00:00.000Z' }),
  (n) => ({ ...n, updated: '2999-06-01T00:00:00.000Z' }),
  (n) => ({ ...n, created: '2026-02-30T00:00:00.000Z' }),
  (n) => ({ ...n, updated: '2026-06-01T00:00:00Z' }),
  (n) => ({ ...n, tags: ['a,b'] }),
  (n) => ({ ...n, tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }),
  (n) => ({ ...n, target: { kind: 'planet', id: 'mars' } }),
  (n) => ({ ...n, target: { kind: 'organisation', id: '../../etc/passwd' } }),
  (n) => ({ ...n, id: 'not-a-uuid' }),
  (n) => ({ ...n, extra: true }),
  (n) => ({ ...n, body: 42 }),
  (n) => ({ ...n, previous: n.updated }),
  (n) => ({ ...n, created: '2026-07-01T00:00:00.000Z' }),
]

/** A file as a user might bring back from elsewhere: new notes, later edits of ours, an edit that diverged, and hostile notes. */
class Import implements Command {
  constructor(
    readonly newBodies: string[],
    readonly descendIndex: number | null,
    readonly divergeIndex: number | null,
    readonly hostile: number[],
  ) {}
  check = always
  async run(model: Model, real: Real) {
    const exported = await value<ExportedFile>(real.system.call('notes.exportJson'), 'exportJson')
    const current = (JSON.parse(exported.content) as { notes: Note[] }).notes
    const notes: unknown[] = this.newBodies.map((b) => fresh(b))
    const expectations: (() => void)[] = notes.map((n) => () => {
      const note = n as ReturnType<typeof fresh>
      model.notes.set(note.id, { body: note.body, tags: ['imported'], trashed: false, target: 'organisation/cicopa' })
    })
    let conflictBody: string | null = null
    if (current.length > 0 && this.descendIndex !== null) {
      const local = current[this.descendIndex % current.length]!
      const later = { ...local, body: `${local.body} (edited elsewhere)`, previous: local.updated, updated: minuteAfter(local.updated) }
      notes.push(later)
      expectations.push(() => (model.notes.get(local.id)!.body = later.body))
    }
    if (current.length > 0 && this.divergeIndex !== null) {
      const local = current[this.divergeIndex % current.length]!
      if (!notes.some((n) => (n as Note).id === local.id)) {
        conflictBody = `${local.body} (diverged)`
        notes.push({ ...local, body: conflictBody, previous: '2000-01-01T00:00:00.000Z', updated: minuteAfter(local.updated) })
      }
    }
    for (const h of this.hostile) notes.push(HOSTILE_NOTES[h % HOSTILE_NOTES.length]!(fresh('hostile')))
    const text = fileOf(notes)
    const preview = await value<ImportSummary>(real.system.call('notes.importPreview', { text }), 'importPreview')
    expect(preview.refused).toHaveLength(this.hostile.length)
    await check(model, real) // a preview changes nothing
    const applied = await value<ImportSummary>(real.system.call('notes.importApply', { text }), 'importApply')
    expect(applied.refused).toHaveLength(this.hostile.length)
    for (const expectation of expectations) expectation()
    if (conflictBody !== null) {
      // The diverged edit is kept as a second note, tagged: find it by what it says.
      const listed = await value<NoteListing[]>(real.system.call('notes.listAll'), 'listAll')
      const copy = listed.find((n) => !model.notes.has(n.id) && n.body === conflictBody)
      expect(copy?.tags).toContain('import-conflict')
      model.notes.set(copy!.id, {
        body: conflictBody,
        tags: copy!.tags,
        trashed: copy!.trashed !== null,
        target: `${copy!.target.kind}/${copy!.target.id}`,
      })
      count(real, 'conflict kept')
    }
    count(real, 'import')
    if (this.hostile.length > 0) count(real, 'hostile notes left out')
    await check(model, real)
  }
  toString = () =>
    `Import(new ${this.newBodies.length}, descend ${this.descendIndex}, diverge ${this.divergeIndex}, hostile [${this.hostile}])`
}

/** Files that must be refused whole, changing nothing. */
const HOSTILE_FILES = [
  '{"format":"coop-atlas-notes","notes":[',
  JSON.stringify({ hello: 'world' }),
  JSON.stringify({ format: 'coop-atlas-notes', version: 2, exported: '2026-01-01T00:00:00.000Z', notes: [] }),
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
]
class ImportHostileFile implements Command {
  constructor(readonly which: number) {}
  check = always
  async run(model: Model, real: Real) {
    const dup = fresh('twice')
    const text = this.which === HOSTILE_FILES.length ? fileOf([dup, dup]) : HOSTILE_FILES[this.which % HOSTILE_FILES.length]!
    const result = await real.system.call('notes.importApply', { text })
    expect(result.ok).toBe(false)
    count(real, 'hostile file refused')
    await check(model, real)
  }
  toString = () => `ImportHostileFile(${this.which})`
}

class ExportCheck implements Command {
  check = always
  async run(model: Model, real: Real) {
    const exported = await value<ExportedFile>(real.system.call('notes.exportJson'), 'exportJson')
    const notes = (JSON.parse(exported.content) as { notes: Note[] }).notes
    expect(new Map(notes.map((n) => [n.id, n.body]))).toEqual(new Map([...model.notes].map(([id, n]) => [id, n.body])))
    count(real, 'export')
  }
  toString = () => 'Export'
}

class RestoreBackup implements Command {
  constructor(readonly index: number) {}
  check = (model: Readonly<Model>) => model.backups.size > 0
  async run(model: Model, real: Real) {
    const names = [...model.backups.keys()].sort()
    const name = names[this.index % names.length]!
    const before = clone(model.notes)
    await value(real.system.call('backups.restore', { name }), 'backups.restore')
    model.notes = clone(model.backups.get(name)!)
    // The state before the restore was backed up first: the new backups hold it.
    await noteBackups(model, real, before)
    count(real, 'backup restored')
    await check(model, real)
  }
  toString = () => `RestoreBackup(${this.index})`
}

class Restart implements Command {
  constructor(readonly crash: boolean) {}
  check = always
  async run(model: Model, real: Real) {
    await (this.crash ? real.system.restartCrash() : real.system.restartClean())
    await noteBackups(model, real, model.notes)
    count(real, this.crash ? 'restart (crash)' : 'restart (clean)')
    await check(model, real)
  }
  toString = () => (this.crash ? 'RestartCrash' : 'RestartClean')
}

const index = fc.nat({ max: 50 })
const commands = [
  fc.tuple(fc.constantFrom(...TARGETS), body, tags).map(([t, b, g]) => new Create(t, b, g)),
  fc.tuple(index, body).map(([i, b]) => new Edit(i, b, null)),
  fc.tuple(index, tags).map(([i, g]) => new Edit(i, null, g)),
  fc.tuple(index, fc.boolean()).map(([i, r]) => new Trash(i, r)),
  fc.constant(new EmptyTrash()),
  fc
    .tuple(
      fc.array(body, { maxLength: 3 }),
      fc.option(index),
      fc.option(index),
      fc.uniqueArray(fc.nat({ max: HOSTILE_NOTES.length - 1 }), { maxLength: 3 }),
    )
    .map(([b, d, v, h]) => new Import(b, d, v, h)),
  fc.nat({ max: HOSTILE_FILES.length }).map((w) => new ImportHostileFile(w)),
  fc.constant(new ExportCheck()),
  index.map((i) => new RestoreBackup(i)),
  fc.boolean().map((crash) => new Restart(crash)),
]
const rareCommands = [fc.constant(new CreateOversized())]
const sequences = fc.commands([...commands, ...rareCommands], { maxCommands: 40, size: '+1' })

async function runSequences(
  runs: number,
  makeSystem: () => Promise<ModelSystem>,
): Promise<{ counts: Record<string, number>; steps: number }> {
  const counts: Record<string, number> = {}
  let steps = 0
  await fc.assert(
    fc.asyncProperty(sequences, async (cmds) => {
      const system = await makeSystem()
      try {
        const model: Model = { notes: new Map(), backups: new Map() }
        const real: Real = { system, counts }
        await noteBackups(model, real, model.notes)
        await fc.asyncModelRun(() => ({ model, real }), cmds)
        steps += [...cmds].length
      } finally {
        await system.dispose()
      }
    }),
    { numRuns: runs, seed: SEED, endOnFailure: false },
  )
  return { counts, steps }
}

const parents: string[] = []
afterAll(async () => {
  await Promise.all(parents.map((p) => rm(p, { recursive: true, force: true })))
})

describe('random sequences of calls, checked against a model after every step', () => {
  it(`holds over ${SEQUENCES} sequences in this process, a crash being the folder a SIGKILL leaves`, async () => {
    const parent = await mkdtemp(join(PARENT, 'coop-atlas-stateful-'))
    parents.push(parent)
    const started = Date.now()
    const { counts, steps } = await runSequences(SEQUENCES, () => inProcessSystem(parent, FIXTURE_PACK))
    recordFigures('stateful-in-process', 'Stateful sequences against a model (in process)', {
      sequences: SEQUENCES,
      'steps checked': steps,
      ...Object.fromEntries(Object.entries(counts).sort()),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    })
  }, 900_000)

  it(`holds over ${CHILD_SEQUENCES} sequences in a child process killed with SIGKILL`, async () => {
    const parent = await mkdtemp(join(PARENT, 'coop-atlas-stateful-child-'))
    parents.push(parent)
    const driver = await bundleDriver('model-driver.ts')
    const random = seededRandom(SEED)
    const started = Date.now()
    const { counts, steps } = await runSequences(CHILD_SEQUENCES, () => childSystem(parent, FIXTURE_PACK, driver, random))
    recordFigures('stateful-child', 'Stateful sequences against a model (child process, real SIGKILL)', {
      sequences: CHILD_SEQUENCES,
      'steps checked': steps,
      ...Object.fromEntries(Object.entries(counts).sort()),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    })
  }, 900_000)
})
