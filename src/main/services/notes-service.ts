/** The user's notes: created, edited and deleted only here, through the durable user store. */
import { randomUUID } from 'node:crypto'
import type { Note, NoteTarget } from '../../shared/domain'
import { ServiceError } from '../../shared/errors'
import type { UserStore } from '../store/user-store'

export interface NotesDependencies {
  store: UserStore
  /** Whether the pack knows the target; a note on an unknown target is refused when created. */
  targetExists: (target: NoteTarget) => boolean
  now?: () => Date
}

const copy = (note: Note): Note => structuredClone(note)

export class NotesService {
  readonly #store: UserStore
  readonly #targetExists: NotesDependencies['targetExists']
  readonly #now: () => Date

  constructor(deps: NotesDependencies) {
    this.#store = deps.store
    this.#targetExists = deps.targetExists
    this.#now = deps.now ?? (() => new Date())
  }

  listFor(target: NoteTarget): Note[] {
    return [...this.#store.notes.values()]
      .filter((n) => n.target.kind === target.kind && n.target.id === target.id)
      .sort((a, b) => b.updated.localeCompare(a.updated))
      .map(copy)
  }

  async create(target: NoteTarget, body: string): Promise<Note> {
    if (!this.#targetExists(target))
      throw new ServiceError('not-found', `There is no ${target.kind} with the id "${target.id}" to attach a note to.`)
    const at = this.#now().toISOString()
    const note: Note = { id: randomUUID(), target: { ...target }, body, tags: [], created: at, updated: at }
    await this.#save(note)
    return copy(note)
  }

  async update(id: string, body: string): Promise<Note> {
    const note = this.#find(id)
    // Later than the last edit even if the clock stepped back: "the newer edit wins" when notes are merged.
    const updated = new Date(Math.max(this.#now().getTime(), Date.parse(note.updated) + 1)).toISOString()
    const next = { ...note, body, updated }
    await this.#save(next)
    return copy(next)
  }

  async delete(id: string): Promise<{ id: string }> {
    this.#find(id)
    await this.#write(() => this.#store.apply({ op: 'delete-note', id }))
    return { id }
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
      throw new ServiceError('store-unavailable', `Your change could not be saved: ${(error as Error).message}`)
    }
  }
}
