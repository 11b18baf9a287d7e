/** Read-only queries over the reference pack: lists and profiles, shaped for the renderer. */
import { isSurer } from '../../shared/content/claims'
import { yearOf } from '../../shared/content/dates'
import { listedNames, shortName } from '../../shared/content/names'
import { withoutStaleTranslations } from '../content/translations'
import type { ContentPack, HistoryEvent, Organisation, Source } from '../../shared/content/schema'
import { subjectOf } from '../../shared/content/subject'
import type { PackLocale } from '../../shared/content/texts'
import { organisationProfile } from '../../shared/content/profile'
import type { MembershipLink, NoteTarget, OrganisationProfile, OrganisationSummary } from '../../shared/domain'
import { buildNameIndex } from '../../shared/wiki-links'
import { wordedRefusal } from '../../shared/errors'

export class ContentService {
  readonly #organisations: Map<string, Organisation>
  readonly #sources: Map<string, Source>
  readonly #events: Map<string, HistoryEvent>
  #nameIndex: Map<string, string> | null = null

  readonly pack: ContentPack

  /** The pack as the app shows it: a translation made from an older English is left out (translations.ts). */
  constructor(pack: ContentPack) {
    this.pack = withoutStaleTranslations(pack)
    pack = this.pack
    this.#organisations = new Map(pack.organisations.map((o) => [o.id, o]))
    this.#sources = new Map(pack.sources.map((s) => [s.id, s]))
    this.#events = new Map(pack.events.map((e) => [e.id, e]))
  }

  /** Resolves a renamed id through the pack's redirects. */
  resolveId(id: string): string {
    return this.pack.redirects[id] ?? id
  }

  hasTarget(kind: NoteTarget['kind'], id: string): boolean {
    return this.describeTarget({ kind, id }) !== null
  }

  /** The name of what a note is about, in `locale`, or null when this pack does not have it (the note is orphaned). */
  describeTarget(target: NoteTarget, locale: PackLocale = 'en'): string | null {
    const lookups = { organisation: (id: string) => this.#organisations.get(id), event: (id: string) => this.#events.get(id) }
    return subjectOf(this.pack, lookups, target, locale)?.text ?? null
  }

  /** Folded organisation names → ids, for wiki-links in notes. */
  get nameIndex(): Map<string, string> {
    return (this.#nameIndex ??= buildNameIndex(this.pack.organisations))
  }

  listOrganisations(): OrganisationSummary[] {
    const memberships = this.#currentMemberships()
    return this.pack.organisations
      .map((o) => ({
        id: o.id,
        name: o.names.english,
        acronym: o.names.acronym ?? null,
        kind: o.kind,
        countries: o.countries,
        region: o.region ?? null,
        foundedYear: o.founded[0] ? yearOf(o.founded[0].value) : null,
        memberOf: [...(memberships.get(o.id)?.values() ?? [])],
      }))
      .sort((a, b) => shortName(listedNames(a)).localeCompare(shortName(listedNames(b)), 'en', { sensitivity: 'base' }))
  }

  /**
   * Member-of relations that have not ended, by member, one per organisation joined. Where the pack records one
   * membership twice, the surest status wins (shared/content/claims.ts: sourced, then inferred, then unverified).
   */
  #currentMemberships(): Map<string, Map<string, MembershipLink>> {
    const byMember = new Map<string, Map<string, MembershipLink>>()
    for (const r of this.pack.relations) {
      if (r.type !== 'member-of' || r.until || !this.#organisations.has(r.to)) continue
      const joined = byMember.get(r.from) ?? new Map<string, MembershipLink>()
      const known = joined.get(r.to)
      if (!known || isSurer(r.status, known.status)) joined.set(r.to, { id: r.to, status: r.status })
      byMember.set(r.from, joined)
    }
    return byMember
  }

  /** The profile of one organisation (a renamed id follows its redirect): see shared/content/profile.ts. */
  getOrganisation(id: string): OrganisationProfile {
    const org = this.#organisations.get(this.resolveId(id))
    if (!org) throw wordedRefusal('not-found', 'organisation-not-found', `No organisation has the id "${id}".`, { id })
    return organisationProfile(this.pack, org, this.#organisations, this.#sources)
  }
}
