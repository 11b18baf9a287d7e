import { isUtf8 } from 'node:buffer'
import { createHash } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readChecked, wholeCharactersEnd } from '../../../../src/main/store/read-checked'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const BOM = Buffer.from([0xef, 0xbb, 0xbf])

/** What reading the file whole and checking it after gives (the reader before this one). */
function wholeAtOnce(file: Buffer, hashFrom: number) {
  const bytes = file.subarray(0, 3).equals(BOM) ? file.subarray(3) : file
  return { bytes: Buffer.from(bytes), utf8: isUtf8(bytes), sha256: sha256(bytes.subarray(hashFrom)) }
}

/** Text of 1-, 2-, 3- and 4-byte characters, sometimes damaged: a byte changed, cut off or put in. */
const fileBytes = fc
  .tuple(
    fc.boolean(),
    fc.string({ unit: fc.constantFrom('a', '\n', 'é', 'ñ', '€', '“', '𝄞', '😀', '\u{10FFFF}'), maxLength: 40 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf4, 0xf8, 0xff, 0x41)), { maxLength: 2 }),
    fc.nat({ max: 3 }),
  )
  .map(([bom, text, changes, cutOff]) => {
    const bytes = Buffer.concat([bom ? BOM : Buffer.alloc(0), Buffer.from(text)])
    for (const [at, value] of changes) if (bytes.length > 0) bytes[at % bytes.length] = value
    return bytes.subarray(0, Math.max(0, bytes.length - cutOff))
  })

describe('reading a store file a piece at a time', () => {
  it('gives the bytes, the UTF-8 verdict and the checksum that reading it whole gives, wherever the pieces end', async () => {
    const dir = await tempDir()
    const path = join(dir, 'store.json')
    let damaged = 0
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.integer({ min: 1, max: 9 }), fc.nat({ max: 12 }), async (file, pieceBytes, hashFrom) => {
        await writeFile(path, file)
        const read = await readChecked(path, { hashFrom, pieceBytes })
        const expected = wholeAtOnce(file, hashFrom)
        if (!expected.utf8) damaged++
        expect({ ...read, bytes: Buffer.from(read.bytes) }).toEqual(expected)
      }),
      { numRuns: 400 },
    )
    // Both verdicts were put to the test, not only "valid".
    expect(damaged).toBeGreaterThan(50)
  })

  it('finds a character split between two pieces whole, and a damaged one at a piece’s end damaged', async () => {
    const dir = await tempDir()
    const path = join(dir, 'store.json')
    // '😀' is four bytes: with pieces of two, it is split in the middle.
    await writeFile(path, Buffer.from('ab😀cd'))
    expect((await readChecked(path, { hashFrom: 0, pieceBytes: 2 })).utf8).toBe(true)
    // Its first three bytes, then an ASCII letter: never valid, wherever the pieces end.
    await writeFile(path, Buffer.concat([Buffer.from('ab'), Buffer.from('😀').subarray(0, 3), Buffer.from('cd')]))
    for (const pieceBytes of [1, 2, 3, 4, 5, 64]) expect((await readChecked(path, { hashFrom: 0, pieceBytes })).utf8).toBe(false)
  })

  it('leaves out a byte-order mark even when the pieces split it, and reads an empty file as empty', async () => {
    const dir = await tempDir()
    const path = join(dir, 'store.json')
    await writeFile(path, Buffer.concat([BOM, Buffer.from('{"x":1}')]))
    for (const pieceBytes of [1, 2, 4]) {
      const read = await readChecked(path, { hashFrom: 2, pieceBytes })
      expect(read.bytes.toString()).toBe('{"x":1}')
      expect(read.sha256).toBe(sha256(Buffer.from('x":1}')))
    }
    await writeFile(path, '')
    expect(await readChecked(path, { hashFrom: 0 })).toMatchObject({ bytes: Buffer.alloc(0), utf8: true })
  })

  it.skipIf(process.platform !== 'linux')('reads to its end a file that says it is empty, as reading it whole does', async () => {
    // /proc files say their size is 0, as some mounts do for real files.
    const read = await readChecked('/proc/self/mounts', { hashFrom: 0 })
    expect(read.bytes.length).toBeGreaterThan(0)
    expect(read.utf8).toBe(true)
  })

  it('fails as reading a file does, with its error code, when there is no file or a folder is there', async () => {
    await expect(readChecked(await tempDir(), { hashFrom: 0 })).rejects.toMatchObject({ code: 'EISDIR' })
    await expect(readChecked(join(await tempDir(), 'none.json'), { hashFrom: 0 })).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

describe('where a piece can end', () => {
  it('is before a lead byte whose character may go on, and at the end after ASCII or a whole character', () => {
    const euro = Buffer.from('a€') // 61 e2 82 ac
    expect(wholeCharactersEnd(euro, 0, 4)).toBe(1) // the whole euro sign is kept for the next check: harmless
    expect(wholeCharactersEnd(euro, 0, 3)).toBe(1)
    expect(wholeCharactersEnd(euro, 0, 2)).toBe(1)
    expect(wholeCharactersEnd(euro, 0, 1)).toBe(1)
    expect(wholeCharactersEnd(Buffer.from('ab'), 0, 2)).toBe(2)
    expect(wholeCharactersEnd(Buffer.from([0x80, 0x80, 0x80, 0x80]), 0, 4)).toBe(4)
  })
})
