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

  it('keeps a row within its bounds when it fits there, and overflows evenly only when it cannot', () => {
    const row = [
      { desired: 20, width: 50, weight: 6 },
      { desired: 40, width: 50, weight: 1 },
      { desired: 300, width: 50, weight: 1 },
    ]
    // Unbounded, the crowded pair spreads past the left edge; bounded at 0, it moves right as one and the third stays put.
    expect(spreadRow(row, 10)[0]).toBeLessThan(25)
    expect(spreadRow(row, 10, { left: 0, right: 400 })).toEqual([25, 85, 300])
    // At the right edge likewise.
    expect(spreadRow(row, 10, { left: 0, right: 310 })).toEqual([25, 85, 285])
    // A row wider than its bounds keeps the unbounded spread.
    expect(spreadRow(row, 10, { left: 0, right: 100 })).toEqual(spreadRow(row, 10))
  })
})
