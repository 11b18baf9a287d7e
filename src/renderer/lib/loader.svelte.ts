/**
 * One answer a view asks for through the contract (an organisation's profile), with why there is none: what
 * components/Loaded.svelte loads and shows. The pack, which every view shares, is `content` (content.svelte.ts).
 */
import { errorText } from './error-text'

/** What components/Loaded.svelte loads from: `content`, or a `Loader`. */
export interface Loadable {
  /** Why it could not be loaded; null while it loads or once it has. */
  readonly error: string | null
  /** Asks for it: Loaded calls this once mounted. A failure rejects, and says why in `error`. */
  load(): Promise<unknown>
}

export class Loader<T> implements Loadable {
  value = $state.raw<T | null>(null)
  error = $state<string | null>(null)
  readonly #ask: () => Promise<T>
  #asked = 0

  /** `ask` may read reactive state (a view's props): Loaded asks again when it changes. */
  constructor(ask: () => Promise<T>) {
    this.#ask = ask
  }

  /**
   * Asks again. The answer on screen stays until the new one is in (no "Loading…" between two organisations);
   * an earlier ask answering late is dropped.
   */
  load(): Promise<void> {
    const asked = ++this.#asked
    this.error = null
    return this.#ask().then(
      (value) => {
        if (asked === this.#asked) this.value = value
      },
      (e: unknown) => {
        if (asked !== this.#asked) return
        this.value = null
        this.error = errorText(e)
      },
    )
  }
}
