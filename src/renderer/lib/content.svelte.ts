/** The reference pack in the renderer, loaded once through the contract. Read-only: the pack is main's. */
import { api } from './api'
import { ContentIndex } from './content-index'

class ContentState {
  index = $state.raw<ContentIndex | null>(null)
  error = $state<string | null>(null)
  #loading: Promise<ContentIndex> | null = null

  /** Loads the pack on first call; later calls share the same load. */
  load(): Promise<ContentIndex> {
    this.#loading ??= api()
      .content.pack({})
      .then((pack) => (this.index = new ContentIndex(pack)))
      .catch((e: Error) => {
        this.error = e.message
        this.#loading = null
        throw e
      })
    return this.#loading
  }
}

export const content = new ContentState()
