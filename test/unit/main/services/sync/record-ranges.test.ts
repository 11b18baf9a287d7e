import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { recordRanges } from '../../../../../src/main/services/sync/record-ranges'

describe("the records' places in a body's bytes", () => {
  it('finds each record of a body, whatever its strings hold', () => {
    const records = [{ a: '{"[' }, { b: 'back\\\\slash \\\\" } ] {' }, { c: 'émoji 🧵 }' }, { d: [{ e: {} }] }]
    const text = Buffer.from(`{"notes":[${records.map((r) => JSON.stringify(r)).join(' , ')}],"x\\"}":[]}`)
    const found = recordRanges(text)!
    expect([...found.keys()]).toEqual(['notes', 'x"}'])
    const ranges = found.get('notes')!
    expect(ranges).toHaveLength(8)
    for (let n = 0; n < records.length; n++) expect(JSON.parse(text.toString('utf8', ranges[2 * n], ranges[2 * n + 1]))).toEqual(records[n])
    expect(recordRanges(Buffer.from('{"notes":[1,2]}'))?.get('notes')).toEqual([])
    expect(recordRanges(Buffer.from('{"notes":[{}'))).toBeNull()
  })

  it('says null, never throws, for a top-level key JSON does not read (it now scans bodies not yet checked)', () => {
    for (const text of ['{"no\ttes":[{}]}', '{"\\x":[{}]}', '{"\\u12":[{}]}']) expect(recordRanges(Buffer.from(text)), text).toBeNull()
    // A list under an object, or a list of lists: not a body's shape.
    expect(recordRanges(Buffer.from('{"notes":{"a":[]}}'))).toBeNull()
    expect(recordRanges(Buffer.from('{"notes":[[{}]]}'))).toBeNull()
  })

  it('finds every record of any body of lists of objects, whatever the records hold', () => {
    const record = fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue())
    const body = fc.dictionary(fc.string({ unit: 'binary' }), fc.array(record, { maxLength: 4 }), { maxKeys: 4 })
    fc.assert(
      fc.property(body, fc.constantFrom(undefined, 2), (lists, space) => {
        const text = Buffer.from(JSON.stringify(lists, null, space))
        const found = recordRanges(text)!
        expect([...found.keys()]).toEqual(Object.keys(lists))
        for (const [key, records] of Object.entries(lists)) {
          const ranges = found.get(key)!
          expect(ranges.length).toBe(2 * records.length)
          records.forEach((r, n) => expect(JSON.parse(text.toString('utf8', ranges[2 * n], ranges[2 * n + 1]))).toEqual(r))
        }
      }),
      { numRuns: 300, seed: 5 },
    )
  })
})
