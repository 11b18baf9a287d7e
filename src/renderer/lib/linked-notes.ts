/**
 * The notes page at scale: how much of the list, and of each note's "Linked from", is on the page at once.
 *
 * Measured before these rules (2026-12-08, built app in Chromium over browse, generated notes of 120 words about
 * four organisations, each linking to them): 300 notes took 4.4 s to show, 1,000 took 39 s, and 5,000 crashed the
 * page. Every card listed every other note linking to its organisation (250 under each of 1,000 cards, each
 * reduced from Markdown to its first words, found with a quadratic de-duplication), and every note was rendered.
 */
import { markdownText } from '../../shared/markdown-text'

/** Notes rendered at first, and added by each "Show more": the page stays quick whatever the notes' number. */
export const NOTES_PAGE = 50

/** Linking notes named under a card; the rest are counted ("and 247 more"). */
export const LINKED_SHOWN = 3

/**
 * The other notes that link to any of `organisations` (each once, in the order the lists give them, the note itself
 * left out): the first `max`, and how many more there are.
 */
export function linkingNotes<N extends { id: string }>(
  noteId: string,
  organisations: readonly string[],
  linkedFrom: ReadonlyMap<string, readonly N[]>,
  max = LINKED_SHOWN,
): { shown: N[]; more: number } {
  const seen = new Set<string>([noteId])
  const shown: N[] = []
  let more = 0
  for (const id of organisations) {
    for (const other of linkedFrom.get(id) ?? []) {
      if (seen.has(other.id)) continue
      seen.add(other.id)
      if (shown.length < max) shown.push(other)
      else more++
    }
  }
  return { shown, more }
}

/**
 * A note's first words as a reader sees them (its Markdown reduced to text, its lines run together with dashes: a
 * heading alone says little), cut at a word within `length` characters: how a link to a note reads.
 */
export function noteGist(body: string, length: number): string {
  const line = markdownText(body)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .join(' — ')
  if (line.length <= length) return line
  const cut = line.lastIndexOf(' ', length)
  return `${line.slice(0, cut > length / 2 ? cut : length)}…`
}
