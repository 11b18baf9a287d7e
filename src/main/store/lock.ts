/**
 * One writer, always: a lock file beside the store names the process that holds it. A second process is
 * refused with a clear message; a lock whose process no longer runs (a crash) is recognised as stale and taken over.
 */
import { randomBytes } from 'node:crypto'
import { link, mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { StartRefusal } from './start-refusals'

export const LOCK_FILE = 'store.lock'

interface LockOwner {
  pid: number
  shell: 'desktop' | 'browse'
  since: string
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface StoreLock {
  release(): Promise<void>
}

export async function acquireStoreLock(folder: string, shell: LockOwner['shell']): Promise<StoreLock> {
  await mkdir(folder, { recursive: true })
  const path = join(folder, LOCK_FILE)
  const owner: LockOwner = { pid: process.pid, shell, since: new Date().toISOString() }
  const unique = `${process.pid}-${randomBytes(6).toString('hex')}`
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createWithContent(path, `${path}.${unique}.tmp`, JSON.stringify(owner))) return { release: () => rm(path, { force: true }) }
    const seen = await readFile(path, 'utf8').catch(() => null)
    if (seen === null) continue // released meanwhile: try again
    const holder = parseOwner(seen)
    if (holder && holder.pid !== process.pid && isRunning(holder.pid)) {
      throw new StartRefusal({ kind: 'store-locked', shell: holder.shell, pid: holder.pid, since: String(holder.since) })
    }
    // Stale (its process is gone) or unreadable: take it over — but only the very lock judged stale. Deleting by
    // name would also delete a fresh lock that another starting process put there since we read it (both would
    // then "win"). So move whatever is there aside atomically, and check that it is what we judged stale.
    const aside = `${path}.${unique}.stale`
    try {
      await rename(path, aside)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw error
    }
    const moved = await readFile(aside, 'utf8').catch(() => null)
    if (moved !== seen) await link(aside, path).catch(() => undefined) // another process's fresh lock: put it back
    await rm(aside, { force: true })
  }
  throw new StartRefusal({ kind: 'lock-contended', path })
}

/**
 * Creates the lock file with its content in one step: written to a private file, synced, then hard-linked into
 * place (which fails if a lock exists). A lock created with open('wx') is empty for a moment, and a second process
 * reading it then would take it for a broken lock and take it over.
 */
async function createWithContent(path: string, temp: string, content: string): Promise<boolean> {
  await writeSyncedOrRemove(await open(temp, 'w'), temp, content) // a full disk: no private file left behind
  try {
    await link(temp, path)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    // FAT and exFAT (a USB stick) have no hard links: create the lock in place there, as before.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createInPlace(path, content)
    throw error
  } finally {
    await rm(temp, { force: true })
  }
}

async function createInPlace(path: string, content: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  await writeSyncedOrRemove(handle, path, content) // ours, and empty or partial: no broken lock left behind
  return true
}

function parseOwner(text: string): LockOwner | null {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>
    return typeof owner.pid === 'number' ? (owner as LockOwner) : null
  } catch {
    return null
  }
}

/** Writes `content`, syncs and closes; if any of it fails, removes `path` (the file being written) and rethrows. */
async function writeSyncedOrRemove(handle: FileHandle, path: string, content: string): Promise<void> {
  try {
    try {
      await handle.writeFile(content)
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch (error) {
    await rm(path, { force: true })
    throw error
  }
}
