/**
 * The app's search: the reference pack's index, built here once the pack is in (a few tens of ms), and the notes,
 * searched in main (services/note-search), which keeps their index in step with the store and on disk, so that no
 * note's text crosses to the page but the few words a result shows. The palette merges the two.
 */
import { untrack } from 'svelte'
import { MAX_SEARCH_QUERY } from '../../shared/search-query'
import type { NoteSearchResult } from '../../shared/domain'
import { api } from './api'
import { i18n, type MessageKey } from './i18n.svelte'
import { LOCALES } from './i18n/define'
import { content } from './content.svelte'
import { noteEvents } from './note-events'
import { packDocuments, SearchIndex } from './search-index'

class SearchState {
  index = $state.raw<SearchIndex | null>(null)
  /** Bumped whenever notes change here, so the palette asks main again. */
  version = $state(0)
  #building: Promise<SearchIndex> | null = null

  constructor() {
    // Told from inside whatever saved (an effect, a handler): untracked, so no effect comes to depend on the count
    // it bumps (it would run again on its own write).
    noteEvents.subscribe(() => untrack(() => this.version++))
  }

  ready(): Promise<SearchIndex> {
    this.#building ??= (async () => {
      const contentIndex = await content.load()
      const every = (key: MessageKey) => LOCALES.map((locale) => i18n.tIn(locale, key)).join(' ')
      const labels = { founded: every('profile.founded'), headquarters: every('profile.headquarters'), people: every('profile.people') }
      const index = new SearchIndex(packDocuments(contentIndex.pack, labels))
      this.index = index
      return index
    })().catch((error: unknown) => {
      this.#building = null
      throw error
    })
    return this.#building
  }

  /** The notes that hold every word of `query`, best first, found by main; subjects named in the reader's language. */
  notes(query: string, limit: number): Promise<NoteSearchResult> {
    return api().notes.search({ query: query.slice(0, MAX_SEARCH_QUERY), limit, locale: i18n.locale })
  }
}

export const search = new SearchState()
