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
import type { PackLocale } from '../shared/content/texts'
import { ServiceError, wordedRefusal } from '../shared/errors'
import { StartRefusal } from './store/start-refusals'

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

type Words = {
  /** The title of the desktop's dialog. */
  title: string
  /** Between the title and what follows, on one line (the terminal of `npm run browse`). */
  colon: string
  where: (folder: string) => string
  /** What else `npm run browse` can do, before the last full stop of the advice. */
  elsewhere: string
  end: string
  causes: { [K in Cause['kind']]: (cause: Extract<Cause, { kind: K }>, elsewhere: string) => string }
}

/**
 * The one home of these words, in the three languages of the app: they are shown before any window (the desktop's
 * dialog) or in a terminal (`npm run browse`), so main words them, in the language the shell chose (pickLocale).
 */
const WORDS: Record<PackLocale, Words> = {
  en: {
    title: 'Coop Atlas cannot start',
    colon: ': ',
    where: (folder) => `Your notes are kept in the folder ${folder}`,
    elsewhere: ', or start it with --data-dir and a folder you can write to',
    end: 'Nothing was changed.',
    causes: {
      'is-a-file': (_, e) =>
        `, but there is a file at that path, not a folder, so Coop Atlas cannot keep anything there. Move or rename that file (Coop Atlas then creates the folder), then start Coop Atlas again${e}.`,
      'through-file': ({ file }, e) =>
        `, but ${file} is a file, not a folder, so that folder cannot exist. Move or rename ${file}, then start Coop Atlas again${e}.`,
      'read-only': (_, e) =>
        `, but Coop Atlas cannot write there: it is on a disk or share that is read-only. Make it writable (for example, mount the disk read-write), then start Coop Atlas again${e}.`,
      'no-permission': (_, e) =>
        `, but Coop Atlas is not allowed to write there: your account has no permission to change that folder. Give your account write permission on it, then start Coop Atlas again${e}.`,
      full: (_, e) =>
        `, but Coop Atlas cannot write there: the disk it is on is full. Free some space on that disk, then start Coop Atlas again${e}.`,
      quota: (_, e) =>
        `, but Coop Atlas cannot write there: your disk quota on that disk is used up. Free some space, then start Coop Atlas again${e}.`,
      io: (_, e) =>
        `, but the disk it is on reported an error when Coop Atlas used it (it may be failing or have been removed). Check the disk, then start Coop Atlas again${e}.`,
      'too-long': (_, e) => `, but that path is too long for the system to use. Choose a shorter path${e}.`,
      'link-loop': (_, e) =>
        `, but that path leads through links that point at each other in a loop. Fix the links, then start Coop Atlas again${e}.`,
      other: ({ code, syscall }, e) =>
        `, but Coop Atlas cannot use it (the system said ${code}${syscall ? ` to ${syscall}` : ''}). Check the folder, then start Coop Atlas again${e}.`,
    },
  },
  fr: {
    title: 'Coop Atlas ne peut pas démarrer',
    colon: ' : ',
    where: (folder) => `Vos notes sont conservées dans le dossier ${folder}`,
    elsewhere: ', ou lancez-le avec --data-dir et un dossier où vous pouvez écrire',
    end: 'Rien n’a été modifié.',
    causes: {
      'is-a-file': (_, e) =>
        `, mais il y a un fichier à cet emplacement, pas un dossier : Coop Atlas ne peut rien y conserver. Déplacez ou renommez ce fichier (Coop Atlas créera alors le dossier), puis relancez Coop Atlas${e}.`,
      'through-file': ({ file }, e) =>
        `, mais ${file} est un fichier, pas un dossier : ce dossier ne peut donc pas exister. Déplacez ou renommez ${file}, puis relancez Coop Atlas${e}.`,
      'read-only': (_, e) =>
        `, mais Coop Atlas ne peut pas y écrire : il se trouve sur un disque ou un partage en lecture seule. Rendez-le accessible en écriture (par exemple en montant le disque en lecture-écriture), puis relancez Coop Atlas${e}.`,
      'no-permission': (_, e) =>
        `, mais Coop Atlas n’a pas le droit d’y écrire : votre compte n’est pas autorisé à modifier ce dossier. Donnez à votre compte le droit d’y écrire, puis relancez Coop Atlas${e}.`,
      full: (_, e) =>
        `, mais Coop Atlas ne peut pas y écrire : le disque qui le contient est plein. Libérez de la place sur ce disque, puis relancez Coop Atlas${e}.`,
      quota: (_, e) =>
        `, mais Coop Atlas ne peut pas y écrire : votre quota sur ce disque est épuisé. Libérez de la place, puis relancez Coop Atlas${e}.`,
      io: (_, e) =>
        `, mais le disque qui le contient a signalé une erreur quand Coop Atlas l’a utilisé (il est peut-être défaillant ou a été retiré). Vérifiez le disque, puis relancez Coop Atlas${e}.`,
      'too-long': (_, e) => `, mais ce chemin est trop long pour le système. Choisissez un chemin plus court${e}.`,
      'link-loop': (_, e) =>
        `, mais ce chemin passe par des liens qui pointent les uns vers les autres en boucle. Corrigez ces liens, puis relancez Coop Atlas${e}.`,
      other: ({ code, syscall }, e) =>
        `, mais Coop Atlas ne peut pas l’utiliser (le système a répondu ${code}${syscall ? ` à ${syscall}` : ''}). Vérifiez le dossier, puis relancez Coop Atlas${e}.`,
    },
  },
  es: {
    title: 'Coop Atlas no puede iniciarse',
    colon: ': ',
    where: (folder) => `Sus notas se guardan en la carpeta ${folder}`,
    elsewhere: ', o inícielo con --data-dir y una carpeta en la que pueda escribir',
    end: 'No se ha modificado nada.',
    causes: {
      'is-a-file': (_, e) =>
        `, pero en esa ruta hay un archivo, no una carpeta, así que Coop Atlas no puede guardar nada allí. Mueva o cambie el nombre de ese archivo (Coop Atlas creará entonces la carpeta) y vuelva a iniciar Coop Atlas${e}.`,
      'through-file': ({ file }, e) =>
        `, pero ${file} es un archivo, no una carpeta, así que esa carpeta no puede existir. Mueva o cambie el nombre de ${file} y vuelva a iniciar Coop Atlas${e}.`,
      'read-only': (_, e) =>
        `, pero Coop Atlas no puede escribir en ella: está en un disco o recurso compartido de solo lectura. Permita la escritura (por ejemplo, montando el disco en lectura y escritura) y vuelva a iniciar Coop Atlas${e}.`,
      'no-permission': (_, e) =>
        `, pero Coop Atlas no tiene permiso para escribir en ella: su cuenta no puede modificar esa carpeta. Dé a su cuenta permiso de escritura en ella y vuelva a iniciar Coop Atlas${e}.`,
      full: (_, e) =>
        `, pero Coop Atlas no puede escribir en ella: el disco en el que está se ha llenado. Libere espacio en ese disco y vuelva a iniciar Coop Atlas${e}.`,
      quota: (_, e) =>
        `, pero Coop Atlas no puede escribir en ella: se ha agotado su cuota en ese disco. Libere espacio y vuelva a iniciar Coop Atlas${e}.`,
      io: (_, e) =>
        `, pero el disco en el que está informó de un error cuando Coop Atlas lo usó (puede estar fallando o haberse retirado). Compruebe el disco y vuelva a iniciar Coop Atlas${e}.`,
      'too-long': (_, e) => `, pero esa ruta es demasiado larga para el sistema. Elija una ruta más corta${e}.`,
      'link-loop': (_, e) =>
        `, pero esa ruta pasa por enlaces que apuntan unos a otros en bucle. Corrija los enlaces y vuelva a iniciar Coop Atlas${e}.`,
      other: ({ code, syscall }, e) =>
        `, pero Coop Atlas no puede usarla (el sistema respondió ${code}${syscall ? ` a ${syscall}` : ''}). Compruebe la carpeta y vuelva a iniciar Coop Atlas${e}.`,
    },
  },
}

function startParagraph(folder: string, cause: Cause, shell: Shell, locale: PackLocale): string {
  const words = WORDS[locale]
  const said = (words.causes[cause.kind] as (cause: Cause, elsewhere: string) => string)(cause, shell === 'browse' ? words.elsewhere : '')
  return `${words.where(folder)}${said} ${words.end}`
}

/** The title of the desktop's dialog when Coop Atlas cannot start, in the reader's language. */
export const cannotStartTitle = (locale: PackLocale): string => WORDS[locale].title

/**
 * What the reader is told when the app cannot start, in their language: the data folder's problems and the store's
 * (store/start-refusals.ts) have words in the three languages; anything else is not expected and keeps its English.
 */
export const startErrorText = (error: unknown, locale: PackLocale): string =>
  error instanceof DataFolderError || error instanceof StartRefusal ? error.in(locale) : (error as Error).message

/** The same on one line, before what went wrong (the terminal of `npm run browse`). */
export const cannotStartLine = (locale: PackLocale, what: string): string => `${WORDS[locale].title}${WORDS[locale].colon}${what}`

/**
 * A data folder Coop Atlas cannot use: its message is in English (for logs and the terminal by default); `in(locale)`
 * says the same in the reader's language, for the desktop's dialog (shown before any window) and `npm run browse`.
 */
export class DataFolderError extends ServiceError {
  constructor(
    readonly folder: string,
    private readonly why: Cause,
    private readonly shell: Shell,
  ) {
    super('store-unavailable', startParagraph(folder, why, shell, 'en'))
    this.name = 'DataFolderError'
  }

  in(locale: PackLocale): string {
    return startParagraph(this.folder, this.why, this.shell, locale)
  }
}

/**
 * The clear refusal for an error met while starting over `folder`, or null when the error is not about the folder
 * (a ServiceError, which already speaks clearly, or a programming error, which must keep its stack).
 */
export function dataFolderError(folder: string, error: unknown, shell: Shell): DataFolderError | null {
  if (error instanceof ServiceError) return null
  const code = errnoCode(error)
  if (!code) return null
  const absolute = resolve(folder)
  return new DataFolderError(absolute, causeOf(absolute, code, (error as NodeJS.ErrnoException).syscall), shell)
}

/**
 * The desktop shell's look at the folder before Electron's single-instance lock (which, in a folder it cannot
 * write, would fail as if another instance were running, and the app would quit without a word): creates the
 * folder if needed, then checks it may be written to. Null when it is fine.
 */
export function checkDataFolder(folder: string, shell: Shell): DataFolderError | null {
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
 * anything else keeps the error's own message (for the logs; the reader is told the change was not saved).
 * `what`: a change, or an import (then nothing was imported). Worded for the reader as save-failed (shared/errors.ts).
 */
export function saveFailure(folderGiven: string, error: unknown, what: 'change' | 'import' = 'change'): ServiceError {
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
  // ICU selectors (the renderer's words select on them): letters only.
  const causes: Record<string, string> = {
    ENOSPC: 'full',
    EDQUOT: 'quota',
    EROFS: 'readonly',
    EACCES: 'permission',
    EPERM: 'permission',
    EIO: 'io',
  }
  let message = (code && clear[code]) || (error instanceof Error ? error.message : String(error))
  if (what === 'import') message = `${message}${/[.!?]$/.test(message) ? '' : '.'} Nothing was imported.`
  return wordedRefusal(
    'store-unavailable',
    'save-failed',
    `${what === 'import' ? 'The import could not be saved' : 'Your change could not be saved'}: ${message}`,
    { what, folder, cause: (code && causes[code]) || 'other', code: code ?? 'none' },
  )
}
