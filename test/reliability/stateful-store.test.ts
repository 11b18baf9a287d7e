/**
 * Data safety proved with sequences: fast-check draws command sequences — create, edit, tag, trash, restore,
 * empty the trash, import (good files, files with hostile notes, hostile files, our own Markdown zip brought back,
 * an Obsidian vault's folder imported twice), export, restore a backup, and
 * restart (clean, and as a crash) — and runs them against the real app through the contract's handler table,
 * over a real data folder. After every step the app must agree with a simple model: every acknowledged note
 * present with its latest text, tags, trash state, exact version and conflict mark, nothing else, no recovery
 * notice, and the files on disk readable by the store's own reader. Edits, trash and restore name the version
 * they were made from, as the editor does — sometimes an older one (the note changed in another tab meanwhile):
 * then the model expects the note untouched and the edit kept as a conflict copy (a trash or restore refused).
 * Imports come as files with versions and as older files without. A failing sequence is shrunk to its shortest
 * form and printed with its seed.
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
import type { BackupInfo, ExportedFile, ImportSummary, Note, NoteListing, NoteUpdateResult } from '../../src/shared/domain'
import type { CallResult } from '../../src/shared/errors'
import { normaliseTags, subjectsOf } from '../../src/shared/note-rules'
import { bumpVersion, firstVersion, sameVersions } from '../../src/shared/note-versions'
import { CONFLICT_TAG, conflictCopyId } from '../../src/main/services/sync/merge'
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

type Versions = Record<string, number>
interface ModelNote {
  body: string
  tags: string[]
  trashed: boolean
  /** Its subjects, "kind/id" joined by commas, first subject first; '' for a free-standing note. */
  target: string
  versions: Versions
  conflictOf: string | null
}
type Notes = Map<string, ModelNote>
interface Model {
  notes: Notes
  /** What each backup holds, as far as the model knows (a backup made while the model was in that state). */
  backups: Map<string, Notes>
  /** This installation's id: the same from step to step, but new after a backup is restored. */
  device: string
  /** Versions each note had before its current one: what a tab that missed a change would name. */
  history: Map<string, Versions[]>
}
interface Real {
  system: ModelSystem
  counts: Record<string, number>
}

/** One subject, several, or none (a free-standing note). */
const TARGETS = [
  'organisation/cecop',
  'organisation/cicopa',
  'event/cecop-founded',
  '',
  'organisation/cecop,organisation/cicopa,event/cecop-founded',
]
const subjectsOfModel = (target: string) =>
  target === ''
    ? []
    : target.split(',').map((t) => {
        const [kind, id] = t.split('/')
        return { kind, id }
      })
const clone = (notes: Notes): Notes => new Map([...notes].map(([id, n]) => [id, { ...n, tags: [...n.tags], versions: { ...n.versions } }]))
/** A device the app has never been: versions made "elsewhere". */
const elsewhere = () => randomUUID()
const asModel = (n: Note): ModelNote => ({
  body: n.body,
  tags: n.tags,
  trashed: n.trashed !== null,
  target: subjectsOf(n)
    .map((t) => `${t.kind}/${t.id}`)
    .join(','),
  versions: n.versions,
  conflictOf: n.conflictOf,
})
/** The note's next version in the model, remembering the one before. */
function advance(model: Model, id: string, note: ModelNote, versions: Versions): void {
  const past = model.history.get(id) ?? []
  past.push(note.versions)
  model.history.set(id, past)
  note.versions = versions
}
/** A version of the note other than its current one: an older one when there is, else one made elsewhere. */
function staleBase(model: Model, id: string, note: ModelNote): Versions {
  const older = (model.history.get(id) ?? []).filter((v) => !sameVersions(v, note.versions))
  return older.length > 0 ? older[older.length - 1]! : { [elsewhere()]: 1 }
}
const count = (real: Real, what: string) => (real.counts[what] = (real.counts[what] ?? 0) + 1)

async function value<T>(result: Promise<CallResult<unknown>>, what: string): Promise<T> {
  const r = await result
  if (!r.ok) throw new Error(`${what} was refused: ${r.error.message}`)
  return r.value as T
}

/** The app against the model, and the files against the store's own reader. */
async function check(model: Model, real: Real): Promise<void> {
  const listed = await value<NoteListing[]>(real.system.call('notes.listAll'), 'notes.listAll')
  const seen = new Map(listed.map((n) => [n.id, asModel(n)]))
  expect(seen).toEqual(model.notes)
  const status = await value<{ storeNotice: string | null; device: { id: string } }>(real.system.call('app.status'), 'app.status')
  expect(status.storeNotice).toBeNull()
  expect(status.device.id).toBe(model.device)
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
    const [first = null, ...others] = subjectsOfModel(this.target)
    const note = await value<Note>(
      real.system.call('notes.create', {
        target: first,
        ...(others.length ? { alsoAbout: others } : {}),
        body: this.body,
        tags: this.tags,
      }),
      'create',
    )
    model.notes.set(note.id, {
      body: this.body,
      tags: normaliseTags(this.tags),
      trashed: false,
      target: this.target,
      versions: firstVersion(model.device),
      conflictOf: null,
    })
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

/** An edit from the note's current version, or (`stale`) from an older one: a tab that missed a change. */
class Edit implements Command {
  constructor(
    readonly index: number,
    readonly body: string | null,
    readonly tags: string[] | null,
    readonly stale: boolean,
    /** New subjects (as TARGETS names them), or null to leave them. */
    readonly subjects: string | null = null,
  ) {}
  check = (model: Readonly<Model>) => model.notes.size > 0
  async run(model: Model, real: Real) {
    const [id, note] = pick(model, this.index)!
    const base = this.stale ? staleBase(model, id, note) : note.versions
    const result = await value<NoteUpdateResult>(
      real.system.call('notes.update', {
        id,
        base,
        ...(this.body !== null ? { body: this.body } : {}),
        ...(this.tags ? { tags: this.tags } : {}),
        ...(this.subjects !== null ? { subjects: subjectsOfModel(this.subjects) } : {}),
      }),
      'update',
    )
    const body = this.body ?? note.body
    const tags = this.tags ? normaliseTags(this.tags) : note.tags
    const target = this.subjects ?? note.target
    if (this.stale) {
      // The stored note stays as it is; the edit is a new note beside it, on the same subject, marked as a copy.
      expect(result.conflictCopy).not.toBeNull()
      model.notes.set(result.conflictCopy!.id, {
        body,
        tags,
        trashed: false,
        target,
        versions: firstVersion(model.device),
        conflictOf: id,
      })
      count(real, 'stale edit kept as a conflict copy')
    } else {
      expect(result.conflictCopy).toBeNull()
      note.body = body
      note.tags = tags
      note.target = target
      advance(model, id, note, bumpVersion(note.versions, model.device))
      count(real, 'edit')
    }
    expect(asModel(result.note)).toEqual(note)
    await check(model, real)
  }
  toString = () =>
    `Edit(${this.index}, ${this.subjects !== null ? `subjects ${JSON.stringify(this.subjects)}` : this.body === null ? 'tags' : JSON.stringify(this.body.slice(0, 20))}${this.stale ? ', stale' : ''})`
}

class Trash implements Command {
  constructor(
    readonly index: number,
    readonly restore: boolean,
    readonly stale: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.notes.size > 0
  async run(model: Model, real: Real) {
    const [id, note] = pick(model, this.index)!
    const base = this.stale ? staleBase(model, id, note) : note.versions
    const result = await real.system.call(this.restore ? 'notes.restore' : 'notes.trash', { id, base })
    if (note.trashed === !this.restore) {
      // Already so: nothing to do, whatever version is named.
      expect(result.ok).toBe(true)
      count(real, 'trash/restore with nothing to do')
    } else if (this.stale) {
      // Changed since the version named: refused, nothing changed.
      expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } })
      count(real, 'stale trash/restore refused')
    } else {
      expect(result.ok).toBe(true)
      note.trashed = !this.restore
      advance(model, id, note, bumpVersion(note.versions, model.device))
      count(real, this.restore ? 'restore' : 'trash')
    }
    await check(model, real)
  }
  toString = () => `${this.restore ? 'Restore' : 'Trash'}(${this.index}${this.stale ? ', stale' : ''})`
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
/** A notes file: as this version exports it (notes with versions), or as an older one did (version 1, none). */
const fileOf = (notes: unknown[], older = false) =>
  JSON.stringify({ format: 'coop-atlas-notes', version: older ? 1 : 2, exported: new Date().toISOString(), notes })
const withoutVersions = (note: object) => {
  const { versions: _versions, conflictOf: _conflictOf, ...rest } = note as Note
  return rest
}
const fresh = (b: string, at = '2026-06-01T00:00:00.000Z') => ({
  id: randomUUID() as string,
  target: { kind: 'organisation', id: 'cicopa' } as { kind: string; id: string } | null,
  body: b,
  tags: ['imported'],
  created: at,
  updated: at,
  trashed: null,
  previous: null,
  versions: { [elsewhere()]: 1 } as Versions,
  conflictOf: null as string | null,
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
  (n) => ({ ...n, alsoAbout: [{ kind: 'planet', id: 'mars' }] }),
  (n) => ({
    ...n,
    alsoAbout: [
      { kind: 'organisation', id: 'cecop' },
      { kind: 'organisation', id: 'cecop' },
    ],
  }),
  (n) => ({ ...n, alsoAbout: 'organisation/cecop' }),
  (n) => ({ ...n, id: 'not-a-uuid' }),
  (n) => ({ ...n, extra: true }),
  (n) => ({ ...n, body: 42 }),
  (n) => ({ ...n, previous: n.updated }),
  (n) => ({ ...n, created: '2026-07-01T00:00:00.000Z' }),
  (n) => ({ ...n, versions: { laptop: 1 } }),
  (n) => ({ ...n, versions: { [randomUUID()]: 0 } }),
  (n) => ({ ...n, versions: {} }),
  (n) => ({ ...n, versions: { [randomUUID()]: Number.MAX_SAFE_INTEGER } }),
  (n) => ({ ...n, conflictOf: 'not-a-note' }),
]

/**
 * A file as a user might bring back from elsewhere: new notes, later edits of ours, an edit that diverged, and
 * hostile notes. In this version's format, later and diverged are told by the versions (a later edit has seen
 * every change of ours and one more, made elsewhere; a diverged one has not seen ours); in an older file, without
 * versions, by the dates.
 */
class Import implements Command {
  constructor(
    readonly newBodies: string[],
    readonly descendIndex: number | null,
    readonly divergeIndex: number | null,
    readonly hostile: number[],
    readonly older: boolean,
  ) {}
  check = always
  async run(model: Model, real: Real) {
    const exported = await value<ExportedFile>(real.system.call('notes.exportJson'), 'exportJson')
    const current = (JSON.parse(exported.content) as { notes: Note[] }).notes
    const notes: (Omit<ReturnType<typeof fresh>, 'trashed' | 'previous'> & { trashed: string | null; previous: string | null })[] =
      this.newBodies.map((b) => fresh(b))
    const expectations: (() => void)[] = notes.map((note) => () => {
      model.notes.set(note.id, {
        body: note.body,
        tags: ['imported'],
        trashed: false,
        target: 'organisation/cicopa',
        // An older file's note is new here: one change, made here.
        versions: this.older ? firstVersion(model.device) : note.versions,
        conflictOf: null,
      })
    })
    let conflict: { body: string; of: string; keptAlready: boolean } | null = null
    if (current.length > 0 && this.descendIndex !== null) {
      const local = current[this.descendIndex % current.length]!
      const later = {
        ...local,
        body: `${local.body} (edited elsewhere)`,
        previous: local.updated,
        updated: minuteAfter(local.updated),
        versions: { ...local.versions, [elsewhere()]: 1 },
      }
      notes.push(later)
      expectations.push(() => {
        const note = model.notes.get(local.id)!
        note.body = later.body
        // Taken as it is from a file with versions; from an older file, as one more change made here.
        advance(model, local.id, note, this.older ? bumpVersion(note.versions, model.device) : later.versions)
      })
    }
    if (current.length > 0 && this.divergeIndex !== null) {
      const local = current[this.divergeIndex % current.length]!
      if (!notes.some((n) => n.id === local.id)) {
        const body = `${local.body} (diverged)`
        // The same text kept as a copy of that note already (the same file imported again): no second copy. Its id
        // is made of the note's id and the text; another copy of the note may hold the same text too.
        const tags = local.tags.filter((t) => t !== CONFLICT_TAG)
        const copyTags = tags.length < 30 ? [...tags, CONFLICT_TAG] : tags
        const keptAlready =
          model.notes.has(conflictCopyId(local.id, { body, tags, target: local.target, alsoAbout: local.alsoAbout })) ||
          [...model.notes.values()].some((n) => n.conflictOf === local.id && n.body === body && n.tags.join('\n') === copyTags.join('\n'))
        conflict = { body, of: local.id, keptAlready }
        notes.push({
          ...local,
          body: conflict.body,
          previous: '2000-01-01T00:00:00.000Z',
          updated: minuteAfter(local.updated),
          versions: { [elsewhere()]: 1 },
        })
      }
    }
    const all: unknown[] = this.older ? notes.map(withoutVersions) : [...notes]
    for (const h of this.hostile) all.push(HOSTILE_NOTES[h % HOSTILE_NOTES.length]!(fresh('hostile')))
    const text = fileOf(all, this.older)
    const preview = await value<ImportSummary>(real.system.call('notes.importPreview', { text }), 'importPreview')
    expect(preview.refused).toHaveLength(this.hostile.length)
    await check(model, real) // a preview changes nothing
    const applied = await value<ImportSummary>(real.system.call('notes.importApply', { text }), 'importApply')
    expect(applied.refused).toHaveLength(this.hostile.length)
    for (const expectation of expectations) expectation()
    if (conflict !== null) {
      // The diverged edit is kept as a second note, tagged and marked as a copy of ours: find it by what it says.
      // Once only (see keptAlready above).
      const listed = await value<NoteListing[]>(real.system.call('notes.listAll'), 'listAll')
      const copy = listed.find((n) => !model.notes.has(n.id) && n.body === conflict.body)
      if (copy || !conflict.keptAlready) {
        expect(copy?.tags).toContain('import-conflict')
        // One change made here (more, when it brings back a copy deleted for good here: it comes after the deletion).
        expect(copy).toMatchObject({ conflictOf: conflict.of })
        expect(copy!.versions[model.device]).toBeGreaterThanOrEqual(firstVersion(model.device)[model.device]!)
        model.notes.set(copy!.id, asModel(copy!))
        count(real, 'conflict kept')
      } else count(real, 'conflict kept already')
    }
    count(real, this.older ? 'import (older file, no versions)' : 'import')
    if (this.hostile.length > 0) count(real, 'hostile notes left out')
    await check(model, real)
  }
  toString = () =>
    `Import(${this.older ? 'older file, ' : ''}new ${this.newBodies.length}, descend ${this.descendIndex}, diverge ${this.divergeIndex}, hostile [${this.hostile}])`
}

/** Files that must be refused whole, changing nothing. */
const HOSTILE_FILES = [
  '{"format":"coop-atlas-notes","notes":[',
  JSON.stringify({ hello: 'world' }),
  JSON.stringify({ format: 'coop-atlas-notes', version: 4, exported: '2026-01-01T00:00:00.000Z', notes: [] }),
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

/**
 * Our own Markdown export (a zip) brought back whole: every note is already here in the same version, so nothing
 * may change — not a text, a tag, a subject, a trash state, a version or a conflict mark.
 */
class MarkdownRoundTrip implements Command {
  check = always
  async run(model: Model, real: Real) {
    const exported = await value<ExportedFile>(real.system.call('notes.exportMarkdown', {}), 'exportMarkdown')
    expect(exported.encoding).toBe('base64')
    const source = { from: 'zip', base64: exported.content }
    await value<ImportSummary>(real.system.call('notes.importMarkdownPreview', source), 'importMarkdownPreview')
    await check(model, real)
    const applied = await value<ImportSummary>(real.system.call('notes.importMarkdownApply', source), 'importMarkdownApply')
    expect(applied.refused).toEqual([])
    count(real, 'markdown export brought back')
    await check(model, real)
  }
  toString = () => 'MarkdownRoundTrip'
}

/**
 * Notes of an Obsidian vault (a picked folder): free-standing notes whose ids come from their paths, tags from the
 * front matter and the text. Imported, then imported again as they are: the second changes nothing.
 */
class VaultImport implements Command {
  constructor(
    readonly folder: string,
    readonly bodies: string[],
    readonly tags: string[],
  ) {}
  check = always
  async run(model: Model, real: Real) {
    const files = this.bodies.map((text, n) => ({
      path: `${this.folder}/Note ${n}.md`,
      text: `---\ntags: [${this.tags.map((t) => JSON.stringify(t)).join(', ')}]\n---\n${text}`,
    }))
    const source = { from: 'folder', files, skipped: 0 }
    const preview = await value<ImportSummary>(real.system.call('notes.importMarkdownPreview', source), 'importMarkdownPreview')
    expect(preview.refused).toEqual([])
    await check(model, real)
    await value<ImportSummary>(real.system.call('notes.importMarkdownApply', source), 'importMarkdownApply')
    const listed = await value<NoteListing[]>(real.system.call('notes.listAll'), 'notes.listAll')
    const arrived = listed.filter((n) => !model.notes.has(n.id))
    expect(arrived).toHaveLength(files.length)
    for (const note of arrived) {
      // Free-standing, titled by its file where its text has no heading, with the front matter's tags.
      expect(note).toMatchObject({ target: null, trashed: null, conflictOf: null })
      expect(note.body).toMatch(/^#/)
      for (const tag of normaliseTags(this.tags)) expect(note.tags).toContain(tag)
      model.notes.set(note.id, asModel(note))
    }
    await check(model, real)
    await value<ImportSummary>(real.system.call('notes.importMarkdownApply', source), 'importMarkdownApply')
    count(real, 'vault imported (and again)')
    await check(model, real)
  }
  toString = () => `VaultImport(${this.folder}, ${this.bodies.length} files, tags [${this.tags}])`
}

class ExportCheck implements Command {
  check = always
  async run(model: Model, real: Real) {
    const exported = await value<ExportedFile>(real.system.call('notes.exportJson'), 'exportJson')
    const notes = (JSON.parse(exported.content) as { notes: Note[] }).notes
    expect(new Map(notes.map((n) => [n.id, asModel(n)]))).toEqual(model.notes)
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
    const result = await real.system.call('backups.restore', { name })
    // A backup that holds nothing to go back to is refused and nothing changes. The model tracks notes only, not the
    // records of deleted notes, so a backup without notes may go either way; one with notes must be restored.
    if (!result.ok) {
      expect(model.backups.get(name)!.size, `a backup holding notes was refused: ${result.error.message}`).toBe(0)
      expect(result.error.message).toMatch(/holds no notes/)
      count(real, 'empty backup refused')
      await check(model, real)
      return
    }
    model.notes = clone(model.backups.get(name)!)
    // Gone back to older versions: the installation takes a new id, so that no counter is given out twice.
    const status = await value<{ device: { id: string } }>(real.system.call('app.status'), 'app.status')
    expect(status.device.id).not.toBe(model.device)
    model.device = status.device.id
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
  // One edit, trash or restore in four is made from an older version than the stored one.
  fc.tuple(index, body, fc.nat({ max: 3 })).map(([i, b, s]) => new Edit(i, b, null, s === 0)),
  fc.tuple(index, tags, fc.nat({ max: 3 })).map(([i, g, s]) => new Edit(i, null, g, s === 0)),
  fc.tuple(index, fc.constantFrom(...TARGETS), fc.nat({ max: 3 })).map(([i, t, s]) => new Edit(i, null, null, s === 0, t)),
  fc.tuple(index, fc.boolean(), fc.nat({ max: 3 })).map(([i, r, s]) => new Trash(i, r, s === 0)),
  fc.constant(new EmptyTrash()),
  fc
    .tuple(
      fc.array(body, { maxLength: 3 }),
      fc.option(index),
      fc.option(index),
      fc.uniqueArray(fc.nat({ max: HOSTILE_NOTES.length - 1 }), { maxLength: 3 }),
      fc.nat({ max: 2 }),
    )
    .map(([b, d, v, h, o]) => new Import(b, d, v, h, o === 0)),
  fc.nat({ max: HOSTILE_FILES.length }).map((w) => new ImportHostileFile(w)),
  fc.constant(new MarkdownRoundTrip()),
  fc
    .tuple(fc.uuid(), fc.array(body, { minLength: 1, maxLength: 3 }), tags)
    .map(([folder, bodies, t]) => new VaultImport(`Vault ${folder.slice(0, 8)}`, bodies, t)),
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
        const status = await system.call('app.status')
        if (!status.ok) throw new Error(status.error.message)
        const device = (status.value as { device: { id: string } }).device.id
        const model: Model = { notes: new Map(), backups: new Map(), device, history: new Map() }
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
