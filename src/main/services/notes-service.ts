/** The user's notes: created, edited, trashed and restored only here, through the durable user store. */
import { randomUUID } from 'node:crypto'
import type { Note, NoteListing, NoteTarget, TagCount } from '../../shared/domain'
import { ServiceError } from '../../shared/errors'
import { saveFailure } from '../data-folder-errors'
import { normaliseTags } from '../../shared/note-rules'
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
    const at = this.#stamp()
    const note: Note = {
      id: randomUUID(),
      target: { ...target },
      body,
      tags: normaliseTags(tags),
      created: at,
      updated: at,
      trashed: null,
      previous: null,
    }
    await this.#save(note)
    return copy(note)
  }

  async update(id: string, change: { body?: string | undefined; tags?: string[] | undefined }): Promise<Note> {
    const note = this.#find(id)
    const next: Note = {
      ...note,
      body: change.body ?? note.body,
      tags: change.tags ? normaliseTags(change.tags) : note.tags,
      updated: this.#stamp(note.updated),
      previous: note.updated,
    }
    await this.#save(next)
    return copy(next)
  }

  async trash(id: string): Promise<Note> {
    const note = this.#find(id)
    if (note.trashed) return copy(note)
    const next = { ...note, trashed: this.#stamp() }
    await this.#save(next)
    return copy(next)
  }

  async restore(id: string): Promise<Note> {
    const note = this.#find(id)
    const next = { ...note, trashed: null }
    await this.#save(next)
    return copy(next)
  }

  /** Deletes for good every note in the trash; only ever on the user's request. */
  async emptyTrash(): Promise<{ deleted: number }> {
    const trashed = [...this.#store.notes.values()].filter((n) => n.trashed)
    for (const note of trashed) await this.#write(() => this.#store.apply({ op: 'delete-note', id: note.id }))
    return { deleted: trashed.length }
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
