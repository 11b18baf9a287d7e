/**
 * Which folders may be chosen for synchronisation. A sync tool copies everything in the folder to other machines
 * (and, for the team folder, to colleagues), so: a full path to a folder that exists; not a whole drive; never the
 * app's own data folder, inside it or around it (the tool would copy the store itself, lock and all); and the
 * personal and team folders apart, neither inside the other (personal notes would reach the team).
 */
import { realpath, stat } from 'node:fs/promises'
import { isAbsolute, parse, relative, resolve } from 'node:path'
import { ServiceError } from '../../../shared/errors'

export type FolderRole = 'sync folder' | 'team folder'

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text)
const caseless = process.platform === 'win32' || process.platform === 'darwin'
const same = (a: string, b: string) => (caseless ? a.toLowerCase() === b.toLowerCase() : a === b)

/** True when `inner` is `outer` or inside it. */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(caseless ? outer.toLowerCase() : outer, caseless ? inner.toLowerCase() : inner)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

const real = (path: string) => realpath(path).catch(() => resolve(path))

/**
 * Checks a folder chosen as the sync or team folder and returns it as it is kept (absolute, normalised). Refuses,
 * with what to do instead, anything the rules above forbid; nothing is written.
 */
export async function checkSyncFolder(
  given: string,
  { role, userDataDir, otherFolder }: { role: FolderRole; userDataDir: string; otherFolder: string | null },
): Promise<string> {
  if (given.includes('\u0000') || !isAbsolute(given))
    throw new ServiceError(
      'invalid-input',
      `The ${role} must be given as a full path (such as /home/ana/Sync or C:\\Users\\Ana\\Sync); "${clip(given)}" is not one.`,
    )
  const folder = resolve(given)
  if (same(folder, parse(folder).root))
    throw new ServiceError(
      'invalid-input',
      `The ${role} cannot be a whole drive (${folder}): choose or make a folder on it for Coop Atlas.`,
    )
  let actual: string
  try {
    actual = await realpath(folder)
    if (!(await stat(actual)).isDirectory())
      throw new ServiceError('invalid-input', `${clip(folder)} is a file, not a folder. Choose a folder as the ${role}.`)
  } catch (error) {
    if (error instanceof ServiceError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new ServiceError(
        'not-found',
        `There is no folder at ${clip(folder)}. Make it (or let your sync tool make it) first, then choose it.`,
      )
    throw new ServiceError('invalid-input', `The folder ${clip(folder)} cannot be opened (${code ?? 'unknown error'}).`)
  }
  const dataFolder = await real(userDataDir)
  if (isWithin(actual, dataFolder) || isWithin(dataFolder, actual))
    throw new ServiceError(
      'invalid-input',
      `The ${role} cannot be Coop Atlas's own data folder (${clip(dataFolder)}), a folder inside it, or a folder that holds it: your sync tool would copy the notes file itself. Choose a folder of its own.`,
    )
  if (otherFolder !== null) {
    const other = await real(otherFolder)
    const otherRole: FolderRole = role === 'sync folder' ? 'team folder' : 'sync folder'
    if (isWithin(actual, other) || isWithin(other, actual))
      throw new ServiceError(
        'invalid-input',
        `The ${role} must be apart from the ${otherRole} (${clip(otherFolder)}), not the same folder nor one inside the other: personal notes must never reach the team. Choose another folder.`,
      )
  }
  return folder
}
