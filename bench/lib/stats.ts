/** Summary statistics over timings (milliseconds). Percentiles by nearest rank: p95 of 200 samples is the 190th smallest. */
export interface Summary {
  n: number
  min: number
  p50: number
  p95: number
  max: number
  mean: number
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[Math.min(rank, sorted.length) - 1]!
}

export function summarise(samples: readonly number[]): Summary {
  const n = samples.length
  return {
    n,
    min: n ? Math.min(...samples) : Number.NaN,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: n ? Math.max(...samples) : Number.NaN,
    mean: n ? samples.reduce((a, b) => a + b, 0) / n : Number.NaN,
  }
}

export const median = (samples: readonly number[]): number => percentile(samples, 50)

/** Rounds for reports: 3 significant digits below 10, one decimal below 100, whole numbers above. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x
  const a = Math.abs(x)
  return a < 10 ? Math.round(x * 100) / 100 : a < 100 ? Math.round(x * 10) / 10 : Math.round(x)
}

export const now = (): number => performance.now()

/** Times an async function once, in milliseconds. */
export async function time<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await run()
  return { ms: performance.now() - start, value }
}
