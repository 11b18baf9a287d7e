import { describe, expect, it } from 'vitest'
import { startErrorText } from '../../../../src/main/data-folder-errors'
import { StartRefusal, type StartProblem } from '../../../../src/main/store/start-refusals'

const problems: StartProblem[] = [
  { kind: 'store-locked', shell: 'browse', pid: 4242, since: '2026-06-15T12:00:00.000Z' },
  { kind: 'lock-contended', path: '/data/store.lock' },
  { kind: 'not-moved-aside', path: '/data/store.json', code: 'EACCES' },
  { kind: 'not-rewritten' },
]

describe('the store’s reasons it cannot start', () => {
  it.each(problems)('$kind: English for the log, and each language says it in its own words, keeping paths and numbers', (problem) => {
    const error = new StartRefusal(problem, 'technical detail')
    expect(error.message).toContain('(technical detail)') // the log keeps the detail
    const texts = (['en', 'fr', 'es'] as const).map((locale) => startErrorText(error, locale))
    expect(new Set(texts).size).toBe(3)
    for (const text of texts) {
      expect(text).not.toContain('technical detail') // the reader is not shown the parser's English
      for (const value of Object.values(problem).slice(1))
        if (typeof value !== 'string' || !value.includes('T12')) expect(text).toContain(String(value))
    }
  })

  it('dates the lock in the reader’s calendar words', () => {
    const error = new StartRefusal(problems[0]!)
    expect(error.in('fr')).toContain('15 juin 2026')
    expect(error.in('es')).toContain('15 jun 2026')
    expect(error.in('en')).toContain('Jun 15, 2026')
    expect(error.in('en')).toContain('`npm run browse`')
  })

  it('a rewrite that failed once the window is open is worded by the renderer too', () => {
    expect(new StartRefusal({ kind: 'not-rewritten' }).wording).toEqual({ key: 'store-not-rewritten', values: {} })
    expect(new StartRefusal(problems[1]!).wording).toBeUndefined()
  })

  it('anything else keeps its own message', () => {
    expect(startErrorText(new Error('boom'), 'fr')).toBe('boom')
  })
})
