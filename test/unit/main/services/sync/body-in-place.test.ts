import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bodyOverFile, SPOILT } from '../../../../../src/main/services/sync/body-in-place'

const FIELDS = '{"format":1,"app":"coop-atlas","device":{"id":"d","name":"Ana’s \\"laptop\\""},"length":3'
const fileOf = (bodyJson: string, fields = FIELDS, after = '}\n') => Buffer.from(`${fields},"body":${bodyJson}${after}`, 'utf8')

/** A character as a JSON string may hold it: itself, or any escape JSON.parse reads as it. */
function spellings(char: string): string[] {
  const units = Array.from({ length: char.length }, (_, i) => char.charCodeAt(i))
  const hex = (unit: number) => unit.toString(16).padStart(4, '0')
  const escaped = units.map((u) => `\\u${hex(u)}`).join('')
  const simple: Record<string, string> = {
    '"': '\\"',
    '\\': '\\\\',
    '/': '\\/',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
  }
  // Not as itself: a quote, a backslash or a control character (JSON wants them escaped).
  const raw = [...char].some((c) => c === '"' || c === '\\' || c.charCodeAt(0) < 0x20) ? [] : [char]
  return [...raw, escaped, escaped.toUpperCase().replaceAll('\\U', '\\u'), ...(simple[char] ? [simple[char]] : [])]
}

/** Any character a note may hold, plain letters most often. */
const char = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', ' ', 'é', '中', '🧵', '’') },
  { weight: 2, arbitrary: fc.constantFrom('"', '\\', '/', '\n', '\t', '\b', '\f', '\r', '\u0000', '\u001f', '\u007f', '\u2028') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
)

describe("a device file's body, its escapes undone over the file's own bytes", () => {
  it('is the text JSON.parse reads, as UTF-8, however each character is spelt in the file', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(char, fc.nat()), { maxLength: 40 }), fc.constantFrom('}', '}\n', ' }', '}\r\n\t '), (chars, after) => {
        const text = chars.map(([c]) => c).join('')
        const json = `"${chars.map(([c, pick]) => spellings(c)[pick % spellings(c).length]).join('')}"`
        expect(JSON.parse(json)).toBe(text)
        const bytes = fileOf(json, FIELDS, after)
        const whole = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
        const over = bodyOverFile(bytes) as Exclude<ReturnType<typeof bodyOverFile>, typeof SPOILT>
        expect(over).toMatchObject({ body: expect.any(Buffer) })
        expect(over!.body.toString('utf8')).toBe(whole['body'])
        expect(Buffer.compare(over!.body, Buffer.from(text, 'utf8'))).toBe(0)
        expect({ ...over!.fields, body: whole['body'] }).toEqual(whole)
        // Written from the first byte of the file's own bytes.
        expect(over!.body.buffer).toBe(bytes.buffer)
        expect(over!.body.byteOffset).toBe(bytes.byteOffset)
      }),
      { numRuns: 1000 },
    )
  })

  it('leaves the bytes untouched when the fields before the body are not laid out as the app writes them', () => {
    const cases: [string, Buffer][] = [
      ['a space before the body', Buffer.from(`${FIELDS}, "body":"text"}`)],
      ['no body', Buffer.from(`${FIELDS}}`)],
      ['a body key inside the device', Buffer.from('{"device":{"id":"d","body":"x"},"format":1}')],
      ['fields that are not an object', Buffer.from('[1,"body":"x"}')],
      ['a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fileOf('"text"')])],
    ]
    for (const [what, bytes] of cases) {
      const before = Buffer.from(bytes)
      expect(bodyOverFile(bytes), what).toBeNull()
      expect(Buffer.compare(bytes, before), what).toBe(0)
    }
  })

  it('says the bytes are spoilt (to be read again, whole) when the body, begun over them, cannot be taken so', () => {
    const cases: [string, Buffer][] = [
      ['an escaped lone surrogate (UTF-8 cannot hold it)', fileOf('"ab\\ud800c"')],
      ['a lone low surrogate', fileOf('"\\udc00"')],
      ['a high surrogate and no low one after it', fileOf('"\\ud83e\\u0041"')],
      ['cut short', fileOf('"no closing quote', FIELDS, '')],
      ['a control character as it is', fileOf('"tab\there"')],
      ['an escape JSON does not know', fileOf('"\\x41"')],
      ['a short \\u escape', fileOf('"\\u41"')],
      ['a field after the body', fileOf('"text"', FIELDS, ',"more":1}')],
      ['something after the object', fileOf('"text"', FIELDS, '}x')],
      ['two objects', fileOf('"text"', FIELDS, '}{}')],
      ['a body key twice', Buffer.from(`${FIELDS},"body":"a","body":"b"}`)],
    ]
    for (const [what, bytes] of cases) expect(bodyOverFile(bytes), what).toBe(SPOILT)
  })
})
