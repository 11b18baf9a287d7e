/**
 * The user's notes: created, edited, trashed and restored only here, through the durable user store. Each change
 * made here counts one more change on this device in the note's version (shared/note-versions.ts); an edit names
 * the version it started from, and one started from an older version than the stored one (the note was changed
 * elsewhere meanwhile: another window, another tab) never overwrites it: its text is kept as a conflict copy.
 */
import { randomUUID } from 'node:crypto'
import type { Note, NoteListing, NoteTarget, NoteUpdateResult, TagCount } from '../../shared/domain'
import { ServiceError } from '../../shared/errors'
import { saveFailure } from '../data-folder-errors'
import { normaliseTags } from '../../shared/note-rules'
import { bumpVersion, firstVersion, sameVersions, type Versions } from '../../shared/note-versions'
import { linkedOrganisations } from '../../shared/wiki-links'
import type { UserStore } from '../store/user-store'

export interface NotesDependencies {
  store: UserStore
  /** The target's name in the pack, or null when the pack does not have it (the note is then orphaned). */
  describeTarget: (target: NoteTarget) => string | null
  /** Folded organisation names → ids, for wiki-links. */
  nameIndex: () => Map<string, string>
  now?: () => Date
}

const copy = (note: Note): Note => structuredClone(note)

export class NotesService {
  readonly #store: UserStore
  readonly #deps: NotesDependencies
  readonly #now: () => Date

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

  listFor(target: NoteTarget): Note[] {
    return [...this.#store.notes.values()]
      .filter((n) => !n.trashed && n.target.kind === target.kind && n.target.id === target.id)
      .sort((a, b) => b.updated.localeCompare(a.updated))
      .map(copy)
  }

  listAll(): NoteListing[] {
    return [...this.#store.notes.values()]
      .map((n) => {
        const targetLabel = this.#deps.describeTarget(n.target)
        return { ...copy(n), targetLabel, orphaned: targetLabel === null }
      })
      .sort((a, b) => b.updated.localeCompare(a.updated))
  }

  /** Notes (not in the trash) whose body links to the organisation with [[…]]. */
  backlinks(organisationId: string): NoteListing[] {
    const index = this.#deps.nameIndex()
    return this.listAll().filter((n) => !n.trashed && linkedOrganisations(n.body, index).includes(organisationId))
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

  async create(target: NoteTarget, body: string, tags: string[] = []): Promise<Note> {
    if (this.#deps.describeTarget(target) === null) {
      throw new ServiceError('not-found', `There is no ${target.kind} with the id "${target.id}" to attach a note to.`)
    }
    const note = this.#newNote(target, body, normaliseTags(tags), null)
    await this.#save(note)
    return copy(note)
  }

  /**
   * Saves an edit made from the version `base`. When the stored note is not at that version (it was changed
   * elsewhere since), the stored note is left exactly as it is and the edit is saved as a new note beside it, its
   * conflict copy: both texts are kept, and the answer says so.
   */
  async update(id: string, change: { body?: string | undefined; tags?: string[] | undefined }, base: Versions): Promise<NoteUpdateResult> {
    const note = this.#find(id)
    const tags = change.tags ? normaliseTags(change.tags) : note.tags
    if (!sameVersions(note.versions, base)) {
      // A field the edit did not send is taken as stored: the copy is what the note would have become.
      const conflictCopy = this.#newNote(note.target, change.body ?? note.body, tags, note.id)
      await this.#save(conflictCopy)
      return { note: copy(note), conflictCopy: copy(conflictCopy) }
    }
    const next: Note = {
      ...note,
      body: change.body ?? note.body,
      tags,
      updated: this.#stamp(note.updated),
      previous: note.updated,
      versions: bumpVersion(note.versions, this.#device()),
    }
    await this.#save(next)
    return { note: copy(next), conflictCopy: null }
  }

  /**
   * Moves a note to the trash. With `base`, only the version the user saw: a note changed elsewhere since is left
   * as it is, and the refusal says so (moving it would put a text they have not seen out of sight).
   */
  async trash(id: string, base?: Versions): Promise<Note> {
    const note = this.#find(id)
    if (note.trashed) return copy(note)
    this.#checkBase(note, base, 'moved to the trash')
    const next = { ...note, trashed: this.#stamp(), versions: bumpVersion(note.versions, this.#device()) }
    await this.#save(next)
    return copy(next)
  }

  /** Takes a note out of the trash; with `base`, only the version the user saw (as for trash). */
  async restore(id: string, base?: Versions): Promise<Note> {
    const note = this.#find(id)
    if (!note.trashed) return copy(note)
    this.#checkBase(note, base, 'restored')
    const next = { ...note, trashed: null, versions: bumpVersion(note.versions, this.#device()) }
    await this.#save(next)
    return copy(next)
  }

  /** Deletes for good every note in the trash; only ever on the user's request. */
  async emptyTrash(): Promise<{ deleted: number }> {
    const trashed = [...this.#store.notes.values()].filter((n) => n.trashed)
    for (const note of trashed) await this.#write(() => this.#store.apply({ op: 'delete-note', id: note.id }))
    return { deleted: trashed.length }
  }

  /** This installation's id, asked each time: the store takes a new one when it goes back to a backup. */
  #device(): string {
    return this.#store.device.id
  }

  #newNote(target: NoteTarget, body: string, tags: string[], conflictOf: string | null): Note {
    const at = this.#stamp()
    return {
      id: randomUUID(),
      target: { ...target },
      body,
      tags,
      created: at,
      updated: at,
      trashed: null,
      previous: null,
      versions: firstVersion(this.#device()),
      conflictOf,
    }
  }

  #checkBase(note: Note, base: Versions | undefined, what: string): void {
    if (base && !sameVersions(note.versions, base))
      throw new ServiceError(
        'conflict',
        `This note was changed elsewhere (in another window or tab) since it was shown here, so it was not ${what}. Look at it as it is now, then try again.`,
      )
  }

  #find(id: string): Note {
    const note = this.#store.notes.get(id)
    if (!note) throw new ServiceError('not-found', `No note has the id "${id}"; it may have been deleted.`)
    return note
  }

  #save(note: Note): Promise<void> {
    return this.#write(() => this.#store.apply({ op: 'put-note', note }))
  }

  /** A failed write changes nothing (the store applies a change only once it is on disk) and says why. */
  async #write(write: () => Promise<void>): Promise<void> {
    try {
      await write()
    } catch (error) {
      throw saveFailure(this.#store.folder, error)
    }
  }
}
