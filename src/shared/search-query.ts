/**
 * How a search query is read (words, and "quoted phrases" that must appear as written), and the words around a
 * match that a result shows: shared by the renderer's search over the pack and main's search over the notes.
 */
import { fold } from './fold'
import { foldedWords, MIN_WORD } from './text-index'

/** Longest search query main reads, in characters (notes.search); the palette sends no more. */
export const MAX_SEARCH_QUERY = 500

/** A quoted part of a query: its words must follow one another. `open` while its closing quote is not typed yet. */
export interface Phrase {
  words: string[]
  open: boolean
}

export interface ParsedQuery {
  /** Every word, quoted or not, folded: each must match. */
  words: string[]
  phrases: Phrase[]
  /** The query folded, without its quotes: equal to an exact name, it ranks that organisation first. */
  plain: string
}

/** Straight and typographic quotes, and French guillemets: «worker cooperatives» is a phrase too. */
const QUOTE = /["“”„«»]/

/**
 * A query as the palette reads it: words, and phrases between quotes. While a phrase is being typed (no closing
 * quote yet) its last word matches as a prefix, as unquoted words do.
 */
export function parseQuery(query: string): ParsedQuery {
  const parts = query.split(QUOTE)
  const phrases: Phrase[] = []
  parts.forEach((part, i) => {
    const quoted = i % 2 === 1
    const words = foldedWords(part)
    const open = i === parts.length - 1
    // One word still being typed asks nothing more than an unquoted word does (a prefix).
    if (quoted && words.length > (open ? 1 : 0)) phrases.push({ words, open })
  })
  return { words: foldedWords(query), phrases, plain: fold(parts.join(' ').trim().replace(/\s+/g, ' ')) }
}

/**
 * The words around the first place a query word begins in `text`, when that is not on the first line (the title
 * shows that one). Accent- and case-blind, like the search; none when folding would shift the offsets.
 */
export function snippetAround(text: string, words: readonly string[]): string | undefined {
  const folded = fold(text)
  if (folded.length !== text.length) return undefined
  let at = -1
  for (const word of words.filter((w) => w.length >= MIN_WORD)) {
    for (let i = folded.indexOf(word); i !== -1; i = folded.indexOf(word, i + 1)) {
      if (i > 0 && /[\p{L}\p{N}]/u.test(folded[i - 1]!)) continue // inside a word, not its beginning
      if (at === -1 || i < at) at = i
      break
    }
  }
  const firstLine = /\S[^\n]*/.exec(text)
  const firstLineEnd = firstLine ? firstLine.index + firstLine[0].length : 0
  if (at === -1 || at < firstLineEnd) return undefined
  const start = Math.max(text.lastIndexOf(' ', Math.max(0, at - SNIPPET_BEFORE)) + 1, firstLineEnd)
  const end = text.indexOf(' ', at + SNIPPET_AFTER)
  const middle = text
    .slice(start, end === -1 ? undefined : end)
    .replace(/\s+/g, ' ')
    .trim()
  return `${start > firstLineEnd ? '…' : ''}${middle}${end === -1 ? '' : '…'}`
}
const SNIPPET_BEFORE = 40
const SNIPPET_AFTER = 70

/** A text's folded words, spaced, for holdsPhrase (accents, case and punctuation aside). */
export const phraseText = (text: string): string => ` ${foldedWords(text).join(' ')} `

/** Whether a text's words (phraseText) hold a phrase's, in order; an open phrase's last word as a prefix. */
export const holdsPhrase = (spaced: string, phrase: Phrase): boolean =>
  spaced.includes(` ${phrase.words.join(' ')}${phrase.open ? '' : ' '}`)
