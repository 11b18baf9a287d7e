/**
 * Clear words at the edges: a data folder that cannot be used, for real.
 *
 *  - The built browse server (out/main/browse.js) is started over a file, a path through a file, a read-only disk
 *    (a tmpfs remounted read-only: as root, chmod would not stop a write) with notes on it and with the folder still
 *    to be created, a full disk (a small tmpfs filled to the last byte) with notes on it, and a disk with room for
 *    the lock but not the store. Each time: exit code 1, one paragraph naming the folder and the cause, no stack
 *    trace, and every file and link that was there is there, byte for byte, with nothing added (no temporary file).
 *  - The disk fills while browse runs: a save is refused with the clear message and leaves the change log exactly
 *    as it was (no half-written line); once space is freed, saves work again, and after a restart every
 *    acknowledged note is there, with no notice of damage.
 *  - The built desktop main process (out/main/index.js, under the Electron double) over the same kinds of folder:
 *    the error box shows the same paragraph, and no window opens.
 *
 * Mounting needs root (CAP_SYS_ADMIN). Where it is not allowed, those cases are skipped and the figures say so;
 * test/unit/main/app-context.test.ts covers them with injected failures.
 */
import { execFileSync, spawn } from 'node:child_process'
import { appendFile, mkdir, mkdtemp, readFile, rm, statfs, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { startBrowse, type BrowseProcess } from '../e2e/support/browse'
import { createElectronDouble } from './support/electron-double'
import { recordFigures } from './support/figures'
import { picture } from './support/files'
import { OUT_DIR, PROJECT_ROOT } from './support/paths'

const dirs: string[] = []
const mounts: string[] = []
const servers: BrowseProcess[] = []
const figures: Record<string, string | number> = {}
const tally = { browseCases: 0, browseClear: 0, desktopCases: 0, desktopClear: 0, stacks: 0, changed: 0 }

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()))
  for (const at of mounts.splice(0).reverse()) unmount(at)
})

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  figures['browseStartsRefusedInOneClearParagraph'] = `${tally.browseClear} of ${tally.browseCases}`
  figures['desktopStartsRefusedInOneClearParagraph'] = `${tally.desktopClear} of ${tally.desktopCases}`
  figures['stackTracesPrinted'] = tally.stacks
  figures['foldersChangedOrFilesLeftBehind'] = tally.changed
  recordFigures('data-folder-edges', 'Clear words at the edges (bad data folders)', figures)
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'coop-atlas-edges-'))
  dirs.push(dir)
  return dir
}

function unmount(at: string): void {
  try {
    execFileSync('umount', [at], { stdio: 'ignore' })
  } catch {
    execFileSync('umount', ['-l', at], { stdio: 'ignore' })
  }
}

/** A tmpfs of `kb` kilobytes at a new folder, or null where mounting is not allowed. */
async function tmpfs(kb: number): Promise<string | null> {
  const at = await tempDir()
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k,mode=0755`, 'tmpfs', at], { stdio: 'ignore' })
  } catch {
    return null
  }
  mounts.push(at)
  return at
}

const remountReadOnly = (at: string) => execFileSync('mount', ['-o', 'remount,ro', at], { stdio: 'ignore' })

/** Fills the disk under `at` to the last byte; returns the filler file. */
async function fill(at: string): Promise<string> {
  const filler = join(at, 'filler.bin')
  const chunk = Buffer.alloc(4096, 0x2e)
  for (;;) {
    try {
      await appendFile(filler, chunk)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break
      throw error
    }
  }
  const free = await statfs(at)
  expect(free.bavail * free.bsize).toBe(0)
  return filler
}

const token = (server: BrowseProcess) => new URL(server.url).searchParams.get('token')!
async function call(
  server: BrowseProcess,
  name: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const res = await fetch(`${server.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-atlas-token': token(server) },
    body: JSON.stringify(input),
  })
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } }
}
const cecop = { kind: 'organisation', id: 'cecop' }

/** Puts a store with notes in `dataDir` the way the app does (a real browse run), then stops it. */
async function seedNotes(dataDir: string, count = 3): Promise<void> {
  const server = await startBrowse({ dataDir })
  for (let i = 0; i < count; i++) expect((await call(server, 'notes.create', { target: cecop, body: `note ${i}` })).ok).toBe(true)
  await server.stop()
}

/** Runs the built browse over `dataDir` until it exits (it must: the folder cannot be used). */
function runRefused(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(OUT_DIR, 'main/browse.js'), '--data-dir', dataDir, '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1' },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c) => (stdout += c))
  child.stderr.on('data', (c) => (stderr += c))
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(new Error(`browse did not exit over ${dataDir}:\n${stdout}${stderr}`))
    }, 20_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      done({ code, stdout, stderr })
    })
  })
}

/** Starts browse over a bad folder and checks everything this suite promises about the refusal. */
async function expectRefusal(root: string, dataDir: string, cause: RegExp): Promise<void> {
  tally.browseCases++
  const before = await picture(root)
  const { code, stdout, stderr } = await runRefused(dataDir)
  const after = await picture(root)
  if (/^\s+at /m.test(stderr + stdout) || /\bError\b/.test(stderr + stdout)) tally.stacks++
  if (JSON.stringify(after) !== JSON.stringify(before)) tally.changed++
  expect(code).toBe(1)
  expect(stdout).toBe('')
  expect(stderr).not.toMatch(/^\s+at |\bError\b|node:internal/m)
  const lines = stderr.trimEnd().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(new RegExp(`^Coop Atlas cannot start: Your notes are kept in the folder ${escape(dataDir)}[, ]`))
  expect(lines[0]).toMatch(cause)
  expect(lines[0]).toMatch(/Nothing was changed\.$/)
  expect(after).toEqual(before)
  tally.browseClear++
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
const READ_ONLY = /cannot write there: it is on a disk or share that is read-only\. Make it writable/
const FULL = /cannot write there: the disk it is on is full\. Free some space on that disk/

describe('browse over a data folder that cannot be used', () => {
  it('a file where the folder should be', async () => {
    const root = await tempDir()
    await writeFile(join(root, 'notes'), 'a file, not a folder')
    await expectRefusal(root, join(root, 'notes'), /but there is a file at that path, not a folder/)
  })

  it('a path through a file', async () => {
    const root = await tempDir()
    await writeFile(join(root, 'file'), 'x')
    await expectRefusal(root, join(root, 'file', 'coop-atlas'), new RegExp(`but ${escape(join(root, 'file'))} is a file, not a folder`))
  })

  it('a read-only disk with notes on it, and a folder still to be created on one', async ({ skip }) => {
    const disk = await tmpfs(1024)
    if (!disk) return skip('mounting a tmpfs is not allowed here')
    await seedNotes(join(disk, 'notes'))
    remountReadOnly(disk)
    await expectRefusal(disk, join(disk, 'notes'), READ_ONLY)
    await expectRefusal(disk, join(disk, 'not-yet', 'notes'), READ_ONLY)
    figures['readOnlyDisk'] = 'a tmpfs remounted read-only (as root, chmod would not stop writes)'
  })

  it('a full disk with notes on it, and a folder still to be created on one', async ({ skip }) => {
    const disk = await tmpfs(256)
    if (!disk) return skip('mounting a tmpfs is not allowed here')
    await seedNotes(join(disk, 'notes'))
    await fill(disk)
    await expectRefusal(disk, join(disk, 'notes'), FULL)
    await expectRefusal(disk, join(disk, 'new'), FULL)
    figures['fullDisk'] = 'a 256 kB tmpfs filled to 0 bytes free'
  })

  it('a disk with room for the lock but not for the store: what the start made is removed again', async ({ skip }) => {
    const disk = await tmpfs(128)
    if (!disk) return skip('mounting a tmpfs is not allowed here')
    const filler = await fill(disk)
    const { size } = await import('node:fs/promises').then((fs) => fs.stat(filler))
    await truncate(filler, size - 4096) // one page free
    await expectRefusal(disk, join(disk, 'notes'), FULL)
  })
})

describe('the disk fills while browse runs', () => {
  it('a save is refused clearly, the change log keeps no half line, and saves work again once there is room', async ({ skip }) => {
    const disk = await tmpfs(512)
    if (!disk) return skip('mounting a tmpfs is not allowed here')
    const dataDir = join(disk, 'notes')
    let server = await startBrowse({ dataDir })
    servers.push(server)
    const saved: string[] = []
    const first = await call(server, 'notes.create', { target: cecop, body: 'before the disk filled' })
    expect(first.ok).toBe(true)
    saved.push((first.value as { id: string }).id)

    const filler = await fill(disk)
    const { size } = await import('node:fs/promises').then((fs) => fs.stat(filler))
    await truncate(filler, size - 4096) // room for part of the next line only
    const journal = join(dataDir, 'coop-atlas-changes.jsonl')
    const logBefore = await readFile(journal)
    const refused = await call(server, 'notes.create', { target: cecop, body: 'a long note '.repeat(2000) })
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'store-unavailable',
        message: `Your change could not be saved: the disk that holds your notes (${dataDir}) is full. Free some space on it, then try again. What was saved before is safe.`,
        // Named for the page, which words it in the reader's language.
        wording: { key: 'save-failed', values: { what: 'change', folder: dataDir, cause: 'full', code: 'ENOSPC' } },
      },
    })
    expect(await readFile(journal)).toEqual(logBefore)
    figures['saveOnAFullDisk'] = 'refused in one sentence naming the folder; the change log byte for byte as before'

    await rm(filler)
    for (const body of ['after space was freed', 'and one more']) {
      const again = await call(server, 'notes.create', { target: cecop, body })
      expect(again.ok).toBe(true)
      saved.push((again.value as { id: string }).id)
    }
    for (const line of (await readFile(journal, 'utf8')).trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow()

    await server.stop()
    servers.pop()
    server = await startBrowse({ dataDir })
    servers.push(server)
    const status = await call(server, 'app.status', {})
    expect((status.value as { storeNotice: string | null }).storeNotice).toBeNull()
    const listed = ((await call(server, 'notes.listFor', { target: cecop })).value as { notes: { id: string }[] }).notes
    expect(listed.map((n) => n.id).sort()).toEqual([...saved].sort())
    figures['notesAfterRestart'] = `${listed.length} of ${saved.length} acknowledged, none refused, no damage notice`
  })
})

describe('the desktop main process over a data folder that cannot be used', () => {
  /** Runs the built out/main/index.js against the Electron double with this userData; returns what it showed. */
  async function desktopOver(userData: string) {
    const double = createElectronDouble({ userData, appPath: PROJECT_ROOT })
    vi.resetModules()
    vi.doMock('electron', () => double.module)
    delete process.env['ELECTRON_RENDERER_URL']
    await import(/* @vite-ignore */ pathToFileURL(join(OUT_DIR, 'main/index.js')).href)
    double.ready()
    await vi.waitFor(() => expect(double.record.errors.length + double.record.windows.length).toBeGreaterThan(0), { timeout: 20_000 })
    double.appEvents.emit('will-quit')
    vi.doUnmock('electron')
    return double.record
  }

  async function expectErrorBox(root: string, userData: string, cause: RegExp) {
    tally.desktopCases++
    const before = await picture(root)
    const record = await desktopOver(userData)
    expect(record.windows).toHaveLength(0)
    expect(record.errors).toHaveLength(1)
    expect(record.errors[0]).toMatch(new RegExp(`^Coop Atlas cannot start: Your notes are kept in the folder ${escape(userData)}[, ]`))
    expect(record.errors[0]).toMatch(cause)
    expect(record.errors[0]).not.toContain('--data-dir')
    expect(await picture(root)).toEqual(before)
    tally.desktopClear++
  }

  it('a file, a path through a file, a read-only disk, a full disk', async () => {
    const root = await tempDir()
    await writeFile(join(root, 'file'), 'x')
    await expectErrorBox(root, join(root, 'file'), /there is a file at that path, not a folder/)
    await expectErrorBox(root, join(root, 'file', 'Coop Atlas'), /is a file, not a folder/)
    const readOnly = await tmpfs(256)
    if (readOnly) {
      await mkdir(join(readOnly, 'Coop Atlas'))
      remountReadOnly(readOnly)
      await expectErrorBox(readOnly, join(readOnly, 'Coop Atlas'), READ_ONLY)
    }
    const full = await tmpfs(256)
    if (full) {
      await mkdir(join(full, 'Coop Atlas'))
      await fill(full)
      await expectErrorBox(full, join(full, 'Coop Atlas'), FULL)
    }
  })
})
