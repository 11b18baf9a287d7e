/** Indexes over the reference pack that every view needs; plain data, built once per pack. */
import { shortName } from '../../shared/content/names'
import type { ContentPack, HistoryEvent, Organisation, Relation, Source } from '../../shared/content/schema'
import { subjectOf, type Subject } from '../../shared/content/subject'
import type { PackLocale } from '../../shared/content/texts'
import type { NoteTarget } from '../../shared/domain'
import { buildNameIndex } from '../../shared/wiki-links'
import type { NameChoice } from './wiki-complete'

export type { Subject }

export class ContentIndex {
  readonly organisations: Map<string, Organisation>
  readonly sources: Map<string, Source>
  readonly events: Map<string, HistoryEvent>
  /** Relations touching each organisation, either way. */
  readonly relationsOf: Map<string, Relation[]>

  constructor(readonly pack: ContentPack) {
    this.organisations = new Map(pack.organisations.map((o) => [o.id, o]))
    this.sources = new Map(pack.sources.map((s) => [s.id, s]))
    this.events = new Map(pack.events.map((e) => [e.id, e]))
    this.relationsOf = new Map()
    for (const r of pack.relations) {
      for (const id of [r.from, r.to]) this.relationsOf.set(id, [...(this.relationsOf.get(id) ?? []), r])
    }
  }

  #nameIndex: Map<string, string> | null = null
  /** Folded name → organisation id, for the [[wiki-links]] in notes (shared/wiki-links.ts), as main builds it. */
  get nameIndex(): Map<string, string> {
    return (this.#nameIndex ??= buildNameIndex(this.pack.organisations))
  }

  #nameChoices: NameChoice[] | null = null
  /** The organisations a note's [[ completion offers (lib/wiki-complete.ts). */
  get nameChoices(): NameChoice[] {
    return (this.#nameChoices ??= this.pack.organisations.map((o) => ({ id: o.id, label: shortName(o.names), detail: o.names.english })))
  }

  /** The short name people use: the acronym where there is one. */
  shortName(id: string): string {
    const org = this.organisations.get(id)
    return org ? shortName(org.names) : id
  }

  /** What a note about `target` is about, for a reader of `locale` (shared/content/subject.ts). */
  subject(target: NoteTarget, locale: PackLocale): Subject | null {
    return subjectOf(this.pack, { organisation: (id) => this.organisations.get(id), event: (id) => this.events.get(id) }, target, locale)
  }

  /** Whether `id` is (directly) a member of `parent`, as the pack records it. */
  isMemberOf(id: string, parent: string): boolean {
    return (this.relationsOf.get(id) ?? []).some((r) => r.type === 'member-of' && r.from === id && r.to === parent && !r.until)
  }
}
