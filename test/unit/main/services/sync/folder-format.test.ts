import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { canonicalReplica, canonicalReplicaPieces } from '../../../../../src/main/services/sync/canonical'
import {
  decodeDeviceFile,
  encodeDeviceFile,
  encodeDeviceFileInSlices,
  isDeviceFileName,
  readDeviceFile,
  sha256,
} from '../../../../../src/main/services/sync/folder-format'
import type { Tombstone } from '../../../../../src/main/store/schema'
import { MAX_EDITABLE_COUNTER, MAX_NOTE_BYTES } from '../../../../../src/shared/note-rules'
import { aNote, deviceId, minute, noteId } from '../../../../support/notes'

const device = { id: deviceId(1), name: 'Ana’s laptop' }
const notes = [
  aNote(2, 'two, with "quotes" and\nlines', { tags: ['x'] }),
  aNote(1, 'émoji 🧵', { shared: true, author: { device: device.id, name: 'Ana' } }),
]
const tombstones: Tombstone[] = [{ id: noteId(3), versions: { [deviceId(2)]: 4 }, deleted: minute(9), shared: false }]
const file = (body = canonicalReplica(notes, tombstones)) => encodeDeviceFile(device, body, new Date(minute(10)))

/** The envelope of a file as JSON, changed by `change`, and written back (a file someone edited). */
const edited = (change: (envelope: Record<string, unknown>) => void) => {
  const envelope = JSON.parse(file().bytes.toString('utf8')) as Record<string, unknown>
  change(envelope)
  return Buffer.from(JSON.stringify(envelope))
}

describe("a device's file in the sync folder", () => {
  it('reads back exactly what was written, notes in id order, with its digest', () => {
    const { bytes, digest, bodySha256 } = file()
    const reading = decodeDeviceFile(bytes)
    expect(reading).toEqual({
      kind: 'ok',
      file: { device, written: minute(10), replica: { notes: [notes[1], notes[0]], tombstones }, bodySha256, digest },
    })
    expect(digest).toBe(sha256(bytes))
    // The same notes in any order, their fields in any order, give the same body.
    const shuffled = [{ ...notes[1]!, body: notes[1]!.body }, Object.fromEntries(Object.entries(notes[0]!).reverse()) as (typeof notes)[0]]
    expect(canonicalReplica(shuffled, tombstones)).toBe(canonicalReplica(notes, tombstones))
  })

  it("checks a body's text by the SHA-256 of its UTF-8 bytes, hashed in pieces that never split a surrogate pair", () => {
    const whole = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex')
    const step = 8
    const texts = [
      '',
      'plain ascii text, longer than one piece',
      // A pair whose high half ends a piece (code unit 7), and one whose high half is the very last code unit.
      `1234567🧵 and on`,
      `1234567🧵`,
      // Lone halves, at and around the ends of pieces: as the whole text's UTF-8 encoding writes them (U+FFFD).
      `1234567\ud800x and \udc00 alone`,
      `123456\ud800`,
      // A lone high half ending a piece, then a whole pair: the pair is not split to keep the lone half company.
      `1234567\ud800🧵 tail`,
      `1234567\ud800\ud800\udc00`,
      'é中文🧵'.repeat(9),
    ]
    for (const text of texts) {
      expect(sha256(text, step)).toBe(whole(text))
      expect(sha256(text)).toBe(whole(text))
    }
    // Any mix of plain letters, lone halves and pairs, cut into pieces of any size.
    const units = fc.constantFrom('a', 'é', '\ud800', '\udc00', '🧵')
    const mixed = fc.array(units, { maxLength: 30 }).map((parts) => parts.join(''))
    fc.assert(
      fc.property(mixed, fc.integer({ min: 1, max: 6 }), (text, size) => sha256(text, size) === whole(text)),
      { numRuns: 2000 },
    )
  })

  it('is written the same whether made at once or a slice at a time from its pieces, and as JSON.stringify writes it', async () => {
    const awkward = ['a "quoted" \\ back\nslash', 'emoji 🧵 and 中文', 'line\u2028separator', 'lone \ud800 half', '</script>']
    const many = Array.from({ length: 400 }, (_, n) => aNote(n, `${awkward[n % awkward.length]} ${n}`, { tags: ['x'] }))
    const corrections = { corrections: [], correctionTombstones: [{ id: noteId(7), deleted: minute(2) }] }
    const body = canonicalReplica(many, tombstones, corrections)
    expect([...canonicalReplicaPieces(many, tombstones, corrections)].length).toBeGreaterThan(400)
    const written = new Date(minute(10))
    const atOnce = encodeDeviceFile(device, body, written)
    // As the envelope was written before it was made in steps: one JSON.stringify of it all.
    const envelope = {
      format: 1,
      app: 'coop-atlas',
      device,
      written: written.toISOString(),
      length: Buffer.byteLength(body),
      sha256: sha256(body),
      body,
    }
    const reference = Buffer.from(`${JSON.stringify(envelope)}\n`)
    expect(atOnce.bytes.toString()).toBe(reference.toString())
    let turns = 0
    let making = true
    const counted = (async () => {
      while (making) await new Promise((resolve) => setImmediate(resolve)).then(() => turns++)
    })()
    const sliced = await encodeDeviceFileInSlices(device, canonicalReplicaPieces(many, tombstones, corrections), written, 0, () => false)
    making = false
    await counted
    expect(turns).toBeGreaterThan(10)
    expect(sliced).toEqual(atOnce)
    expect(sliced!.digest).toBe(createHash('sha256').update(sliced!.bytes).digest('hex'))
    expect(decodeDeviceFile(sliced!.bytes)).toMatchObject({ kind: 'ok' })
    // A file with this body already there: nothing is made.
    const asked: string[] = []
    const skipped = await encodeDeviceFileInSlices(device, canonicalReplicaPieces(many, tombstones, corrections), written, 2, (sha) => {
      asked.push(sha)
      return true
    })
    expect(skipped).toBeNull()
    expect(asked).toEqual([atOnce.bodySha256])
  })

  it("reads the same when its bytes are the reader's to write over (the worker), which then hold the body", () => {
    const awkward = [aNote(4, 'quotes " and \\ back, / slash, \u2028, tab\t, 🧵, é, 中文'), aNote(5, '\ud800 lone half')]
    const body = canonicalReplica([...notes, ...awkward], tombstones)
    const files: [string, Buffer][] = [
      ['as written', file(body).bytes],
      [
        'edited by hand, fields in another order',
        edited((e) => {
          // The body first, then the rest: JSON.parse of the whole reads it.
          const { body: text, ...rest } = { ...e }
          for (const key of Object.keys(e)) delete e[key]
          Object.assign(e, { body: text }, rest)
        }),
      ],
      ['with a wrong checksum', edited((e) => (e['sha256'] = '0'.repeat(64)))],
      ['with a wrong length', edited((e) => (e['length'] = 3))],
      ['cut short', file(body).bytes.subarray(0, 300)],
      ['newer', edited((e) => (e['format'] = 2))],
      ['breaking a rule', file(JSON.stringify({ notes: [{ ...notes[0], body: 42 }], tombstones: [] })).bytes],
    ]
    for (const [what, bytes] of files) {
      const mine = Buffer.from(bytes)
      let readAgain = 0
      const read = readDeviceFile(mine, { digest: true }, () => (readAgain++, Buffer.from(bytes)))
      expect(read.reading, what).toEqual(decodeDeviceFile(bytes))
      // Read again only when the body, once begun over the file's bytes, could not be taken so (and then whole).
      expect(readAgain, what).toBe(what === 'cut short' ? 1 : 0)
      if (what === 'as written') {
        // The body's bytes, where the file's were: the text its records were read from.
        expect(read.bodyBytes?.buffer).toBe(mine.buffer)
        expect(read.bodyBytes?.toString('utf8')).toBe(body)
      }
    }
  })

  it('is read later, never in part, when it is cut short (still being copied)', () => {
    const { bytes } = file()
    for (const fraction of [0, 0.1, 0.5, 0.99]) {
      expect(decodeDeviceFile(bytes.subarray(0, Math.floor(bytes.length * fraction)))).toMatchObject({ kind: 'later' })
    }
  })

  it('is read later when its checksum or length does not match (changed by hand, damaged)', () => {
    const body = canonicalReplica(notes, tombstones)
    expect(decodeDeviceFile(edited((e) => (e['body'] = body.replace('two', 'TWO'))))).toMatchObject({
      kind: 'later',
      why: expect.stringMatching(/checksum/),
    })
    expect(decodeDeviceFile(edited((e) => (e['length'] = 3)))).toMatchObject({ kind: 'later', why: expect.stringMatching(/length/) })
    expect(decodeDeviceFile(edited((e) => (e['sha256'] = '0'.repeat(64))))).toMatchObject({ kind: 'later' })
    expect(decodeDeviceFile(Buffer.from([0xff, 0xfe, 0x00]))).toMatchObject({ kind: 'later' })
  })

  it('is read later when a note breaks the rules every stored note obeys, even with a right checksum', () => {
    const bad = [
      JSON.stringify({ notes: [{ ...notes[0], versions: { laptop: 1 } }], tombstones: [] }),
      JSON.stringify({ notes: [{ ...notes[0], body: 42 }], tombstones: [] }),
      JSON.stringify({ notes: [notes[0], notes[0]], tombstones: [] }),
      JSON.stringify({ notes: [{ ...notes[0], versions: { [deviceId(2)]: MAX_EDITABLE_COUNTER + 1 } }], tombstones: [] }),
      JSON.stringify({ notes: [], tombstones: [], extra: true }),
      '[]',
      // What the notes' check by hand must not let through either (valibot then decides, and says why).
      JSON.stringify({ notes: [{ ...notes[0], extra: 1 }], tombstones: [] }),
      JSON.stringify({ notes: [{ ...notes[0], body: 'x'.repeat(MAX_NOTE_BYTES + 1) }], tombstones: [] }),
      JSON.stringify({ notes: [{ ...notes[0], tags: ['  padded  '] }], tombstones: [] }),
      JSON.stringify({ notes: [notes[0]], tombstones: [{ id: 'not a uuid', versions: {}, deleted: minute(1), shared: false }] }),
      JSON.stringify({ notes: [notes[0]] }),
    ]
    for (const body of bad)
      expect(decodeDeviceFile(file(body).bytes)).toMatchObject({
        kind: 'later',
        why: expect.stringMatching(/breaks the rules|twice|no room/),
      })
    // The plain case still reads, its notes as written.
    expect(decodeDeviceFile(file(JSON.stringify({ notes: [notes[0]], tombstones: [] })).bytes)).toMatchObject({
      kind: 'ok',
      file: { replica: { notes: [notes[0]], tombstones: [] } },
    })
  })

  it('is refused, and says so, when a newer Coop Atlas wrote it', () => {
    expect(decodeDeviceFile(edited((e) => (e['format'] = 2)))).toEqual({ kind: 'newer', format: 2 })
    expect(decodeDeviceFile(Buffer.from(JSON.stringify({ format: 7, app: 'coop-atlas', anything: 'else' })))).toEqual({
      kind: 'newer',
      format: 7,
    })
  })

  it('is passed over when it is not a Coop Atlas file at all', () => {
    expect(decodeDeviceFile(Buffer.from('{"format":1,"app":"other"}'))).toMatchObject({ kind: 'later' })
    expect(decodeDeviceFile(Buffer.from('{"__proto__":{"polluted":true},"app":"coop-atlas","format":1}'))).toMatchObject({ kind: 'later' })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('is named <device id>.json; hidden and temporary files beside it are not device files', () => {
    expect(isDeviceFileName(`${device.id}.json`)).toBe(true)
    expect(isDeviceFileName(`${device.id}.sync-conflict-20260101-120000-ABC.json`)).toBe(true)
    expect(isDeviceFileName(`.${device.id}.json.0a1b2c.tmp`)).toBe(false)
    expect(isDeviceFileName('.syncthing.x.json.tmp')).toBe(false)
    expect(isDeviceFileName('notes.txt')).toBe(false)
  })
})
