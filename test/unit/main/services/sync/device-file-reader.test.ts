import { describe, expect, it } from 'vitest'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MessageChannel } from 'node:worker_threads'
import { canonicalReplica } from '../../../../../src/main/services/sync/canonical'
import {
  PortReader,
  readHere,
  serveDeviceFileReads,
  sharedBytesOf,
  workerReader,
  type ReaderPort,
} from '../../../../../src/main/services/sync/device-file-reader'
import { decodeDeviceFile, encodeDeviceFile, MAX_DEVICE_FILE_BYTES } from '../../../../../src/main/services/sync/folder-format'
import type { Tombstone } from '../../../../../src/main/store/schema'
import { aNote, deviceId, minute, noteId } from '../../../../support/notes'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()
const device = { id: deviceId(1), name: 'Ana’s laptop' }
const awkward = ['a "quoted" \\ back\nslash', 'emoji 🧵 and 中文', 'line\u2028separator', 'lone \ud800 half', '</script>', '']
const notes = Array.from({ length: 300 }, (_, n) =>
  aNote(n, `${awkward[n % awkward.length]} ${n}`, { tags: n % 2 ? ['x', 'ü'] : [], versions: { [deviceId(n % 3)]: n + 1 } }),
)
const tombstones: Tombstone[] = [{ id: noteId(900), versions: { [deviceId(2)]: 4 }, deleted: minute(9), shared: false }]
const corrections = { corrections: [], correctionTombstones: [{ id: noteId(7), deleted: minute(2) }] }
const written = (body: string) => encodeDeviceFile(device, body, new Date(minute(10))).bytes
/** Files as another device writes them: with and without corrections, empty; and files that are not (yet) whole or valid. */
const files = () => {
  const whole = written(canonicalReplica(notes, tombstones, corrections))
  return {
    'with corrections': whole,
    'without corrections': written(canonicalReplica(notes, tombstones)),
    empty: written(canonicalReplica([], [])),
    'cut short': whole.subarray(0, 5000),
    newer: Buffer.from(JSON.stringify({ format: 9, app: 'coop-atlas' })),
    'a note that breaks a rule': written(JSON.stringify({ notes: [notes[0], { ...notes[1], body: 42 }], tombstones: [] })),
    'a note twice': written(JSON.stringify({ notes: [notes[0], notes[1], notes[0]], tombstones: [] })),
    'a lone surrogate raw in its body': written(
      `{"notes":[${JSON.stringify(notes[0]).replace('"body":"', '"body":"\ud800 ')}],"tombstones":[]}`,
    ),
  }
}

/** Each file written into a fresh folder: its path, by what it is. */
async function onDisk(): Promise<Record<string, { path: string; bytes: Buffer }>> {
  const dir = await tempDir()
  const entries = await Promise.all(
    Object.entries(files()).map(async ([what, bytes], n) => {
      const path = join(dir, `${n}.json`)
      await writeFile(path, bytes)
      return [what, { path, bytes }] as const
    }),
  )
  return Object.fromEntries(entries)
}

/** A reader over a MessageChannel, its other end answering as the worker does: the same messages. */
function channelReader() {
  const { port1, port2 } = new MessageChannel()
  serveDeviceFileReads(port2 as unknown as ReaderPort)
  return new PortReader(port1 as unknown as ReaderPort, () => {
    port1.close()
    port2.close()
  })
}

/** A port whose worker side the test plays: what main sent, and a way to answer. */
function playedPort() {
  let listener: (message: unknown) => void = () => undefined
  const sent: { seq: number; path: string }[] = []
  const port: ReaderPort = {
    postMessage: (message) => void sent.push(message as { seq: number; path: string }),
    on: (_event, l) => (listener = l),
  }
  return { port, sent, answer: (message: unknown) => listener(message) }
}

describe("other devices' files read in a worker thread", () => {
  it('gives exactly the reading decodeDeviceFile gives: whole, cut short, newer, breaking a rule, a note twice', async () => {
    const reader = channelReader()
    try {
      for (const [what, { path, bytes }] of Object.entries(await onDisk())) {
        expect(await reader.read(path), what).toEqual(decodeDeviceFile(bytes))
        // The digest of the bytes only when asked for (this device's own file): the same reading, without it.
        expect(await reader.read(path, { digest: false }), what).toEqual(decodeDeviceFile(bytes, { digest: false }))
      }
      const read = await reader.read((await onDisk())['with corrections']!.path)
      expect(read).toMatchObject({ kind: 'ok', file: { replica: { notes: { length: 300 } } } })
      expect(await reader.read((await onDisk())['a lone surrogate raw in its body']!.path)).toMatchObject({
        kind: 'ok',
        file: { replica: { notes: [{ body: expect.stringContaining('\ud800') }] } },
      })
    } finally {
      reader.close()
    }
  })

  it('says why a file cannot be read (gone since the folder was listed, a folder), as a reading for later', async () => {
    const dir = await tempDir()
    const reader = channelReader()
    try {
      for (const path of [join(dir, 'gone.json'), dir]) {
        const expected = { kind: 'later', why: expect.stringMatching(/^it cannot be read \((ENOENT|EISDIR)\)$/) }
        expect(await reader.read(path), path).toEqual(expected)
        expect(await readHere(path), path).toEqual(expected)
      }
    } finally {
      reader.close()
    }
  })

  it("reads a file into memory shared with main, and no more than one byte past the largest file's size", async () => {
    const { path, bytes } = (await onDisk()).empty!
    const read = sharedBytesOf(path) as Buffer
    expect(read.buffer).toBeInstanceOf(SharedArrayBuffer)
    expect(read.equals(bytes)).toBe(true)
    const capped = sharedBytesOf(path, 100) as Buffer
    expect(capped.equals(bytes.subarray(0, 101))).toBe(true)
    expect(decodeDeviceFile(Buffer.allocUnsafe(MAX_DEVICE_FILE_BYTES + 1))).toMatchObject({ why: expect.stringMatching(/larger than/) })
  })

  it('parses the records the worker placed while it checks them, and takes them only once it says every one holds', async () => {
    const { path, bytes } = (await onDisk())['with corrections']!
    const { port, sent, answer } = playedPort()
    const reader = new PortReader(port, () => undefined)
    answer('ready')
    // The worker's own messages for this file, as it would send them, taken from a real worker over a channel.
    const { port1, port2 } = new MessageChannel()
    const messages: unknown[] = []
    port1.on('message', (m) => messages.push(m))
    serveDeviceFileReads(port2 as unknown as ReaderPort)
    port1.postMessage({ seq: 1, path, options: { digest: true } })
    await expect.poll(() => messages.length).toBe(3)
    port1.close()
    const [, placed, taken] = messages as [unknown, { placed: unknown }, { taken: true }]
    expect(placed).toHaveProperty('placed')
    expect(taken).toHaveProperty('taken', true)

    // Placed, then the worker's verdict that a record breaks a rule: that verdict, never the parsed records.
    let settled = false
    const refused = reader.read(path).finally(() => (settled = true))
    answer({ ...placed, seq: sent.at(-1)!.seq })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(settled).toBe(false)
    answer({ seq: sent.at(-1)!.seq, reading: { kind: 'later', why: 'a record in it breaks the rules (x)' } })
    expect(await refused).toEqual({ kind: 'later', why: 'a record in it breaks the rules (x)' })
    // Placed, then taken: the records parsed here.
    const takenRead = reader.read(path)
    answer({ ...placed, seq: sent.at(-1)!.seq })
    answer({ ...taken, seq: sent.at(-1)!.seq })
    expect(await takenRead).toEqual(decodeDeviceFile(bytes))
  })

  it('answers "read again later" rather than never, should records it gets back not parse', async () => {
    const { port, sent, answer } = playedPort()
    const reader = new PortReader(port, () => undefined)
    answer('ready')
    const reading = reader.read((await onDisk()).empty!.path)
    const { file } = decodeDeviceFile(files().empty) as { file: object }
    answer({
      seq: sent.at(-1)!.seq,
      reading: { kind: 'ok', file, text: new TextEncoder().encode('{x').buffer, length: 2, parts: [['notes', Uint32Array.of(0, 2)]] },
    })
    expect(await reading).toMatchObject({ kind: 'later' })
  })

  it('reads in this thread when the worker cannot start: the same reading, the first read included', async () => {
    const reader = workerReader('/nowhere/device-file-worker.js')
    try {
      for (const [what, { path, bytes }] of Object.entries(await onDisk()))
        expect(await reader.read(path), what).toEqual(decodeDeviceFile(bytes))
    } finally {
      reader.close()
    }
  })

  it('reads here what waits when the worker stops, whatever it had begun, and every read from then on', async () => {
    const { path, bytes } = (await onDisk())['with corrections']!
    const { port, sent, answer } = playedPort()
    const reader = new PortReader(port, () => undefined)
    answer('ready')
    const asked = reader.read(path)
    const placed = reader.read(path)
    // The second read's records placed (from a file of no notes: what is parsed from it must not be the answer).
    const { file } = decodeDeviceFile(files().empty) as { file: { replica: unknown } }
    const text = new TextEncoder().encode('{}').buffer
    answer({
      seq: sent.at(-1)!.seq,
      placed: { file: { ...file, replica: undefined }, text, length: 2, parts: [['notes', Uint32Array.of(0, 2)]] },
    })
    reader.fail()
    expect(await asked).toEqual(decodeDeviceFile(bytes))
    expect(await placed).toEqual(decodeDeviceFile(bytes))
    // And from then on, in this thread.
    expect(await reader.read(path)).toEqual(decodeDeviceFile(bytes))
  })
})
