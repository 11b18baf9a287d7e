/** What a note is about, in the reader's language: one home for the label the notes list, backlinks, filter and search show. */
import type { NoteListing } from '../../shared/domain'
import type { Subject } from './content-index'
import { content } from './content.svelte'
import { i18n } from './i18n.svelte'

/** The pack's name or title for the note's subject; until the pack is in, main's label (else the target's id). */
export function noteSubject(note: Pick<NoteListing, 'target' | 'targetLabel'>): Subject {
  return content.index?.subject(note.target, i18n.locale) ?? { text: note.targetLabel ?? note.target.id, lang: null }
}
