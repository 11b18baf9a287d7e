/**
 * Writes that survive a crash or power cut: write-file-atomic writes a temporary file, fsyncs it and renames it
 * over the old one; we then fsync the folder so the rename itself is on disk (write-file-atomic does not).
 * lowdb's own JSONFile adapter uses steno, which never fsyncs; ours (snapshot.ts) writes through this.
 */
import { randomBytes } from 'node:crypto'
import { open, rename, unlink, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import writeFileAtomic from 'write-file-atomic'

export async function fsyncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export async function writeDurably(path: string, data: string | Buffer): Promise<void> {
  await writeFileAtomic(path, data, { encoding: 'utf8', fsync: true })
  await fsyncFolder(dirname(path))
}

/**
 * The same guarantee for a file in a folder that other programs watch and copy (the sync folder): the temporary
 * file beside it is named `.<name>.<random>.tmp`, a hidden name that sync tools and our own reader pass over, so
 * that nobody ever copies or reads a half-written file. Written, fsynced, renamed over `path`, folder fsynced; on
 * failure the temporary file is removed and `path` is as it was.
 */
export async function replaceDurably(path: string, data: string | Buffer): Promise<void> {
  const folder = dirname(path)
  const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  let handle: FileHandle | null = null
  try {
    handle = await open(temp, 'wx')
    await handle.writeFile(data)
    await handle.sync()
    await handle.close()
    handle = null
    await rename(temp, path)
  } catch (error) {
    await handle?.close().catch(() => undefined)
    await unlink(temp).catch(() => undefined)
    throw error
  }
  await fsyncFolder(folder)
}
