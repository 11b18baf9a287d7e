/**
 * Long work on main written once as steps (a generator that pauses between them), run either to its end at once
 * or a slice of time at a time, between which main answers saves and the window. Hand-written: it is a few small
 * functions, and what a step is depends on the work (a group of notes, 256 kB copied).
 */
import { createHash } from 'node:crypto'
import { type Steps } from '../shared/steps'

export { runToEnd, type Steps } from '../shared/steps'

/**
 * How long background work (the snapshot of a fold, this device's sync file) holds main at a time. A save waits for
 * the slice in progress at each of its turns of the event loop (its write, its fdatasync): at 50,000 notes, saves
 * while an exchange runs were p95 10.5 ms with 2 ms slices and 6.5 ms with 1 ms; while a fold runs, 21 and 10 ms
 * (npm run bench, one run each).
 */
export const BACKGROUND_SLICE_MS = 1

/** Runs the steps for at most `sliceMs` at a time (more by one step's length), letting I/O and timers in between. */
export async function runInSlices<T>(steps: Steps<T>, sliceMs: number): Promise<T> {
  for (;;) {
    const until = performance.now() + sliceMs
    for (;;) {
      const step = steps.next()
      if (step.done) return step.value
      if (performance.now() >= until) break
    }
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** Bytes copied and hashed in one step. */
const BYTES_PER_STEP = 256 * 1024

/**
 * The pieces one after another in one buffer, after `offset` bytes left for the caller to fill, and the SHA-256 (hex)
 * of what follows the offset: 256 kB copied and hashed a step.
 */
export function* joinedAndHashed(pieces: readonly Uint8Array[], offset = 0): Steps<{ bytes: Buffer; sha256: string }> {
  const hash = createHash('sha256')
  const bytes = yield* joined(pieces, offset, (copied) => hash.update(copied))
  return { bytes, sha256: hash.digest('hex') }
}

/** The pieces one after another in one buffer, after `offset` bytes: 256 kB copied a step, each handed to `copied`. */
export function* joined(pieces: readonly Uint8Array[], offset = 0, copied?: (bytes: Buffer) => void): Steps<Buffer> {
  let length = offset
  for (const piece of pieces) length += piece.length
  const bytes = Buffer.allocUnsafe(length)
  let at = offset
  let handed = at
  for (const piece of pieces) {
    bytes.set(piece, at)
    at += piece.length
    if (at - handed >= BYTES_PER_STEP) {
      copied?.(bytes.subarray(handed, at))
      handed = at
      yield
    }
  }
  copied?.(bytes.subarray(handed, at))
  return bytes
}
