import { describe, expect, it } from 'vitest'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  decodeIndex,
  encodeIndex,
  INDEX_FILE,
  indexAsItIs,
  readIndexFile,
  writeIndexFile,
} from '../../../../../src/main/services/note-search/index-file'
import { TextIndex } from '../../../../../src/shared/text-index'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()
const meta = { storeVersion: 8, packId: 'pack-1' }

/** An index of `count` texts sharing a few hundred words, and each text's stamp. */
function indexed(count: number) {
  const index = new TextIndex()
  const stamps = new Map<string, string>()
  for (let n = 0; n < count; n++) {
    index.add(`t${n}`, Array.from({ length: 40 }, (_, w) => `w${(n * 7 + w) % 300}`).join(' '))
    stamps.set(`t${n}`, `stamp-${n}-1`)
  }
  return { index, stamps }
}

/** The file's bytes with another header in front of the same body (padded as the writer pads it). */
function withHeader(bytes: Buffer, header: Record<string, unknown>): Buffer {
  const body = bytes.subarray(12 + bytes.readUInt32LE(8))
  let text = JSON.stringify(header)
  text += ' '.repeat((4 - ((12 + Buffer.byteLength(text)) % 4)) % 4)
  const length = Buffer.alloc(4)
  length.writeUInt32LE(Buffer.byteLength(text))
  return Buffer.concat([bytes.subarray(0, 8), length, Buffer.from(text), body])
}

describe('the note index file', () => {
  it('is made from the index and stamps as they were at its first step, whatever is indexed between its steps', () => {
    const { index, stamps } = indexed(3000)
    const expected = { parts: index.parts(), stamps: new Map(stamps) }
    const steps = indexAsItIs(index, stamps)
    let between = 0
    for (let step = steps.next(); ; step = steps.next(), between++) {
      if (step.done) {
        expect(step.value).toEqual(expected)
        break
      }
      // As note search does between slices: a note indexed anew (its stamp with it), one removed, one new.
      index.add(`t${between}`, 'rewritten entirely')
      stamps.set(`t${between}`, `stamp-${between}-2`)
      index.remove(`t${2000 + between}`)
      stamps.delete(`t${2000 + between}`)
      index.add(`new${between}`, 'brand new')
      stamps.set(`new${between}`, 'stamp-new')
    }
    expect(between).toBeGreaterThan(0)
  })

  it('reads back as written: the same parts, stamps and header', async () => {
    const folder = await tempDir()
    const { index, stamps } = indexed(500)
    const parts = index.parts()
    const { header } = (await writeIndexFile(folder, parts, stamps, meta))!
    const read = await readIndexFile(folder, meta.storeVersion)
    expect(read).toEqual({ header, parts, stamps })
    expect(header).toMatchObject({ notes: 500, packId: 'pack-1', body: expect.stringMatching(/^[0-9a-f]{64}$/) })
  })

  it('reads the numbers back when its bytes start at an offset they cannot be viewed at in place (copied, then read)', async () => {
    const { index, stamps } = indexed(300)
    const parts = index.parts()
    const { bytes, header } = encodeIndex(parts, stamps, meta)
    for (const shift of [1, 2, 3]) {
      // The same bytes inside a larger buffer, `shift` bytes in: the counts can no longer be a Uint32Array over it.
      const larger = Buffer.alloc(bytes.length + shift)
      bytes.copy(larger, shift)
      const decoded = await decodeIndex(larger.subarray(shift), meta.storeVersion)
      expect(decoded).toEqual({ header, parts, stamps })
    }
  })

  it('keeps each note number in 16 bits while the notes fit, in 32 past 65,536, and reads both back', async () => {
    for (const [count, width] of [
      [65_536, 2],
      [65_537, 4],
    ] as const) {
      const index = new TextIndex()
      const stamps = new Map<string, string>()
      for (let n = 0; n < count; n++) {
        index.add(`t${n}`, n === count - 1 ? 'last common' : `common w${n % 97}`)
        stamps.set(`t${n}`, 's')
      }
      const folder = await tempDir()
      const parts = index.parts()
      expect(parts.postings.BYTES_PER_ELEMENT).toBe(width)
      const { header } = (await writeIndexFile(folder, parts, stamps, meta))!
      expect(header.width).toBe(width)
      const read = await readIndexFile(folder, meta.storeVersion)
      if (typeof read === 'string') throw new Error(read)
      const back = TextIndex.fromParts(read.parts)
      // The last note's number is count - 1: 65,535 still fits in 16 bits; 65,536 would wrap to 0 in them.
      expect(back.search('last', 5).map((h) => h.id)).toEqual([`t${count - 1}`])
      expect(back.search('common', count + 1)).toHaveLength(count)
    }
  })

  it('still reads a file of format 2 (every number in 32 bits, no width in its header)', async () => {
    const folder = await tempDir()
    const { index, stamps } = indexed(200)
    const parts = index.parts()
    const { bytes, header } = encodeIndex({ ...parts, postings: Uint32Array.from(parts.postings) }, stamps, meta)
    const { width: _width, ...rest } = header
    await writeFile(join(folder, INDEX_FILE), withHeader(bytes, { ...rest, format: 2 }))
    const read = await readIndexFile(folder, meta.storeVersion)
    if (typeof read === 'string') throw new Error(read)
    expect(read.parts.postings).toBeInstanceOf(Uint32Array)
    expect(index.search('w12', 300).length).toBeGreaterThan(10)
    expect(
      TextIndex.fromParts(read.parts)
        .search('w5', 300)
        .map((h) => h.id),
    ).toEqual(index.search('w5', 300).map((h) => h.id))
  })

  it.each([
    ['no width', undefined],
    ['a width of 3', 3],
    ['a width that does not match its numbers', 4],
  ])('refuses a file of format 3 with %s in its header', async (_what, width) => {
    const folder = await tempDir()
    const { index, stamps } = indexed(200)
    const { bytes, header } = encodeIndex(index.parts(), stamps, meta)
    expect(header.width).toBe(2)
    await writeFile(join(folder, INDEX_FILE), withHeader(bytes, { ...header, width }))
    expect(await readIndexFile(folder, meta.storeVersion)).toBe(width === 4 ? 'damaged' : 'format')
  })
})
