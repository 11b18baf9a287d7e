/** Generated user stores on disk: a snapshot written directly as JSON, as the app itself writes it. */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { STORE_VERSION, defaultSettings, type UserData } from '../../src/main/store/schema'
import { STORE_FILE } from '../../src/main/store/snapshot'
import type { Note } from '../../src/shared/domain'

export async function tempFolder(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `coop-atlas-bench-${label}-`))
}

/** Writes a version-2 snapshot holding `notes`, formatted as DurableJSONFile writes it; returns its size in bytes. */
export async function writeSnapshot(folder: string, notes: Note[]): Promise<number> {
  const data: UserData = { schemaVersion: STORE_VERSION, notes, corrections: [], favourites: [], settings: defaultSettings() }
  const text = JSON.stringify(data, null, 1)
  await writeFile(join(folder, STORE_FILE), text)
  return Buffer.byteLength(text)
}
