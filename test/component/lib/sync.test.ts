import { afterEach, describe, expect, it, vi } from 'vitest'
import { noteEvents, type NoteEvent } from '../../../src/renderer/lib/note-events'
import { sync } from '../../../src/renderer/lib/sync.svelte'
import { installFakeAtlas } from '../fake-atlas'
import { folderStatus, syncStatus as status } from '../sync-status'

describe('the sync status in the page', () => {
  afterEach(() => {
    sync.take(status(null))
    vi.useRealTimers()
  })

  it('announces notes that arrived (from either folder) once, and nothing when none did', () => {
    const events: NoteEvent[] = []
    const stop = noteEvents.subscribe((e) => events.push(e))
    sync.take(status('/sync'))
    sync.take(status('/sync'))
    expect(events).toEqual([])
    sync.take(status('/sync', '2026-12-05T10:00:00.000Z'))
    sync.take(status('/sync', '2026-12-05T10:00:00.000Z'))
    expect(events).toEqual([{ type: 'arrived' }])
    sync.take(status('/sync', '2026-12-05T10:00:00.000Z', folderStatus('/team', '2026-12-05T10:01:00.000Z')))
    expect(events).toEqual([{ type: 'arrived' }, { type: 'arrived' }])
    stop()
  })

  it('reads the status every few seconds while a folder is chosen, and stops when none is', async () => {
    vi.useFakeTimers()
    const send = installFakeAtlas({ 'sync.status': () => status('/sync') })
    sync.take(status('/sync'))
    await vi.advanceTimersByTimeAsync(10_000)
    const reads = send.mock.calls.filter(([name]) => name === 'sync.status').length
    expect(reads).toBeGreaterThanOrEqual(3)
    sync.take(status(null))
    await vi.advanceTimersByTimeAsync(10_000)
    expect(send.mock.calls.filter(([name]) => name === 'sync.status').length).toBe(reads)
  })
})
