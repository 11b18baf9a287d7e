import { describe, expect, it } from 'vitest'
import { markdownText } from '../../../src/shared/markdown-text'

describe('a note’s Markdown as the words a reader sees (search snippets)', () => {
  it('reads the syntax away and keeps the words, a block to a line', () => {
    expect(markdownText("# Vote\n\n**Vote** on [[CECOP]]'s [plan](https://example.org/plan).\n\n- one\n- two")).toBe(
      "Vote\nVote on CECOP's plan.\none\ntwo",
    )
  })

  it('keeps the text of HTML a note holds, without its tags', () => {
    expect(markdownText('A <b>bold</b> claim.\n\n<div>\nIn a block\n</div>')).toBe('A bold claim.\nIn a block')
  })

  it('leaves out what a script or a style holds, which the note never shows, as a block or inline', () => {
    const text = markdownText(
      [
        'Before.',
        '<script>window.__pwned = 1; document.title = "PWNED"</script>',
        'Middle <script>alert("inline")</script> after.',
        '<style>\nbody { color: red }\n</style>',
        'Last <svg><title>hidden</title></svg>words.',
      ].join('\n\n'),
    )
    expect(text).toBe('Before.\nMiddle  after.\nLast words.')
  })

  it('leaves out the rest of a script that is never closed', () => {
    expect(markdownText('Kept.\n\n<script>\nlet secret = 1')).toBe('Kept.')
  })
})
