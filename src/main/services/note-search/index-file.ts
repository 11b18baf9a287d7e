/**
 * The note search's index on disk, beside the store: `coop-atlas-notes-index.bin`. Only a cache: the store is the
 * truth, and a file that is not exactly right is never used (the index is built again from the store).
 *
 *   "COOPNIX1"  u32 header length  header (JSON)  body
 *
 * The header names the file format, the store's schema version, the pack the notes' subjects were named from, a
 * digest over every indexed note's stamp (note-text.ts, noteStamp) and the SHA-256 of the body. The body: the note
 * ids and their stamps (JSON), the vocabulary (one word a line), then how many notes hold each word (little-endian
 * u32) and their numbers (little-endian, u16 while the notes fit, else u32: the header's `width`; shared/text-index.ts
 * TextIndexParts). At 50,000 notes u16 made the file 45 → 25 MB, and its read at start about that much shorter.
 * Written the way the store writes its snapshot (writeDurably: a temporary file, fsynced, renamed over the old one,
 * the folder fsynced).
 */
import { createHash } from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { TextIndex, TextIndexParts } from '../../../shared/text-index'
import { writeDurably } from '../../store/durable-file'
import { BACKGROUND_SLICE_MS, joinedAndHashed, runInSlices, runToEnd, type Steps } from '../../work-in-slices'

export const INDEX_FILE = 'coop-atlas-notes-index.bin'
/** 3: the numbers of the notes holding each word 16 bits each while they fit (`width`). 2: always 32, still read. */
export const INDEX_FORMAT = 3
const MAGIC = Buffer.from('COOPNIX1', 'latin1')

export interface IndexHeader {
  format: number
  storeVersion: number
  packId: string
  /** notesDigest over the notes as indexed. */
  digest: string
  notes: number
  words: number
  postings: number
  /** Bytes per posting: 2 while the notes fit in 16 bits, else 4 (format 3; 4 in format 2). */
  width?: 2 | 4
  /** SHA-256 of the body, hex. */
  body: string
}

export interface IndexContents {
  header: IndexHeader
  parts: TextIndexParts
  /** Each indexed note's stamp, by id. */
  stamps: Map<string, string>
}

/** Why a file was not used: it is rebuilt in every case. */
export type Untrusted = 'missing' | 'unreadable' | 'format' | 'store-version' | 'checksum' | 'damaged'

/** One digest over every (id, stamp), in the file's order: equal only when every note is indexed as it is. */
export function notesDigest(stamps: Iterable<[string, string]>): string {
  return runToEnd(notesDigestInSteps(stamps))
}

function* notesDigestInSteps(stamps: Iterable<[string, string]>): Steps<string> {
  const hash = createHash('sha256')
  let lines = ''
  for (const [id, stamp] of stamps) {
    lines += `${id}\t${stamp}\n`
    if (lines.length > 65536) {
      hash.update(lines)
      lines = ''
      yield
    }
  }
  return hash.update(lines).digest('hex')
}

/** SHA-256 in slices, letting other work (a call from the window) run between them. */
async function sha256(bytes: Uint8Array): Promise<string> {
  const hash = createHash('sha256')
  const SLICE = 8 * 1024 * 1024
  for (let at = 0; at < bytes.length; at += SLICE) {
    hash.update(bytes.subarray(at, at + SLICE))
    if (at + SLICE < bytes.length) await new Promise((resolve) => setImmediate(resolve))
  }
  return hash.digest('hex')
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n)
  return b
}

/**
 * What the file is written from, taken a step at a time while notes go on being indexed: the index's parts and each
 * note's stamp, both as they are at the first step (TextIndex.partsInSteps says how the parts stay so).
 */
export function* indexAsItIs(
  index: TextIndex,
  stamps: ReadonlyMap<string, string>,
): Steps<{ parts: TextIndexParts; stamps: Map<string, string> }> {
  const stampsThen = new Map(stamps)
  const parts = yield* index.partsInSteps()
  return { parts, stamps: stampsThen }
}

export function encodeIndex(
  parts: TextIndexParts,
  stamps: ReadonlyMap<string, string>,
  meta: { storeVersion: number; packId: string },
): { bytes: Buffer; header: IndexHeader } {
  return runToEnd(encodeIndexInSteps(parts, stamps, meta))
}

/** encodeIndex a step at a time: 45 MB at 50,000 notes, written by main. */
export function* encodeIndexInSteps(
  parts: TextIndexParts,
  stamps: ReadonlyMap<string, string>,
  meta: { storeVersion: number; packId: string },
): Steps<{ bytes: Buffer; header: IndexHeader }> {
  const stampOf = parts.ids.map((id) => stamps.get(id) ?? '')
  const ids = Buffer.from(JSON.stringify(parts.ids))
  const stampList = Buffer.from(JSON.stringify(stampOf))
  yield
  const vocabulary = Buffer.from(parts.vocabulary.join('\n'))
  const headLength = 12 + ids.length + stampList.length + vocabulary.length
  const body = [
    u32(ids.length),
    ids,
    u32(stampList.length),
    stampList,
    u32(vocabulary.length),
    vocabulary,
    Buffer.alloc((4 - (headLength % 4)) % 4),
    Buffer.from(parts.counts.buffer, parts.counts.byteOffset, parts.counts.byteLength),
    Buffer.from(parts.postings.buffer, parts.postings.byteOffset, parts.postings.byteLength),
  ]
  const header: IndexHeader = {
    format: INDEX_FORMAT,
    storeVersion: meta.storeVersion,
    packId: meta.packId,
    digest: yield* notesDigestInSteps(parts.ids.map((id, n): [string, string] => [id, stampOf[n]!])),
    notes: parts.ids.length,
    words: parts.vocabulary.length,
    postings: parts.postings.length,
    width: parts.postings.BYTES_PER_ELEMENT as 2 | 4,
    body: '0'.repeat(64),
  }
  // The header's length is known before the body's SHA-256 (64 hex digits whatever it is): the body is copied once,
  // and hashed meanwhile, after room for what comes before it.
  const headerBytes = (bodySha256: string) => {
    // Padded with spaces so that the body, and the numbers in it, start at a multiple of 4 bytes.
    let text = JSON.stringify({ ...header, body: bodySha256 })
    text += ' '.repeat((4 - ((12 + Buffer.byteLength(text)) % 4)) % 4)
    return Buffer.from(text)
  }
  const before = MAGIC.length + 4 + headerBytes(header.body).length
  const { bytes, sha256 } = yield* joinedAndHashed(body, before)
  const written = headerBytes(sha256)
  MAGIC.copy(bytes, 0)
  bytes.writeUInt32LE(written.length, MAGIC.length)
  written.copy(bytes, MAGIC.length + 4)
  return { bytes, header: { ...header, body: sha256 } }
}

export async function writeIndexFile(
  folder: string,
  parts: TextIndexParts,
  stamps: ReadonlyMap<string, string>,
  meta: { storeVersion: number; packId: string },
  sliceMs = BACKGROUND_SLICE_MS,
  stillWanted: () => boolean = () => true,
): Promise<{ bytes: number; header: IndexHeader } | null> {
  const { bytes, header } = await runInSlices(encodeIndexInSteps(parts, stamps, meta), sliceMs)
  // Encoded while other work went on: written only if the caller still wants it (no rebuild began meanwhile).
  if (!stillWanted()) return null
  await writeDurably(join(folder, INDEX_FILE), bytes)
  return { bytes: bytes.length, header }
}

/**
 * The file's contents when they can be trusted as what they claim to be; else why not. Read in large slices into one
 * buffer, the SHA-256 of each slice taken while the next is read (main is free between them), so that reading and
 * checking overlap; the numbers are then used where they lie in that buffer, not copied.
 */
export async function readIndexFile(
  folder: string,
  storeVersion: number,
  timings: Record<string, number> = {},
): Promise<IndexContents | Untrusted> {
  const start = performance.now()
  let handle: FileHandle
  try {
    handle = await open(join(folder, INDEX_FILE), 'r')
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable'
  }
  let reading: Promise<{ bytesRead: number }> | null = null
  try {
    const size = (await handle.stat()).size
    const bytes = Buffer.from(new ArrayBuffer(size))
    const hash = createHash('sha256')
    let bodyAt = -1
    let hashed = 0
    const SLICE = 4 * 1024 * 1024
    let at = 0
    reading = size > 0 ? handle.read(bytes, 0, Math.min(SLICE, size), 0) : null
    while (reading) {
      const { bytesRead } = await reading
      if (bytesRead === 0) break
      at += bytesRead
      reading = at < size ? handle.read(bytes, at, Math.min(SLICE, size - at), at) : null
      if (bodyAt === -1 && at >= 12) {
        if (!bytes.subarray(0, 8).equals(MAGIC)) return 'format'
        bodyAt = 12 + bytes.readUInt32LE(8)
        hashed = bodyAt
      }
      if (bodyAt !== -1 && at > hashed) {
        hash.update(bytes.subarray(hashed, at))
        hashed = at
      }
    }
    if (at !== size) return 'damaged'
    timings['readMs'] = performance.now() - start
    timings['bytes'] = size
    return decodeIndex(bytes, storeVersion, timings, bodyAt === -1 ? undefined : hash.digest('hex'))
  } catch {
    return 'unreadable'
  } finally {
    // A slice still being read (the file refused early) is waited for before the file is closed.
    await reading?.catch(() => undefined)
    await handle.close().catch(() => undefined)
  }
}

/** `bodyHash`: the body's SHA-256 when the caller took it as it read; taken here otherwise. */
export async function decodeIndex(
  bytes: Buffer,
  storeVersion: number,
  timings: Record<string, number> = {},
  bodyHash?: string,
): Promise<IndexContents | Untrusted> {
  try {
    let start = performance.now()
    if (bytes.length < 12 || !bytes.subarray(0, 8).equals(MAGIC)) return 'format'
    const headerLength = bytes.readUInt32LE(8)
    const header = JSON.parse(bytes.subarray(12, 12 + headerLength).toString('utf8')) as IndexHeader
    if (header.format !== INDEX_FORMAT && header.format !== 2) return 'format'
    const width = header.format === 2 ? 4 : header.width
    if (width !== 2 && width !== 4) return 'format'
    if (header.storeVersion !== storeVersion) return 'store-version'
    const body = bytes.subarray(12 + headerLength)
    if ((bodyHash ?? (await sha256(body))) !== header.body) return 'checksum'
    timings['hashMs'] = performance.now() - start
    start = performance.now()
    let at = 0
    const chunk = () => {
      const length = body.readUInt32LE(at)
      const out = body.subarray(at + 4, at + 4 + length)
      if (out.length !== length) throw new Error('short')
      at += 4 + length
      return out
    }
    const ids = JSON.parse(chunk().toString('utf8')) as string[]
    const stampList = JSON.parse(chunk().toString('utf8')) as string[]
    const vocabularyText = chunk().toString('utf8')
    const vocabulary = vocabularyText === '' ? [] : vocabularyText.split('\n')
    at += (4 - (at % 4)) % 4
    if (body.length - at !== header.words * 4 + header.postings * width) return 'damaged'
    // Where they lie when the buffer allows (the writer aligns them to 4 bytes in the file); copied otherwise.
    const offset = body.byteOffset + at
    const [buffer, from] = offset % 4 === 0 ? [body.buffer, offset] : [body.buffer.slice(offset, body.byteOffset + body.length), 0]
    const counts = new Uint32Array(buffer, from, header.words)
    const postingsFrom = from + header.words * 4
    const postings =
      width === 2 ? new Uint16Array(buffer, postingsFrom, header.postings) : new Uint32Array(buffer, postingsFrom, header.postings)
    if (
      !Array.isArray(ids) ||
      !Array.isArray(stampList) ||
      ids.length !== header.notes ||
      stampList.length !== ids.length ||
      vocabulary.length !== header.words
    )
      return 'damaged'
    // A number past the ids cannot come from a body whose checksum holds; the search passes over one anyway.
    const stamps = new Map(ids.map((id, i) => [id, stampList[i]!]))
    if (stamps.size !== ids.length) return 'damaged'
    timings['decodeMs'] = performance.now() - start
    return { header, parts: { ids, vocabulary, counts, postings }, stamps }
  } catch {
    return 'damaged'
  }
}
