/** The app's search index, built once the pack and the notes are in, and kept in step with note edits. */
import type { ContentPack } from '../../shared/content/schema'
import type { NoteTarget } from '../../shared/domain'
import { api } from './api'
import { content } from './content.svelte'
import { noteEvents, type NoteEvent } from './note-events'
import { noteDocument, packDocuments, SearchIndex } from './search-index'

function labelOf(pack: ContentPack, target: NoteTarget): string {
  if (target.kind === 'organisation') {
    const org = pack.organisations.find((o) => o.id === target.id)
    return org ? (org.names.acronym ?? org.names.english) : target.id
  }
  if (target.kind === 'event') return pack.events.find((e) => e.id === target.id)?.title.en ?? target.id
  return pack.strategicPlan.pillars.find((p) => p.id === target.id)?.title.en ?? target.id
}

class SearchState {
  index = $state.raw<SearchIndex | null>(null)
  /** Bumped on every change to the index, so shown results recompute. */
  version = $state(0)
  #building: Promise<SearchIndex> | null = null
  #pack: ContentPack | null = null

  constructor() {
    noteEvents.subscribe((event) => this.#follow(event))
  }

  ready(): Promise<SearchIndex> {
    this.#building ??= (async () => {
      const [contentIndex, notes] = await Promise.all([content.load(), api().notes.listAll({})])
      this.#pack = contentIndex.pack
      const index = new SearchIndex(packDocuments(contentIndex.pack))
      for (const note of notes) if (!note.trashed) index.upsert(noteDocument(note, note.targetLabel ?? note.target.id))
      this.index = index
      return index
    })().catch((error: unknown) => {
      this.#building = null
      throw error
    })
    return this.#building
  }

  #follow(event: NoteEvent): void {
    const index = this.index
    if (!index || !this.#pack) return
    if (event.type === 'saved') {
      if (event.note.trashed) index.remove(`note:${event.note.id}`)
      else index.upsert(noteDocument(event.note, labelOf(this.#pack, event.note.target)))
    } else if (event.type === 'removed') index.remove(`note:${event.id}`)
    else {
      // Many notes changed at once (an import, a restore): build again on next use.
      this.index = null
      this.#building = null
    }
    this.version++
  }
}

export const search = new SearchState()
