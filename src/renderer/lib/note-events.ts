/** Tells whoever listens (the search index) that notes changed, so it follows edits at once. */
import type { Note } from '../../shared/domain'

export type NoteEvent = { type: 'saved'; note: Note } | { type: 'removed'; id: string } | { type: 'reload' }

const listeners = new Set<(event: NoteEvent) => void>()

export const noteEvents = {
  emit(event: NoteEvent): void {
    listeners.forEach((listener) => listener(event))
  },
  subscribe(listener: (event: NoteEvent) => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}
