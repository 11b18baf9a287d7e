import { describe, expect, it } from 'vitest'
import { shiftX } from '../../../../src/renderer/lib/network/edges'

describe('paths', () => {
  it('moves a path sideways without touching its heights', () => {
    expect(shiftX('M10 20C10 30 40 50 40 60H70V90', 5)).toBe('M15 20C15 30 45 50 45 60H75V90')
  })
})
