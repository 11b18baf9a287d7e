import { describe, expect, it } from 'vitest'
import { MessageChannel } from 'node:worker_threads'
import { canonicalReplica } from '../../../../../src/main/services/sync/canonical'
import {
  fromWire,
  PortReader,
  serveDeviceFileReads,
  toWire,
  workerReader,
  type ReaderPort,
} from '../../../../../src/main/services/sync/device-file-reader'
import { decodeDeviceFile, encodeDeviceFile, readDeviceFile } from '../../../../../src/main/services/sync/folder-format'
import type { Tombstone } from '../../../../../src/main/store/schema'
import { runToEnd } from '../../../../../src/main/work-in-slices'
import { aNote, deviceId, minute, noteId } from '../../../../support/notes'

const device = { id: deviceId(1), name: 'Ana’s laptop' }
const awkward = ['a "quoted" \\ back\nslash', 'emoji 🧵 and 中文', 'line\u2028separator', 'lone \ud800 half', '</script>', '']
const notes = Array.from({ length: 300 }, (_, n) =>
  aNote(n, `${awkward[n % awkward.length]} ${n}`, { tags: n % 2 ? ['x', 'ü'] : [], versions: { [deviceId(n % 3)]: n + 1 } }),
)
const tombstones: Tombstone[] = [{ id: noteId(900), versions: { [deviceId(2)]: 4 }, deleted: minute(9), shared: false }]
const corrections = { corrections: [], correctionTombstones: [{ id: noteId(7), deleted: minute(2) }] }
/** Files as another device writes them: with and without corrections, empty; and files that are not (yet) whole. */
const files = () => {
  const whole = encodeDeviceFile(device, canonicalReplica(notes, tombstones, corrections), new Date(minute(10))).bytes
  return {
    'with corrections': whole,
    'without corrections': encodeDeviceFile(device, canonicalReplica(notes, tombstones), new Date(minute(10))).bytes,
    empty: encodeDeviceFile(device, canonicalReplica([], []), new Date(minute(10))).bytes,
    'cut short': whole.subarray(0, 5000),
    newer: Buffer.from(JSON.stringify({ format: 9, app: 'coop-atlas' })),
  }
}
/** A buffer of its own, as readFile gives it (so that it can be moved to the reader). */
const own = (bytes: Buffer) => {
  const copy = Buffer.from(new ArrayBuffer(bytes.length))
  bytes.copy(copy)
  return copy
}

/** A reader over a MessageChannel, its other end answering as the worker does: the same messages and moves. */
function channelReader() {
  const { port1, port2 } = new MessageChannel()
  serveDeviceFileReads(port2 as unknown as ReaderPort)
  return new PortReader(port1 as unknown as ReaderPort, () => {
    port1.close()
    port2.close()
  })
}

describe("other devices' files read in a worker thread", () => {
  it('gives exactly the reading decodeDeviceFile gives, whole, cut short or newer, and moves the bytes instead of copying them', async () => {
    const reader = channelReader()
    try {
      for (const [what, bytes] of Object.entries(files())) {
        const expected = decodeDeviceFile(bytes)
        const handed = own(bytes)
        expect(await reader.read(handed), what).toEqual(expected)
        expect(handed.byteLength, `${what}: moved to the reader`).toBe(0)
      }
      expect(decodeDeviceFile(files()['with corrections'])).toMatchObject({ kind: 'ok', file: { replica: { notes: { length: 300 } } } })
      // The digest of the bytes only when asked for (this device's own file): the same reading, without it.
      const whole = files()['with corrections']
      const { file } = (await reader.read(own(whole), { digest: false })) as { file: { digest: unknown } }
      expect(file).toEqual({ ...(decodeDeviceFile(whole) as { file: object }).file, digest: null })
      expect(decodeDeviceFile(whole, { digest: false })).toEqual({ kind: 'ok', file })
      // A slice of a larger buffer is copied, and stays the caller's.
      const slice = Buffer.concat([Buffer.from('xx'), files().empty]).subarray(2)
      expect(await reader.read(slice)).toEqual(decodeDeviceFile(files().empty))
      expect(slice.byteLength).toBeGreaterThan(0)
    } finally {
      reader.close()
    }
  })

  it('parses the records it gets back a few at a time, so that main answers meanwhile', () => {
    const read = readDeviceFile(files()['with corrections'])
    const steps = fromWire(toWire(read))
    let pauses = 0
    let step = steps.next()
    for (; !step.done; step = steps.next()) pauses++
    expect(step.value).toEqual(read.reading)
    // 301 records, 32 a step.
    expect(pauses).toBeGreaterThanOrEqual(9)
    expect(runToEnd(fromWire(toWire({ reading: { kind: 'later', why: 'x' } })))).toEqual({ kind: 'later', why: 'x' })
  })

  it('sends the records as the text they were checked from, or written out anew where that text is not as expected', () => {
    const read = readDeviceFile(files()['with corrections'])
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
    const bytes = files()['with corrections']
    const file = Buffer.from(bytes)
    const read = readDeviceFile(file)
    const wire = toWire(read, file)
    expect(wire.kind === 'ok' && wire.text).toBe(file.buffer)
    expect(wire.kind === 'ok' && Buffer.from(wire.text, 0, wire.length).toString('utf8')).toBe(read.body)
    expect(runToEnd(fromWire(wire))).toEqual(read.reading)
    // Bytes too few for the body, or a slice of a larger buffer (not movable whole): the body in bytes of its own.
    for (const room of [Buffer.alloc(10), Buffer.concat([Buffer.from('xx'), bytes]).subarray(2)]) {
      const own = toWire(read, room)
      expect(own.kind === 'ok' && own.text).not.toBe(room.buffer)
      expect(runToEnd(fromWire(own))).toEqual(read.reading)
    }
  })

  it('keeps a lone surrogate a hand-made file holds raw in its body (the body as UTF-8 bytes would not)', async () => {
    const body = `{"notes":[${JSON.stringify(notes[0]).replace('"body":"', '"body":"\ud800 ')}],"tombstones":[]}`
    expect(body).toContain('\ud800')
    const bytes = encodeDeviceFile(device, body, new Date(minute(10))).bytes
    const expected = decodeDeviceFile(bytes)
    expect(expected).toMatchObject({ kind: 'ok', file: { replica: { notes: [{ body: expect.stringContaining('\ud800') }] } } })
    const reader = channelReader()
    try {
      expect(await reader.read(own(bytes))).toEqual(expected)
    } finally {
      reader.close()
    }
  })

  it('answers "read again later" rather than never, should records it gets back not parse', async () => {
    let listener: (message: unknown) => void = () => undefined
    let asked = 0
    const port: ReaderPort = {
      postMessage: (message) => {
        if ((message as { seq?: number }).seq !== undefined) asked = (message as { seq: number }).seq
      },
      on: (_event, l) => (listener = l),
    }
    const reader = new PortReader(port, () => undefined)
    listener('ready')
    const reading = reader.read(own(files().empty))
    const { file } = decodeDeviceFile(files().empty) as { file: object }
    listener({
      seq: asked,
      reading: { kind: 'ok', file, text: new TextEncoder().encode('{x').buffer, parts: [['notes', Uint32Array.of(0, 2)]] },
    })
    expect(await reading).toMatchObject({ kind: 'later' })
  })

  it('reads in this thread when the worker cannot start: the same reading, the first read included', async () => {
    const reader = workerReader('/nowhere/device-file-worker.js')
    try {
      for (const [what, bytes] of Object.entries(files())) expect(await reader.read(own(bytes)), what).toEqual(decodeDeviceFile(bytes))
    } finally {
      reader.close()
    }
  })

  it('answers what waits when the worker stops: read here if the bytes are still here, else read again at the next exchange', async () => {
    // A worker that said it was ready, then takes every message (and with it a moved buffer) and never answers.
    let listener: (message: unknown) => void = () => undefined
    const silent: ReaderPort = {
      postMessage: (message, transfer) => void structuredClone(message, { transfer: [...(transfer ?? [])] }),
      on: (_event, l) => (listener = l),
    }
    const reader = new PortReader(silent, () => undefined)
    listener('ready')
    const bytes = files().empty
    const moved = reader.read(own(bytes))
    const copied = reader.read(Buffer.concat([Buffer.from('xx'), bytes]).subarray(2))
    reader.fail()
    expect(await moved).toMatchObject({ kind: 'later', why: expect.stringMatching(/being read/) })
    expect(await copied).toEqual(decodeDeviceFile(bytes))
    // And from then on, in this thread.
    expect(await reader.read(own(bytes))).toEqual(decodeDeviceFile(bytes))
  })
})
