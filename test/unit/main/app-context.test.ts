/**
 * startApp over a data folder that cannot be used: one clear paragraph (data-folder-errors.ts), and the folder as
 * it was. A file at the path and a path through a file are real here; a full disk and a read-only disk are injected
 * (as root, chmod does not stop writes; test/reliability/data-folder-edges.test.ts does them for real on tmpfs).
 */
import { createHash } from 'node:crypto'
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startErrorText } from '../../../src/main/data-folder-errors'
import { LOCK_FILE } from '../../../src/main/store/lock'
import { ServiceError } from '../../../src/shared/errors'
import { useTestApps } from '../../support/app'
import { useTempDirs } from '../../support/temp-dir'

/** Which file operations fail, and how, while a test runs. */
const inject = vi.hoisted(() => ({
  /** Writes through a handle opened on a path matching this fail after the first few bytes (a disk filling up). */
  fullFor: null as RegExp | null,
  /** Opening a path matching this for writing fails with EROFS (a read-only disk). */
  readOnlyFor: null as RegExp | null,
  /** The snapshot's atomic write fails with ENOSPC. */
  snapshotFull: false,
}))

const errno = (code: string, syscall: string, path: string) =>
  Object.assign(new Error(`${code}: injected, ${syscall} '${path}'`), { code, syscall, path, errno: -28 })

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  const open = async (path: string, flags?: string, mode?: number) => {
    const name = String(path)
    if (inject.readOnlyFor?.test(name) && flags && /[wa+]/.test(flags)) throw errno('EROFS', 'open', name)
    const handle = await real.open(path, flags, mode)
    if (!inject.fullFor?.test(name)) return handle
    const fill = async (data: string | Uint8Array) => {
      await handle.write(Buffer.from(typeof data === 'string' ? data.slice(0, 3) : data.subarray(0, 3)))
      throw errno('ENOSPC', 'write', name)
    }
    return new Proxy(handle, {
      get(target, key) {
        if (key === 'writeFile' || key === 'appendFile') return fill
        const value = Reflect.get(target, key) as unknown
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      },
    })
  }
  return { ...real, open, default: { ...real, open } }
})

vi.mock('write-file-atomic', async (importOriginal) => {
  const real = (await importOriginal<{ default: (...args: unknown[]) => Promise<void> }>()).default
  return {
    default: async (path: string, ...rest: unknown[]) => {
      if (inject.snapshotFull) throw errno('ENOSPC', 'write', `${path}.123456`)
      return real(path, ...rest)
    },
  }
})

const tempDir = useTempDirs()
const { start, stop } = useTestApps()
afterEach(() => {
  inject.fullFor = inject.readOnlyFor = null
  inject.snapshotFull = false
})

/** Every name under a folder with the sha256 of each file: compared before and after. */
async function picture(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  async function walk(at: string, prefix: string) {
    for (const name of (await readdir(at)).sort()) {
      const path = join(at, name)
      if ((await lstat(path)).isDirectory()) {
        out[`${prefix}${name}/`] = 'dir'
        await walk(path, `${prefix}${name}/`)
      } else
        out[`${prefix}${name}`] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex')
    }
  }
  await walk(root, '')
  return out
}

/** A folder holding a store with one note, as the app left it. */
async function folderWithNotes(): Promise<string> {
  const dir = await tempDir()
  const app = await start(dir)
  expect((await app.dispatch('notes.create', { target: { kind: 'organisation', id: 'cecop' }, body: 'kept' })).ok).toBe(true)
  await stop(app)
  return dir
}

async function refusal(dir: string): Promise<ServiceError> {
  const error = await start(dir).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ServiceError)
  expect((error as ServiceError).code).toBe('store-unavailable')
  expect((error as ServiceError).message).not.toContain('\n')
  return error as ServiceError
}

describe('startApp over a data folder that cannot be used', () => {
  it('a file where the folder should be: says so, and leaves the file as it was', async () => {
    const root = await tempDir()
    const file = join(root, 'notes')
    await writeFile(file, 'my file')
    const before = await picture(root)
    const error = await refusal(file)
    expect(error.message).toBe(
      `Your notes are kept in the folder ${file}, but there is a file at that path, not a folder, so Coop Atlas cannot keep anything there. ` +
        'Move or rename that file (Coop Atlas then creates the folder), then start Coop Atlas again, or start it with --data-dir and a folder you can write to. Nothing was changed.',
    )
    expect(await picture(root)).toEqual(before)
  })

  it('a path through a file: names the file', async () => {
    const root = await tempDir()
    await writeFile(join(root, 'file'), 'x')
    const before = await picture(root)
    const error = await refusal(join(root, 'file', 'notes'))
    expect(error.message).toContain(`but ${join(root, 'file')} is a file, not a folder, so that folder cannot exist`)
    expect(await picture(root)).toEqual(before)
  })

  it('a full disk at the lock: says the disk is full, leaves no lock or temporary file, changes nothing', async () => {
    const dir = await folderWithNotes()
    const before = await picture(dir)
    inject.fullFor = new RegExp(`${LOCK_FILE.replace('.', '\\.')}`)
    const error = await refusal(dir)
    expect(error.message).toBe(
      `Your notes are kept in the folder ${dir}, but Coop Atlas cannot write there: the disk it is on is full. ` +
        'Free some space on that disk, then start Coop Atlas again, or start it with --data-dir and a folder you can write to. Nothing was changed.',
    )
    expect(await picture(dir)).toEqual(before)
  })

  it('a full disk at the first snapshot of a new folder: the lock released, the empty journal and the new folder removed', async () => {
    const root = await tempDir()
    inject.snapshotFull = true
    const error = await refusal(join(root, 'new', 'notes'))
    expect(error.message).toMatch(/the disk it is on is full/)
    expect(await readdir(root)).toEqual([])
  })

  it('a full disk at the first snapshot of an empty folder: the folder stays empty', async () => {
    const dir = await tempDir()
    inject.snapshotFull = true
    await refusal(dir)
    expect(await readdir(dir)).toEqual([])
  })

  it('a read-only disk: says so, changes nothing', async () => {
    const dir = await folderWithNotes()
    const before = await picture(dir)
    inject.readOnlyFor = new RegExp(dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    const error = await refusal(dir)
    expect(error.message).toMatch(/cannot write there: it is on a disk or share that is read-only/)
    expect(await picture(dir)).toEqual(before)
  })

  it('another running Coop Atlas: its own message, untouched, and its lock kept', async () => {
    const dir = await tempDir()
    await mkdir(dir, { recursive: true })
    const lock = JSON.stringify({ pid: process.ppid, shell: 'desktop', since: '2026-01-01T00:00:00.000Z' })
    await writeFile(join(dir, LOCK_FILE), lock)
    const error = await refusal(dir)
    expect(error.message).toMatch(/^Your notes are open in the Coop Atlas desktop app/)
    // The dialog says it in the reader's language, the date too.
    expect(startErrorText(error, 'fr')).toMatch(
      /^Vos notes sont ouvertes dans l’application de bureau Coop Atlas \(processus \d+, depuis le \d+ \S+ 20\d\d/,
    )
    expect(startErrorText(error, 'es')).toMatch(/^Sus notas están abiertas en la aplicación de escritorio Coop Atlas/)
    expect(await readdir(dir)).toEqual([LOCK_FILE])
  })
})
