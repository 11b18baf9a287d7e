import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalReplica } from '../../../../../src/main/services/sync/canonical'
import { checkedRecords, checkedRecordsOneByOne, type Part } from '../../../../../src/main/services/sync/device-file-records'
import type { Tombstone } from '../../../../../src/main/store/schema'
import { MAX_EDITABLE_COUNTER } from '../../../../../src/shared/note-rules'
import { aNote, deviceId, minute, noteId } from '../../../../support/notes'

const notes = Array.from({ length: 150 }, (_, n) =>
  aNote(n, `${['a "quoted" \\ back\nslash', 'emoji 🧵 and 中文', 'line\u2028separator', '</script> {[', ''][n % 5]} ${n}`, {
    tags: n % 2 ? ['x', 'ü'] : [],
    versions: { [deviceId(n % 3)]: n + 1 },
  }),
)
const tombstones: Tombstone[] = [{ id: noteId(900), versions: { [deviceId(2)]: 4 }, deleted: minute(9), shared: false }]
const corrections = { corrections: [], correctionTombstones: [{ id: noteId(7), deleted: minute(2) }] }
const asWritten = canonicalReplica(notes, tombstones, corrections)

/** The records at the places given, part by part, as a replica. */
function recordsAt(body: Buffer, parts: [Part, Uint32Array][]): Record<string, unknown[]> {
  return Object.fromEntries(
    parts.map(([part, ranges]) => [
      part,
      Array.from({ length: ranges.length / 2 }, (_, n) => JSON.parse(body.toString('utf8', ranges[2 * n], ranges[2 * n + 1]))),
    ]),
  )
}

/** One by one, then whole: one by one may be unsure, but never takes what the whole reading refuses, nor other records. */
function expectAgreement(text: string): 'one by one' | 'whole' | 'refused' {
  const bytes = Buffer.from(text, 'utf8')
  const whole = checkedRecords(bytes.toString('utf8'))
  const parts = checkedRecordsOneByOne(bytes)
  if (parts === null) return 'why' in whole ? 'refused' : 'whole'
  expect(whole, text.slice(0, 200)).toHaveProperty('replica')
  expect(recordsAt(bytes, parts)).toEqual('replica' in whole ? whole.replica : null)
  return 'one by one'
}

describe("a device file's records, checked one by one", () => {
  it('takes a body as the app writes it, and gives where each record is in its bytes', () => {
    const bytes = Buffer.from(asWritten, 'utf8')
    const parts = checkedRecordsOneByOne(bytes)
    expect(parts?.map(([part, ranges]) => [part, ranges.length / 2])).toEqual([
      ['notes', 150],
      ['tombstones', 1],
      ['corrections', 0],
      ['correctionTombstones', 1],
    ])
    expect(recordsAt(bytes, parts!)).toEqual((checkedRecords(asWritten) as { replica: object }).replica)
    expect(expectAgreement(canonicalReplica(notes, tombstones))).toBe('one by one')
    expect(expectAgreement(canonicalReplica([], []))).toBe('one by one')
  })

  it('refuses what the whole reading refuses: a bad record, a record twice, a version with no room, a key too many', () => {
    const one = notes[0]!
    const refused = [
      { notes: [{ ...one, versions: { laptop: 1 } }], tombstones: [] },
      { notes: [{ ...one, body: 42 }], tombstones: [] },
      { notes: [one, notes[1], one], tombstones: [] },
      { notes: [{ ...one, versions: { [deviceId(2)]: MAX_EDITABLE_COUNTER + 1 } }], tombstones: [] },
      { notes: [], tombstones: [], extra: [] },
      { notes: [], tombstones: [], extra: true },
      { notes: [] },
      { tombstones: [] },
      { notes: [one], tombstones: [tombstones[0], tombstones[0]] },
      { notes: [one], tombstones: [{ ...tombstones[0], versions: { [deviceId(2)]: MAX_EDITABLE_COUNTER + 1 } }] },
      { notes: [{ ...one, extra: 1 }], tombstones: [] },
      { notes: [1, one], tombstones: [] },
      { notes: [one, null], tombstones: [] },
    ]
    for (const body of refused) expect(expectAgreement(JSON.stringify(body)), JSON.stringify(body).slice(0, 120)).toBe('refused')
    // Text that is not JSON where the records are not: between them, around them, after the body.
    const records = JSON.stringify(one)
    for (const text of [
      `{"notes":[${records} ${records}],"tombstones":[]}`,
      `{"notes":[${records},],"tombstones":[]}`,
      `{"notes":[${records}],"tombstones":[]} x`,
      `{"notes":[${records}] "tombstones":[]}`,
      `{"notes":[${records.slice(0, -1)}],"tombstones":[]}`,
    ])
      expect(expectAgreement(text), text.slice(-60)).toBe('refused')
  })

  it('leaves a body laid out otherwise to the whole reading, or reads it the same', () => {
    const one = JSON.stringify(notes[0])
    for (const text of [
      `{ "no\\u0074es" : [ ${one} , ${JSON.stringify(notes[1])} ], "tombstones":[] }`,
      `{"tombstones":[],"notes":[${one}]}`,
      // A key twice: JSON.parse keeps the last.
      `{"notes":[${one}],"tombstones":[],"notes":[]}`,
    ])
      expect(expectAgreement(text), text.slice(0, 60)).not.toBe('refused')
  })

  it('never takes a body the whole reading refuses, however it was damaged', () => {
    const small = canonicalReplica(notes.slice(0, 4), tombstones, corrections)
    const damage = fc.oneof(
      fc
        .record({ at: fc.nat(small.length), cut: fc.integer({ min: 1, max: 40 }) })
        .map(({ at, cut }) => small.slice(0, at) + small.slice(at + cut)),
      fc
        .record({ at: fc.nat(small.length), put: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', ' ', '0', 'null', '{}', '"x"') })
        .map(({ at, put }) => small.slice(0, at) + put + small.slice(at)),
      fc
        .record({ at: fc.nat(small.length), with: fc.constantFrom('{', '}', '"', ',', '1') })
        .map(({ at, with: w }) => small.slice(0, at) + w + small.slice(at + 1)),
    )
    fc.assert(
      fc.property(damage, (text) => {
        expectAgreement(text)
      }),
      { numRuns: 2000, seed: 18 },
    )
  })
})
