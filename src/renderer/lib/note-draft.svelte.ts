/**
 * A note being written: every keystroke is data. Saves are debounced while typing and flushed on blur, when
 * the editor goes away (navigation) and when the window is closed, so leaving quickly loses nothing. The first
 * save of a new note creates it; later saves update it, each naming the version it was written from. When the
 * note was changed elsewhere meanwhile (another window or tab), main keeps that version and saves this text as a
 * new note, its conflict copy: the draft then goes on with the copy, and `changedElsewhere` holds the other one.
 */
import type { Note, NoteTarget } from '../../shared/domain'
import { subjectsOf } from '../../shared/note-rules'
import { api } from './api'
import { errorText } from './error-text'
import { noteEvents } from './note-events'

export const AUTOSAVE_DELAY_MS = 400

export type DraftStatus = 'saved' | 'pending' | 'saving' | 'error'

/** Drafts with unsaved text, flushed together when the page is hidden or closed. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping for the unload handler, never rendered
const open = new Set<NoteDraft>()
let listening = false
function flushAllOnLeave(): void {
  if (listening) return
  listening = true
  const flushAll = () => open.forEach((draft) => void draft.flush())
  window.addEventListener('pagehide', flushAll)
  window.addEventListener('beforeunload', flushAll)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAll()
  })
}

export class NoteDraft {
  body = $state('')
  tags = $state<string[]>([])
  /** Everything the note is about, first subject first; empty for a free-standing note. Saved with the text. */
  subjects = $state<NoteTarget[]>([])
  status = $state<DraftStatus>('saved')
  error = $state<string | null>(null)
  note = $state.raw<Note | null>(null)
  /** Set when a save found the note changed elsewhere: that version, kept as it was; `note` is now the copy. */
  changedElsewhere = $state.raw<Note | null>(null)
  #timer: ReturnType<typeof setTimeout> | null = null
  #saving: Promise<void> | null = null
  #savedBody: string
  #savedTags: string
  #savedSubjects: string

  /** Begun as a new note: the editor stays where it was opened even after the first save creates the note. */
  readonly isNew: boolean

  /** `target`: what a new note is about (null: a free-standing note); an existing note keeps its own subjects. */
  constructor(
    readonly target: NoteTarget | null,
    existing: Note | null,
    private readonly onSaved: (note: Note) => void = () => undefined,
  ) {
    this.isNew = existing === null
    this.note = existing
    this.body = existing?.body ?? ''
    this.tags = existing?.tags ?? []
    this.subjects = existing ? subjectsOf(existing) : target ? [{ ...target }] : []
    this.#savedBody = this.body
    this.#savedTags = JSON.stringify(this.tags)
    this.#savedSubjects = JSON.stringify(this.subjects)
    open.add(this)
    flushAllOnLeave()
  }

  get dirty(): boolean {
    return (
      this.body !== this.#savedBody ||
      JSON.stringify(this.tags) !== this.#savedTags ||
      JSON.stringify(this.subjects) !== this.#savedSubjects
    )
  }

  /** Call on every change: saves after a pause in typing. */
  changed(): void {
    if (!this.dirty) return
    this.status = 'pending'
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS)
  }

  /** Saves now if anything is unsaved; resolves when the text is on disk (or failed, with `error` set). */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer)
      this.#timer = null
    }
    if (this.#saving) await this.#saving
    if (!this.dirty) {
      if (this.status !== 'error') this.status = 'saved'
      return
    }
    // A new, still empty note is not worth creating.
    if (!this.note && this.body.trim() === '' && this.tags.length === 0) return
    const body = this.body
    const tags = [...this.tags]
    const subjects = this.subjects.map((s) => ({ ...s }))
    const subjectsChanged = JSON.stringify(subjects) !== this.#savedSubjects
    this.status = 'saving'
    this.#saving = (async () => {
      try {
        let saved: Note
        let other: Note | null = null
        if (this.note) {
          const result = await api().notes.update({
            id: this.note.id,
            base: this.note.versions,
            body,
            tags,
            ...(subjectsChanged ? { subjects } : {}),
          })
          saved = result.conflictCopy ?? result.note
          if (result.conflictCopy) other = result.note
        } else {
          const [first = null, ...others] = subjects
          saved = await api().notes.create({ target: first, ...(others.length > 0 ? { alsoAbout: others } : {}), body, tags })
        }
        this.note = saved
        this.#savedBody = body
        this.#savedTags = JSON.stringify(tags)
        this.#savedSubjects = JSON.stringify(subjects)
        this.error = null
        this.status = this.dirty ? 'pending' : 'saved'
        if (other) {
          this.changedElsewhere = other
          this.onSaved(other)
          noteEvents.emit({ type: 'saved', note: other })
        }
        this.onSaved(saved)
        noteEvents.emit({ type: 'saved', note: saved })
      } catch (e) {
        this.error = errorText(e)
        this.status = 'error'
      } finally {
        this.#saving = null
      }
    })()
    await this.#saving
    // Typed while the save was on its way: save again.
    if (this.dirty && (this.status as DraftStatus) === 'pending') await this.flush()
  }

  /** Flushes and forgets the draft (the editor closed). */
  async close(): Promise<void> {
    await this.flush()
    open.delete(this)
  }
}
