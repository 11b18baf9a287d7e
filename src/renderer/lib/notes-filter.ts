/** Sorting and filtering of the all-notes view: pure, so it is tested without a page. */
import type { NoteListing, NoteTargetKind } from '../../shared/domain'
import { subjectsOf } from '../../shared/note-rules'
import { fold } from '../../shared/fold'

export type NoteSort = 'updated' | 'created' | 'about'

export interface NoteFilter {
  text: string
  tag: string
  /** Notes about a kind of thing (by any of their subjects), or free-standing ones ('free'). */
  kind: '' | NoteTargetKind | 'free'
  sort: NoteSort
  trash: boolean
}

/** `subject`: what a note is about as the reader sees it (lib/note-subject.ts), for the text filter and the sort by subject, in `locale`'s order. */
export function filterNotes(
  notes: readonly NoteListing[],
  filter: NoteFilter,
  subject: (note: NoteListing) => string = (n) => n.targetLabel ?? '',
  locale = 'en',
): NoteListing[] {
  const text = fold(filter.text.trim())
  const shown = notes.filter(
    (n) =>
      Boolean(n.trashed) === filter.trash &&
      (filter.kind === '' || (filter.kind === 'free' ? n.target === null : subjectsOf(n).some((s) => s.kind === filter.kind))) &&
      (filter.tag === '' || n.tags.some((t) => t.toLowerCase() === filter.tag.toLowerCase())) &&
      (text === '' || fold(`${n.body} ${n.tags.join(' ')} ${subject(n)}`).includes(text)),
  )
  const by: Record<NoteSort, (a: NoteListing, b: NoteListing) => number> = {
    updated: (a, b) => b.updated.localeCompare(a.updated),
    created: (a, b) => b.created.localeCompare(a.created),
    about: (a, b) => (subject(a) || '\uffff').localeCompare(subject(b) || '\uffff', locale) || b.updated.localeCompare(a.updated),
  }
  return shown.toSorted(by[filter.sort])
}
