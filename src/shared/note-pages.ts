/**
 * Lists of notes at scale (the notes page, a profile's notes and the notes that link to it): how many are on the
 * page at once, and how many of a note's "Linked from" are named.
 *
 * Measured before these rules (2026-12-08, built app in Chromium over browse, generated notes of 120 words about
 * four organisations, each linking to them): the notes page took 4.4 s to show 300 notes, 39 s for 1,000, and 5,000
 * crashed it; every card listed every other note linking to its organisation (250 under each of 1,000 cards, each
 * reduced from Markdown to its first words, found with a quadratic de-duplication), and every note was rendered. A
 * profile with 12,500 notes about it and 6,500 linking to it took 12.6 s.
 */
import { markdownText } from './markdown-text'

/** Notes rendered at first in a list, and added by each "Show more" (ShowMoreNotes.svelte): quick whatever their number. */
export const NOTES_PAGE = 50

/** How many notes a list shows so that the one at `index` is among them: `limit`, or the pages down to it. */
export const limitShowing = (index: number, limit: number): number =>
  index < limit ? limit : Math.ceil((index + 1) / NOTES_PAGE) * NOTES_PAGE

/** Linking notes named under a card; the rest are counted ("and 247 more"). */
export const LINKED_SHOWN = 3

/**
 * The other notes that link to any of `organisations` (each once, the note itself left out): the `max` newest, newest
 * first, and how many more there are. The lists may be in any order: the newest are picked in one pass (sorting the
 * lists took 100-290 ms a page at 50,000 notes, four lists of 12,500; picking, a few ms).
 */
export function linkingNotes<N extends { id: string; updated: string }>(
  noteId: string,
  organisations: readonly string[],
  linkedFrom: ReadonlyMap<string, readonly N[]>,
  max = LINKED_SHOWN,
): { shown: N[]; more: number } {
  const shown: N[] = []
  const take = (other: N) => {
    if (other.id === noteId) return
    // Kept newest first: `other` goes in before the first older one, and the oldest drops out beyond `max`.
    let at = shown.length
    while (at > 0 && shown[at - 1]!.updated < other.updated) at--
    if (at < max) shown.splice(at, 0, other)
    if (shown.length > max) shown.pop()
  }
  // A note about one organisation (most are): its list holds each linking note once (NoteLinks.linkedFrom), so
  // the rest is counted, not gathered into a set.
  if (organisations.length === 1) {
    const list = linkedFrom.get(organisations[0]!) ?? []
    let itself = 0
    for (const other of list) {
      if (other.id === noteId) itself = 1
      else take(other)
    }
    return { shown, more: list.length - itself - shown.length }
  }
  const seen = new Set<string>([noteId])
  for (const id of organisations)
    for (const other of linkedFrom.get(id) ?? []) {
      if (seen.has(other.id)) continue
      seen.add(other.id)
      take(other)
    }
  return { shown, more: seen.size - 1 - shown.length }
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
