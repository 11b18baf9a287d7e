/**
 * Corrupt stores at start, through the real app: `npm run browse`'s server (the built out/main/browse.js) and
 * Chromium. For each kind of damage the app must start; the bad file must be kept aside, byte for byte (a link
 * with its target, a folder with its contents); the last good backup must be restored, or a clean store started
 * when there is none; the user must be told, on the page; and nothing that was in the folder may be lost.
 */
import { appendFile, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startApp } from '../../src/main/app-context'
import { BACKUP_FOLDER } from '../../src/main/store/backups'
import { STORE_VERSION } from '../../src/main/store/schema'
import { STORE_FILE } from '../../src/main/store/snapshot'
import { JOURNAL_FILE } from '../../src/main/store/user-store'
import { launchChromium, screenshot, startBrowse, watchPage, type BrowseProcess } from '../e2e/support/browse'
import { recordFigures } from './support/figures'
import { lostSince, picture } from './support/files'
import { FIXTURE_PACK } from './support/paths'

let browser: Browser
const servers: BrowseProcess[] = []
const dirs: string[] = []
const outcomes: Record<string, string> = {}

beforeAll(async () => {
  browser = await launchChromium()
})
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()))
})
afterAll(async () => {
  await browser?.close()
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  recordFigures('corrupt-stores', 'Corrupt stores at start (browse server + Chromium)', {
    cases: Object.keys(outcomes).length,
    handled: Object.values(outcomes).filter((o) => o.startsWith('ok')).length,
    ...outcomes,
  })
})

const cecop = { kind: 'organisation', id: 'cecop' } as const
const GOOD = 'The last good note, from before the damage.'

interface Prepared {
  dir: string
  snapshot: Buffer
  note: Record<string, unknown>
}

/** A store with one note, closed cleanly: the snapshot and its backups all hold the note. */
async function goodStore(withBackups = true): Promise<Prepared> {
  const dir = await mkdtemp(join(tmpdir(), 'coop-atlas-corrupt-'))
  dirs.push(dir)
  const app = await startApp({ userDataDir: dir, packDir: FIXTURE_PACK, shell: 'browse', version: '0', openExternal: async () => false })
  const created = await app.dispatch('notes.create', { target: cecop, body: GOOD })
  if (!created.ok) throw new Error(created.error.message)
  await app.close()
  if (!withBackups) await rm(join(dir, BACKUP_FOLDER), { recursive: true })
  return { dir, snapshot: await readFile(join(dir, STORE_FILE)), note: created.value as Record<string, unknown> }
}

interface Case {
  name: string
  withBackups?: boolean
  /** Damages the prepared folder. */
  damage: (p: Prepared) => Promise<void>
  /** The name the bad file is kept under, and a check that it is exactly what was there. */
  aside: RegExp
  keptExactly: (p: Prepared, asidePath: string) => Promise<void>
  /** What the notice must say. */
  notice: RegExp
  /** The note bodies the page must show once started. */
  shows: string[]
}

const bytes = (data: string | Buffer) => Buffer.from(data)
const wrote = (data: (p: Prepared) => Buffer) => ({
  damage: async (p: Prepared) => writeFile(join(p.dir, STORE_FILE), data(p)),
  keptExactly: async (p: Prepared, aside: string) => expect((await readFile(aside)).equals(data(p))).toBe(true),
})
const RESTORED =
  /It was kept, untouched, as .+; Settings lists it and can bring back what it holds\.\s?The last good backup \(.+\) was restored; every earlier backup was kept in .+/

const CASES: Case[] = [
  { name: 'an empty file', ...wrote(() => bytes('')), aside: /^coop-atlas-store\.empty-/, notice: /it was empty.*/, shows: [GOOD] },
  {
    name: 'truncated JSON',
    ...wrote((p) => p.snapshot.subarray(0, Math.floor(p.snapshot.length / 2))),
    aside: /^coop-atlas-store\.corrupt-/,
    notice: /it is not valid JSON/,
    shows: [GOOD],
  },
  {
    name: 'NUL bytes (what a power cut can leave)',
    ...wrote((p) => Buffer.alloc(p.snapshot.length)),
    aside: /^coop-atlas-store\.corrupt-/,
    notice: /it is not valid JSON/,
    shows: [GOOD],
  },
  {
    name: 'bytes that are not UTF-8',
    ...wrote((p) => Buffer.concat([p.snapshot.subarray(0, 40), Buffer.from([0xff, 0xfe, 0xc3]), p.snapshot.subarray(40)])),
    aside: /^coop-atlas-store\.corrupt-/,
    notice: /it is not valid UTF-8/,
    shows: [GOOD],
  },
  {
    // A bit flip inside a note's text is still valid JSON and valid UTF-8: only the checksum tells.
    name: "a changed letter in a note's text",
    ...wrote((p) => {
      const text = p.snapshot.toString('utf8')
      const at = text.indexOf(GOOD.slice(0, 8), text.indexOf('"bodies":['))
      return bytes(`${text.slice(0, at)}${text[at] === 'X' ? 'Y' : 'X'}${text.slice(at + 1)}`)
    }),
    aside: /^coop-atlas-store\.corrupt-/,
    notice: /do not match the checksum written with them/,
    shows: [GOOD],
  },
  {
    name: 'valid JSON of the wrong shape',
    ...wrote(() => bytes(JSON.stringify({ schemaVersion: STORE_VERSION, notes: 'many', settings: [] }))),
    aside: /^coop-atlas-store\.wrong-shape-/,
    notice: /are not a valid store/,
    shows: [GOOD],
  },
  {
    name: 'a schema version newer than the app knows',
    ...wrote((p) => bytes(JSON.stringify({ ...JSON.parse(p.snapshot.toString('utf8')), schemaVersion: STORE_VERSION + 1 }))),
    aside: /^coop-atlas-store\.newer-version-/,
    notice: /written by a newer Coop Atlas/,
    shows: [GOOD],
  },
  {
    name: 'truncated JSON, and no backup at all',
    withBackups: false,
    ...wrote((p) => p.snapshot.subarray(0, 30)),
    aside: /^coop-atlas-store\.corrupt-/,
    notice: /No good backup was found, so an empty store was started\./,
    shows: [],
  },
  {
    // Root reads any file whatever its mode (these tests run as root), so "cannot be read" is made otherwise.
    name: 'unreadable: the store path is a folder',
    damage: async (p) => {
      await rm(join(p.dir, STORE_FILE))
      await mkdir(join(p.dir, STORE_FILE))
      await writeFile(join(p.dir, STORE_FILE, 'inside.txt'), 'something the user put here')
    },
    aside: /^coop-atlas-store\.unreadable-/,
    keptExactly: async (_p, aside) => expect(await readFile(join(aside, 'inside.txt'), 'utf8')).toBe('something the user put here'),
    notice: /could not be read \(EISDIR\)/,
    shows: [GOOD],
  },
  {
    name: 'unreadable: a link to a drive that is not mounted',
    damage: async (p) => {
      await rm(join(p.dir, STORE_FILE))
      await symlink('/mnt/not-mounted/coop-atlas-store.json', join(p.dir, STORE_FILE))
    },
    aside: /^coop-atlas-store\.unreadable-/,
    keptExactly: async (_p, aside) => expect(await readlink(aside)).toBe('/mnt/not-mounted/coop-atlas-store.json'),
    notice: /it is a link to \/mnt\/not-mounted\/coop-atlas-store\.json, which cannot be found/,
    shows: [GOOD],
  },
  {
    name: 'unreadable: a link that loops',
    damage: async (p) => {
      await rm(join(p.dir, STORE_FILE))
      await symlink(join(p.dir, 'loop-b'), join(p.dir, STORE_FILE))
      await symlink(join(p.dir, STORE_FILE), join(p.dir, 'loop-b'))
    },
    aside: /^coop-atlas-store\.unreadable-/,
    keptExactly: async (p, aside) => expect(await readlink(aside)).toBe(join(p.dir, 'loop-b')),
    notice: /could not be read \(ELOOP\)/,
    shows: [GOOD],
  },
  {
    // The sequence that once lost every note: one record the store's rules refuse (an older version's import let
    // in a date past the year 9999). Only that record is set aside; every other one is kept, and no backup is used.
    name: 'one unreadable note among good ones',
    damage: async (p) => {
      const bad = {
        ...p.note,
        id: crypto.randomUUID(),
        body: 'Dated past the year 9999.',
        updated: '+010000-01-01T00:00:00.000Z',
        target: { kind: 'planet', id: 'x' },
      }
      const doc = JSON.parse(p.snapshot.toString('utf8')) as { notes: object[]; bodies: string[]; sha256?: string }
      delete doc.sha256
      const notes = doc.notes.map((n, i) => ({ ...n, body: doc.bodies[i] }))
      await writeFile(join(p.dir, STORE_FILE), JSON.stringify({ ...doc, bodies: undefined, notes: [...notes, bad] }))
    },
    aside: /^coop-atlas-store\.partly-read-/,
    keptExactly: async (_p, aside) =>
      expect(await readFile(aside, 'utf8')).toMatch(/The last good note[\s\S]*Dated past the year 9999\.[\s\S]*\+010000-01-01/),
    notice:
      /1 record of your notes file could not be read and was left out; every other record was kept\. The file as it was is kept, untouched, as/,
    shows: [GOOD],
  },
  {
    name: 'a damaged line in the change journal',
    damage: async (p) => {
      const entry = (body: string) => `${JSON.stringify({ op: 'put-note', note: { ...p.note, id: crypto.randomUUID(), body } })}\n`
      await appendFile(
        join(p.dir, JOURNAL_FILE),
        `${entry('Saved just before.')}{"op":"put-note","note":{"id":GARBAGE\n${entry('Saved after.')}`,
      )
    },
    aside: /^coop-atlas-changes\.jsonl\.damaged-/,
    keptExactly: async (_p, aside) =>
      expect(await readFile(aside, 'utf8')).toMatch(/Saved just before\.[\s\S]*GARBAGE[\s\S]*Saved after\./),
    notice:
      /One recent change \(line 2 of the change log\) could not be read; every other change was kept\. The log was kept, untouched, as/,
    // Every good line around the damaged one is kept, not only those before it.
    shows: [GOOD, 'Saved just before.', 'Saved after.'],
  },
]

describe('corrupt stores at start, in Chromium', () => {
  for (const c of CASES) {
    it(`starts over ${c.name}: keeps it aside, restores, says so, loses nothing`, async () => {
      const prepared = await goodStore(c.withBackups ?? true)
      await c.damage(prepared)
      const before = await picture(prepared.dir)

      const server = await startBrowse({ dataDir: prepared.dir })
      servers.push(server)
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      const problems = watchPage(page, server.origin)
      await page.goto(`${server.url}#/org/cecop`)

      // The user is told, on the page.
      const notice = page.locator('.notice[role="alert"]')
      await expect.poll(() => notice.isVisible(), { timeout: 15_000 }).toBe(true)
      const said = (await notice.textContent()) ?? ''
      expect(said).toMatch(c.notice)
      if (c.aside.source.includes('store') && !c.aside.source.includes('partly-read') && c.shows.length > 0) expect(said).toMatch(RESTORED)
      // A recovery never lets the rotation overwrite a backup the restored state may lack: they are all kept apart.
      if (RESTORED.test(said) || c.aside.source.includes('partly-read'))
        expect((await readdir(join(prepared.dir, BACKUP_FOLDER))).some((n) => n.startsWith('kept-'))).toBe(true)

      // The bad file is kept aside, as it was, under the name the notice gives.
      const aside = (await readdir(prepared.dir)).find((n) => c.aside.test(n))
      expect(aside, `nothing named ${c.aside} in ${(await readdir(prepared.dir)).join(', ')}`).toBeDefined()
      expect(said).toContain(aside)
      await c.keptExactly(prepared, join(prepared.dir, aside!))

      // The last good backup (or a clean store) is what the app shows.
      const bodies = page.locator('.note-body')
      await expect
        .poll(async () => (await bodies.allTextContents()).map((t) => t.trim()).sort(), { timeout: 15_000 })
        .toEqual([...c.shows].sort())
      if (c === CASES[0]) await screenshot(page, 'reliability-corrupt-store-notice')
      await page.close()

      // Nothing that was in the folder is gone: every file's bytes and every link's target are still there.
      await server.stop()
      servers.pop()
      expect(lostSince(before, await picture(prepared.dir))).toEqual([])
      expect(problems).toEqual([])
      const restored = c.aside.source.includes('changes')
        ? 'every good change replayed'
        : c.aside.source.includes('partly-read')
          ? 'every good record kept'
          : c.shows.length
            ? 'backup restored'
            : 'clean store'
      outcomes[c.name] = `ok: kept as ${aside!.replace(/-\d{4}-\d{2}-\d{2}T[\d-]+Z/, '-<time>')}; ${restored}; notice shown`
    })
  }
})
