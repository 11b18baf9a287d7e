/**
 * Where each record of a device file's body is in its bytes (device-file-records.ts, device-file-reader.ts): a scan
 * of the bytes, no string made. Hand-written: it is one loop, and no JSON library gives byte offsets of values.
 */

/** For each top-level list of a body (by key, in the order the body holds them): where each object in it starts and ends. */
export type RecordRanges = Map<string, number[]>

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

/**
 * Where each record of a body is: for each of its top-level arrays (by key), the byte offsets where each object in
 * it starts and ends. For valid JSON of the body's shape (an object of arrays of objects), exactly those; for text
 * of another shape, null; for text that is not valid JSON, null or places that prove nothing (the scan only follows
 * strings and brackets: device-file-records.ts checks the rest). A byte of a multi-byte UTF-8 character is never
 * one of the bytes looked for.
 */
export function recordRanges(text: Uint8Array): RecordRanges | null {
  const found: RecordRanges = new Map()
  let depth = 0
  let key: string | null = null
  let ranges: number[] | null = null
  for (let i = 0; i < text.length; i++) {
    const byte = text[i]
    if (byte === QUOTE) {
      const start = i
      i = stringEnd(text, i)
      if (i < 0) return null
      // A key of the top-level object, read as JSON reads it (escapes and all).
      if (depth === 1) {
        key = jsonString(Buffer.from(text.buffer, text.byteOffset + start, i + 1 - start).toString('utf8'))
        if (key === null) return null
      }
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++
      if (depth === 2) {
        if (byte !== OPEN_BRACKET || key === null || found.has(key)) return null
        found.set(key, (ranges = []))
      } else if (depth === 3) {
        if (byte !== OPEN_BRACE) return null
        ranges!.push(i)
      }
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (depth === 3) ranges!.push(i + 1)
      depth--
    }
  }
  return depth === 0 ? found : null
}

/**
 * Where the string opened at `start` closes: the next quote that no backslash escapes (one after an odd run of
 * them); -1 if none. Found with indexOf, which skips a note's long text far faster than a loop over its bytes
 * (npm run bench's merge: 45-85 ms for 23 MB byte by byte, 6-15 ms once warm this way).
 */
function stringEnd(text: Uint8Array, start: number): number {
  for (let at = start; ;) {
    at = text.indexOf(QUOTE, at + 1)
    if (at < 0) return -1
    let backslashes = 0
    while (text[at - 1 - backslashes] === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return at
  }
}

/** A JSON string's value, or null for text JSON does not read as a string. */
function jsonString(text: string): string | null {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'string' ? value : null
  } catch {
    return null
  }
}
