/** Notes for tests: a stable id from a number, on CECOP unless told otherwise, every field a stored note has. */
import type { Note } from '../../src/shared/domain'

export const noteId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
/** A device of the tests' notes (one made elsewhere: no test store has it as its own). */
export const TEST_DEVICE = '00000000-0000-4000-8000-00000000d0d0'
export const deviceId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(8, '0')}d0d0`
export const minute = (m: number): string => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString()

export function aNote(n: number, body: string, fields: Partial<Note> = {}): Note {
  return {
    id: noteId(n),
    target: { kind: 'organisation', id: 'cecop' },
    body,
    tags: [],
    created: minute(0),
    updated: minute(0),
    trashed: null,
    previous: null,
    versions: { [TEST_DEVICE]: 1 },
    conflictOf: null,
    shared: false,
    author: null,
    ...fields,
  }
}
