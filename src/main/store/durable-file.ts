/**
 * Writes that survive a crash or power cut: write-file-atomic writes a temporary file, fsyncs it and renames it
 * over the old one; we then fsync the folder so the rename itself is on disk (write-file-atomic does not).
 * lowdb's own JSONFile adapter uses steno, which never fsyncs; ours (snapshot.ts) writes through this.
 */
import { open } from 'node:fs/promises'
import { dirname } from 'node:path'
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
