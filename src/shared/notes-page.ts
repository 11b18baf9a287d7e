/**
 * One page of the notes page's list, made where the notes are (main's NotesService.page): the filter and the sort
 * go through every note, but only the notes shown cross the bridge, with the few notes named under each as linking
 * to it ("Linked from"). Before, the page asked for every note (notes.listAll): at 50,000 notes of ~300 words,
 * 111 MB over the bridge and 12.7 s to the list painted (npm run bench, 2026-12-08).
 */
import type { NoteListing } from './domain'
import { filterNotes, foldedText, type Filterable, type NoteFilter } from './notes-filter'
import { limitShowing, linkingNotes, noteGist } from './note-pages'
import type { PackLocale } from './content/texts'

export interface NotesPageRequest {
  filter: NoteFilter
  /** How many notes of the list to send: the pages the reader has shown. */
  limit: number
  locale: PackLocale
  /** A note a link leads to (#/notes/<id>): the pages down to it are sent, whatever `limit` says. */
  through?: string | undefined
}

/** A note named under another as linking to it: its first words and what it is about, not its text. */
export interface LinkingNote extends Pick<NoteListing, 'id' | 'target' | 'targetLabel' | 'alsoAbout' | 'otherLabels'> {
  gist: string
}

/** A profile's (or an event's, a pillar's) notes panel: the first notes of a list, and how many it holds. */
export interface ListPage<N> {
  notes: N[]
  total: number
  /** The `limit` asked for, or more when `through` is further down; the list's length when none was asked for. */
  limit: number
}

/** The first `limit` of `list` (all without one), or the pages down to the note `through`. */
export function listPage<N extends { id: string }>(list: readonly N[], limit?: number, through?: string): ListPage<N> {
  const upTo = limit === undefined ? list.length : limitShowing(through === undefined ? -1 : list.findIndex((n) => n.id === through), limit)
  return { notes: list.slice(0, upTo), total: list.length, limit: upTo }
}

export interface NotesPage {
  /** The first `limit` notes of the list, in its order. */
  notes: NoteListing[]
  /** How many notes the filter lets through (the list's length). */
  total: number
  /** `limit`, or more when `through` is further down. */
  limit: number
  counts: {
    /** Notes outside the trash. */
    kept: number
    trashed: number
    /** Notes outside the trash about something the reference no longer has. */
    orphaned: number
  }
  /** For each note sent: the other notes linking to what it is about, the first few, and how many more. */
  linkedFrom: Record<string, { shown: LinkingNote[]; more: number }>
}

/** How long a linking note's first words are: under a note of the notes page's list, and in a profile's panel. */
export const LINK_GIST_LENGTH = 72
export const BACKLINK_GIST_LENGTH = 140

/** What is sent of a note linking to another (or to an organisation). */
export function linkingNote(note: NoteListing, gistLength: number): LinkingNote {
  const { id, target, targetLabel, alsoAbout, otherLabels } = note
  // Its other subjects, named, only when it has some.
  const others = alsoAbout?.length ? { alsoAbout, otherLabels: otherLabels ?? [] } : {}
  return { id, target, targetLabel, ...others, gist: noteGist(note.body, gistLength) }
}

export interface NotesPageRules<N> {
  /** What the note is about, named for a reader of the request's locale; '' when nothing is known (free, orphaned). */
  subject: (note: N) => string
  /** foldedText, or a kept copy of it. */
  folded?: (note: N) => string
  /** The note as sent, its subjects named. */
  listing: (note: N) => NoteListing
  /** The organisations the note is about, by their ids in the pack now. */
  organisations: (note: N) => string[]
  /** For each organisation, the notes (outside the trash) whose [[links]] name it, in any order. */
  linkedFrom: Map<string, N[]>
}

export function notesPage<N extends Filterable & { id: string }>(
  notes: readonly N[],
  request: NotesPageRequest,
  rules: NotesPageRules<N>,
): NotesPage {
  const list = filterNotes(notes, request.filter, rules.subject, request.locale, rules.folded ?? foldedText)
  const { notes: shown, total, limit } = listPage(list, request.limit, request.through)
  const listings = shown.map(rules.listing)

  const linkedFrom: NotesPage['linkedFrom'] = {}
  for (const note of shown) {
    const { shown: named, more } = linkingNotes(note.id, rules.organisations(note), rules.linkedFrom)
    if (named.length === 0) continue
    linkedFrom[note.id] = {
      shown: named.map((other) => linkingNote(rules.listing(other), LINK_GIST_LENGTH)),
      more,
    }
  }

  let kept = 0
  let orphaned = 0
  for (const note of notes) {
    if (note.trashed) continue
    kept++
    if (note.target !== null && rules.subject(note) === '') orphaned++
  }
  return { notes: listings, total, limit, counts: { kept, trashed: notes.length - kept, orphaned }, linkedFrom }
}
