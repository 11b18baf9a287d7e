/**
 * Opens the user store. Data is sacred: a store that cannot be read or understood is never overwritten.
 * It is moved aside under a name that says why, the newest backup that is good is restored (or an empty
 * store started when there is none), and the notice says exactly what happened and where the old file is.
 */
import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { ServiceError } from '../../shared/errors'
import { DurableJSONFile, fsyncFolder } from './durable-file'
import { emptyUserData, migrate, type UserData } from './schema'

export const STORE_FILE = 'coop-atlas-store.json'
export const BACKUP_FOLDER = 'backups'
export const BACKUPS_KEPT = 10

export interface OpenedStore {
  db: Low<UserData>
  path: string
  /** What the user must be told about this start (recovery, set-aside file); null when all was well. */
  notice: string | null
}

type ReadOutcome = { ok: true; data: UserData; migratedFrom: number | null } | { ok: false; why: string; tag: string }

async function readStoreFile(path: string): Promise<ReadOutcome | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return null
    return { ok: false, why: `it could not be read (${code ?? (error as Error).message})`, tag: 'unreadable' }
  }
  if (text.trim() === '') return { ok: false, why: 'it was empty', tag: 'empty' }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return { ok: false, why: `it is not valid JSON (${(error as Error).message})`, tag: 'corrupt' }
  }
  const migrated = migrate(raw)
  if (!migrated.ok) return { ok: false, why: migrated.message, tag: migrated.reason }
  return migrated
}

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-')

async function newestGoodBackup(folder: string): Promise<{ name: string; data: UserData } | null> {
  let names: string[]
  try {
    names = (await readdir(join(folder, BACKUP_FOLDER)))
      .filter((n) => n.endsWith('.json'))
      .sort()
      .reverse()
  } catch {
    return null
  }
  for (const name of names) {
    const outcome = await readStoreFile(join(folder, BACKUP_FOLDER, name))
    if (outcome?.ok) return { name, data: outcome.data }
  }
  return null
}

/** Keeps a copy of a store file that just proved good, and the newest BACKUPS_KEPT of them. */
export async function backUp(folder: string, path: string): Promise<void> {
  const backups = join(folder, BACKUP_FOLDER)
  await mkdir(backups, { recursive: true })
  await copyFile(path, join(backups, `store-${stamp()}.json`))
  await fsyncFolder(backups)
  const names = (await readdir(backups)).filter((n) => n.startsWith('store-') && n.endsWith('.json')).sort()
  for (const old of names.slice(0, Math.max(0, names.length - BACKUPS_KEPT))) await rm(join(backups, old), { force: true })
}

export async function openStore(folder: string): Promise<OpenedStore> {
  await mkdir(folder, { recursive: true })
  const path = join(folder, STORE_FILE)
  const db = new Low<UserData>(new DurableJSONFile<UserData>(path), emptyUserData())
  const outcome = await readStoreFile(path)

  if (outcome === null) {
    db.data = emptyUserData()
    await db.write()
    return { db, path, notice: null }
  }
  if (outcome.ok) {
    db.data = outcome.data
    await backUp(folder, path)
    if (outcome.migratedFrom !== null) await db.write()
    return { db, path, notice: null }
  }

  const asideName = `${STORE_FILE.replace(/\.json$/, '')}.${outcome.tag}-${stamp()}.json`
  const aside = join(folder, asideName)
  try {
    await rename(path, aside)
    await fsyncFolder(folder)
  } catch (error) {
    // If we cannot even move it, we must not write over it.
    throw new ServiceError(
      'store-unavailable',
      `Your notes file at ${path} could not be opened because ${outcome.why}, and it could not be moved aside (${(error as Error).message}). Nothing was changed.`,
    )
  }
  const backup = await newestGoodBackup(folder)
  db.data = backup ? backup.data : emptyUserData()
  await db.write()
  const restored = backup
    ? `The last good backup (${backup.name}) was restored.`
    : 'No good backup was found, so an empty store was started.'
  return {
    db,
    path,
    notice: `Your notes file could not be opened because ${outcome.why}. It was kept, untouched, as ${aside}. ${restored}`,
  }
}
