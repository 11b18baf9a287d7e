/** What a note is about, in the reader's language: one home for the label the notes list, backlinks, filter and search show. */
import type { NoteListing } from '../../shared/domain'
import type { Subject } from './content-index'
import { content } from './content.svelte'
import { i18n } from './i18n.svelte'

/** The pack's name or title for the note's subject; until the pack is in, main's label (else the target's id). */
export function noteSubject(note: Pick<NoteListing, 'target' | 'targetLabel'>): Subject {
  return content.index?.subject(note.target, i18n.locale) ?? { text: note.targetLabel ?? note.target.id, lang: null }
}

/** The organisations a note is about, by their ids in the pack now (through its redirects): whose backlinks it lists. */
export function noteOrganisations(note: Pick<NoteListing, 'target'>): string[] {
  if (note.target.kind !== 'organisation') return []
  return [content.index?.pack.redirects[note.target.id] ?? note.target.id]
}
