import { describe, expect, it } from 'vitest'
import { canonicalReplica } from '../../../../../src/main/services/sync/canonical'
import { fromWire, toWire } from '../../../../../src/main/services/sync/device-file-wire'
import { encodeDeviceFile, readDeviceFile } from '../../../../../src/main/services/sync/folder-format'
import { runToEnd } from '../../../../../src/main/work-in-slices'
import { aNote, deviceId, minute, noteId } from '../../../../support/notes'

const device = { id: deviceId(1), name: 'Ana’s laptop' }
const awkward = ['a "quoted" \\ back\nslash', 'emoji 🧵 and 中文', 'line\u2028separator', 'lone \ud800 half', '</script>', '']
const notes = Array.from({ length: 300 }, (_, n) => aNote(n, `${awkward[n % awkward.length]} ${n}`, { tags: n % 2 ? ['x', 'ü'] : [] }))
const tombstones = [{ id: noteId(900), versions: { [deviceId(2)]: 4 }, deleted: minute(9), shared: false }]
const corrections = { corrections: [], correctionTombstones: [{ id: noteId(7), deleted: minute(2) }] }
const whole = () => encodeDeviceFile(device, canonicalReplica(notes, tombstones, corrections), new Date(minute(10))).bytes

describe("a device file's reading on its way from the worker to main", () => {
  it('parses the records it gets back a few at a time, so that main answers meanwhile, and stops when told', () => {
    const read = readDeviceFile(whole())
    const steps = fromWire(toWire(read))
    let pauses = 0
    let step = steps.next()
    for (; !step.done; step = steps.next()) pauses++
    expect(step.value).toEqual(read.reading)
    // 301 records, 32 a step.
    expect(pauses).toBeGreaterThanOrEqual(9)
    expect(runToEnd(fromWire(toWire({ reading: { kind: 'later', why: 'x' } })))).toEqual({ kind: 'later', why: 'x' })
    // Stopped after its first step: no file, and nothing more parsed.
    let asked = 0
    expect(runToEnd(fromWire(toWire(read), () => ++asked > 0))).toMatchObject({ kind: 'later' })
    expect(asked).toBe(1)
  })

  it('sends the records as the text they were checked from, or written out anew where that text is not as expected', () => {
    const read = readDeviceFile(whole())
    const wire = toWire(read)
    // The body's own bytes: no record was written out again.
    expect(wire.kind === 'ok' && Buffer.from(wire.text, 0, wire.length).toString('utf8')).toBe(read.body)
    // Without the body, or with a body a scan cannot place (a key twice: JSON keeps the last), the same reading.
    expect(runToEnd(fromWire(toWire({ reading: read.reading })))).toEqual(read.reading)
    const twice = `{"notes":[],"tombstones":[],"notes":[${JSON.stringify(notes[0])}]}`
    const escaped = `{ "no\\u0074es" : [ ${JSON.stringify(notes[1])} , ${JSON.stringify(notes[2])} ], "tombstones":[] }`
    for (const [body, asWritten] of [
      [twice, false],
      [escaped, true],
    ] as const) {
      const odd = readDeviceFile(encodeDeviceFile(device, body, new Date(minute(10))).bytes)
      expect(odd.reading.kind, body).toBe('ok')
      const oddWire = toWire(odd)
      expect(oddWire.kind === 'ok' && Buffer.from(oddWire.text, 0, oddWire.length).toString('utf8') === body, body).toBe(asWritten)
      expect(runToEnd(fromWire(oddWire)), body).toEqual(odd.reading)
    }
  })

  it("writes the body's bytes over the file's own once it is read, where they fit, and reads back the same", () => {
    const bytes = whole()
    for (const file of [Buffer.from(bytes), Buffer.from(new SharedArrayBuffer(bytes.length)).fill(bytes)]) {
      const read = readDeviceFile(file)
      const wire = toWire(read, file)
      // The file's own memory, shared or not.
      expect(wire.kind === 'ok' && wire.text).toBe(file.buffer)
      expect(wire.kind === 'ok' && Buffer.from(wire.text, 0, wire.length).toString('utf8')).toBe(read.body)
      expect(runToEnd(fromWire(wire))).toEqual(read.reading)
    }
    // Bytes too few for the body, or a slice of a larger buffer (not movable whole): the body in bytes of its own.
    const read = readDeviceFile(bytes)
    for (const room of [Buffer.alloc(10), Buffer.concat([Buffer.from('xx'), bytes]).subarray(2)]) {
      const own = toWire(read, room)
      expect(own.kind === 'ok' && own.text).not.toBe(room.buffer)
      expect(runToEnd(fromWire(own))).toEqual(read.reading)
    }
  })
})
