/**
 * Sorting and filtering of the notes page's list: pure, so it is tested without a page. Main applies it where the
 * notes are (services/notes-page.ts), and sends only the page shown.
 */
import type { Note, NoteTargetKind } from './domain'
import { subjectsOf } from './note-rules'
import { fold } from './fold'

export type NoteSort = 'updated' | 'created' | 'about'

export interface NoteFilter {
  text: string
  tag: string
  /** Notes about a kind of thing (by any of their subjects), or free-standing ones ('free'). */
  kind: '' | NoteTargetKind | 'free'
  sort: NoteSort
  trash: boolean
}

export const NOTE_SORTS: readonly NoteSort[] = ['updated', 'created', 'about']
export const NOTE_KINDS: readonly NoteFilter['kind'][] = ['', 'organisation', 'event', 'pillar', 'free']

/** The later ISO timestamp first: ISO strings are in order as plain strings (localeCompare is slower, and locale-bound). */
export const newerFirst = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0)

/** Notes last edited first: how every list of notes reads unless sorted otherwise. */
export const newestFirst = (a: Pick<Note, 'updated'>, b: Pick<Note, 'updated'>): number => newerFirst(a.updated, b.updated)

export type Filterable = Pick<Note, 'body' | 'tags' | 'target' | 'alsoAbout' | 'trashed' | 'created' | 'updated'>

/** What the text filter looks through: the body and the tags, folded (main keeps it per note: it costs). */
export const foldedText = (note: Pick<Note, 'body' | 'tags'>): string => fold(`${note.body} ${note.tags.join(' ')}`)

/**
 * `subject`: what a note is about as the reader sees it ('' for nothing known: a free note, an orphaned one), for
 * the text filter and the sort by subject, in `locale`'s order; `folded`: foldedText, or a kept copy of it.
 */
export function filterNotes<N extends Filterable>(
  notes: Iterable<N>,
  filter: NoteFilter,
  subject: (note: N) => string,
  locale = 'en',
  folded: (note: N) => string = foldedText,
): N[] {
  const text = fold(filter.text.trim())
  const tag = filter.tag.toLowerCase()
  const shown: N[] = []
  for (const n of notes) {
    if (Boolean(n.trashed) !== filter.trash) continue
    if (filter.kind !== '' && !(filter.kind === 'free' ? n.target === null : subjectsOf(n).some((s) => s.kind === filter.kind))) continue
    if (tag !== '' && !n.tags.some((t) => t.toLowerCase() === tag)) continue
    if (text !== '' && !folded(n).includes(text) && !fold(subject(n)).includes(text)) continue
    shown.push(n)
  }
  // A collator made once (localeCompare with a locale makes one per call: at 50,000 notes, most of the sort).
  const collator = new Intl.Collator(locale)
  if (filter.sort !== 'about')
    return shown.sort((a, b) => newerFirst(a[filter.sort as 'updated' | 'created'], b[filter.sort as 'updated' | 'created']))
  // Each subject once (an organisation's name, found per note) rather than twice per comparison.
  const keys = new Map(shown.map((n) => [n, subject(n) || '\uffff']))
  return shown.sort((a, b) => collator.compare(keys.get(a)!, keys.get(b)!) || newestFirst(a, b))
}
