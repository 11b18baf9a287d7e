/** Pinned organisations: kept by main in the user store, shown first in the list and marked on profiles. */
import { api } from './api'
import { takeEarly } from './early-calls'

class FavouritesState {
  ids = $state<string[]>([])
  #loaded: Promise<void> | null = null

  load(): Promise<void> {
    // Started inside a promise, so that even a missing bridge becomes a handled rejection, not a crash of the list.
    this.#loaded ??= Promise.resolve()
      .then(() => takeEarly('favourites.list', () => api().favourites.list({})))
      .then((ids) => void (this.ids = ids))
      .catch(() => {
        this.#loaded = null
      })
    return this.#loaded
  }

  has(id: string): boolean {
    return this.ids.includes(id)
  }

  async toggle(id: string): Promise<void> {
    this.ids = await api().favourites.set({ id, favourite: !this.has(id) })
  }
}

export const favourites = new FavouritesState()
