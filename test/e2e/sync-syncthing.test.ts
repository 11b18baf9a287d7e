/**
 * Notes synchronised between two installations by two real Syncthing instances, as a user would set it up: each
 * installation (a browse server over its own data folder, driven through its page's `window.atlas`) chooses a sync
 * folder and a team folder that its own Syncthing shares with the other one, on loopback only (support/syncthing.ts).
 *
 * The scenario: notes written on both sides; edits on both sides; an offline period (one Syncthing paused) with edits
 * on both sides, one of them a concurrent edit of the same note; a trash travelling and a restore travelling back; a
 * note deleted for good (trash, then empty the trash) on one side, gone on the other; a note put in the shared
 * notebook arriving with its author; a personal note that never reaches the team folder. After each step both sides
 * must settle on the same notes, and at the end nothing that either side acknowledged may be missing.
 *
 * Skipped, with one line saying so, where Syncthing is not installed (.ci/run installs Debian's).
 */
import { randomUUID } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emptyUserData } from '../../src/main/store/schema'
import { STORE_FILE } from '../../src/main/store/snapshot'
import { encodeSnapshot } from '../../src/main/store/snapshot-format'
import type { CallName } from '../../src/shared/call-names'
import type { CallInput, CallOutput } from '../../src/shared/contract'
import type { DeviceInfo, Note, NoteListing } from '../../src/shared/domain'
import { compareVersions } from '../../src/shared/note-versions'
import { screenshot, useBrowseSession, watchPage, type BrowseProcess } from './support/browse'
import { findSyncthing, startSyncthing, type SyncthingCluster } from './support/syncthing'

const syncthing = findSyncthing()
if (!syncthing)
  console.log(
    'sync-syncthing.test.ts skipped: Syncthing is not installed (not at $SYNCTHING_PATH, /usr/bin/syncthing or on PATH); apt-get install syncthing.',
  )

/** How long both sides may take to agree after a step (Syncthing's 1 s watcher delay, the app's 1 s debounce, transfers). */
const SETTLE_MS = 25_000
const SYNC_POLL_MS = 500

const CECOP = { kind: 'organisation', id: 'cecop' } as const
const CICOPA = { kind: 'organisation', id: 'cicopa' } as const

interface Side {
  name: 'a' | 'b'
  server: BrowseProcess
  page: Page
  device: DeviceInfo
  problems: string[]
}

/** What a side was told was saved: the note's id, its version then, its text and whether it was in the trash. */
interface Acknowledged {
  side: string
  id: string
  versions: Record<string, number>
  body: string
  trashed: boolean
}

/** One call through the page's `window.atlas`, as the renderer makes it; a refusal fails the test with its reason. */
async function call<K extends CallName>(side: Side, name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const [group, method] = name.split('.') as [string, string]
  const result = await side.page.evaluate(
    async ([g, m, i]) => {
      const atlas = (globalThis as unknown as { atlas: Record<string, Record<string, (input: unknown) => Promise<unknown>>> }).atlas
      return atlas[g]![m]!(i)
    },
    [group, method, input] as const,
  )
  const outcome = result as { ok: true; value: CallOutput<K> } | { ok: false; error: { code: string; message: string } }
  if (!outcome.ok) throw new Error(`${side.name}: ${name} was refused (${outcome.error.code}): ${outcome.error.message}`)
  return outcome.value
}

/** A data folder whose installation has a name of its own (both run on this one computer, so both would take its host name). */
async function seedDataFolder(dir: string, name: string): Promise<void> {
  await writeFile(join(dir, STORE_FILE), encodeSnapshot({ ...emptyUserData(), device: { id: randomUUID(), name } }))
}

/** The notes as both sides must agree on them: everything but the dates. */
const shape = (notes: readonly Note[]) =>
  [...notes]
    .sort((x, y) => x.id.localeCompare(y.id))
    .map((n) => ({
      id: n.id,
      body: n.body,
      tags: n.tags,
      target: n.target,
      trashed: n.trashed !== null,
      shared: n.shared,
      conflictOf: n.conflictOf,
      // Key order is not part of a version (each side lists its own device first).
      versions: Object.fromEntries(Object.entries(n.versions).sort(([x], [y]) => x.localeCompare(y))),
      author: n.author,
    }))

/** Every file under `dir` (Syncthing's .stfolder marker aside), with its text; a temporary file gone meanwhile is passed over. */
async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name)
    if (!entry.isFile() || path.startsWith(join(dir, '.stfolder'))) continue
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null
      throw error
    })
    if (text !== null) out.push({ path, text })
  }
  return out
}

describe.skipIf(!syncthing)('notes synchronised by two real Syncthing instances', () => {
  const session = useBrowseSession('sync-syncthing')
  let cluster: SyncthingCluster | null = null
  const sides: Side[] = []
  const acknowledged: Acknowledged[] = []

  beforeAll(async () => {
    cluster = await startSyncthing({ instances: ['a', 'b'], folders: ['sync', 'team'], binary: syncthing! })
    await cluster.waitConnected()
    const names = { a: 'Ana’s laptop', b: 'Ben’s desktop' }
    for (const name of ['a', 'b'] as const) {
      const dataDir = await session.folder()
      await seedDataFolder(dataDir, names[name])
      const server = await session.serve({ dataDir, syncPollMs: SYNC_POLL_MS })
      const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
      const problems = watchPage(page, server.origin)
      await page.goto(`${server.url}#/notes`)
      await page.waitForFunction(() => 'atlas' in globalThis)
      sides.push({ name, server, page, problems, device: { id: '', name: '' } })
    }
    for (const side of sides) {
      const status = await call(side, 'app.status', {})
      expect(status.storeNotice).toBeNull()
      side.device = status.device
      expect(side.device.name).toBe(names[side.name])
    }
  })

  afterAll(async () => {
    // The browse servers first (they write into Syncthing's folders), then Syncthing and its folders. Chromium and
    // the data folders go with the session (useBrowseSession's own afterAll; stopping a server twice is harmless).
    await Promise.all(sides.map((side) => side.server.stop()))
    await cluster?.stop()
  })

  it('brings both installations to the same notes, keeping every acknowledged text', { timeout: 150_000 }, async () => {
    const [a, b] = sides as [Side, Side]
    const c = cluster!

    const listAll = (side: Side) => call(side, 'notes.listAll', {})
    const current = async (side: Side, id: string) => {
      const note = (await listAll(side)).find((n) => n.id === id)
      if (!note) throw new Error(`${side.name} has no note ${id}`)
      return note
    }
    const ack = (side: Side, note: Note) =>
      acknowledged.push({ side: side.name, id: note.id, versions: { ...note.versions }, body: note.body, trashed: note.trashed !== null })
    const create = async (side: Side, target: typeof CECOP | typeof CICOPA, body: string, tags?: string[]) => {
      const note = await call(side, 'notes.create', { target, body, ...(tags ? { tags } : {}) })
      ack(side, note)
      return note
    }
    const edit = async (side: Side, id: string, body: string) => {
      const base = (await current(side, id)).versions
      const result = await call(side, 'notes.update', { id, base, body })
      // Each edit here starts from the version this side holds: it is never a conflict copy of its own.
      expect(result.conflictCopy, `${side.name}'s edit of ${id} became a copy`).toBeNull()
      ack(side, result.note)
      return result.note
    }
    const trash = async (side: Side, id: string) => {
      const note = await call(side, 'notes.trash', { id, base: (await current(side, id)).versions })
      ack(side, note)
      return note
    }
    const restore = async (side: Side, id: string) => {
      const note = await call(side, 'notes.restore', { id, base: (await current(side, id)).versions })
      ack(side, note)
      return note
    }
    const share = async (side: Side, id: string) => {
      const note = await call(side, 'notes.setShared', { id, shared: true, base: (await current(side, id)).versions })
      ack(side, note)
      return note
    }

    const timings: string[] = []
    /** Polls both sides until they hold the same notes and `ready` holds for them; fails with both lists and the logs. */
    const settle = async (step: string, ready: (notes: NoteListing[]) => boolean): Promise<NoteListing[]> => {
      const started = Date.now()
      let last: [NoteListing[], NoteListing[]] = [[], []]
      while (Date.now() - started < SETTLE_MS) {
        last = [await listAll(a), await listAll(b)]
        if (JSON.stringify(shape(last[0])) === JSON.stringify(shape(last[1])) && ready(last[0])) {
          timings.push(`${step}: ${Date.now() - started} ms`)
          return last[0]
        }
        await new Promise((done) => setTimeout(done, 250))
      }
      const statuses = [await call(a, 'sync.status', {}), await call(b, 'sync.status', {})]
      throw new Error(
        `${step}: the two sides did not settle within ${SETTLE_MS} ms.\n` +
          `a: ${JSON.stringify(shape(last[0]), null, 1)}\nb: ${JSON.stringify(shape(last[1]), null, 1)}\n` +
          `sync status: ${JSON.stringify(statuses, null, 1)}\n${c.logs(15)}`,
      )
    }
    /** The notes in a side's own file in its copy of a folder, as it wrote them (none before it first wrote). */
    const ownFileNotes = async (side: Side, folderId: 'sync' | 'team'): Promise<Note[]> => {
      const path = join(c.folder(side.name, folderId), 'coop-atlas-sync', 'devices', `${side.device.id}.json`)
      const text = await readFile(path, 'utf8').catch(() => null)
      return text === null ? [] : (JSON.parse((JSON.parse(text) as { body: string }).body) as { notes: Note[] }).notes
    }
    const byId = (notes: readonly Note[], id: string) => notes.find((n) => n.id === id)
    const bodies = (notes: readonly Note[]) => notes.map((n) => n.body).sort()

    // Both choose their folders: the ones their own Syncthing shares.
    for (const side of sides) {
      await call(side, 'sync.setFolder', { folder: c.folder(side.name, 'sync') })
      const status = await call(side, 'sync.setTeamFolder', { folder: c.folder(side.name, 'team') })
      expect(status.state, JSON.stringify(status)).toBe('ok')
      expect(status.team.state, JSON.stringify(status)).toBe('ok')
    }

    // 1. Notes written on both sides, one of them put in the shared notebook, one kept personal.
    const aFirst = await create(a, CECOP, 'Ana: CECOP board meets in June', ['meeting'])
    const aPersonal = await create(a, CECOP, 'Ana: personal, never for the team — salary figures')
    const aShared = await create(a, CICOPA, 'Ana: for the team — the CICOPA assembly agenda')
    await share(a, aShared.id)
    const bFirst = await create(b, CICOPA, 'Ben: CICOPA report due in May')
    const bToTrash = await create(b, CECOP, 'Ben: to be trashed offline, restored by Ana')
    const bToDelete = await create(b, CECOP, 'Ben: to be deleted for good by Ana')
    await settle('1. notes from both sides', (n) => n.length === 6)
    const sharedOnB = byId(await listAll(b), aShared.id)!
    expect(sharedOnB.shared).toBe(true)
    expect(sharedOnB.author).toEqual({ device: a.device.id, name: 'Ana’s laptop' })
    expect(byId(await listAll(b), aPersonal.id)!.shared).toBe(false)

    // 2. Edits on both sides, of the other side's notes; Ben edits the shared note (he becomes its author).
    await edit(b, aFirst.id, 'Ana: CECOP board meets in June — Ben: moved to July')
    await edit(a, bFirst.id, 'Ben: CICOPA report due in May — Ana: draft attached')
    await edit(b, aShared.id, 'Ana: for the team — the CICOPA assembly agenda, with Ben’s additions')
    await settle('2. edits on both sides', (n) =>
      ['moved to July', 'Ben’s additions', 'draft attached'].every((t) => n.some((x) => x.body.includes(t))),
    )
    expect(byId(await listAll(a), aShared.id)!.author).toEqual({ device: b.device.id, name: 'Ben’s desktop' })

    // 3. An offline period: Ben's Syncthing is paused; both go on working, and both edit the same note.
    await c.pause('b')
    await edit(a, aFirst.id, 'Ana offline: the board meets in July, in Brussels')
    await edit(b, aFirst.id, 'Ben offline: the board meets in July, online')
    const aOffline = await create(a, CECOP, 'Ana offline: a new note written on the train')
    await trash(b, bToTrash.id)
    // Both have written their own files (each into its own copy of the folder) before the connection comes back.
    await expect
      .poll(
        async () => {
          const [onA, onB] = [await ownFileNotes(a, 'sync'), await ownFileNotes(b, 'sync')]
          return (
            byId(onA, aFirst.id)?.body === 'Ana offline: the board meets in July, in Brussels' &&
            byId(onA, aOffline.id) !== undefined &&
            byId(onB, aFirst.id)?.body === 'Ben offline: the board meets in July, online' &&
            byId(onB, bToTrash.id)?.trashed !== null
          )
        },
        { timeout: 10_000 },
      )
      .toBe(true)
    await new Promise((done) => setTimeout(done, 1000))
    // Nothing crossed while offline.
    expect(byId(await listAll(a), aFirst.id)!.body).toBe('Ana offline: the board meets in July, in Brussels')
    expect(byId(await listAll(a), bToTrash.id)!.trashed).toBeNull()
    expect(byId(await listAll(b), aOffline.id)).toBeUndefined()
    await c.resume('b')
    let notes = await settle('3. back online', (n) => n.some((x) => x.conflictOf === aFirst.id) && n.some((x) => x.id === aOffline.id))
    // The concurrent edit kept both texts: the note, and one conflict copy of it (the same on both sides).
    const first = byId(notes, aFirst.id)!
    const copies = notes.filter((n) => n.conflictOf === aFirst.id)
    expect(copies).toHaveLength(1)
    expect([first.body, copies[0]!.body].sort()).toEqual([
      'Ana offline: the board meets in July, in Brussels',
      'Ben offline: the board meets in July, online',
    ])
    expect(compareVersions(first.versions, copies[0]!.versions)).toBe('concurrent')
    // The trash travelled.
    expect(byId(notes, bToTrash.id)!.trashed).not.toBeNull()

    // 4. Ana restores the note Ben trashed, and deletes one of Ben's notes for good (trash, then empty the trash).
    await restore(a, bToTrash.id)
    await trash(a, bToDelete.id)
    expect(await call(a, 'notes.emptyTrash', {})).toEqual({ deleted: 1 })
    notes = await settle('4. restore and delete', (n) => byId(n, bToTrash.id)?.trashed === null && !byId(n, bToDelete.id))

    // Both agree, exactly (already checked by settle), and on what they hold.
    const [onA, onB] = [await listAll(a), await listAll(b)]
    expect(shape(onA)).toEqual(shape(onB))
    expect(bodies(onA)).toEqual(
      [
        'Ana offline: the board meets in July, in Brussels',
        'Ben offline: the board meets in July, online',
        'Ana: personal, never for the team — salary figures',
        'Ana: for the team — the CICOPA assembly agenda, with Ben’s additions',
        'Ana offline: a new note written on the train',
        'Ben: CICOPA report due in May — Ana: draft attached',
        'Ben: to be trashed offline, restored by Ana',
      ].sort(),
    )
    expect(onA.filter((n) => n.trashed !== null)).toEqual([])
    expect(onA.filter((n) => n.shared).map((n) => n.id)).toEqual([aShared.id])

    // Nothing acknowledged was lost: every text either side was told it saved is there (as the note or as its
    // conflict copy) at that very version, or a later version that has seen it stands in its place; only the note
    // deleted for good is gone, on both sides.
    for (const [side, held] of [
      ['a', onA],
      ['b', onB],
    ] as const) {
      expect(byId(held, bToDelete.id), `${side} still holds the deleted note`).toBeUndefined()
      expect(held.filter((n) => n.conflictOf === bToDelete.id)).toEqual([])
      for (const saved of acknowledged.filter((s) => s.id !== bToDelete.id)) {
        const candidates = held.filter((n) => n.id === saved.id || n.conflictOf === saved.id)
        const kept = candidates.some((n) => {
          const order = compareVersions(n.versions, saved.versions)
          return order === 'after' || (order === 'same' && n.body === saved.body && (n.trashed !== null) === saved.trashed)
        })
        expect(kept, `${side} lost "${saved.body}" (${saved.id} at ${JSON.stringify(saved.versions)}, saved on ${saved.side})`).toBe(true)
      }
    }

    // Both are fine, each seeing the other's file in both folders.
    for (const side of sides) {
      const status = await call(side, 'sync.status', {})
      expect({ state: status.state, devices: status.devices, problem: status.problem }).toEqual({ state: 'ok', devices: 1, problem: null })
      expect({ state: status.team.state, devices: status.team.devices, problem: status.team.problem }).toEqual({
        state: 'ok',
        devices: 1,
        problem: null,
      })
    }

    // On disk: the team folders carry the shared note and nothing personal; the sync folders carry the personal note
    // (so the first check looks where it should). Syncthing never had two writers of one file (no conflict files).
    await c.waitInSync()
    for (const side of sides) {
      const team = await filesUnder(c.folder(side.name, 'team'))
      const devicesFiles = team.filter((f) => f.path.endsWith('.json') && f.path.includes(join('coop-atlas-sync', 'devices')))
      expect(devicesFiles.map((f) => f.path.split('/').pop()).sort()).toEqual([`${a.device.id}.json`, `${b.device.id}.json`].sort())
      for (const file of team) {
        expect(file.text, `${file.path} holds the personal note`).not.toContain(aPersonal.id)
        expect(file.text, `${file.path} holds the personal note's text`).not.toContain('salary figures')
      }
      for (const file of devicesFiles) {
        const teamNotes = (JSON.parse((JSON.parse(file.text) as { body: string }).body) as { notes: Note[] }).notes
        expect(teamNotes.map((n) => [n.id, n.shared])).toEqual([[aShared.id, true]])
      }
      const personal = await filesUnder(c.folder(side.name, 'sync'))
      expect(personal.some((f) => f.text.includes(aPersonal.id))).toBe(true)
      for (const file of [...team, ...personal]) expect(file.path).not.toMatch(/sync-conflict/)
    }

    // What a user sees: the notes view on Ana's side, with Ben's notes and the conflict copy.
    await a.page.goto(`${a.server.url}#/notes`)
    await a.page.reload()
    await expect.poll(() => a.page.locator('.all-notes > li').count(), { timeout: 10_000 }).toBe(notes.length)
    await screenshot(a.page, 'sync-syncthing-notes')
    expect([...a.problems, ...b.problems]).toEqual([])
    console.log(`sync-syncthing settle times: ${timings.join('; ')}`)
  })
})
