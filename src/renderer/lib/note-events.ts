/**
 * Tells whoever listens (the search index, the notes lists) that notes changed, so they follow at once: 'saved' and
 * 'removed' for one note changed here, 'reload' for many (an import, a restore), 'arrived' for notes that came from
 * the user's other devices or the team (lib/sync.svelte.ts).
 */
import type { Note } from '../../shared/domain'

export type NoteEvent = { type: 'saved'; note: Note } | { type: 'removed'; id: string } | { type: 'reload' } | { type: 'arrived' }

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
