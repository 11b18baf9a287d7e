/**
 * A device file's body read without making the whole file a string. The file is JSON whose last field is the body,
 * a long JSON string (folder-format.ts). JSON.parse of the whole made the file a string (23 MB at 10,000 notes)
 * and then the body another; each is new memory, about 200 ms each to touch the first time on the machine the bench
 * runs on. Here the body's escapes are undone over the file's own bytes, which then hold the body as UTF-8 from
 * their start: the bytes the worker sends to main anyway (device-file-reader.ts).
 *
 * Hand-written: no library undoes a JSON string's escapes into the bytes it came from. Only the layout the app
 * writes is taken this way; any other (the body not last, spaces around its key, an escape UTF-8 cannot hold) is
 * left to JSON.parse of the whole, which reads every valid file.
 *
 * The escapes are undone as they are read, in one pass: checking the whole body first, then writing it, took twice
 * as long (about 150 ms for 23 MB). A body found wanting part way (a file cut short while a sync tool copies it)
 * has then spoilt the bytes, and the file is read again to be read whole.
 */

const QUOTE = 0x22
const BACKSLASH = 0x5c
const CLOSE_BRACE = 0x7d
/** The body's key as the app writes it, after the other fields: its value starts after this. */
const BODY_KEY = Buffer.from(',"body":"', 'latin1')
/** What a JSON escape's letter stands for (`\n` is a line feed). */
const SIMPLE_ESCAPES: Record<number, number> = {
  [QUOTE]: QUOTE,
  [BACKSLASH]: BACKSLASH,
  0x2f: 0x2f, // \/
  0x62: 0x08, // \b
  0x66: 0x0c, // \f
  0x6e: 0x0a, // \n
  0x72: 0x0d, // \r
  0x74: 0x09, // \t
}
const U = 0x75

/** bodyOverFile's answer for a body it began to write over the file's bytes, then could not take: they are spoilt. */
export const SPOILT = 'spoilt'

/**
 * The file's fields but the body, and the body's UTF-8 bytes, now the first bytes of `bytes` (written over them);
 * null, the bytes untouched, when the fields are not laid out as the app writes them; SPOILT when the body is not
 * (bytes written over part way, to be read again). For a file laid out as the app writes it, the same as JSON.parse
 * of the whole: the fields, and the body's text as those bytes.
 */
export function bodyOverFile(bytes: Buffer): { fields: Record<string, unknown>; body: Buffer } | null | typeof SPOILT {
  const key = bytes.indexOf(BODY_KEY)
  if (key < 0) return null
  // The fields before the body as an object of their own. Parsed only if they end where an object's field may end:
  // a key found inside a nested object leaves the outer one open, and JSON.parse refuses it.
  let fields: unknown
  try {
    fields = JSON.parse(`${bytes.toString('utf8', 0, key)}}`)
  } catch {
    return null
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields) || Object.hasOwn(fields, 'body')) return null
  // What follows the body's string is read where it is: the body is written only over bytes before it.
  const body = unescapeString(bytes, key + BODY_KEY.length)
  if (body === null || !closesObject(bytes, body.end)) return SPOILT
  return { fields: fields as Record<string, unknown>, body: bytes.subarray(0, body.length) }
}

/** Whether only `}` and JSON white space follow `at`. */
function closesObject(bytes: Buffer, at: number): boolean {
  let i = skipSpace(bytes, at)
  if (bytes[i] !== CLOSE_BRACE) return false
  i = skipSpace(bytes, i + 1)
  return i === bytes.length
}

function skipSpace(bytes: Buffer, at: number): number {
  let i = at
  while (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09) i++
  return i
}

/**
 * The JSON string starting at `start` (after its opening quote), its escapes undone and written from the first byte
 * of `bytes` (never ahead of what is read: an escape is never shorter than what it stands for): its UTF-8 length and
 * where it ends (after its closing quote). Null, part written, for what JSON.parse refuses (a control character, an
 * unknown escape, no closing quote) and for an escaped lone surrogate, which UTF-8 cannot hold.
 */
function unescapeString(bytes: Buffer, start: number): { length: number; end: number } | null {
  let to = 0
  let at = start
  while (at < bytes.length) {
    const byte = bytes[at]!
    if (byte === QUOTE) return { length: to, end: at + 1 }
    if (byte < 0x20) return null
    if (byte !== BACKSLASH) {
      bytes[to] = byte
      to++
      at++
      continue
    }
    const letter = bytes[at + 1]
    if (letter === undefined) return null
    const simple = SIMPLE_ESCAPES[letter]
    if (simple !== undefined) {
      bytes[to] = simple
      to++
      at += 2
      continue
    }
    if (letter !== U) return null
    let code = hex4(bytes, at + 2)
    at += 6
    if (code < 0 || (code >= 0xdc00 && code <= 0xdfff)) return null
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = bytes[at] === BACKSLASH && bytes[at + 1] === U ? hex4(bytes, at + 2) : -1
      if (low < 0xdc00 || low > 0xdfff) return null
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
      at += 6
    }
    to = putUtf8(bytes, to, code)
  }
  return null
}

/** The four hex digits at `at` as a number, or -1. */
function hex4(bytes: Buffer, at: number): number {
  let value = 0
  for (let i = at; i < at + 4; i++) {
    const c = bytes[i]
    const digit =
      c === undefined ? -1 : c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1
    if (digit < 0) return -1
    value = value * 16 + digit
  }
  return value
}

/** Writes `code` as UTF-8 at `to`; returns where the next byte goes. */
function putUtf8(bytes: Buffer, to: number, code: number): number {
  if (code < 0x80) {
    bytes[to] = code
    return to + 1
  }
  if (code < 0x800) {
    bytes[to] = 0xc0 | (code >> 6)
    bytes[to + 1] = 0x80 | (code & 0x3f)
    return to + 2
  }
  if (code < 0x10000) {
    bytes[to] = 0xe0 | (code >> 12)
    bytes[to + 1] = 0x80 | ((code >> 6) & 0x3f)
    bytes[to + 2] = 0x80 | (code & 0x3f)
    return to + 3
  }
  bytes[to] = 0xf0 | (code >> 18)
  bytes[to + 1] = 0x80 | ((code >> 12) & 0x3f)
  bytes[to + 2] = 0x80 | ((code >> 6) & 0x3f)
  bytes[to + 3] = 0x80 | (code & 0x3f)
  return to + 4
}
