import { describe, expect, it } from 'vitest'
import { spreadRow } from '../../../../src/renderer/lib/network/hubs'

describe('hubs in a row', () => {
  it('spreads a row apart with the least movement, keeping its order', () => {
    expect(
      spreadRow(
        [
          { desired: 100, width: 50, weight: 1 },
          { desired: 300, width: 50, weight: 1 },
        ],
        10,
      ),
    ).toEqual([100, 300])
    const [a, b] = spreadRow(
      [
        { desired: 100, width: 50, weight: 1 },
        { desired: 100, width: 50, weight: 1 },
      ],
      10,
    )
    expect(b! - a!).toBe(60)
    expect((a! + b!) / 2).toBe(100)
    const [heavy, light] = spreadRow(
      [
        { desired: 100, width: 50, weight: 9 },
        { desired: 100, width: 50, weight: 1 },
      ],
      10,
    )
    expect(heavy).toBe(94)
    expect(light).toBe(154)
  })
})
