/**
 * Clear words when the data folder itself is the problem: read-only, full, not a folder (a file at that path, or a
 * path through a file), not ours to write. Node reports these as errno errors (EROFS, EACCES, ENOSPC, ENOTDIR,
 * EEXIST…) with a stack; the user gets one paragraph instead, saying what and where, and what to do.
 *
 * Used at start (startApp, and the desktop shell's check before Electron's single-instance lock) and when a save
 * fails later (the services' "Your change could not be saved: …").
 */
import { accessSync, constants, mkdirSync, rmdirSync, statSync, type Stats } from 'node:fs'
import { lstat, readdir, rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { ServiceError } from '../shared/errors'

type Shell = 'desktop' | 'browse'

/** A Node system error (fs, net…): has an errno code such as ENOSPC. Programming errors (TypeError…) do not. */
function errnoCode(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : null
}

const statOrNull = (path: string): Stats | null => {
  try {
    return statSync(path)
  } catch {
    return null
  }
}

/** The folder itself and its ancestors, outermost first. */
function pathsDownTo(folder: string): string[] {
  const out: string[] = []
  for (let at = folder; ; at = dirname(at)) {
    out.unshift(at)
    if (dirname(at) === at) return out
  }
}

type Cause =
  | { kind: 'read-only' | 'no-permission' | 'full' | 'quota' | 'io' | 'too-long' | 'link-loop' }
  | { kind: 'is-a-file' }
  | { kind: 'through-file'; file: string }
  | { kind: 'other'; code: string; syscall: string | undefined }

/** Why `folder` cannot be used, from the error and, where the error is vague (mkdir's ENOENT, EEXIST), a look at the path. */
function causeOf(folder: string, code: string, syscall: string | undefined): Cause {
  switch (code) {
    case 'EROFS':
      return { kind: 'read-only' }
    case 'EACCES':
    case 'EPERM':
      return { kind: 'no-permission' }
    case 'ENOSPC':
      return { kind: 'full' }
    case 'EDQUOT':
      return { kind: 'quota' }
    case 'EIO':
      return { kind: 'io' }
    case 'ENAMETOOLONG':
      return { kind: 'too-long' }
    case 'ELOOP':
      return { kind: 'link-loop' }
  }
  if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'ENOENT') {
    // Walk down from the root: the first part of the path that exists but is not a folder is the culprit.
    let nearest: string | null = null
    for (const at of pathsDownTo(folder)) {
      const info = statOrNull(at)
      if (!info) break
      if (!info.isDirectory()) return at === folder ? { kind: 'is-a-file' } : { kind: 'through-file', file: at }
      nearest = at
    }
    // The folder does not exist and could not be created (a read-only disk makes recursive mkdir say ENOENT).
    if (nearest && nearest !== folder) {
      try {
        accessSync(nearest, constants.W_OK)
      } catch (error) {
        const inner = errnoCode(error)
        if (inner === 'EROFS') return { kind: 'read-only' }
        if (inner === 'EACCES' || inner === 'EPERM') return { kind: 'no-permission' }
      }
    }
  }
  return { kind: 'other', code, syscall }
}

function startParagraph(folder: string, cause: Cause, shell: Shell): string {
  const elsewhere = shell === 'browse' ? ', or start it with --data-dir and a folder you can write to' : ''
  const where = `Your notes are kept in the folder ${folder}`
  const end = 'Nothing was changed.'
  switch (cause.kind) {
    case 'is-a-file':
      return `${where}, but there is a file at that path, not a folder, so Coop Atlas cannot keep anything there. Move or rename that file (Coop Atlas then creates the folder), then start Coop Atlas again${elsewhere}. ${end}`
    case 'through-file':
      return `${where}, but ${cause.file} is a file, not a folder, so that folder cannot exist. Move or rename ${cause.file}, then start Coop Atlas again${elsewhere}. ${end}`
    case 'read-only':
      return `${where}, but Coop Atlas cannot write there: it is on a disk or share that is read-only. Make it writable (for example, mount the disk read-write), then start Coop Atlas again${elsewhere}. ${end}`
    case 'no-permission':
      return `${where}, but Coop Atlas is not allowed to write there: your account has no permission to change that folder. Give your account write permission on it, then start Coop Atlas again${elsewhere}. ${end}`
    case 'full':
      return `${where}, but Coop Atlas cannot write there: the disk it is on is full. Free some space on that disk, then start Coop Atlas again${elsewhere}. ${end}`
    case 'quota':
      return `${where}, but Coop Atlas cannot write there: your disk quota on that disk is used up. Free some space, then start Coop Atlas again${elsewhere}. ${end}`
    case 'io':
      return `${where}, but the disk it is on reported an error when Coop Atlas used it (it may be failing or have been removed). Check the disk, then start Coop Atlas again${elsewhere}. ${end}`
    case 'too-long':
      return `${where}, but that path is too long for the system to use. Choose a shorter path${elsewhere}. ${end}`
    case 'link-loop':
      return `${where}, but that path leads through links that point at each other in a loop. Fix the links, then start Coop Atlas again${elsewhere}. ${end}`
    case 'other':
      return `${where}, but Coop Atlas cannot use it (the system said ${cause.code}${cause.syscall ? ` to ${cause.syscall}` : ''}). Check the folder, then start Coop Atlas again${elsewhere}. ${end}`
  }
}

/**
 * The clear refusal for an error met while starting over `folder`, or null when the error is not about the folder
 * (a ServiceError, which already speaks clearly, or a programming error, which must keep its stack).
 */
export function dataFolderError(folder: string, error: unknown, shell: Shell): ServiceError | null {
  if (error instanceof ServiceError) return null
  const code = errnoCode(error)
  if (!code) return null
  const absolute = resolve(folder)
  const cause = causeOf(absolute, code, (error as NodeJS.ErrnoException).syscall)
  return new ServiceError('store-unavailable', startParagraph(absolute, cause, shell))
}

/**
 * The desktop shell's look at the folder before Electron's single-instance lock (which, in a folder it cannot
 * write, would fail as if another instance were running, and the app would quit without a word): creates the
 * folder if needed, then checks it may be written to. Null when it is fine.
 */
export function checkDataFolder(folder: string, shell: Shell): ServiceError | null {
  try {
    mkdirSync(folder, { recursive: true })
    accessSync(folder, constants.W_OK)
    return null
  } catch (error) {
    return dataFolderError(folder, error, shell)
  }
}

/** What a failed start may have created, to be removed again (see undoFailedStart). */
export interface FolderBefore {
  folder: string
  /** The outermost folder that did not exist yet (the start's mkdir creates it and everything under it), or null. */
  createdFrom: string | null
  names: Set<string> | null
}

export async function folderBefore(folder: string): Promise<FolderBefore> {
  const absolute = resolve(folder)
  let createdFrom: string | null = null
  for (const at of pathsDownTo(absolute)) {
    if (!(await lstat(at).catch(() => null))) {
      createdFrom = at
      break
    }
  }
  const names = createdFrom ? null : new Set(await readdir(absolute).catch(() => [] as string[]))
  return { folder: absolute, createdFrom, names }
}

/**
 * After a start that failed, removes what it left that was not there before: files in `ownFiles` that it created
 * empty (opening the journal creates it before a full disk refuses the snapshot), and the folders it created if
 * they are empty. Never touches anything that was there before, nor any file with content.
 */
export async function undoFailedStart(before: FolderBefore, ownFiles: readonly string[]): Promise<void> {
  for (const name of ownFiles) {
    if (before.names?.has(name)) continue
    const path = join(before.folder, name)
    const info = await lstat(path).catch(() => null)
    if (info?.isFile() && info.size === 0) await rm(path, { force: true }).catch(() => undefined)
  }
  if (!before.createdFrom) return
  for (let at = before.folder; ; at = dirname(at)) {
    try {
      rmdirSync(at) // only ever removes an empty folder
    } catch {
      return
    }
    if (at === before.createdFrom || dirname(at) === at) return
  }
}

/**
 * A save that failed (the store changes nothing then: the journal is cut back to its last whole line). For the
 * folder's own troubles — a full disk, a read-only remount, lost permission, a failing disk — says so and where;
 * anything else keeps the error's own message.
 */
export function saveFailure(folderGiven: string, error: unknown, what = 'Your change could not be saved', after = ''): ServiceError {
  const code = errnoCode(error)
  const folder = resolve(folderGiven)
  const safe = 'What was saved before is safe.'
  const clear: Record<string, string> = {
    ENOSPC: `the disk that holds your notes (${folder}) is full. Free some space on it, then try again. ${safe}`,
    EDQUOT: `your disk quota on the disk that holds your notes (${folder}) is used up. Free some space, then try again. ${safe}`,
    EROFS: `the folder that holds your notes (${folder}) has become read-only (a disk or share mounted read-only). Make it writable again, then try again. ${safe}`,
    EACCES: `Coop Atlas is no longer allowed to write in the folder that holds your notes (${folder}). Give your account write permission on it again, then try again. ${safe}`,
    EIO: `the disk that holds your notes (${folder}) reported an error (it may be failing or have been removed). ${safe}`,
  }
  clear['EPERM'] = clear['EACCES']!
  let message = (code && clear[code]) || (error instanceof Error ? error.message : String(error))
  if (after) message = `${message}${/[.!?]$/.test(message) ? '' : '.'} ${after}`
  return new ServiceError('store-unavailable', `${what}: ${message}`)
}
