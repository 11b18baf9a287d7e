/**
 * Runs before every component test file. The files share one jsdom and one module registry (isolate: false in
 * vitest.config.ts: setting jsdom up for each of them was most of the suite's time), so each file starts here from
 * what a fresh one would give it, and leaves nothing running behind it: modules evaluated anew (their state, the
 * pack and the language among it), an empty document at no address, nothing stored, no bridge, and the timers a
 * file left pending cleared when it ends (a view's debounced call would fire into the next file).
 */
import { afterAll, afterEach, vi } from 'vitest'

vi.resetModules()
document.head.innerHTML = ''
document.body.innerHTML = ''
for (const { name } of [...document.documentElement.attributes]) document.documentElement.removeAttribute(name)
history.replaceState(null, '', '/')
localStorage.clear()
sessionStorage.clear()
// No bridge until the file installs its fake (a module that finds one at import sends its calls through it).
Reflect.deleteProperty(window, 'atlas')

type Pending = Set<ReturnType<typeof setTimeout>>
const tracked = globalThis as typeof globalThis & { pendingTimers?: Pending }
if (!tracked.pendingTimers) {
  // Once per worker: the real timer functions, wrapped to know which timers are pending.
  const pending: Pending = (tracked.pendingTimers = new Set())
  const { setTimeout: set, setInterval: every, clearTimeout: clear, clearInterval: clearEvery } = globalThis
  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = set(
      (...given: unknown[]) => {
        pending.delete(timer)
        callback(...given)
      },
      ms,
      ...args,
    )
    pending.add(timer)
    return timer
  }) as typeof setTimeout
  globalThis.setInterval = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = every(callback, ms, ...args)
    pending.add(timer)
    return timer
  }) as typeof setInterval
  globalThis.clearTimeout = ((timer?: ReturnType<typeof setTimeout>) => {
    if (timer !== undefined) pending.delete(timer)
    clear(timer)
  }) as typeof clearTimeout
  globalThis.clearInterval = ((timer?: ReturnType<typeof setInterval>) => {
    if (timer !== undefined) pending.delete(timer)
    clearEvery(timer)
  }) as typeof clearInterval
}
afterAll(() => {
  for (const timer of tracked.pendingTimers!) clearTimeout(timer)
})

const { cleanup } = await import('@testing-library/svelte')
afterEach(() => cleanup())
