/** Read-only queries over the reference pack: lists and profiles, shaped for the renderer. */
import type { ContentPack, Organisation, Source } from '../../shared/content/schema'
import type { MembershipLink, NoteTarget, OrganisationProfile, OrganisationSummary, RelationLink } from '../../shared/domain'
import { buildNameIndex } from '../../shared/wiki-links'
import { ServiceError } from '../../shared/errors'

export class ContentService {
  readonly #organisations: Map<string, Organisation>
  readonly #sources: Map<string, Source>
  #nameIndex: Map<string, string> | null = null

  constructor(readonly pack: ContentPack) {
    this.#organisations = new Map(pack.organisations.map((o) => [o.id, o]))
    this.#sources = new Map(pack.sources.map((s) => [s.id, s]))
  }

  /** Resolves a renamed id through the pack's redirects. */
  resolveId(id: string): string {
    return this.pack.redirects[id] ?? id
  }

  hasTarget(kind: NoteTarget['kind'], id: string): boolean {
    return this.describeTarget({ kind, id }) !== null
  }

  /** The name of what a note is about, or null when this pack does not have it (the note is orphaned). */
  describeTarget(target: NoteTarget): string | null {
    const id = this.resolveId(target.id)
    if (target.kind === 'organisation') {
      const org = this.#organisations.get(id)
      return org ? (org.names.acronym ?? org.names.english) : null
    }
    if (target.kind === 'event') return this.pack.events.find((e) => e.id === id)?.title.en ?? null
    return this.pack.strategicPlan.pillars.find((p) => p.id === id)?.title.en ?? null
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
        foundedYear: o.founded[0] ? Number(o.founded[0].value.value.slice(0, 4)) : null,
        memberOf: [...(memberships.get(o.id)?.values() ?? [])],
      }))
      .sort((a, b) => (a.acronym ?? a.name).localeCompare(b.acronym ?? b.name, 'en', { sensitivity: 'base' }))
  }

  /**
   * Member-of relations that have not ended, by member, one per organisation joined. Where the pack records one
   * membership twice, the surest status wins (sourced, then unverified, then inferred).
   */
  #currentMemberships(): Map<string, Map<string, MembershipLink>> {
    const rank = { sourced: 0, unverified: 1, inferred: 2 } as const
    const byMember = new Map<string, Map<string, MembershipLink>>()
    for (const r of this.pack.relations) {
      if (r.type !== 'member-of' || r.until || !this.#organisations.has(r.to)) continue
      const joined = byMember.get(r.from) ?? new Map<string, MembershipLink>()
      const known = joined.get(r.to)
      if (!known || rank[r.status] < rank[known.status]) joined.set(r.to, { id: r.to, status: r.status })
      byMember.set(r.from, joined)
    }
    return byMember
  }

  getOrganisation(id: string): OrganisationProfile {
    const org = this.#organisations.get(this.resolveId(id))
    if (!org) throw new ServiceError('not-found', `No organisation has the id "${id}".`)

    const relations: RelationLink[] = []
    for (const r of this.pack.relations) {
      if (r.from !== org.id && r.to !== org.id) continue
      const direction = r.from === org.id ? 'outgoing' : 'incoming'
      const other = this.#organisations.get(direction === 'outgoing' ? r.to : r.from)
      if (!other) continue
      relations.push({
        type: r.type,
        direction,
        other: { id: other.id, name: other.names.english, acronym: other.names.acronym ?? null },
        since: r.since ?? null,
        until: r.until ?? null,
        status: r.status,
        sources: r.sources,
        note: r.note ?? null,
      })
    }
    const events = this.pack.events.filter((e) => e.organisations.includes(org.id))

    const cited = new Set<string>(org.sources)
    const cite = (ids: string[]) => ids.forEach((s) => cited.add(s))
    org.founded.forEach((c) => cite(c.sources))
    org.headquarters.forEach((c) => cite(c.sources))
    if (org.website) cite(org.website.sources)
    org.figures.forEach((f) => cite(f.sources))
    org.leaders.forEach((l) => cite(l.sources))
    org.names.former?.forEach((f) => cite(f.sources))
    relations.forEach((r) => cite(r.sources))
    events.forEach((e) => e.date.forEach((d) => cite(d.sources)))
    const sources: Record<string, Source> = {}
    for (const sid of cited) {
      const source = this.#sources.get(sid)
      if (source) sources[sid] = source
    }
    const metricLabels = Object.fromEntries(this.pack.metrics.map((m) => [m.id, m.label]))

    return {
      id: org.id,
      names: org.names,
      kind: org.kind,
      countries: org.countries,
      region: org.region ?? null,
      founded: org.founded,
      headquarters: org.headquarters,
      website: org.website ?? null,
      description: org.description,
      figures: org.figures,
      metricLabels,
      leaders: org.leaders,
      relations,
      events,
      sources,
    }
  }
}
