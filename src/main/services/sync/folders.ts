/**
 * Which folders may be chosen for synchronisation. A sync tool copies everything in the folder to other machines
 * (and, for the team folder, to colleagues), so: a full path to a folder that exists; not a whole drive; never the
 * app's own data folder, inside it or around it (the tool would copy the store itself, lock and all); and the
 * personal and team folders apart, neither inside the other (personal notes would reach the team).
 */
import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, parse, relative, resolve } from 'node:path'
import { ServiceError, type ErrorWordingKey } from '../../../shared/errors'

export type FolderRole = 'sync' | 'team'

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text)
const caseless = process.platform === 'win32' || process.platform === 'darwin'
const same = (a: string, b: string) => (caseless ? a.toLowerCase() === b.toLowerCase() : a === b)

/** True when `inner` is `outer` or inside it. */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(caseless ? outer.toLowerCase() : outer, caseless ? inner.toLowerCase() : inner)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

const real = (path: string) => realpath(path).catch(() => resolve(path))

/** A refusal worded here in English (for logs) and by the renderer in the reader's language (shared/errors.ts). */
function refuse(code: 'invalid-input' | 'not-found', key: ErrorWordingKey, message: string, values: Record<string, string>): ServiceError {
  return new ServiceError(code, message, undefined, { key, values })
}

/**
 * Checks a folder chosen as the sync or team folder and returns it as it is kept (absolute, normalised). Refuses,
 * with what to do instead, anything the rules above forbid; nothing is written.
 */
export async function checkSyncFolder(
  given: string,
  { role, userDataDir, otherFolder }: { role: FolderRole; userDataDir: string; otherFolder: string | null },
): Promise<string> {
  const name = role === 'sync' ? 'sync folder' : 'team folder'
  if (given.includes('\u0000') || !isAbsolute(given))
    throw refuse(
      'invalid-input',
      'folder-not-absolute',
      `The ${name} must be given as a full path (such as /home/ana/Sync or C:\\Users\\Ana\\Sync); "${clip(given)}" is not one.`,
      { role, folder: clip(given) },
    )
  const folder = resolve(given)
  const values = { role, folder: clip(folder) }
  if (same(folder, parse(folder).root))
    throw refuse(
      'invalid-input',
      'folder-whole-drive',
      `The ${name} cannot be a whole drive (${folder}): choose or make a folder on it for Coop Atlas.`,
      values,
    )
  let actual: string
  try {
    actual = await realpath(folder)
    if (!(await stat(actual)).isDirectory())
      throw refuse('invalid-input', 'folder-is-file', `${clip(folder)} is a file, not a folder. Choose a folder as the ${name}.`, values)
  } catch (error) {
    if (error instanceof ServiceError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw refuse(
        'not-found',
        'folder-missing',
        `There is no folder at ${clip(folder)}. Make it (or let your sync tool make it) first, then choose it.`,
        values,
      )
    const why = code ?? 'unknown error'
    throw refuse('invalid-input', 'folder-cannot-open', `The folder ${clip(folder)} cannot be opened (${why}).`, { ...values, why })
  }
  const dataFolder = await real(userDataDir)
  if (isWithin(actual, dataFolder) || isWithin(dataFolder, actual))
    throw refuse(
      'invalid-input',
      'folder-data-folder',
      `The ${name} cannot be Coop Atlas's own data folder (${clip(dataFolder)}), a folder inside it, or a folder that holds it: your sync tool would copy the notes file itself. Choose a folder of its own.`,
      { ...values, dataFolder: clip(dataFolder) },
    )
  if (otherFolder !== null) {
    const other = await real(otherFolder)
    const otherName = role === 'sync' ? 'team folder' : 'sync folder'
    if (isWithin(actual, other) || isWithin(other, actual))
      throw refuse(
        'invalid-input',
        'folder-overlap',
        `The ${name} must be apart from the ${otherName} (${clip(otherFolder)}), not the same folder nor one inside the other: personal notes must never reach the team. Choose another folder.`,
        { ...values, other: clip(otherFolder) },
      )
  }
  return folder
}
