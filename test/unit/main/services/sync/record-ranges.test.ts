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
})
