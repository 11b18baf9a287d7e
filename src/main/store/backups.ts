/**
 * Rolling backups of the store snapshot: the newest ten, and one a day for the last seven days.
 * A backup is only ever made of a snapshot that was just read or written successfully. After a recovery, the
 * backups there were are moved, whole, into a folder of their own (kept-<when>/) that the rotation never touches:
 * the restored state may lack what one of them holds.
 */
import { access, copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { BackupInfo } from '../../shared/domain'
import type { UserData } from './schema'
import { fsyncFolder } from './durable-file'
import { fileStamp, stampToIso } from './file-stamp'

export const BACKUP_FOLDER = 'backups'
export const RECENT_KEPT = 10
export const DAILY_KEPT = 7

export async function backUp(folder: string, snapshotPath: string, now = new Date()): Promise<void> {
  const backups = join(folder, BACKUP_FOLDER)
  await mkdir(backups, { recursive: true })
  await copyDurably(snapshotPath, join(backups, await freeName(backups, `store-${fileStamp(now)}`)))
  await copyDurably(snapshotPath, join(backups, `daily-${now.toISOString().slice(0, 10)}.json`))
  await fsyncFolder(backups)
  const names = (await readdir(backups)).sort()
  const recent = names.filter((n) => n.startsWith('store-') && n.endsWith('.json'))
  const days = names.filter((n) => n.startsWith('daily-') && n.endsWith('.json'))
  const stale = [...recent.slice(0, Math.max(0, recent.length - RECENT_KEPT)), ...days.slice(0, Math.max(0, days.length - DAILY_KEPT))]
  for (const name of stale) await rm(join(backups, name), { force: true })
}

/**
 * A copy that is whole or absent: copied to a temporary name, synced, then renamed over the target. A plain copy
 * cut short by a crash would leave half a backup — and the day's backup is a copy over yesterday's last one.
 */
async function copyDurably(from: string, to: string): Promise<void> {
  const temporary = `${to}.${process.pid}.tmp`
  try {
    await copyFile(from, temporary)
    const handle = await open(temporary, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, to)
  } catch (error) {
    // A full disk must not leave half a copy behind.
    await rm(temporary, { force: true }).catch(() => undefined)
    throw error
  }
}

/** `base`.json, or `base`-1.json, -2… when two backups fall in the same millisecond: a backup never replaces another. */
async function freeName(folder: string, base: string): Promise<string> {
  for (let n = 0; ; n++) {
    const name = n === 0 ? `${base}.json` : `${base}-${n}.json`
    const taken = await access(join(folder, name)).then(
      () => true,
      () => false,
    )
    if (!taken) return name
  }
}

/** Moves every rotating backup into backups/kept-<when>/ and returns that folder (nothing moved: still returned). */
export async function keepBackupsAside(folder: string, now = new Date()): Promise<string> {
  const backups = join(folder, BACKUP_FOLDER)
  const kept = join(backups, `${KEPT_PREFIX}${fileStamp(now)}`)
  const names = (await readdir(backups).catch(() => [] as string[])).filter((n) => ROTATING.test(n))
  if (names.length === 0) return kept
  await mkdir(kept, { recursive: true })
  for (const name of names) await rename(join(backups, name), join(kept, name))
  await fsyncFolder(kept)
  await fsyncFolder(backups)
  return kept
}

export const KEPT_PREFIX = 'kept-'
const ROTATING = /^(store|daily)-[0-9TZ-]+\.json$/

/**
 * Every backup, newest first (recent ones before daily ones of the same moment), rotating and kept alike. A kept
 * backup is named with its folder: kept-<when>/store-<when>.json.
 */
export async function listBackups(folder: string): Promise<string[]> {
  const backups = join(folder, BACKUP_FOLDER)
  const entries = await readdir(backups, { withFileTypes: true }).catch(() => [])
  const names: string[] = []
  for (const entry of entries) {
    if (entry.isFile() && ROTATING.test(entry.name)) names.push(entry.name)
    else if (entry.isDirectory() && entry.name.startsWith(KEPT_PREFIX)) {
      const inside = await readdir(join(backups, entry.name)).catch(() => [] as string[])
      for (const name of inside) if (ROTATING.test(name)) names.push(`${entry.name}/${name}`)
    }
  }
  const when = (n: string) => n.replace(/^.*\//, '').replace(/^(store|daily)-/, '')
  return names.sort((a, b) => when(b).localeCompare(when(a)) || a.localeCompare(b))
}

/**
 * A backup holds nothing to go back to when it has no notes, no record of a deleted note, no correction and no pinned
 * organisation (the one taken of a fresh store): restoring it would only empty the notes, so Settings does not offer it.
 * Preferences (language, theme) do not count: a backup is restored for what the user wrote.
 */
export const holdsNothing = (
  data: Pick<UserData, 'notes' | 'tombstones' | 'corrections' | 'correctionTombstones' | 'favourites'>,
): boolean =>
  data.notes.length === 0 &&
  data.tombstones.length === 0 &&
  data.corrections.length === 0 &&
  data.correctionTombstones.length === 0 &&
  data.favourites.length === 0

/** When a backup file was last written (a day's backup is rewritten at each backup of that day), or null. */
export const lastWritten = (path: string): Promise<Date | null> =>
  stat(path).then(
    (s) => s.mtime,
    () => null,
  )

/**
 * What Settings shows of a backup: when it was made, which kind, how many notes it holds and whether it holds nothing.
 * A day's backup is named by its day only: its time is when it was last written, the state it holds (`written`).
 */
export function describeBackup(
  name: string,
  content: Pick<BackupInfo, 'notes' | 'problem' | 'empty'>,
  written: Date | null = null,
): BackupInfo {
  const file = name.replace(/^.*\//, '')
  // store-<stamp>.json, store-<stamp>-1.json (two in the same millisecond), daily-<day>.json
  const stampText = file.replace(/^(store|daily)-|\.json$/g, '').replace(/(?<=Z)-\d+$/, '')
  const day = /^\d{4}-\d{2}-\d{2}$/.test(stampText)
  const when = day
    ? written && written.toISOString().slice(0, 10) === stampText
      ? written.toISOString()
      : `${stampText}T00:00:00.000Z`
    : stampToIso(stampText)
  const kind = name.startsWith(KEPT_PREFIX) ? 'kept' : file.startsWith('daily-') ? 'daily' : 'recent'
  return { name, when, kind, ...content }
}
