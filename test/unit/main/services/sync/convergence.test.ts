/**
 * The merge over random interleavings (fast-check): three devices, each with a real store, share one sync folder;
 * random edits, creations, trash, restore, permanent deletions and exchanges run in any order on any of them.
 * After a final few rounds of exchanges:
 *  - every replica holds the same notes (every field) and the same tombstones;
 *  - a note deleted for good stays deleted, unless an edit the deletion had not seen brought it back;
 *  - no acknowledged text is lost: every text a save was acknowledged with is in some note (the note, or a
 *    conflict copy), unless a later save of that note, made from it, replaced it, or a permanent deletion that had
 *    seen it removed it (a tombstone of the note, or of the copy that held it, at that version or later).
 * Edits are made to notes that are not conflict copies (a copy edited is a new text of its own lineage, which
 * this bookkeeping does not follow); copies are trashed, restored and deleted like any note.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { NotesService } from '../../../../../src/main/services/notes-service'
import { canonicalReplica } from '../../../../../src/main/services/sync/canonical'
import { conflictCopyId, tombstoneHasSeen } from '../../../../../src/main/services/sync/merge'
import { SyncService } from '../../../../../src/main/services/sync/sync-service'
import { UserStore } from '../../../../../src/main/store/user-store'
import { compareVersions, type Versions } from '../../../../../src/shared/note-versions'
import { cecop } from './devices'

const RUNS = Number(process.env['SYNC_PROPERTY_RUNS'] ?? 100)
/** A RAM disk where there is one: the property is about the merge, not the disk. */
const PARENT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir()
const parents: string[] = []
afterAll(async () => {
  await Promise.all(parents.map((p) => rm(p, { recursive: true, force: true })))
})

type Op =
  | { kind: 'create'; device: number }
  | { kind: 'edit'; device: number; pick: number }
  | { kind: 'trash' | 'restore'; device: number; pick: number }
  | { kind: 'empty'; device: number }
  | { kind: 'exchange'; device: number }

const device = fc.nat({ max: 2 })
const pick = fc.nat({ max: 5 })
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: device.map((d) => ({ kind: 'create' as const, device: d })) },
  { weight: 5, arbitrary: fc.tuple(device, pick).map(([d, p]) => ({ kind: 'edit' as const, device: d, pick: p })) },
  { weight: 2, arbitrary: fc.tuple(device, pick).map(([d, p]) => ({ kind: 'trash' as const, device: d, pick: p })) },
  { weight: 2, arbitrary: fc.tuple(device, pick).map(([d, p]) => ({ kind: 'restore' as const, device: d, pick: p })) },
  { weight: 2, arbitrary: device.map((d) => ({ kind: 'empty' as const, device: d })) },
  { weight: 5, arbitrary: device.map((d) => ({ kind: 'exchange' as const, device: d })) },
)

interface Save {
  id: string
  versions: Versions
  body: string
}

const after = (a: Versions, b: Versions) => compareVersions(a, b) === 'after'

describe('synchronisation over random interleavings on three devices', () => {
  it(`converges, and loses no acknowledged text (${RUNS} runs)`, { timeout: 300_000 }, async () => {
    const parent = await mkdtemp(join(PARENT, 'coop-atlas-sync-property-'))
    parents.push(parent)
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const root = join(parent, `run-${run++}`)
        const folder = join(root, 'sync')
        await mkdir(folder, { recursive: true })
        const devices: { store: UserStore; notes: NotesService; sync: SyncService }[] = []
        try {
          for (let i = 0; i < 3; i++) {
            const dir = join(root, `device-${i}`)
            await mkdir(dir)
            const store = await UserStore.open(dir)
            const notes = new NotesService({ store, describeTarget: () => 'CECOP', nameIndex: () => new Map() })
            const sync = new SyncService({ store, watch: false, pollMs: 0, debounceMs: 3_600_000, log: () => undefined })
            sync.start()
            await sync.setFolder(folder)
            devices.push({ store, notes, sync })
          }
          const saves: Save[] = []
          let written = 0
          const record = (note: { id: string; versions: Versions; body: string }) =>
            saves.push({ id: note.id, versions: { ...note.versions }, body: note.body })
          for (const step of ops) {
            const d = devices[step.device]!
            const all = [...d.store.notes.values()].sort((a, b) => a.id.localeCompare(b.id))
            const originals = all.filter((n) => n.conflictOf === null)
            switch (step.kind) {
              case 'create':
                record(await d.notes.create(cecop, `text ${written++}`))
                break
              case 'edit': {
                const note = originals[step.pick % Math.max(1, originals.length)]
                if (note) record((await d.notes.update(note.id, { body: `text ${written++}` }, note.versions)).note)
                break
              }
              case 'trash':
              case 'restore': {
                const note = all[step.pick % Math.max(1, all.length)]
                if (note)
                  record(await (step.kind === 'trash' ? d.notes.trash(note.id, note.versions) : d.notes.restore(note.id, note.versions)))
                break
              }
              case 'empty':
                await d.notes.emptyTrash()
                break
              case 'exchange':
                expect((await d.sync.exchangeNow()).state).toBe('ok')
                break
            }
          }
          // The final rounds: every device exchanges, in turn, until a whole round changes nothing.
          const picture = (i: number) => canonicalReplica(devices[i]!.store.notes.values(), devices[i]!.store.tombstones.values())
          let rounds = 0
          for (let before = ''; rounds < 8; rounds++) {
            for (const d of devices) expect((await d.sync.exchangeNow()).state).toBe('ok')
            const now = devices.map((_, i) => picture(i)).join('\n')
            if (now === before) break
            before = now
          }
          expect(rounds).toBeLessThan(8)
          expect(picture(1)).toBe(picture(0))
          expect(picture(2)).toBe(picture(0))

          const final = devices[0]!.store
          // A permanent deletion sticks for every version it had seen: only an edit it had not seen brings a note back.
          for (const note of final.notes.values()) {
            const tombstone = final.tombstones.get(note.id)
            if (tombstone) expect(tombstoneHasSeen(tombstone, note.versions)).toBe(false)
          }
          const bodies = new Set([...final.notes.values()].map((n) => n.body))
          for (const save of saves) {
            if (bodies.has(save.body)) continue
            const replaced = saves.some((s) => s.id === save.id && s.body !== save.body && after(s.versions, save.versions))
            if (replaced) continue
            const tombstone = final.tombstones.get(save.id)
            if (tombstone && tombstoneHasSeen(tombstone, save.versions)) continue
            const copyTombstone = final.tombstones.get(conflictCopyId(save.id, { body: save.body, tags: [], target: cecop }))
            if (copyTombstone && tombstoneHasSeen(copyTombstone, save.versions)) continue
            throw new Error(`the text "${save.body}" (note ${save.id}, version ${JSON.stringify(save.versions)}) was lost`)
          }
        } finally {
          for (const d of devices) {
            await d.sync.close()
            await d.store.close()
          }
          await rm(root, { recursive: true, force: true })
        }
      }),
      { numRuns: RUNS },
    )
  })
})
