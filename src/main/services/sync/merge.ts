/**
 * The one home of the rules that merge notes by id: an import (a notes file) and synchronisation (other devices'
 * files in the sync folder) both go through here. Pure: no I/O; the caller saves what a merge changed in one step.
 *
 * By the notes' versions (shared/note-versions.ts), never by the clocks alone:
 *  - a version that has seen every change of the other replaces it; one the other has seen is left alone;
 *  - concurrent versions (each has a change the other has not seen) keep both texts: one stays the note and the
 *    other becomes a conflict copy beside it (`conflictOf` names the note). Which one stays:
 *      import — the note here; the file's text is the copy, made here (one change on this device), tagged.
 *      sync   — the one that ranks first the same way on every device (`ranksAbove`: more changes behind it, then
 *               the later change, then its text), so that every device ends up with the same note and the same
 *               copy; the copy keeps the other's version, fields and dates, untouched.
 *    A copy's id is derived from the note's id and the copy's text (`conflictCopyId`), and no copy is made when
 *    the same text is already kept as a copy of that note (or, in sync, was deleted for good by someone who had
 *    seen it): merging the same conflict again, from any device, in any order, never gives a second copy.
 *  - a note deleted for good leaves a tombstone (its id and the version it had). In sync, a tombstone removes a
 *    version it has seen, and only that: an edit it has not seen (concurrent or later) keeps or brings back the
 *    note. An import brings a deleted note back on purpose, as a change made here after the deletion.
 *  - a note from a file without versions (before they existed) is merged by its dates: a later edit made from
 *    the version here replaces it (as one change made here); otherwise both are kept.
 */
import { createHash } from 'node:crypto'
import { MAX_TAGS, MAX_VERSION_ENTRIES, subjectKey, subjectsOf } from '../../../shared/note-rules'
import { bumpVersion, compareVersions, firstVersion, mergeVersions, type Versions } from '../../../shared/note-versions'
import type { CorrectionTombstone, IncomingNote, StoredCorrection, StoredNote as Note, Tombstone } from '../../store/schema'
import { canonicalNote } from './canonical'
import { hashedId } from '../hashed-id'
import type { Steps } from '../../work-in-slices'

/** 'import': a notes file the user brings in. 'sync': another device's file in the sync folder. */
export type MergeMode = 'import' | 'sync'

export interface MergeContext {
  mode: MergeMode
  /** This installation's id: what changes made here (an import's copy, a note brought back) are counted under. */
  device: string
}

/** The tag an import's conflict copy carries, to be found among the notes. */
export const CONFLICT_TAG = 'import-conflict'

/** True when `versions` is one the tombstone had seen (that version, or an older one). */
export function tombstoneHasSeen(tombstone: Pick<Tombstone, 'versions'>, versions: Versions): boolean {
  const order = compareVersions(versions, tombstone.versions)
  return order === 'before' || order === 'same'
}

type Text = {
  readonly body: string
  readonly tags: readonly string[]
  readonly target: Readonly<Note['target']>
  readonly alsoAbout?: Readonly<Note['alsoAbout']>
}

const subjectKeys = (text: Text): string[] => subjectsOf(text).map(subjectKey)

/** Same text: body, tags (in order) and subjects (in order). */
export const sameText = (a: Text, b: Text): boolean =>
  a.body === b.body &&
  a.tags.length === b.tags.length &&
  a.tags.every((t, i) => t === b.tags[i]) &&
  subjectKeys(a).join('\n') === subjectKeys(b).join('\n')

/** Same text and the same trash state (and shared mark, when the incoming note has one): nothing to take. */
const sameContent = (a: Note, b: IncomingNote) =>
  sameText(a, b) && a.trashed === b.trashed && (b.shared === undefined || a.shared === b.shared)

/**
 * The id of the conflict copy of note `of` that holds `text`: the same on every device and at every merge, so the
 * same conflict is never kept twice. A UUID (RFC 9562 version 8, "custom") made of 122 bits of a SHA-256.
 */
export function conflictCopyId(of: string, text: Text): string {
  const subjects = subjectsOf(text)
  // A note about one thing hashes as before there could be several or none: a device not yet updated makes the
  // same copy's id for the same conflict.
  const what = subjects.length === 1 ? [subjects[0]!.kind, subjects[0]!.id] : [subjects.map(subjectKey)]
  return hashedId(JSON.stringify([of, ...what, text.tags, text.body]))
}

const weight = (versions: Versions) => Object.values(versions).reduce((sum, counter) => sum + counter, 0)
const lastChange = (note: Note) => (note.trashed !== null && note.trashed > note.updated ? note.trashed : note.updated)
const fingerprint = (note: Note) =>
  createHash('sha256')
    .update(JSON.stringify(canonicalNote(note)))
    .digest('hex')

/**
 * Which of two concurrent versions of a note stays the note in sync (the other becomes its copy), decided the
 * same way on every device: the one with more changes behind it (the sum of its counters, which grows with every
 * change, so a version never ranks below one it has seen), then the later change, then the text itself.
 */
export function ranksAbove(a: Note, b: Note): boolean {
  const wa = weight(a.versions)
  const wb = weight(b.versions)
  if (wa !== wb) return wa > wb
  const ta = lastChange(a)
  const tb = lastChange(b)
  if (ta !== tb) return ta > tb
  return fingerprint(a) > fingerprint(b)
}

/** Every field the same (the versions are compared by the caller). */
const identical = (a: Note, b: Note) =>
  sameText(a, b) &&
  a.trashed === b.trashed &&
  a.shared === b.shared &&
  a.conflictOf === b.conflictOf &&
  a.created === b.created &&
  a.updated === b.updated &&
  a.previous === b.previous &&
  a.author?.device === b.author?.device &&
  a.author?.name === b.author?.name

/** A whole note from an incoming one: what an older file does not say is taken from `local`, or the defaults. */
function complete(incoming: IncomingNote, versions: Versions, local?: Note): Note {
  return {
    ...incoming,
    versions: { ...versions },
    // A file from before conflict marks cannot unmark a conflict copy, nor one from before sharing unshare a note.
    conflictOf: incoming.conflictOf !== undefined ? incoming.conflictOf : (local?.conflictOf ?? null),
    shared: incoming.shared ?? local?.shared ?? false,
    author: incoming.author !== undefined ? incoming.author : (local?.author ?? null),
  }
}

/** An import's copy: the file's text, beside note `of`, as one change made here, tagged. */
function importCopy(of: string, incoming: IncomingNote, device: string): Note {
  const tags = incoming.tags.filter((t) => t !== CONFLICT_TAG)
  return {
    ...complete(incoming, firstVersion(device)),
    id: conflictCopyId(of, { ...incoming, tags }),
    // The tag when there is room for it (the conflict mark says it anyway).
    tags: tags.length < MAX_TAGS ? [...tags, CONFLICT_TAG] : tags,
    conflictOf: of,
  }
}

/** Sync's copy: the version that did not stay, untouched but for its id and its mark. */
const syncCopy = (of: string, loser: Note): Note => ({ ...loser, id: conflictCopyId(of, loser), conflictOf: of })

/** `older` (a note from before versions) was edited from `earlier`'s version or a later one. */
const descendsFrom = (later: Note | IncomingNote, earlier: Note | IncomingNote) =>
  later.previous !== null && later.previous >= earlier.updated

/**
 * What merging `incoming` into a store holding `local` (or nothing) under that id does: take it (add, update),
 * leave the note (unchanged, keptNewer), or keep both (conflict: `note` is what the id now holds when that
 * changes, null when it stays; `copy` is the other text, or null when it is the same text).
 */
export type Resolution =
  { kind: 'add' | 'update'; note: Note } | { kind: 'unchanged' | 'keptNewer' } | { kind: 'conflict'; note: Note | null; copy: Note | null }

export function resolve(local: Note | undefined, incoming: IncomingNote, { mode, device }: MergeContext): Resolution {
  if (!local) return { kind: 'add', note: complete(incoming, incoming.versions ?? firstVersion(device)) }
  if (mode === 'import') {
    if (sameContent(local, incoming)) return { kind: 'unchanged' }
    if (incoming.versions) {
      const order = compareVersions(incoming.versions, local.versions)
      if (order === 'after') return { kind: 'update', note: complete(incoming, incoming.versions, local) }
      if (order === 'before') return { kind: 'keptNewer' }
      // 'concurrent', or 'same' with another text (a version given out twice: only a store put back by hand does
      // that): both texts are kept.
    } else {
      if (incoming.updated > local.updated && descendsFrom(incoming, local))
        return { kind: 'update', note: complete(incoming, bumpVersion(local.versions, device), local) }
      if (local.updated > incoming.updated && descendsFrom(local, incoming)) return { kind: 'keptNewer' }
    }
    return { kind: 'conflict', note: null, copy: importCopy(local.id, incoming, device) }
  }
  // Sync: another device's file holds whole notes, with their versions (folder-format.ts checks that).
  const theirs = incoming as Note
  const order = compareVersions(theirs.versions, local.versions)
  if (order === 'after') return { kind: 'update', note: theirs }
  if (order === 'before') return { kind: 'keptNewer' }
  if (order === 'same' && identical(theirs, local)) return { kind: 'unchanged' }
  const theyStay = ranksAbove(theirs, local)
  const [stays, other] = theyStay ? [theirs, local] : [local, theirs]
  const copy = sameText(stays, other) ? null : syncCopy(local.id, other)
  if (copy === null) return theyStay ? { kind: 'update', note: theirs } : { kind: 'keptNewer' }
  return { kind: 'conflict', note: theyStay ? theirs : null, copy }
}

/**
 * Notes and tombstones as a merge changes them: a view over the store's maps (never changed here) with the
 * changes on top, and those changes to save in one step (`changes`).
 */
export class MergeWorkspace {
  readonly #notes: ReadonlyMap<string, Note>
  readonly #tombstones: ReadonlyMap<string, Tombstone>
  readonly #put = new Map<string, Note>()
  readonly #removed = new Set<string>()
  readonly #putTombstones = new Map<string, Tombstone>()
  /** Conflict copies by the note they are copies of, made the first time one is looked for. */
  #copies: Map<string, Map<string, Note>> | null = null

  constructor(notes: ReadonlyMap<string, Note>, tombstones: ReadonlyMap<string, Tombstone>) {
    this.#notes = notes
    this.#tombstones = tombstones
  }

  note(id: string): Note | undefined {
    return this.#put.get(id) ?? (this.#removed.has(id) ? undefined : this.#notes.get(id))
  }

  tombstone(id: string): Tombstone | undefined {
    return this.#putTombstones.get(id) ?? this.#tombstones.get(id)
  }

  /** The notes that are conflict copies of note `id`. */
  copiesOf(id: string): Iterable<Note> {
    if (!this.#copies) {
      this.#copies = new Map()
      for (const note of this.#notes.values()) if (!this.#removed.has(note.id) && !this.#put.has(note.id)) this.#index(note)
      for (const note of this.#put.values()) this.#index(note)
    }
    return this.#copies.get(id)?.values() ?? []
  }

  #index(note: Note): void {
    if (note.conflictOf === null || !this.#copies) return
    let copies = this.#copies.get(note.conflictOf)
    if (!copies) this.#copies.set(note.conflictOf, (copies = new Map()))
    copies.set(note.id, note)
  }

  #unindex(id: string): void {
    const before = this.note(id)
    if (before?.conflictOf) this.#copies?.get(before.conflictOf)?.delete(id)
  }

  put(note: Note): void {
    this.#unindex(note.id)
    this.#removed.delete(note.id)
    this.#put.set(note.id, note)
    this.#index(note)
  }

  remove(id: string): void {
    this.#unindex(id)
    this.#put.delete(id)
    this.#removed.add(id)
  }

  putTombstone(tombstone: Tombstone): void {
    this.#putTombstones.set(tombstone.id, tombstone)
  }

  get changed(): boolean {
    return this.#put.size > 0 || this.#removed.size > 0 || this.#putTombstones.size > 0
  }

  /** What to save: notes to put, ids to remove (first), tombstones to put. */
  changes(): { notes: Note[]; remove: string[]; tombstones: Tombstone[] } {
    return {
      notes: [...this.#put.values()],
      remove: [...this.#removed].filter((id) => this.#notes.has(id)),
      tombstones: [...this.#putTombstones.values()],
    }
  }
}

/** What merging one note did: the resolution's kind, or 'deleted' (a tombstone here had seen it). */
export type NoteOutcome = 'added' | 'updated' | 'unchanged' | 'keptNewer' | 'conflict' | 'deleted'

/** Merges one incoming note into the workspace, tombstones and existing copies considered (see the top). */
export function mergeNote(ws: MergeWorkspace, incoming: IncomingNote, context: MergeContext): NoteOutcome {
  const tombstone = ws.tombstone(incoming.id)
  let candidate = incoming
  if (tombstone) {
    const seen = !incoming.versions || tombstoneHasSeen(tombstone, incoming.versions)
    // In sync a version the deletion had seen is gone, whatever is here (a note brought back by a later edit stays).
    if (seen && context.mode === 'sync') return 'deleted'
    // An import brings a note deleted here back on purpose: as a change made here after the deletion, so that a
    // device that synchronises keeps it too, and the tombstone stays for versions it has seen.
    if (seen && !ws.note(incoming.id))
      candidate = { ...incoming, versions: bumpVersion(mergeVersions(incoming.versions ?? {}, tombstone.versions), context.device) }
  }
  const resolution = resolve(ws.note(incoming.id), candidate, context)
  switch (resolution.kind) {
    case 'add':
    case 'update':
      ws.put(resolution.note)
      return resolution.kind === 'add' ? 'added' : 'updated'
    case 'unchanged':
    case 'keptNewer':
      return resolution.kind
    case 'conflict': {
      if (resolution.note) ws.put(resolution.note)
      const kept = resolution.copy !== null && keepCopy(ws, resolution.copy, context)
      return kept ? 'conflict' : resolution.note ? 'updated' : 'unchanged'
    }
  }
}

/**
 * Adds a conflict copy unless its text is kept already (as that copy, edited or not since, or as another copy of
 * the same note). In sync, nor when it was deleted for good by someone who had seen it; an import brings it back
 * as it brings back any note (as a change made here after the deletion).
 */
function keepCopy(ws: MergeWorkspace, copy: Note, { mode, device }: MergeContext): boolean {
  if (ws.note(copy.id)) return false
  for (const other of ws.copiesOf(copy.conflictOf!)) if (sameText(other, copy)) return false
  const tombstone = ws.tombstone(copy.id)
  if (tombstone && tombstoneHasSeen(tombstone, copy.versions)) {
    if (mode === 'sync') return false
    copy = { ...copy, versions: bumpVersion(mergeVersions(copy.versions, tombstone.versions), device) }
  }
  ws.put(copy)
  return true
}

/**
 * Merges another device's tombstone: kept with what this device knew of the deletion (the versions both had seen),
 * and the note here removed when the deletion had seen its version. Returns whether a note was removed.
 */
export function mergeTombstone(ws: MergeWorkspace, incoming: Tombstone): boolean {
  const local = ws.tombstone(incoming.id)
  const joined: Tombstone = local
    ? {
        id: incoming.id,
        versions: mergeVersions(local.versions, incoming.versions),
        deleted: local.deleted > incoming.deleted ? local.deleted : incoming.deleted,
        shared: local.shared || incoming.shared,
      }
    : incoming
  // A version the store could not keep (more devices than a version may name): what was known here stands.
  if (Object.keys(joined.versions).length > MAX_VERSION_ENTRIES) return false
  if (
    !local ||
    compareVersions(local.versions, joined.versions) !== 'same' ||
    local.deleted !== joined.deleted ||
    local.shared !== joined.shared
  )
    ws.putTombstone(joined)
  const note = ws.note(incoming.id)
  if (note && tombstoneHasSeen(joined, note.versions)) {
    ws.remove(incoming.id)
    return true
  }
  return false
}

/**
 * Another device's notes and tombstones, as its file in a sync folder holds them; in the personal folder, its
 * corrections and their tombstones too (merged by corrections-merge.ts; absent from a file written without them).
 */
export interface Replica {
  notes: readonly Note[]
  tombstones: readonly Tombstone[]
  corrections?: readonly StoredCorrection[]
  correctionTombstones?: readonly CorrectionTombstone[]
}

export interface ReplicaOutcome {
  added: number
  updated: number
  conflicts: number
  deleted: number
  /** Notes and tombstones the team folder may not change here (see `team`), passed over. */
  passedOver: number
}

/** Notes looked at in one step of withoutKnownNotes (a step may decode their bodies here, kept lazily). */
const NOTES_PER_STEP = 64

/**
 * The replica without the notes this device has already: a version it has seen, or the same version with every
 * field the same. Merging them changes nothing, now or after any change made here meanwhile (a version here only
 * grows; a deletion here has seen it), so they are left out before the merge's one step, a few at a time: at
 * 50,000 notes, merging another device's whole file with 10 changes in it held main 207 ms in that step, almost
 * all of it on notes this device had (npm run bench).
 */
export function* withoutKnownNotes(replica: Replica, notes: ReadonlyMap<string, Note>): Steps<Replica> {
  const unknown: Note[] = []
  for (let i = 0; i < replica.notes.length; i++) {
    const incoming = replica.notes[i]!
    const local = notes.get(incoming.id)
    const order = local ? compareVersions(incoming.versions, local.versions) : null
    if (!(order === 'before' || (order === 'same' && identical(incoming, local!)))) unknown.push(incoming)
    if (i % NOTES_PER_STEP === NOTES_PER_STEP - 1) yield
  }
  return unknown.length === replica.notes.length ? replica : { ...replica, notes: unknown }
}

/**
 * Merges a whole replica: tombstones first, then notes. With `team` (a colleague's file in the team folder) only
 * the shared notebook can change: a shared note, never a personal note here or one whose personal note was
 * deleted here, whatever id a colleague's file names.
 */
export function mergeReplica(ws: MergeWorkspace, replica: Replica, context: MergeContext & { team?: boolean }): ReplicaOutcome {
  const out: ReplicaOutcome = { added: 0, updated: 0, conflicts: 0, deleted: 0, passedOver: 0 }
  const personalHere = (id: string) => {
    const note = ws.note(id)
    if (note) return !note.shared
    const tombstone = ws.tombstone(id)
    return tombstone ? !tombstone.shared : false
  }
  for (const tombstone of replica.tombstones) {
    if (context.team && (!tombstone.shared || personalHere(tombstone.id))) {
      out.passedOver++
      continue
    }
    if (mergeTombstone(ws, tombstone)) out.deleted++
  }
  for (const note of replica.notes) {
    if (context.team && (!note.shared || personalHere(note.id))) {
      out.passedOver++
      continue
    }
    const outcome = mergeNote(ws, note, context)
    if (outcome === 'added') out.added++
    else if (outcome === 'updated') out.updated++
    else if (outcome === 'conflict') out.conflicts++
  }
  return out
}
