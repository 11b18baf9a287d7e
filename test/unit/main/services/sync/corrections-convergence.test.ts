/**
 * The corrections' merge over random interleavings (fast-check), a sibling of convergence.test.ts: three devices,
 * each a real store with its own exchange with one shared sync folder (SyncChannel, as sync-service.ts drives it);
 * corrections are made and withdrawn on random devices, notes written between them, devices restarted, and
 * exchanges run in any order. After a final few rounds of exchanges:
 *  - every replica holds the same notes, corrections and tombstones (their canonical text is the same);
 *  - no correction is lost unless it was withdrawn somewhere, and none withdrawn anywhere is left on any device.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { NotesService } from '../../../../../src/main/services/notes-service'
import { canonicalReplica } from '../../../../../src/main/services/sync/canonical'
import { SyncChannel } from '../../../../../src/main/services/sync/channel'
import { inThreadReader } from '../../../../../src/main/services/sync/device-file-reader'
import { WrittenRecord } from '../../../../../src/main/services/sync/written-record'
import { UserService } from '../../../../../src/main/services/user-service'
import { UserStore } from '../../../../../src/main/store/user-store'
import { cecop } from './devices'

const RUNS = Number(process.env['SYNC_PROPERTY_RUNS'] ?? 100)
/** A RAM disk where there is one: the property is about the merge, not the disk. */
const PARENT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir()
const parents: string[] = []
afterAll(async () => {
  await Promise.all(parents.map((p) => rm(p, { recursive: true, force: true })))
})

type Op = { kind: 'correct' | 'note' | 'exchange' | 'restart'; device: number } | { kind: 'withdraw'; device: number; pick: number }

const device = fc.nat({ max: 2 })
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: device.map((d) => ({ kind: 'correct' as const, device: d })) },
  { weight: 3, arbitrary: fc.tuple(device, fc.nat({ max: 5 })).map(([d, p]) => ({ kind: 'withdraw' as const, device: d, pick: p })) },
  { weight: 1, arbitrary: device.map((d) => ({ kind: 'note' as const, device: d })) },
  { weight: 5, arbitrary: device.map((d) => ({ kind: 'exchange' as const, device: d })) },
  { weight: 1, arbitrary: device.map((d) => ({ kind: 'restart' as const, device: d })) },
)

/** Changes that must have this device's file written anew: sync-service.ts's NOTE_CHANGES, corrections' included. */
const FILE_CHANGES = new Set(['put-note', 'put-notes', 'delete-note', 'merge', 'put-correction', 'delete-correction'])

interface Replica {
  dir: string
  store: UserStore
  channel: SyncChannel
  record: WrittenRecord
  stop: () => void
}

async function open(dir: string, folder: string): Promise<Replica> {
  const store = await UserStore.open(dir)
  const channel = new SyncChannel('personal', folder)
  const stop = store.onChange((entry) => {
    if (entry === null || FILE_CHANGES.has(entry.op)) channel.markDirty()
  })
  return { dir, store, channel, record: await WrittenRecord.open(dir), stop }
}

describe('corrections over random interleavings on three devices', () => {
  it(`converge, and none is lost unless withdrawn (${RUNS} runs)`, { timeout: 300_000 }, async () => {
    const parent = await mkdtemp(join(PARENT, 'coop-atlas-corrections-property-'))
    parents.push(parent)
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const root = join(parent, `run-${run++}`)
        const folder = join(root, 'sync')
        await mkdir(folder, { recursive: true })
        const devices: Replica[] = []
        try {
          for (let i = 0; i < 3; i++) {
            const dir = join(root, `device-${i}`)
            await mkdir(dir)
            devices.push(await open(dir, folder))
          }
          const exchange = async (d: Replica) => {
            await d.channel.exchange({ store: d.store, record: d.record, now: () => new Date(), read: inThreadReader().read })
            expect(d.channel.status.state).toBe('ok')
          }
          const made = new Set<string>()
          let written = 0
          for (const step of ops) {
            const d = devices[step.device]!
            const user = new UserService(d.store, () => true)
            switch (step.kind) {
              case 'correct': {
                const text = `correction ${written++}`
                made.add((await user.addCorrection({ target: cecop, fact: 'Founded', kind: 'wrong', correction: text, source: '' })).id)
                break
              }
              case 'withdraw': {
                const here = [...d.store.corrections.keys()].sort()
                const id = here[step.pick % Math.max(1, here.length)]
                if (id) await user.deleteCorrection(id)
                break
              }
              case 'note':
                await new NotesService({ store: d.store, describeTarget: () => 'CECOP', nameIndex: () => new Map() }).create(
                  cecop,
                  `note ${written++}`,
                )
                break
              case 'exchange':
                await exchange(d)
                break
              case 'restart':
                d.stop()
                await d.store.close()
                devices[step.device] = await open(d.dir, folder)
                break
            }
          }
          // The final rounds: every device exchanges, in turn, until a whole round changes nothing.
          const picture = (d: Replica) =>
            canonicalReplica(d.store.notes.values(), d.store.tombstones.values(), {
              corrections: d.store.corrections.values(),
              correctionTombstones: d.store.correctionTombstones.values(),
            })
          let rounds = 0
          for (let before = ''; rounds < 8; rounds++) {
            for (const d of devices) await exchange(d)
            const now = devices.map(picture).join('\n')
            if (now === before) break
            before = now
          }
          expect(rounds).toBeLessThan(8)
          expect(picture(devices[1]!)).toBe(picture(devices[0]!))
          expect(picture(devices[2]!)).toBe(picture(devices[0]!))

          const final = devices[0]!.store
          for (const id of made) {
            // Withdrawn somewhere (and so everywhere), or here: never lost, never both.
            expect(final.corrections.has(id)).toBe(!final.correctionTombstones.has(id))
          }
          for (const id of final.correctionTombstones.keys()) expect(made.has(id)).toBe(true)
          expect(final.corrections.size + final.correctionTombstones.size).toBe(made.size)
        } finally {
          for (const d of devices) {
            d.stop()
            await d.store.close()
          }
          await rm(root, { recursive: true, force: true })
        }
      }),
      { numRuns: RUNS },
    )
  })
})
