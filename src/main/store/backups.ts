/**
 * Rolling backups of the store snapshot: the newest ten, and one a day for the last seven days.
 * A backup is only ever made of a snapshot that was just read or written successfully.
 */
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fsyncFolder } from './durable-file'

export const BACKUP_FOLDER = 'backups'
export const RECENT_KEPT = 10
export const DAILY_KEPT = 7

const stamp = (at: Date): string => at.toISOString().replace(/[:.]/g, '-')

export async function backUp(folder: string, snapshotPath: string, now = new Date()): Promise<void> {
  const backups = join(folder, BACKUP_FOLDER)
  await mkdir(backups, { recursive: true })
  await copyFile(snapshotPath, join(backups, `store-${stamp(now)}.json`))
  const daily = join(backups, `daily-${now.toISOString().slice(0, 10)}.json`)
  await copyFile(snapshotPath, daily)
  await fsyncFolder(backups)
  const names = (await readdir(backups)).sort()
  const recent = names.filter((n) => n.startsWith('store-') && n.endsWith('.json'))
  const days = names.filter((n) => n.startsWith('daily-') && n.endsWith('.json'))
  const stale = [...recent.slice(0, Math.max(0, recent.length - RECENT_KEPT)), ...days.slice(0, Math.max(0, days.length - DAILY_KEPT))]
  for (const name of stale) await rm(join(backups, name), { force: true })
}

/** Backups, newest first (recent ones before daily ones of the same moment). */
export async function listBackups(folder: string): Promise<string[]> {
  try {
    const names = await readdir(join(folder, BACKUP_FOLDER))
    const when = (n: string) => n.replace(/^(store|daily)-/, '')
    return names.filter((n) => /^(store|daily)-.*\.json$/.test(n)).sort((a, b) => when(b).localeCompare(when(a)) || a.localeCompare(b))
  } catch {
    return []
  }
}
