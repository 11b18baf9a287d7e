/** Completion of [[organisation names]] while typing a note. */
import { foldName } from '../../shared/wiki-links'

export interface WikiQuery {
  /** Where the "[[" starts. */
  start: number
  text: string
}

/** The unfinished [[… just before the caret, if any. */
export function wikiQueryAt(body: string, caret: number): WikiQuery | null {
  const before = body.slice(0, caret)
  const open = before.lastIndexOf('[[')
  if (open === -1) return null
  const text = before.slice(open + 2)
  if (text.includes(']]') || text.includes('\n') || text.length > 80) return null
  return { start: open, text }
}

export interface NameChoice {
  id: string
  label: string
  detail: string
}

export function matchNames(choices: readonly NameChoice[], text: string, limit = 8): NameChoice[] {
  const q = foldName(text)
  if (q === '') return choices.slice(0, limit)
  const starts = choices.filter((c) => foldName(c.label).startsWith(q) || foldName(c.detail).startsWith(q))
  const contains = choices.filter((c) => !starts.includes(c) && (foldName(c.label).includes(q) || foldName(c.detail).includes(q)))
  return [...starts, ...contains].slice(0, limit)
}

/** The body with the query replaced by a finished link, and where the caret goes. */
export function insertWikiLink(body: string, query: WikiQuery, caret: number, label: string): { body: string; caret: number } {
  const link = `[[${label}]]`
  return { body: body.slice(0, query.start) + link + body.slice(caret), caret: query.start + link.length }
}
