import { afterEach, describe, expect, it, vi } from 'vitest'
import { afterPaint } from '../../../src/renderer/lib/after-paint'

describe('work put off until the next frame is painted', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('runs in a task after the next frame, once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
    const work = vi.fn()
    afterPaint(work)
    expect(work).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(20) // the frame (16 ms), then the task after it
    expect(work).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(500) // the fallback does not run it again
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('runs all the same when no frame comes (a hidden window), after at most the time given', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    const work = vi.fn()
    afterPaint(work, 100)
    await vi.advanceTimersByTimeAsync(99)
    expect(work).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('never runs once cancelled', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
    const work = vi.fn()
    afterPaint(work)()
    await vi.advanceTimersByTimeAsync(1000)
    expect(work).not.toHaveBeenCalled()
  })
})
