/** mulberry32: a small seeded generator, so every random choice of the suite can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The seed of this run: RELIABILITY_SEED when given (to replay a failure), else a fixed default. */
export const SEED = Number(process.env['RELIABILITY_SEED'] ?? 20261123)
