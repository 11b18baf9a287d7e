/**
 * A sync merge under SIGKILL. The built browse server (out/main/browse.js) starts over 1,500 notes with a sync
 * folder holding another device's file: 1,000 of those notes edited there and 200 new ones. Its first exchange reads
 * that file (in the worker thread), merges it as one change of the store and writes this device's file. It is
 * killed at random moments of that, a fresh data folder each time. After every kill:
 *  - the store opens, and holds the merge whole or not at all: every edit and every new note, or none of them;
 *    every other note as it was;
 *  - this device's file in the sync folder, if there is one, is whole (never a part of one);
 *  - the next exchange, in this process, brings in whatever the kill cut off: then every edit is there.
 *
 * What this does not measure: a power cut (see crash-safety.test.ts), which the journal's fdatasync covers.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { canonicalReplica } from '../../src/main/services/sync/canonical'
import { decodeDeviceFile, deviceFileName, devicesFolder, encodeDeviceFile } from '../../src/main/services/sync/folder-format'
import { SyncService } from '../../src/main/services/sync/sync-service'
import { UserStore } from '../../src/main/store/user-store'
import type { Note } from '../../src/shared/domain'
import { aNote, deviceId, minute, noteId } from '../support/notes'
import { recordFigures } from './support/figures'
import { runAndKill, timeFromServing } from './support/browse-kills'
import { SEED, seededRandom } from './support/rng'

const KILLS = Number(process.env['RELIABILITY_MERGE_KILLS'] ?? 12)
const LOCAL = 1500
const EDITED = 1000
const ADDED = 200
const FILLER = 'the assembly voted on the budget of the federation and on the members of its board '.repeat(8)
const other = { id: deviceId(77), name: 'Other laptop' }

const localNote = (n: number): Note => aNote(n + 1, `here ${n} ${FILLER}`)
const editedThere = (n: number): Note => ({
  ...localNote(n),
  body: `there ${n} ${FILLER}`,
  updated: minute(30),
  previous: minute(0),
  versions: { ...localNote(n).versions, [other.id]: 1 },
})
const addedThere = (n: number): Note => aNote(LOCAL + n + 1, `new there ${n} ${FILLER}`, { versions: { [other.id]: 1 } })
const otherFile = encodeDeviceFile(
  other,
  canonicalReplica(
    [...Array.from({ length: EDITED }, (_, n) => editedThere(n)), ...Array.from({ length: ADDED }, (_, n) => addedThere(n))],
    [],
  ),
  new Date(minute(31)),
).bytes

const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

/** A data folder with the local notes and a sync folder (with the other device's file) chosen; this device's id. */
async function seeded(): Promise<{ dataDir: string; syncDir: string; me: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'coop-atlas-merge-kills-'))
  const syncDir = await mkdtemp(join(tmpdir(), 'coop-atlas-merge-kills-sync-'))
  dirs.push(dataDir, syncDir)
  await mkdir(devicesFolder(syncDir), { recursive: true })
  await writeFile(join(devicesFolder(syncDir), deviceFileName(other.id)), otherFile)
  const store = await UserStore.open(dataDir)
  await store.apply({ op: 'put-notes', notes: Array.from({ length: LOCAL }, (_, n) => localNote(n)) })
  await store.apply({ op: 'set-sync', sync: { folder: syncDir, teamFolder: null } })
  const me = store.device.id
  await store.close()
  return { dataDir, syncDir, me }
}

/** This device's file in the sync folder, read as another device would: absent, or whole. */
async function ownFile(syncDir: string, me: string): Promise<'none' | 'whole' | 'not whole'> {
  let bytes: Buffer
  try {
    bytes = await readFile(join(devicesFolder(syncDir), deviceFileName(me)))
  } catch {
    return 'none'
  }
  return decodeDeviceFile(bytes).kind === 'ok' ? 'whole' : 'not whole'
}

/** The time from "serving" to this device's file written after the merge, once without a kill. */
async function timeToExchanged(): Promise<number> {
  const { dataDir, syncDir, me } = await seeded()
  return timeFromServing(dataDir, async () => (await ownFile(syncDir, me)) === 'whole', 'wrote no sync file')
}

describe('a sync merge, killed while it runs', () => {
  it(`is in the store whole or not at all, and the next exchange completes it, after each of ${KILLS} kills`, async () => {
    const exchanged = await timeToExchanged()
    const random = seededRandom(SEED)
    const outcomes: Record<string, number> = {}
    for (let k = 0; k < KILLS; k++) {
      const { dataDir, syncDir, me } = await seeded()
      // A kill in each of KILLS equal stretches of twice the time the exchange took: half land during it.
      const afterMs = Math.round(((k + random()) / KILLS) * exchanged * 2)
      await runAndKill(dataDir, afterMs)
      const at = `kill ${k} after ${afterMs} ms`

      const store = await UserStore.open(dataDir)
      try {
        const body = (n: number) => store.notes.get(noteId(n + 1))?.body
        const edited = Array.from({ length: EDITED }, (_, n) => body(n)).filter((b, n) => b === editedThere(n).body).length
        const added = Array.from({ length: ADDED }, (_, n) => store.notes.get(addedThere(n).id)?.body === addedThere(n).body).filter(
          Boolean,
        ).length
        const merged = edited === EDITED && added === ADDED
        expect(merged || (edited === 0 && added === 0), `${at}: ${edited} edits and ${added} new notes in the store`).toBe(true)
        for (let n = 0; n < EDITED; n++) expect([localNote(n).body, editedThere(n).body], `${at}: note ${n}`).toContain(body(n))
        for (let n = EDITED; n < LOCAL; n++) expect(body(n), `${at}: note ${n}`).toBe(localNote(n).body)
        expect(store.notes.size, at).toBe(LOCAL + (merged ? ADDED : 0))
        const file = await ownFile(syncDir, me)
        expect(file, `${at}: this device's file`).not.toBe('not whole')
        const outcome = `${merged ? 'merged' : 'not merged'}, this device's file ${file === 'none' ? 'not written' : 'whole'}`
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1

        // The next exchange brings in whatever the kill cut off.
        const sync = new SyncService({ store, watch: false, pollMs: 0, log: () => undefined })
        try {
          expect(await sync.exchangeNow(), at).toMatchObject({ state: 'ok', problem: null })
        } finally {
          await sync.close()
        }
        for (let n = 0; n < EDITED; n++) expect(body(n), `${at}, then an exchange: note ${n}`).toBe(editedThere(n).body)
        expect(store.notes.size, at).toBe(LOCAL + ADDED)
        expect(await ownFile(syncDir, me), at).toBe('whole')
      } finally {
        await store.close()
      }
      await rm(dataDir, { recursive: true, force: true })
      await rm(syncDir, { recursive: true, force: true })
    }
    recordFigures('sync-merge-kills', 'A sync merge, killed while it runs (browse, 1,500 notes, 1,000 edited and 200 new elsewhere)', {
      kills: KILLS,
      'exchange done after (ms, unkilled)': exchanged,
      ...outcomes,
    })
    // A real test of the merge: kills landed both before it was saved and after.
    expect(Object.keys(outcomes).some((o) => o.startsWith('merged'))).toBe(true)
    expect(Object.keys(outcomes).some((o) => o.startsWith('not merged'))).toBe(true)
  })
})
