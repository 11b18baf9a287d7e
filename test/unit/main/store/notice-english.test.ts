/** The English rendering of the start-up notice, for logs: every fact the parts carry, in the sentences of old. */
import { describe, expect, it } from 'vitest'
import { noticeInEnglish, problemInEnglish } from '../../../../src/main/store/notice-english'
import { STORE_PROBLEM_KEYS } from '../../../../src/shared/store-notice'

describe('the notice in English', () => {
  it('says what happened, where the file was kept, which backup came back and where the others went', () => {
    expect(
      noticeInEnglish([
        { key: 'set-aside', values: { aside: '/d/coop-atlas-store.empty-1.json' }, problem: { key: 'empty', values: {} } },
        { key: 'backup-restored', values: { backup: 'store-2.json', keptIn: '/d/backups/kept-3' } },
        { key: 'records-set-aside', values: { apart: 2, mended: 1, aside: '/d/backups/kept-3/store-2.json' } },
      ]),
    ).toBe(
      'Your notes file could not be opened because it was empty. It was kept, untouched, as /d/coop-atlas-store.empty-1.json; Settings lists it and can bring back what it holds. ' +
        'The last good backup (store-2.json) was restored; every earlier backup was kept in /d/backups/kept-3. ' +
        '2 records of your notes file could not be read and were left out; every other record was kept. 1 note was mended (dates or tags in a form this version does not accept) and kept. The file as it was is kept, untouched, as /d/backups/kept-3/store-2.json; Settings lists it and can bring back what it holds.',
    )
  })

  it('counts changes of the log in the singular and the plural', () => {
    const one = noticeInEnglish([{ key: 'changes-set-aside', values: { count: 1, lines: '2', aside: '/d/log.damaged' } }])
    expect(one).toMatch(/^One recent change \(line 2 of the change log\) could not be read;.* as \/d\/log\.damaged; Settings lists it\.$/)
    expect(noticeInEnglish([{ key: 'changes-set-aside', values: { count: 3, lines: '2, 5, 9', aside: '/x' } }])).toMatch(
      /^3 recent changes/,
    )
  })

  it('is nothing when there is nothing to say', () => {
    expect(noticeInEnglish(null)).toBeNull()
    expect(noticeInEnglish([])).toBeNull()
  })

  it('says every problem, with its values and the parser’s own words', () => {
    for (const key of STORE_PROBLEM_KEYS)
      expect(problemInEnglish({ key, values: {} })).toMatch(/^(it|the file|no|its|the file’s|the file's) /)
    expect(problemInEnglish({ key: 'newer-version', values: { version: '9', known: '7' } })).toContain('store version 9; this one knows 7')
    expect(problemInEnglish({ key: 'not-json', values: { detail: 'Unexpected end' } })).toBe('it is not valid JSON (Unexpected end)')
    expect(problemInEnglish({ key: 'invalid-contents', values: { path: 'notes.0.tags', detail: 'Invalid type' } })).toContain(
      '(notes.0.tags: Invalid type)',
    )
  })
})
