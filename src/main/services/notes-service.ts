/**
 * The user's notes: created, edited, trashed, restored, shared and deleted only here, through the durable user
 * store. Each change made here counts one more change on this device in the note's version
 * (shared/note-versions.ts); an edit names the version it started from, and one started from an older version than
 * the stored one (the note was changed elsewhere meanwhile: another window, another tab, another device) never
 * overwrites it: its text is kept as a conflict copy. The version is compared in the store's queue, once every
 * change before it is applied (UserStore.transact): two saves that arrive together cannot both pass the check.
 * A note deleted for good leaves a tombstone (sync/merge.ts).
 */
import { randomUUID } from 'node:crypto'
import type { Note, NoteAuthor, NoteListing, NoteTarget, NoteUpdateResult, TagCount } from '../../shared/domain'
import { wordedRefusal } from '../../shared/errors'
import { saveFailure } from '../data-folder-errors'
import { isAbout, normaliseTags, noteSubjects, subjectKey, subjectsOf } from '../../shared/note-rules'
import { bumpVersion, firstVersion, sameVersions, type Versions } from '../../shared/note-versions'
import {
  BACKLINK_GIST_LENGTH,
  linkingNote,
  listPage,
  notesPage,
  type LinkingNote,
  type ListPage,
  type NotesPage,
  type NotesPageRequest,
} from '../../shared/notes-page'
import type { PackLocale } from '../../shared/content/texts'
import { newestFirst } from '../../shared/notes-filter'
import { NoteLinks } from './note-links'
import type { Tombstone } from '../store/schema'
import type { JournalEntry, UserStore } from '../store/user-store'

export interface NotesDependencies {
  store: UserStore
  /** The target's name in the pack, or null when the pack does not have it (the note is then orphaned). */
  describeTarget: (target: NoteTarget, locale?: PackLocale) => string | null
  /** Folded organisation names → ids, for wiki-links. */
  nameIndex: () => Map<string, string>
  /** An organisation's id in the pack now, through its redirects (the id itself when none). */
  resolveId?: (organisationId: string) => string
  now?: () => Date
}

const copy = (note: Note): Note => structuredClone(note)

export class NotesService {
  readonly #store: UserStore
  readonly #deps: NotesDependencies
  readonly #now: () => Date
  readonly #links = new NoteLinks()

  constructor(deps: NotesDependencies) {
    this.#store = deps.store
    this.#deps = deps
    this.#now = deps.now ?? (() => new Date())
  }

  /** A later timestamp than `after`, even if the clock stepped back: merging relies on edits being ordered. */
  #stamp(after?: string): string {
    const now = this.#now().getTime()
    return new Date(after ? Math.max(now, Date.parse(after) + 1) : now).toISOString()
  }

  /**
   * The notes about `target` (as their first subject or another), newest first: the first `limit` (all without one),
   * or down to the note `through`.
   */
  pageFor(target: NoteTarget, limit?: number, through?: string): ListPage<Note> {
    const about = [...this.#store.notes.values()].filter((n) => !n.trashed && isAbout(n, target)).sort(newestFirst)
    const page = listPage(about, limit, through)
    return { ...page, notes: page.notes.map(copy) }
  }

  listAll(): NoteListing[] {
    return this.#listings(this.#store.notes.values())
  }

  /**
   * Notes (not in the trash) whose body links to the organisation with [[…]], newest first. Only those are copied and
   * described, and the links each note names are kept per note (note-links.ts).
   */
  backlinks(organisationId: string): NoteListing[] {
    return this.#listings(this.#links.linkedFrom(this.#store.notes.values(), this.#deps.nameIndex()).get(organisationId) ?? [])
  }

  /**
   * A profile's "notes elsewhere that link here": the notes linking to the organisation that are not about it, newest
   * first, the first `limit` (all without one), each as its first words and what it is about.
   */
  backlinksPage(organisationId: string, limit?: number): ListPage<LinkingNote> {
    const about = { kind: 'organisation', id: organisationId } as const
    const linking = (this.#links.linkedFrom(this.#store.notes.values(), this.#deps.nameIndex()).get(organisationId) ?? [])
      .filter((n) => !isAbout(n, about))
      .sort(newestFirst)
    const page = listPage(linking, limit)
    return { ...page, notes: page.notes.map((n) => linkingNote(this.#listing(n), BACKLINK_GIST_LENGTH)) }
  }

  /** One page of the notes page's list (shared/notes-page.ts): only the notes shown are copied and described. */
  page(request: NotesPageRequest): NotesPage {
    const resolve = this.#deps.resolveId ?? ((id: string) => id)
    const notes = [...this.#store.notes.values()]
    // The page is open: its search will want every note folded (2.5 s at 50,000 notes of ~300 words, once).
    void this.#links.warmFolded(notes)
    return notesPage(notes, request, {
      subject: (n) => (n.target ? (this.#deps.describeTarget(n.target, request.locale) ?? '') : ''),
      folded: (n) => this.#links.folded(n),
      listing: (n) => this.#listing(n),
      organisations: (n) =>
        subjectsOf(n)
          .filter((s) => s.kind === 'organisation')
          .map((s) => resolve(s.id)),
      linkedFrom: this.#links.linkedFrom(notes, this.#deps.nameIndex()),
    })
  }

  /** Copies of `notes`, each with what it is about named, newest first. */
  #listings(notes: Iterable<Note>): NoteListing[] {
    return [...notes].map((n) => this.#listing(n)).sort(newestFirst)
  }

  /** A copy of `note` with what it is about named. */
  #listing(note: Note): NoteListing {
    const targetLabel = note.target && this.#deps.describeTarget(note.target)
    const otherLabels = (note.alsoAbout ?? []).map((t) => this.#deps.describeTarget(t))
    // A free-standing note is about nothing by choice: never orphaned.
    return { ...copy(note), targetLabel, otherLabels, orphaned: note.target !== null && targetLabel === null }
  }

  tags(): TagCount[] {
    const counts = new Map<string, TagCount>()
    for (const note of this.#store.notes.values()) {
      if (note.trashed) continue
      for (const tag of note.tags) {
        const key = tag.toLowerCase()
        const entry = counts.get(key) ?? { tag, count: 0 }
        entry.count++
        counts.set(key, entry)
      }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
  }

  /** A new note about `target` and `alsoAbout` (each in the pack), or free-standing (`target` null). */
  async create(target: NoteTarget | null, body: string, tags: string[] = [], alsoAbout: NoteTarget[] = []): Promise<Note> {
    const subjects = noteSubjects([...(target ? [target] : []), ...alsoAbout])
    this.#checkSubjectsExist(subjectsOf(subjects))
    const note = this.#newNote(subjects, body, normaliseTags(tags), null, false)
    await this.#save(note)
    return copy(note)
  }

  /**
   * Saves an edit made from the version `base`. When the stored note is not at that version (it was changed
   * elsewhere since), the stored note is left exactly as it is and the edit is saved as a new note beside it, its
   * conflict copy: both texts are kept, and the answer says so.
   */
  update(
    id: string,
    change: { body?: string | undefined; tags?: string[] | undefined; subjects?: NoteTarget[] | undefined },
    base: Versions,
  ): Promise<NoteUpdateResult> {
    return this.#change<NoteUpdateResult>(() => {
      const note = this.#find(id)
      const tags = change.tags ? normaliseTags(change.tags) : note.tags
      // A subject the note had stays even when the pack has lost it (orphaned, not dropped); a new one must exist.
      const had = new Set(subjectsOf(note).map(subjectKey))
      if (change.subjects) this.#checkSubjectsExist(change.subjects.filter((t) => !had.has(subjectKey(t))))
      const subjects = change.subjects ? noteSubjects(change.subjects) : noteSubjects(subjectsOf(note))
      if (!sameVersions(note.versions, base)) {
        // A field the edit did not send is taken as stored: the copy is what the note would have become.
        const conflictCopy = this.#newNote(subjects, change.body ?? note.body, tags, note.id, note.shared)
        return { entry: { op: 'put-note', note: conflictCopy }, result: { note: copy(note), conflictCopy: copy(conflictCopy) } }
      }
      const { alsoAbout: _formerOthers, ...rest } = note
      const next: Note = {
        ...rest,
        ...subjects,
        body: change.body ?? note.body,
        tags,
        updated: this.#stamp(note.updated),
        previous: note.updated,
        versions: bumpVersion(note.versions, this.#device()),
        author: this.#author(),
      }
      return { entry: { op: 'put-note', note: next }, result: { note: copy(next), conflictCopy: null } }
    })
  }

  /**
   * Moves a note to the trash. With `base`, only the version the user saw: a note changed elsewhere since is left
   * as it is, and the refusal says so (moving it would put a text they have not seen out of sight).
   */
  trash(id: string, base?: Versions): Promise<Note> {
    return this.#changeOne(id, base, 'moved to the trash', (note) =>
      note.trashed ? null : { ...note, trashed: this.#stamp(), versions: bumpVersion(note.versions, this.#device()) },
    )
  }

  /** Takes a note out of the trash; with `base`, only the version the user saw (as for trash). */
  restore(id: string, base?: Versions): Promise<Note> {
    return this.#changeOne(id, base, 'restored', (note) =>
      note.trashed ? { ...note, trashed: null, versions: bumpVersion(note.versions, this.#device()) } : null,
    )
  }

  /**
   * Puts a note in the shared notebook (it then goes to the team folder too, for colleagues) or takes it out (it
   * goes there no more; colleagues keep what they already have). With `base`, only the version the user saw.
   */
  setShared(id: string, shared: boolean, base?: Versions): Promise<Note> {
    return this.#changeOne(id, base, shared ? 'shared' : 'taken out of the shared notebook', (note) =>
      note.shared === shared ? null : { ...note, shared, versions: bumpVersion(note.versions, this.#device()) },
    )
  }

  /**
   * Deletes for good every note in the trash; only ever on the user's request. Each leaves a tombstone (the version
   * it had), so that devices that synchronise delete that version too, and only that.
   */
  emptyTrash(): Promise<{ deleted: number }> {
    return this.#change(() => {
      const trashed = [...this.#store.notes.values()].filter((n) => n.trashed)
      if (trashed.length === 0) return { entry: null, result: { deleted: 0 } }
      const deleted = this.#stamp()
      const tombstones = trashed.map((note): Tombstone => {
        const before = this.#store.tombstones.get(note.id)
        // A note deleted before, and brought back since, has seen that deletion: its version includes it.
        return {
          id: note.id,
          versions: { ...note.versions },
          deleted: before && before.deleted > deleted ? before.deleted : deleted,
          shared: note.shared,
        }
      })
      return { entry: { op: 'merge', notes: [], remove: trashed.map((n) => n.id), tombstones }, result: { deleted: trashed.length } }
    })
  }

  /** This installation's id, asked each time: the store takes a new one when it goes back to a backup. */
  #device(): string {
    return this.#store.device.id
  }

  /** This device as the author of a text written here now. */
  #author(): NoteAuthor {
    return { device: this.#store.device.id, name: this.#store.device.name }
  }

  /** Refuses a subject the pack does not have, naming the first such one; nothing is changed. */
  #checkSubjectsExist(subjects: readonly NoteTarget[]): void {
    const missing = subjects.find((t) => this.#deps.describeTarget(t) === null)
    if (missing)
      throw wordedRefusal(
        'not-found',
        'note-target-missing',
        `There is no ${missing.kind} with the id "${missing.id}" to attach a note to.`,
        {
          kind: missing.kind,
          id: missing.id,
        },
      )
  }

  #newNote(subjects: Pick<Note, 'target' | 'alsoAbout'>, body: string, tags: string[], conflictOf: string | null, shared: boolean): Note {
    const at = this.#stamp()
    return {
      id: randomUUID(),
      ...noteSubjects(subjectsOf(subjects)),
      body,
      tags,
      created: at,
      updated: at,
      trashed: null,
      previous: null,
      versions: firstVersion(this.#device()),
      conflictOf,
      shared,
      author: this.#author(),
    }
  }

  #checkBase(note: Note, base: Versions | undefined, what: string): void {
    if (base && !sameVersions(note.versions, base))
      throw wordedRefusal(
        'conflict',
        'note-conflict',
        `This note was changed elsewhere (in another window or tab) since it was shown here, so it was not ${what}. Look at it as it is now, then try again.`,
      )
  }

  #find(id: string): Note {
    const note = this.#store.notes.get(id)
    if (!note) throw wordedRefusal('not-found', 'note-not-found', `No note has the id "${id}"; it may have been deleted.`, { id })
    return note
  }

  #save(note: Note): Promise<void> {
    return this.#change(() => ({ entry: { op: 'put-note', note }, result: undefined }))
  }

  /**
   * A change of one note, decided on it as stored once every change before is applied: `next` gives the note as
   * changed, or null when there is nothing to change; with `base`, refused when the note is at another version.
   */
  #changeOne(id: string, base: Versions | undefined, what: string, next: (note: Note) => Note | null): Promise<Note> {
    return this.#change(() => {
      const note = this.#find(id)
      const changed = next(note)
      if (changed === null) return { entry: null, result: copy(note) }
      this.#checkBase(note, base, what)
      return { entry: { op: 'put-note', note: changed }, result: copy(changed) }
    })
  }

  /**
   * Runs a change in the store's queue (UserStore.transact). A refusal (not found, conflict) is thrown as it is; a
   * failed write changes nothing (the store applies a change only once it is on disk) and says why.
   */
  async #change<R>(compute: () => { entry: JournalEntry | null; result: R }): Promise<R> {
    let refusal: unknown = undefined
    try {
      return await this.#store.transact(() => {
        try {
          return compute()
        } catch (error) {
          refusal = error
          throw error
        }
      })
    } catch (error) {
      if (error === refusal) throw error
      throw saveFailure(this.#store.folder, error)
    }
  }
}
