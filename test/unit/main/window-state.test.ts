import { EventEmitter } from 'node:events'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mainWindowOptions, WINDOW_SIZE } from '../../../src/main/window'
import {
  parseWindowState,
  readWindowState,
  restoreBounds,
  trackWindowState,
  writeWindowState,
  type Rect,
  type WindowState,
} from '../../../src/main/window-state'
import { useTempDirs } from '../../support/temp-dir'

const laptop = { workArea: { x: 0, y: 0, width: 1440, height: 875 } }
const leftMonitor = { workArea: { x: -1920, y: -200, width: 1920, height: 1050 } }
const saved = (bounds: Rect, maximized = false): WindowState => ({ bounds, maximized })
const inside = (r: Rect, area: Rect) =>
  r.x >= area.x && r.y >= area.y && r.x + r.width <= area.x + area.width && r.y + r.height <= area.y + area.height

describe('restoreBounds', () => {
  it('restores a window that is wholly on a display exactly', () => {
    expect(restoreBounds(saved({ x: 100, y: 50, width: 1000, height: 700 }), [laptop])).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
      maximized: false,
    })
  })

  it('restores onto a second display, negative coordinates and all', () => {
    expect(restoreBounds(saved({ x: -1800, y: -100, width: 1200, height: 800 }), [laptop, leftMonitor])).toMatchObject({
      x: -1800,
      y: -100,
    })
  })

  it('does not place a window on a display that is gone: size only, and Electron centres it', () => {
    const restored = restoreBounds(saved({ x: -1800, y: -100, width: 1200, height: 800 }, true), [laptop])
    expect(restored).toEqual({ width: 1200, height: 800, maximized: true })
    expect(restored).not.toHaveProperty('x')
  })

  it('pulls a window that hangs off the edge back inside, onto the display it overlaps most', () => {
    const restored = restoreBounds(saved({ x: 1300, y: 700, width: 1000, height: 700 }), [laptop, leftMonitor])
    expect(restored).toEqual({ x: 440, y: 175, width: 1000, height: 700, maximized: false })
    const straddling = restoreBounds(saved({ x: -300, y: 100, width: 1000, height: 700 }), [laptop, leftMonitor])
    expect(straddling).toMatchObject({ x: 0, y: 100 }) // 700 px on the laptop, 300 on the monitor
  })

  it('shrinks a window larger than its display, and never below the minimum size', () => {
    expect(restoreBounds(saved({ x: 0, y: 0, width: 3000, height: 2000 }), [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
      maximized: false,
    })
    expect(restoreBounds(saved({ x: 10, y: 10, width: 200, height: 100 }), [laptop])).toMatchObject({
      width: WINDOW_SIZE.minWidth,
      height: WINDOW_SIZE.minHeight,
    })
  })

  it('has nothing to restore without a saved state or a display', () => {
    expect(restoreBounds(null, [laptop])).toBeNull()
    expect(restoreBounds(saved({ x: 0, y: 0, width: 1000, height: 700 }), [])).toBeNull()
    expect(restoreBounds(saved({ x: 0, y: 0, width: 1000, height: 700 }), [{ workArea: { x: 0, y: 0, width: 0, height: 0 } }])).toBeNull()
  })

  it('always places the window wholly inside one display, at least at the minimum size', () => {
    const rect = (min: number) =>
      fc.record({
        x: fc.integer({ min: -5000, max: 5000 }),
        y: fc.integer({ min: -5000, max: 5000 }),
        width: fc.integer({ min, max: 4000 }),
        height: fc.integer({ min, max: 3000 }),
      })
    const display = fc.record({
      x: fc.integer({ min: -4000, max: 4000 }),
      y: fc.integer({ min: -4000, max: 4000 }),
      width: fc.integer({ min: WINDOW_SIZE.minWidth, max: 4000 }),
      height: fc.integer({ min: WINDOW_SIZE.minHeight, max: 3000 }),
    })
    fc.assert(
      fc.property(rect(1), fc.array(display, { minLength: 1, maxLength: 4 }), fc.boolean(), (bounds, areas, maximized) => {
        const restored = restoreBounds(
          { bounds, maximized },
          areas.map((workArea) => ({ workArea })),
        )
        expect(restored).not.toBeNull()
        expect(restored!.maximized).toBe(maximized)
        expect(restored!.width).toBeGreaterThanOrEqual(WINDOW_SIZE.minWidth)
        expect(restored!.height).toBeGreaterThanOrEqual(WINDOW_SIZE.minHeight)
        if (restored!.x === undefined || restored!.y === undefined) {
          // Unplaced only when the saved window overlaps no display at all.
          expect(
            areas.some(
              (a) =>
                bounds.x < a.x + a.width && a.x < bounds.x + bounds.width && bounds.y < a.y + a.height && a.y < bounds.y + bounds.height,
            ),
          ).toBe(false)
        } else {
          const placed = { x: restored!.x, y: restored!.y, width: restored!.width, height: restored!.height }
          expect(areas.some((a) => inside(placed, a))).toBe(true)
        }
        // A window that already fits wholly inside a display comes back unchanged.
        if (bounds.width >= WINDOW_SIZE.minWidth && bounds.height >= WINDOW_SIZE.minHeight && areas.some((a) => inside(bounds, a))) {
          expect(restored).toEqual({ ...bounds, maximized })
        }
      }),
    )
  })
})

describe('parseWindowState', () => {
  it('accepts a saved state and refuses a damaged one', () => {
    const good = { bounds: { x: -10, y: 20, width: 1000, height: 700 }, maximized: true }
    expect(parseWindowState(good)).toEqual(good)
    expect(parseWindowState({ bounds: good.bounds })).toEqual({ bounds: good.bounds, maximized: false })
    for (const bad of [
      null,
      'x',
      42,
      {},
      { bounds: null },
      { bounds: { x: 0, y: 0, width: 100 } },
      { bounds: { ...good.bounds, x: '0' } },
    ]) {
      expect(parseWindowState(bad)).toBeNull()
    }
    expect(parseWindowState({ bounds: { ...good.bounds, width: Number.NaN } })).toBeNull()
    expect(parseWindowState({ bounds: { ...good.bounds, height: Infinity } })).toBeNull()
    expect(parseWindowState({ bounds: { ...good.bounds, width: 0 } })).toBeNull()
    expect(parseWindowState({ bounds: { ...good.bounds, height: -5 } })).toBeNull()
  })
})

class FakeWindow extends EventEmitter {
  bounds: Rect = { x: 10, y: 20, width: 1000, height: 700 }
  maximized = false
  getNormalBounds = () => ({ ...this.bounds })
  isMaximized = () => this.maximized
}

describe('trackWindowState', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('saves once, after the window has stopped moving, with the last bounds', () => {
    const win = new FakeWindow()
    const save = vi.fn()
    trackWindowState(win, save, 500)
    for (let i = 1; i <= 5; i++) {
      win.bounds = { ...win.bounds, x: 10 + i * 10 }
      win.emit('move')
      vi.advanceTimersByTime(100)
    }
    win.emit('resize')
    expect(save).not.toHaveBeenCalled()
    vi.advanceTimersByTime(500)
    expect(save).toHaveBeenCalledTimes(1)
    expect(save).toHaveBeenLastCalledWith({ bounds: { x: 60, y: 20, width: 1000, height: 700 }, maximized: false })
  })

  it('records maximising, and saves at once on close without a late second save', () => {
    const win = new FakeWindow()
    const save = vi.fn()
    trackWindowState(win, save, 500)
    win.maximized = true
    win.emit('maximize')
    win.emit('close')
    expect(save).toHaveBeenCalledTimes(1)
    expect(save).toHaveBeenLastCalledWith({ bounds: win.bounds, maximized: true })
    vi.advanceTimersByTime(2000)
    expect(save).toHaveBeenCalledTimes(1)
  })
})

describe('readWindowState / writeWindowState', () => {
  const tempDir = useTempDirs()

  it('round-trips through a file', async () => {
    const file = join(await tempDir(), 'window-state.json')
    expect(await readWindowState(file)).toBeNull()
    const state = saved({ x: 5, y: 6, width: 1100, height: 750 }, true)
    writeWindowState(file, state)
    expect(await readWindowState(file)).toEqual(state)
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(state)
  })

  it('treats a corrupt file as no state, and a failed write as nothing worse than a lost position', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'window-state.json'), '{"bounds": {"x": 1,')
    expect(await readWindowState(join(dir, 'window-state.json'))).toBeNull()
    expect(() => writeWindowState(join(dir, 'missing-folder', 'window-state.json'), saved(laptop.workArea))).not.toThrow()
  })
})

describe('mainWindowOptions placement', () => {
  it('opens at the default size, centred, without a placement', () => {
    const options = mainWindowOptions('/p.cjs')
    expect(options).toMatchObject({ width: 1280, height: 820, minWidth: 900, minHeight: 600 })
    expect(options).not.toHaveProperty('x')
  })

  it('takes a restored size and position, keeping the minimum size and the locked-down preferences', () => {
    const options = mainWindowOptions('/p.cjs', { x: -1800, y: 40, width: 1000, height: 700 })
    expect(options).toMatchObject({ x: -1800, y: 40, width: 1000, height: 700, minWidth: 900, minHeight: 600 })
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false })
    const unplaced = mainWindowOptions('/p.cjs', { width: 1000, height: 700 })
    expect(unplaced).toMatchObject({ width: 1000, height: 700 })
    expect(unplaced).not.toHaveProperty('x')
    expect(unplaced).not.toHaveProperty('y')
  })
})
