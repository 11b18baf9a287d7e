import { describe, expect, it } from 'vitest'
import { nodeInDirection } from '../../../../src/renderer/lib/network/keyboard'

describe('moving by keyboard', () => {
  const boxes = [
    { id: 'top', x: 100, y: 0, width: 80, height: 40 },
    { id: 'left', x: 0, y: 100, width: 80, height: 40 },
    { id: 'right', x: 200, y: 100, width: 80, height: 40 },
    { id: 'below-right', x: 210, y: 200, width: 80, height: 20 },
  ]

  it('goes to the nearest organisation in the arrow’s direction', () => {
    expect(nodeInDirection(boxes, 'top', 'ArrowDown')).toBe('left')
    expect(nodeInDirection(boxes, 'left', 'ArrowRight')).toBe('right')
    expect(nodeInDirection(boxes, 'right', 'ArrowLeft')).toBe('left')
    expect(nodeInDirection(boxes, 'right', 'ArrowDown')).toBe('below-right')
    expect(nodeInDirection(boxes, 'right', 'ArrowUp')).toBe('top')
    expect(nodeInDirection(boxes, 'top', 'ArrowUp')).toBeNull()
  })

  it('goes to the first and last with Home and End, and ignores other keys', () => {
    expect(nodeInDirection(boxes, 'right', 'Home')).toBe('top')
    expect(nodeInDirection(boxes, 'top', 'End')).toBe('below-right')
    expect(nodeInDirection(boxes, 'top', 'a')).toBeNull()
    expect(nodeInDirection(boxes, null, 'ArrowDown')).toBe('top')
  })
})
