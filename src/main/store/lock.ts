/**
 * One writer, always: a lock file beside the store names the process that holds it. A second process is
 * refused with a clear message; a lock whose process no longer runs (a crash) is recognised as stale and taken over.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ServiceError } from '../../shared/errors'

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
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(JSON.stringify(owner))
      await handle.sync()
      await handle.close()
      return { release: () => rm(path, { force: true }) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = await readOwner(path)
      if (holder && holder.pid !== process.pid && isRunning(holder.pid)) {
        const which = holder.shell === 'desktop' ? 'the Coop Atlas desktop app' : '`npm run browse`'
        throw new ServiceError(
          'store-unavailable',
          `Your notes are open in ${which} (process ${holder.pid}, since ${holder.since}). Only one Coop Atlas can write them at a time: close it, then start this one again.`,
        )
      }
      // Stale (its process is gone) or unreadable: take it over.
      await rm(path, { force: true })
    }
  }
  throw new ServiceError('store-unavailable', `Could not take the store lock at ${path}.`)
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>
    return typeof owner.pid === 'number' ? (owner as LockOwner) : null
  } catch {
    return null
  }
}
