import { afterEach, describe, expect, it, vi } from 'vitest'
import { trackWidth } from '../../../src/renderer/lib/track-width'

/** An element whose width the test sets, and a ResizeObserver the test fires. */
function setUp() {
  let width = 0
  const node = document.createElement('div')
  Object.defineProperty(node, 'clientWidth', { get: () => width })
  const observers: { fire: () => void; disconnected: boolean }[] = []
  vi.stubGlobal(
    'ResizeObserver',
    class {
      entry: { fire: () => void; disconnected: boolean }
      constructor(callback: () => void) {
        this.entry = { fire: callback, disconnected: false }
        observers.push(this.entry)
      }
      observe() {}
      disconnect() {
        this.entry.disconnected = true
      }
    },
  )
  const resize = (next: number) => {
    width = next
    for (const o of observers) if (!o.disconnected) o.fire()
  }
  return { node, resize, observers, setWidth: (next: number) => (width = next) }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('trackWidth', () => {
  it('reports the width at once and on every change, 0 included (the timeline falls back on its own width)', () => {
    const { node, resize, setWidth } = setUp()
    setWidth(640)
    const seen: number[] = []
    const stop = trackWidth((w) => seen.push(w))(node)
    resize(800)
    resize(0)
    expect(seen).toEqual([640, 800, 0])
    stop?.()
    resize(900)
    expect(seen).toEqual([640, 800, 0])
  })

  it('with skipZero, keeps the last width while the element has none (the network keeps its layout)', () => {
    const { node, resize } = setUp()
    const seen: number[] = []
    trackWidth((w) => seen.push(w), { skipZero: true })(node)
    resize(0)
    resize(1000)
    resize(0)
    resize(1200)
    expect(seen).toEqual([1000, 1200])
  })

  it('reports once where there is no ResizeObserver', () => {
    const { node, setWidth } = setUp()
    vi.stubGlobal('ResizeObserver', undefined)
    setWidth(500)
    const seen: number[] = []
    expect(trackWidth((w) => seen.push(w))(node)).toBeUndefined()
    expect(seen).toEqual([500])
  })
})
