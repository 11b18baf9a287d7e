/** The merge of corrections (a set by id, withdrawals final): its rules, and that any order of files gives the same. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CorrectionWorkspace, mergeCorrections } from '../../../../../src/main/services/sync/corrections-merge'
import type { CorrectionTombstone, StoredCorrection } from '../../../../../src/main/store/schema'
import { minute, noteId } from '../../../../support/notes'

const correction = (n: number, text = `correction ${n}`): StoredCorrection => ({
  id: noteId(n),
  target: { kind: 'organisation', id: 'cecop' },
  fact: 'Founded',
  kind: 'wrong',
  correction: text,
  source: '',
  created: minute(n),
})
const tombstone = (n: number, at = 30): CorrectionTombstone => ({ id: noteId(n), deleted: minute(at) })

/** A store's corrections and tombstones, by id. */
interface State {
  corrections: Map<string, StoredCorrection>
  tombstones: Map<string, CorrectionTombstone>
}
const state = (corrections: StoredCorrection[] = [], tombstones: CorrectionTombstone[] = []): State => ({
  corrections: new Map(corrections.map((c) => [c.id, c])),
  tombstones: new Map(tombstones.map((t) => [t.id, t])),
})

/** Merges `files` in order and applies the changes as the store applies a 'merge' change (user-store.ts). */
function merged(start: State, files: { corrections?: StoredCorrection[]; correctionTombstones?: CorrectionTombstone[] }[]): State {
  const ws = new CorrectionWorkspace(start.corrections, start.tombstones)
  for (const file of files) mergeCorrections(ws, { notes: [], tombstones: [], ...file })
  const out = state([...start.corrections.values()], [...start.tombstones.values()])
  const changes = ws.changes()
  for (const c of changes.corrections) out.corrections.set(c.id, c)
  for (const t of changes.correctionTombstones) {
    out.corrections.delete(t.id)
    out.tombstones.set(t.id, t)
  }
  return out
}
const sorted = (s: State) => ({
  corrections: [...s.corrections.values()].sort((a, b) => a.id.localeCompare(b.id)),
  tombstones: [...s.tombstones.values()].sort((a, b) => a.id.localeCompare(b.id)),
})

describe('merging corrections', () => {
  it('adds a correction unless it is here or was withdrawn here', () => {
    const ws = new CorrectionWorkspace(state([correction(1)]).corrections, state([], [tombstone(2)]).tombstones)
    const outcome = mergeCorrections(ws, { notes: [], tombstones: [], corrections: [correction(1), correction(2), correction(3)] })
    expect(outcome).toEqual({ added: 1, withdrawn: 0 })
    expect(ws.changes()).toEqual({ corrections: [correction(3)], correctionTombstones: [] })
  })

  it('removes a correction an incoming tombstone names, and keeps the tombstone (the later of two)', () => {
    const after = merged(state([correction(1), correction(2)], [tombstone(3, 10)]), [
      { correctionTombstones: [tombstone(1, 20), tombstone(3, 40), tombstone(4, 5)] },
      { corrections: [correction(1), correction(4)], correctionTombstones: [tombstone(3, 35)] },
    ])
    expect(sorted(after)).toEqual({ corrections: [correction(2)], tombstones: [tombstone(1, 20), tombstone(3, 40), tombstone(4, 5)] })
  })

  it('changes nothing when the file holds what is here, and reads a file without corrections', () => {
    const here = state([correction(1)], [tombstone(2)])
    const ws = new CorrectionWorkspace(here.corrections, here.tombstones)
    mergeCorrections(ws, { notes: [], tombstones: [], corrections: [correction(1)], correctionTombstones: [tombstone(2)] })
    mergeCorrections(ws, { notes: [], tombstones: [] })
    expect(ws.changed).toBe(false)
  })

  it('keeps the same one of two texts under one id (a file changed by hand) on every device', () => {
    const a = correction(1, 'one text')
    const b = correction(1, 'another text')
    expect(sorted(merged(state([a]), [{ corrections: [b] }]))).toEqual(sorted(merged(state([b]), [{ corrections: [a] }])))
  })

  it('gives the same corrections whatever the order of the files, however often they are merged', () => {
    const id = fc.nat({ max: 7 })
    const file = fc.record({
      corrections: fc.array(fc.tuple(id, fc.boolean()).map(([n, other]) => correction(n, other ? 'other text' : `correction ${n}`))),
      correctionTombstones: fc.array(fc.tuple(id, fc.nat({ max: 59 })).map(([n, at]) => tombstone(n, at))),
    })
    const unique = <T extends { id: string }>(list: T[]) => [...new Map(list.map((x) => [x.id, x])).values()]
    const files = fc.array(
      file.map((f) => ({ corrections: unique(f.corrections), correctionTombstones: unique(f.correctionTombstones) })),
      { maxLength: 5 },
    )
    fc.assert(
      fc.property(file, files, fc.array(fc.nat(), { minLength: 10, maxLength: 10 }), (local, all, shuffle) => {
        const start = state(
          local.corrections.filter((c) => !local.correctionTombstones.some((t) => t.id === c.id)),
          unique(local.correctionTombstones),
        )
        const order = [...all].map((f, i) => ({ f, key: shuffle[i % shuffle.length]! })).sort((x, y) => x.key - y.key)
        const one = merged(start, all)
        const other = merged(start, [...order.map((o) => o.f), ...all])
        expect(sorted(other)).toEqual(sorted(one))
        // Every correction anywhere is here, unless it was withdrawn somewhere; no withdrawn one is.
        const withdrawnIds = new Set([...start.tombstones.keys(), ...all.flatMap((f) => f.correctionTombstones.map((t) => t.id))])
        const ids = new Set([...start.corrections.keys(), ...all.flatMap((f) => f.corrections.map((c) => c.id))])
        expect([...one.corrections.keys()].sort()).toEqual([...ids].filter((i) => !withdrawnIds.has(i)).sort())
        expect([...one.tombstones.keys()].sort()).toEqual([...withdrawnIds].sort())
      }),
      { numRuns: 300 },
    )
  })
})
