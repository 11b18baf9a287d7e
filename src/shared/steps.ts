/**
 * Long work written once as steps: a generator that pauses between them. Here, beside the code shared with the
 * renderer (the text index); main runs such steps a slice of time at a time (src/main/work-in-slices.ts).
 */
export type Steps<T> = Generator<void, T>

/** Runs the steps to their end at once. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}
