/**
 * A store file read a piece at a time, each piece checked as UTF-8 and hashed while the next one is being read.
 * Read whole first and then checked, the three passes came one after the other: at 50,000 notes (111 MB) reading
 * took 380 ms, the first pass over the fresh memory 147 ms and the checksum 70 ms (npm run bench, open). Read in
 * pieces, the operating system fills the next piece (on libuv's thread) while main checks the last one, and the
 * check and the checksum mostly hide behind the reading. The bytes and the verdicts are the same as reading the
 * file whole and checking it after.
 */
import { isUtf8 } from 'node:buffer'
import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

/** Bytes read at a time: large enough that each read is cheap, small enough that the last check is short. */
const PIECE_BYTES = 4 << 20
const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf] as const

export interface CheckedRead {
  /** The file's bytes, without a leading byte-order mark (some editors add one; it is not part of the JSON). */
  bytes: Buffer
  /** Whether the bytes are valid UTF-8 (strict: a lenient decode would make damaged bytes U+FFFD for good). */
  utf8: boolean
  /** The SHA-256 (hex) of `bytes` from `hashFrom` on (of nothing when there are fewer bytes). */
  sha256: string
}

export async function readChecked(
  path: string,
  { hashFrom, pieceBytes = PIECE_BYTES }: { hashFrom: number; pieceBytes?: number },
): Promise<CheckedRead> {
  const handle = await open(path, 'r')
  try {
    const info = await handle.stat()
    // Read to its end, as Node's readFile does, what does not say its size: not a plain file (a directory fails as
    // with readFile), or one that says it is empty (some mounts do). Trusting that size made such a file "empty".
    if (!info.isFile() || info.size === 0) return checkedWhole(await handle.readFile(), hashFrom)
    const size = info.size
    const file = Buffer.allocUnsafeSlow(size)
    const hash = createHash('sha256')
    let read = 0
    let checked = 0
    let hashed = 0
    let utf8 = true
    let skip = -1 // the byte-order mark's length, once the first piece shows whether there is one
    let pending: Promise<{ bytesRead: number }> | null = handle.read(file, 0, Math.min(pieceBytes, size), 0)
    while (pending !== null) {
      const { bytesRead }: { bytesRead: number } = await pending
      const end = read + bytesRead
      // The next piece is asked for before this one is checked: the two run side by side.
      pending = bytesRead > 0 && end < size ? handle.read(file, end, Math.min(pieceBytes, size - end), end) : null
      if (skip < 0 && (end >= BYTE_ORDER_MARK.length || pending === null)) {
        skip = byteOrderMarkLength(file.subarray(0, end))
        checked = skip
        hashed = skip + hashFrom
      }
      if (skip >= 0) {
        const cut = pending === null ? end : wholeCharactersEnd(file, checked, end)
        utf8 &&= isUtf8(file.subarray(checked, cut))
        checked = cut
        if (end > hashed) {
          hash.update(file.subarray(hashed, end))
          hashed = end
        }
      }
      read = end
    }
    const bytes = file.subarray(skip > 0 ? skip : 0, read)
    return { bytes, utf8, sha256: hash.digest('hex') }
  } finally {
    await handle.close()
  }
}

/** The same verdicts for bytes read whole. */
function checkedWhole(file: Buffer, hashFrom: number): CheckedRead {
  const bytes = file.subarray(byteOrderMarkLength(file))
  return { bytes, utf8: isUtf8(bytes), sha256: createHash('sha256').update(bytes.subarray(hashFrom)).digest('hex') }
}

/** 3 when `bytes` begin with a UTF-8 byte-order mark, else 0. */
function byteOrderMarkLength(bytes: Uint8Array): number {
  return bytes.length >= BYTE_ORDER_MARK.length && BYTE_ORDER_MARK.every((byte, i) => bytes[i] === byte) ? BYTE_ORDER_MARK.length : 0
}

/**
 * Where the bytes from `from` to `end` can be cut so that no character is split: before the last character's lead
 * byte when that character may go on in the next piece. A split character would fail the check though whole.
 */
export function wholeCharactersEnd(bytes: Uint8Array, from: number, end: number): number {
  for (let at = end - 1; at >= Math.max(from, end - 4); at--) {
    const byte = bytes[at]!
    if ((byte & 0xc0) === 0x80) continue // a continuation byte: its lead is further back
    // ASCII ends a character; a lead byte may have the rest of its character in the next piece.
    return byte < 0x80 ? end : at
  }
  // Four continuation bytes in a row (never valid) or nothing to cut: the check finds what is wrong.
  return end
}
