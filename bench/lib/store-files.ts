/** Generated user stores on disk: a snapshot written directly as JSON, as the app itself writes it. */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { STORE_VERSION, defaultSettings, defaultSync, newDevice, type UserData } from '../../src/main/store/schema'
import { STORE_FILE } from '../../src/main/store/snapshot'
import { encodeSnapshot } from '../../src/main/store/snapshot-format'
import type { Note } from '../../src/shared/domain'

export async function tempFolder(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `coop-atlas-bench-${label}-`))
}

/** Writes a snapshot holding `notes`, laid out as the app writes it (snapshot-format.ts); returns its size in bytes. */
export async function writeSnapshot(folder: string, notes: Note[]): Promise<number> {
  const data: UserData = {
    schemaVersion: STORE_VERSION,
    device: newDevice('bench'),
    notes,
    tombstones: [],
    corrections: [],
    correctionTombstones: [],
    favourites: [],
    settings: defaultSettings(),
    sync: defaultSync(),
  }
  const bytes = encodeSnapshot(data)
  await writeFile(join(folder, STORE_FILE), bytes)
  return bytes.length
}
