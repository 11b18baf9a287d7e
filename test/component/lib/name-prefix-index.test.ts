/** The first keystrokes of a search: names with a word beginning so, the name that is the query first. */
import { beforeEach, describe, expect, it } from 'vitest'
import { NamePrefixIndex } from '../../../src/renderer/lib/name-prefix-index'

let index: NamePrefixIndex
beforeEach(() => {
  index = new NamePrefixIndex()
  index.set('org:cicopa', 'CICOPA sectoral organisation of ICA', 'CICOPA')
  index.set('event:congress', 'ICA Congress 1995 Manchester', 'ICA Congress 1995')
  index.set('org:ica-ap', 'ICA-AP ICA Asia and Pacific', 'ICA-AP')
  index.set('org:ica', 'ICA International Cooperative Alliance', 'ICA')
  index.set('org:cg-scop', 'CG Scop Confédération générale des Scop', 'CG Scop')
})

describe('NamePrefixIndex', () => {
  it('finds names with a word beginning with the prefix: the name that is the query, then names beginning so, shorter first', () => {
    expect(index.search(['ica'], 10)).toEqual(['org:ica', 'org:ica-ap', 'event:congress', 'org:cicopa'])
    expect(index.search(['ica'], 2)).toEqual(['org:ica', 'org:ica-ap'])
  })

  it('needs every prefix to begin some word of the name, in any order', () => {
    expect(index.search(['c', 'ic'], 10).sort()).toEqual(['event:congress', 'org:cicopa', 'org:ica'])
    expect(index.hasWordsBeginning('org:ica-ap', ['as', 'pa'])).toBe(true)
    expect(index.hasWordsBeginning('org:ica-ap', ['co'])).toBe(false)
  })

  it('matches accented names from plain letters', () => {
    expect(index.search(['conf'], 10)).toEqual(['org:cg-scop'])
    expect(index.search(['ge'], 10)).toEqual(['org:cg-scop'])
  })

  it('finds nothing for no prefix or an unknown one', () => {
    expect(index.search([], 10)).toEqual([])
    expect(index.search(['zz'], 10)).toEqual([])
  })

  it('follows renamed and removed entries at the next search', () => {
    index.settle()
    index.set('org:ica', 'International Cooperative Alliance', 'International Cooperative Alliance')
    index.remove('org:ica-ap')
    expect(index.search(['ica'], 10)).toEqual(['event:congress', 'org:cicopa'])
    expect(index.search(['al'], 10)).toEqual(['org:ica'])
    expect(index.search(['as'], 10)).toEqual([])
  })
})
