/** Reads a user store from disk the way a restart would (snapshot, then the journal), for assertions. */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

export const STORE_FILE = 'coop-atlas-store.json'
export const JOURNAL_FILE = 'coop-atlas-changes.jsonl'

interface StoredNote {
  id: string
  body: string
  target: { kind: string; id: string }
}

const readOr = (path: string, fallback: string) => readFile(path, 'utf8').catch(() => fallback)

export async function readStoredNotes(dir: string): Promise<StoredNote[]> {
  // The snapshot is one JSON document; since version 3 the notes' bodies follow the rest, in the same order.
  const snapshot = JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')) as { notes: StoredNote[]; bodies?: string[] }
  const notes = new Map(snapshot.notes.map((n, i) => [n.id, snapshot.bodies ? { ...n, body: snapshot.bodies[i]! } : n]))
  for (const line of (await readOr(join(dir, JOURNAL_FILE), '')).split('\n').filter(Boolean)) {
    const entry = JSON.parse(line) as { op: string; note?: StoredNote; notes?: StoredNote[]; id?: string; remove?: string[] }
    if (entry.op === 'put-note') notes.set(entry.note!.id, entry.note!)
    if (entry.op === 'delete-note') notes.delete(entry.id!)
    // A merge (synchronisation, or emptying the trash) removes notes, then puts others.
    for (const id of entry.op === 'merge' ? entry.remove! : []) notes.delete(id)
    for (const note of entry.op === 'put-notes' || entry.op === 'merge' ? entry.notes! : []) notes.set(note.id, note)
  }
  return [...notes.values()]
}

/** Everything the store has on disk, to prove a refused call wrote nothing. */
export async function storeBytes(dir: string): Promise<string> {
  return `${await readOr(join(dir, STORE_FILE), '')}\u0000${await readOr(join(dir, JOURNAL_FILE), '')}`
}
