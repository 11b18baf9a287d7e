import { describe, expect, it } from 'vitest'
import { indexAsItIs, readIndexFile, writeIndexFile } from '../../../../../src/main/services/note-search/index-file'
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
})
