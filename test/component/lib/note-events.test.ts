/** Note changes reach whoever listens (the search index), and stop reaching them once they unsubscribe. */
import { describe, expect, it, vi } from 'vitest'
import { noteEvents, type NoteEvent } from '../../../src/renderer/lib/note-events'
import { aNote } from '../../support/notes'

describe('noteEvents', () => {
  it('tells every listener of each change, in order, until it unsubscribes', () => {
    const first = vi.fn<(event: NoteEvent) => void>()
    const second = vi.fn<(event: NoteEvent) => void>()
    const stopFirst = noteEvents.subscribe(first)
    const stopSecond = noteEvents.subscribe(second)
    const saved: NoteEvent = { type: 'saved', note: aNote(1, 'body') }
    noteEvents.emit(saved)
    noteEvents.emit({ type: 'removed', id: 'gone' })
    expect(first.mock.calls).toEqual([[saved], [{ type: 'removed', id: 'gone' }]])
    expect(second).toHaveBeenCalledTimes(2)

    stopFirst()
    noteEvents.emit({ type: 'reload' })
    expect(first).toHaveBeenCalledTimes(2)
    expect(second).toHaveBeenLastCalledWith({ type: 'reload' })
    stopSecond()
  })

  it('tells no one once everyone has left', () => {
    const listener = vi.fn()
    noteEvents.subscribe(listener)()
    noteEvents.emit({ type: 'reload' })
    expect(listener).not.toHaveBeenCalled()
  })
})
