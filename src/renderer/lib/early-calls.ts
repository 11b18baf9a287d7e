/**
 * The first view's calls, sent the moment the page's script starts: main.ts imports this module first, and it
 * imports nothing heavy, so the answers travel while the rest of the app is evaluated and mounted (about 100 ms
 * in npm run bench) instead of after it. Each early answer is taken once; any later load asks again.
 */
import { api, type AtlasClient } from './api'

type Calls = {
  'settings.get': ReturnType<AtlasClient['settings']['get']>
  'app.status': ReturnType<AtlasClient['app']['status']>
  'organisations.list': ReturnType<AtlasClient['organisations']['list']>
  'favourites.list': ReturnType<AtlasClient['favourites']['list']>
}

const early = new Map<keyof Calls, Promise<unknown>>()

/** Settles once every early call has been answered (or refused), or at once if none was sent. */
export function earlyAnswers(): Promise<unknown> {
  return Promise.allSettled(early.values())
}

/** Sends the first view's calls (at once, when main.ts imports this module). */
function sendEarlyCalls(): void {
  if (typeof window === 'undefined' || !window.atlas) return
  const sent: Calls = {
    'settings.get': api().settings.get({}),
    'app.status': api().app.status({}),
    'organisations.list': api().organisations.list({}),
    'favourites.list': api().favourites.list({}),
  }
  for (const [name, answer] of Object.entries(sent) as [keyof Calls, Promise<unknown>][]) {
    // Marked as handled: a refusal reaches whoever takes the answer, not the console.
    answer.catch(() => undefined)
    early.set(name, answer)
  }
}

/** The early answer to `name` if one is waiting, else `ask()`. */
export function takeEarly<N extends keyof Calls>(name: N, ask: () => Calls[N]): Calls[N] {
  const answer = early.get(name) as Calls[N] | undefined
  early.delete(name)
  return answer ?? ask()
}

sendEarlyCalls()
