/**
 * The app's search index, built once the pack is in and kept in step with note edits. The reference content is
 * indexed at once (a few tens of ms); the notes in slices of a few ms, between which the page answers keystrokes
 * and clicks, so that tens of thousands of long notes never freeze it (50,000 notes of ~300 words take seconds).
 * Until then the palette searches the notes indexed so far and says how many are still to come.
 */
import type { NoteListing } from '../../shared/domain'
import { api } from './api'
import { i18n, type MessageKey } from './i18n.svelte'
import { LOCALES } from './i18n/define'
import { content } from './content.svelte'
import { noteEvents, type NoteEvent } from './note-events'
import { noteAboutLine } from './note-subject'
import { noteDocument, packDocuments, SearchIndex } from './search-index'

class SearchState {
  index = $state.raw<SearchIndex | null>(null)
  /** Bumped on every change to the index, so shown results recompute. */
  version = $state(0)
  /** Notes not yet in the index (it is being built). */
  notesToIndex = $state(0)
  #building: Promise<SearchIndex> | null = null
  /** Notes saved or removed while the index was being built (their ids in the index, note:…). */
  readonly #changedMeanwhile = new Set<string>()

  constructor() {
    noteEvents.subscribe((event) => this.#follow(event))
  }

  ready(): Promise<SearchIndex> {
    this.#building ??= (async () => {
      const [contentIndex, notes] = await Promise.all([content.load(), api().notes.listAll({})])
      const every = (key: MessageKey) => LOCALES.map((locale) => i18n.tIn(locale, key)).join(' ')
      const labels = { founded: every('profile.founded'), headquarters: every('profile.headquarters'), people: every('profile.people') }
      const index = new SearchIndex(packDocuments(contentIndex.pack, labels))
      this.index = index
      void this.#indexNotes(
        index,
        notes.filter((n) => !n.trashed),
      )
      return index
    })().catch((error: unknown) => {
      this.#building = null
      throw error
    })
    return this.#building
  }

  async #indexNotes(index: SearchIndex, notes: NoteListing[]): Promise<void> {
    let next = 0
    this.#changedMeanwhile.clear()
    this.notesToIndex = notes.length
    while (next < notes.length) {
      const until = performance.now() + SLICE_MS
      // Note by note against the clock: indexing is what takes the time (about 0.2 ms for 300 words).
      do {
        const note = notes[next++]!
        // A note saved or removed meanwhile is already as it should be; the older copy must not undo that.
        if (!this.#changedMeanwhile.has(`note:${note.id}`)) index.addNotes([noteDocument(note, noteAboutLine(note))])
      } while (next < notes.length && performance.now() < until)
      this.notesToIndex = notes.length - next
      this.version++
      if (next < notes.length) await yieldToPage()
      if (this.index !== index) return // rebuilt meanwhile (an import, a restore)
    }
    index.settle()
  }

  #follow(event: NoteEvent): void {
    const index = this.index
    if (!index) return
    if (event.type === 'saved' || event.type === 'removed')
      this.#changedMeanwhile.add(`note:${event.type === 'saved' ? event.note.id : event.id}`)
    if (event.type === 'saved') {
      if (event.note.trashed) index.remove(`note:${event.note.id}`)
      else index.upsert(noteDocument(event.note, noteAboutLine({ ...event.note, targetLabel: null })))
    } else if (event.type === 'removed') index.remove(`note:${event.id}`)
    else {
      // Many notes changed at once (an import, a restore, notes from other devices): build again on next use.
      this.index = null
      this.#building = null
    }
    this.version++
  }
}

/** How long one slice of note indexing may hold the page. */
const SLICE_MS = 8

/**
 * Lets the page run whatever else is waiting (input, paint, an autosave's timer, a call's answer) before the next
 * slice. A posted message, not scheduler.yield(): that one's continuation goes ahead of other waiting tasks, and
 * measured with 30,000 notes it kept timers and answers waiting for the whole 7 s of indexing.
 */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

export const search = new SearchState()
