import { mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  cannotStartLine,
  cannotStartTitle,
  checkDataFolder,
  dataFolderError,
  folderBefore,
  saveFailure,
  undoFailedStart,
} from '../../../src/main/data-folder-errors'
import { NotesService } from '../../../src/main/services/notes-service'
import { UserService } from '../../../src/main/services/user-service'
import { importNotes } from '../../../src/main/services/notes-transfer'
import { UserStore } from '../../../src/main/store/user-store'
import { ServiceError } from '../../../src/shared/errors'
import { aNote, minute } from '../../support/notes'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs()
const stores: UserStore[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()))
})

/** An error as Node's fs raises it. */
const errno = (code: string, syscall = 'open', path = '/somewhere/file') =>
  Object.assign(new Error(`${code}: something, ${syscall} '${path}'`), { code, syscall, path, errno: -1 })

/** One paragraph, no stack, no errno jargon beyond what a person can use. */
function expectParagraph(message: string) {
  expect(message).not.toContain('\n')
  expect(message).not.toMatch(/\bat .*:\d+:\d+/)
  expect(message).toMatch(/Nothing was changed\.$/)
}

describe('dataFolderError: a data folder that cannot be used, in one paragraph', () => {
  it.each([
    ['EROFS', /cannot write there: it is on a disk or share that is read-only\. Make it writable/],
    ['EACCES', /not allowed to write there: your account has no permission to change that folder/],
    ['EPERM', /not allowed to write there/],
    ['ENOSPC', /cannot write there: the disk it is on is full\. Free some space on that disk/],
    ['EDQUOT', /your disk quota on that disk is used up/],
    ['EIO', /the disk it is on reported an error/],
    ['ENAMETOOLONG', /that path is too long/],
    ['ELOOP', /links that point at each other in a loop/],
    ['EMFILE', /cannot use it \(the system said EMFILE to open\)/],
  ])('%s: names the folder and the cause', async (code, cause) => {
    const folder = await tempDir()
    const error = dataFolderError(folder, errno(code), 'desktop')
    expect(error).toBeInstanceOf(ServiceError)
    expect(error!.code).toBe('store-unavailable')
    expect(error!.message).toContain(`Your notes are kept in the folder ${folder}`)
    expect(error!.message).toMatch(cause)
    expectParagraph(error!.message)
  })

  it.each([
    [
      'fr',
      'Coop Atlas ne peut pas démarrer',
      'Vos notes sont conservées dans le dossier',
      /le disque qui le contient est plein\. Libérez de la place sur ce disque, puis relancez Coop Atlas, ou lancez-le avec --data-dir .*\. Rien n’a été modifié\.$/,
    ],
    [
      'es',
      'Coop Atlas no puede iniciarse',
      'Sus notas se guardan en la carpeta',
      /el disco en el que está se ha llenado\. Libere espacio en ese disco y vuelva a iniciar Coop Atlas, o inícielo con --data-dir .*\. No se ha modificado nada\.$/,
    ],
  ] as const)('says it in %s for the dialog and the terminal, the English kept for the logs', async (locale, title, where, said) => {
    const folder = await tempDir()
    const error = dataFolderError(folder, errno('ENOSPC'), 'browse')!
    expect(cannotStartTitle(locale)).toBe(title)
    expect(cannotStartLine(locale, 'x')).toBe(locale === 'fr' ? `${title} : x` : `${title}: x`)
    expect(error.in(locale)).toBe(`${where} ${folder}${error.in(locale).slice(where.length + 1 + folder.length)}`)
    expect(error.in(locale)).toMatch(said)
    expect(error.in(locale)).not.toMatch(/\b(the|your|disk|folder|Nothing)\b/)
    expect(error.message).toBe(error.in('en'))
    expect(error.message).toMatch(/^Your notes are kept in the folder .*is full/)
  })

  it('says every cause in French and Spanish, the file in the way named', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'a-file'), 'x')
    const through = checkDataFolder(join(dir, 'a-file', 'notes'), 'desktop')!
    expect(through.in('fr')).toContain(`mais ${join(dir, 'a-file')} est un fichier, pas un dossier`)
    expect(through.in('es')).toContain(`pero ${join(dir, 'a-file')} es un archivo, no una carpeta`)
    for (const code of ['EROFS', 'EACCES', 'ENOSPC', 'EDQUOT', 'EIO', 'ENAMETOOLONG', 'ELOOP', 'EMFILE']) {
      const error = dataFolderError(dir, errno(code), 'desktop')!
      for (const locale of ['fr', 'es'] as const) {
        expect(error.in(locale), `${code} ${locale}`).not.toBe(error.message)
        expect(error.in(locale), `${code} ${locale}`).not.toMatch(/\b(the|your|then|start|again|Nothing)\b/)
      }
    }
  })

  it('tells browse users about --data-dir, and desktop users not', async () => {
    const folder = await tempDir()
    expect(dataFolderError(folder, errno('EROFS'), 'browse')!.message).toContain('--data-dir')
    expect(dataFolderError(folder, errno('EROFS'), 'desktop')!.message).not.toContain('--data-dir')
  })

  it('names a file standing where the folder should be (mkdir says EEXIST)', async () => {
    const dir = await tempDir()
    const file = join(dir, 'notes')
    await writeFile(file, 'not a folder')
    const message = dataFolderError(file, errno('EEXIST', 'mkdir', file), 'browse')!.message
    expect(message).toContain(`Your notes are kept in the folder ${file}, but there is a file at that path, not a folder`)
    expectParagraph(message)
  })

  it('names the file a path goes through (mkdir says ENOTDIR)', async () => {
    const dir = await tempDir()
    const file = join(dir, 'a-file')
    await writeFile(file, 'x')
    const folder = join(file, 'deeper', 'notes')
    const message = dataFolderError(folder, errno('ENOTDIR', 'mkdir', folder), 'desktop')!.message
    expect(message).toContain(`Your notes are kept in the folder ${folder}, but ${file} is a file, not a folder`)
    expect(message).toContain(`Move or rename ${file}`)
    expectParagraph(message)
  })

  it('gives the absolute path of a relative folder', () => {
    const message = dataFolderError('some/relative', errno('ENOSPC'), 'browse')!.message
    expect(message).toContain(`folder ${join(process.cwd(), 'some/relative')},`)
  })

  it('leaves errors that are not about the folder alone', () => {
    expect(dataFolderError('/x', new ServiceError('store-unavailable', 'Your notes are open in …'), 'browse')).toBeNull()
    expect(dataFolderError('/x', new TypeError('a bug'), 'browse')).toBeNull()
    expect(dataFolderError('/x', Object.assign(new Error('odd'), { code: 'ERR_SOMETHING' }), 'browse')).toBeNull()
  })
})

describe('checkDataFolder (the desktop shell, before the single-instance lock)', () => {
  it('creates a missing folder and finds nothing wrong', async () => {
    const folder = join(await tempDir(), 'a', 'b')
    expect(checkDataFolder(folder, 'desktop')).toBeNull()
    expect((await stat(folder)).isDirectory()).toBe(true)
  })

  it('refuses a file, and a path through a file, clearly', async () => {
    const dir = await tempDir()
    const file = join(dir, 'f')
    await writeFile(file, 'x')
    expect(checkDataFolder(file, 'desktop')?.message).toMatch(/there is a file at that path, not a folder/)
    expect(checkDataFolder(join(file, 'sub'), 'desktop')?.message).toContain(`but ${file} is a file, not a folder`)
  })
})

describe('undoFailedStart', () => {
  it('removes only the empty files a failed start created, and the folders it created while empty', async () => {
    const root = await tempDir()
    const folder = join(root, 'new', 'data')
    const before = await folderBefore(folder)
    expect(before.createdFrom).toBe(join(root, 'new'))
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, 'journal'), '')
    await undoFailedStart(before, ['journal'])
    expect(await readdir(root)).toEqual([])
  })

  it('keeps what was there before, files with content, and a created folder that is not empty', async () => {
    const folder = await tempDir()
    await writeFile(join(folder, 'journal'), '')
    const before = await folderBefore(folder)
    await writeFile(join(folder, 'other'), '')
    await undoFailedStart(before, ['journal', 'other'])
    expect((await readdir(folder)).sort()).toEqual(['journal'])

    const root = await tempDir()
    const created = join(root, 'x')
    const beforeCreated = await folderBefore(created)
    await mkdir(created)
    await writeFile(join(created, 'journal'), 'a change\n')
    await undoFailedStart(beforeCreated, ['journal'])
    expect(await readdir(created)).toEqual(['journal'])
  })
})

describe('saveFailure: a save the folder refused', () => {
  it('says the disk is full, and where, for ENOSPC', () => {
    const error = saveFailure('/data/notes', errno('ENOSPC', 'write'))
    expect(error.code).toBe('store-unavailable')
    expect(error.message).toBe(
      'Your change could not be saved: the disk that holds your notes (/data/notes) is full. Free some space on it, then try again. What was saved before is safe.',
    )
  })

  it.each([
    ['EROFS', /has become read-only/],
    ['EACCES', /no longer allowed to write/],
    ['EDQUOT', /quota/],
    ['EIO', /reported an error/],
  ])('%s', (code, words) => {
    expect(saveFailure('/data/notes', errno(code)).message).toMatch(words)
  })

  it('keeps the message of any other error, and adds what follows', () => {
    expect(saveFailure('/d', new Error('The journal is not open.')).message).toBe(
      'Your change could not be saved: The journal is not open.',
    )
    expect(saveFailure('/d', errno('ENOSPC'), 'import').message).toMatch(
      /^The import could not be saved: the disk that holds your notes \(\/d\) is full\. .* Nothing was imported\.$/,
    )
    expect(saveFailure('/d', new Error('odd'), 'import').message).toBe('The import could not be saved: odd. Nothing was imported.')
  })

  it('names the refusal for the renderer to word: what, where, and the cause', () => {
    expect(saveFailure('/d', errno('ENOSPC'), 'import').wording).toEqual({
      key: 'save-failed',
      values: { what: 'import', folder: '/d', cause: 'full', code: 'ENOSPC' },
    })
    expect(saveFailure('/d', errno('EPERM')).wording?.values).toMatchObject({ what: 'change', cause: 'permission' })
    expect(saveFailure('/d', errno('EROFS')).wording?.values).toMatchObject({ cause: 'readonly', code: 'EROFS' })
    expect(saveFailure('/d', errno('EDQUOT')).wording?.values).toMatchObject({ cause: 'quota' })
    expect(saveFailure('/d', errno('EIO')).wording?.values).toMatchObject({ cause: 'io' })
    expect(saveFailure('/d', new Error('odd')).wording?.values).toMatchObject({ cause: 'other', code: 'none' })
  })

  it('is what the services answer when the disk fills at run time', async () => {
    const folder = await tempDir()
    const store = await UserStore.open(folder)
    stores.push(store)
    const notes = new NotesService({ store, describeTarget: () => 'CECOP', nameIndex: () => new Map() })
    const user = new UserService(store, () => true)
    // Settings go through apply; notes and imports through transact (decided in the store's queue).
    const full = vi.spyOn(store, 'apply').mockRejectedValue(errno('ENOSPC', 'write'))
    const fullChange = vi.spyOn(store, 'transact').mockRejectedValue(errno('ENOSPC', 'write'))
    const cecop = { kind: 'organisation', id: 'cecop' } as const
    const disk = new RegExp(`the disk that holds your notes \\(${folder.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\) is full`)
    await expect(notes.create(cecop, 'hello')).rejects.toMatchObject({ code: 'store-unavailable', message: expect.stringMatching(disk) })
    await expect(user.setFavourite('cecop', true)).rejects.toMatchObject({ message: expect.stringMatching(disk) })
    const file = JSON.stringify({ format: 'coop-atlas-notes', version: 1, exported: minute(30), notes: [aNote(1, 'imported')] })
    await expect(importNotes(store, file, true)).rejects.toMatchObject({
      message: expect.stringMatching(new RegExp(`^The import could not be saved: ${disk.source}.* Nothing was imported\\.$`)),
    })
    expect(full).toHaveBeenCalledTimes(1)
    expect(fullChange).toHaveBeenCalledTimes(2)
    expect(store.notes.size).toBe(0)
  })
})
