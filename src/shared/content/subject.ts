/**
 * What a note is about, named for a reader of one language: an organisation's short name (a name, the same in
 * every language), an event's or a pillar's title in that language where the pack has it (else English); null
 * when the pack does not have it (the note is orphaned). One rule for the screen (renderer ContentIndex) and for
 * files (main's Markdown export).
 */
import { shortName } from './names'
import type { ContentPack, HistoryEvent, Organisation } from './schema'
import { inLocale, type PackLocale } from './texts'
import type { NoteTarget } from '../domain'

/** `lang` null for an organisation's name (a name, in no language to translate). */
export interface Subject {
  text: string
  lang: string | null
}

export interface SubjectLookups {
  organisation(id: string): Organisation | undefined
  event(id: string): HistoryEvent | undefined
}

export function subjectOf(pack: ContentPack, lookups: SubjectLookups, target: NoteTarget, locale: PackLocale): Subject | null {
  const id = pack.redirects[target.id] ?? target.id
  if (target.kind === 'organisation') {
    const org = lookups.organisation(id)
    return org ? { text: shortName(org.names), lang: null } : null
  }
  const title = target.kind === 'event' ? lookups.event(id)?.title : pack.strategicPlan.pillars.find((p) => p.id === id)?.title
  return title ? inLocale(title, locale) : null
}
