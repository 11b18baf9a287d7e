/** What a note is about, in the reader's language: one home for the label the notes list, backlinks, filter and search show. */
import type { NoteListing, NoteTarget } from '../../shared/domain'
import { subjectsOf } from '../../shared/note-rules'
import type { Subject } from './content-index'
import { content } from './content.svelte'
import { i18n, t } from './i18n.svelte'

type Listed = Pick<NoteListing, 'target' | 'targetLabel'> & Partial<Pick<NoteListing, 'alsoAbout' | 'otherLabels'>>

/** One subject's name or title from the pack; until the pack is in, main's label (else the id). */
function named(target: NoteTarget, label: string | null | undefined): Subject {
  return content.index?.subject(target, i18n.locale) ?? { text: label ?? target.id, lang: null }
}

/**
 * What the note is about, as one label: its first subject's name, or, for a free-standing note, the words for
 * one in the reader's language ("Free note").
 */
export function noteSubject(note: Pick<NoteListing, 'target' | 'targetLabel'>): Subject {
  return note.target ? named(note.target, note.targetLabel) : { text: t('notes.freeNote'), lang: i18n.locale }
}

/** Every subject, first one first, each with where it is shown: none for a free-standing note. */
export function noteSubjects(note: Listed): { target: NoteTarget; subject: Subject }[] {
  const labels = [note.targetLabel, ...(note.otherLabels ?? [])]
  const offset = note.target ? 0 : 1
  return subjectsOf(note).map((target, i) => ({ target, subject: named(target, labels[i + offset]) }))
}

/** Everything a note is about as one line for a list or a search result: "CECOP, CICOPA", or "Free note". */
export function noteAboutLine(note: Listed): string {
  const all = noteSubjects(note)
  return all.length > 0 ? all.map((s) => s.subject.text).join(', ') : noteSubject(note).text
}
