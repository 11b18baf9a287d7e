/** The reference pack in the renderer, loaded once through the contract. Read-only: the pack is main's. */
import { api } from './api'
import { errorText } from './error-text'
import { ContentIndex } from './content-index'
import type { Loadable } from './loader.svelte'

/**
 * What every view but the profile waits for (the profile asks for its organisation alone: shared/content/profile.ts
 * says why); views load it through components/Loaded.svelte, `from={content}`.
 */
class ContentState implements Loadable {
  index = $state.raw<ContentIndex | null>(null)
  /** Why the last load failed; null once one succeeds, so that a view shows the pack or why, never both. */
  error = $state<string | null>(null)
  #loading: Promise<ContentIndex> | null = null

  /** Loads the pack on first call; later calls share the same load. */
  load(): Promise<ContentIndex> {
    this.#loading ??= api()
      .content.pack({})
      .then((pack) => {
        this.error = null
        return (this.index = new ContentIndex(pack))
      })
      .catch((e: unknown) => {
        this.error = errorText(e)
        this.#loading = null
        throw e
      })
    return this.#loading
  }
}

export const content = new ContentState()
