/** The user's notes: the only writer of them is this service, through the durable store. */
import { randomUUID } from 'node:crypto'
import type { Low } from 'lowdb'
import type { Note, NoteTarget } from '../../shared/domain'
import { ServiceError } from '../../shared/errors'
import type { UserData } from '../store/schema'

export interface NotesDependencies {
  db: Low<UserData>
  /** Whether the pack knows the target; a note on an unknown target is refused when created. */
  targetExists: (target: NoteTarget) => boolean
  now?: () => Date
}

const copy = (note: Note): Note => structuredClone(note)

export class NotesService {
  readonly #db: Low<UserData>
  readonly #targetExists: NotesDependencies['targetExists']
  readonly #now: () => Date

  constructor(deps: NotesDependencies) {
    this.#db = deps.db
    this.#targetExists = deps.targetExists
    this.#now = deps.now ?? (() => new Date())
  }

  listFor(target: NoteTarget): Note[] {
    return this.#db.data.notes
      .filter((n) => n.target.kind === target.kind && n.target.id === target.id)
      .sort((a, b) => b.updated.localeCompare(a.updated))
      .map(copy)
  }

  async create(target: NoteTarget, body: string): Promise<Note> {
    if (!this.#targetExists(target))
      throw new ServiceError('not-found', `There is no ${target.kind} with the id "${target.id}" to attach a note to.`)
    const at = this.#now().toISOString()
    const note: Note = { id: randomUUID(), target: { ...target }, body, tags: [], created: at, updated: at }
    await this.#commit((data) => data.notes.push(note))
    return copy(note)
  }

  async update(id: string, body: string): Promise<Note> {
    const note = this.#find(id)
    // A later timestamp than the last, even if the clock stepped back: "newer edit wins" depends on it.
    const at = new Date(Math.max(this.#now().getTime(), Date.parse(note.updated) + 1)).toISOString()
    await this.#commit(() => {
      note.body = body
      note.updated = at
    })
    return copy(note)
  }

  async delete(id: string): Promise<{ id: string }> {
    this.#find(id)
    await this.#commit((data) => {
      data.notes = data.notes.filter((n) => n.id !== id)
    })
    return { id }
  }

  #find(id: string): Note {
    const note = this.#db.data.notes.find((n) => n.id === id)
    if (!note) throw new ServiceError('not-found', `No note has the id "${id}"; it may have been deleted.`)
    return note
  }

  /** Applies a change and makes it durable; if the write fails, the change is undone in memory too. */
  async #commit(change: (data: UserData) => void): Promise<void> {
    const before = structuredClone(this.#db.data)
    change(this.#db.data)
    try {
      await this.#db.write()
    } catch (error) {
      this.#db.data = before
      throw new ServiceError('store-unavailable', `Your change could not be saved: ${(error as Error).message}`)
    }
  }
}
