/**
 * Watching a devices folder for other devices' files (fs.watch). Only a hint: sync tools replace files in ways a
 * watcher can miss (and network shares send no events at all), so the service also polls. A watcher that fails
 * (the folder went away) closes itself; the service starts another after the next exchange that finds the folder.
 */
import { watch, type FSWatcher } from 'node:fs'

export interface FolderWatch {
  readonly folder: string
  /** True once closed (by `close`, or by a failure of the watcher). */
  readonly closed: boolean
  close(): void
}

/**
 * Calls `changed` when a file in `folder` that may be a device's file appears or changes (`relevant` says which
 * names; hidden and temporary files are passed over). Returns null when the folder cannot be watched.
 */
export function watchFolder(folder: string, relevant: (name: string) => boolean, changed: () => void): FolderWatch | null {
  let watcher: FSWatcher
  try {
    watcher = watch(folder, { persistent: false }, (_event, name) => {
      // Some platforms give no name: then anything may have changed.
      if (name === null || relevant(name.toString())) changed()
    })
  } catch {
    return null
  }
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    watcher.close()
  }
  watcher.on('error', close)
  return {
    folder,
    get closed() {
      return closed
    },
    close,
  }
}
