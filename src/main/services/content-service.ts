/** Read-only queries over the reference pack: lists and profiles, shaped for the renderer. */
import type { ContentPack, Organisation, Source } from '../../shared/content/schema'
import type { OrganisationProfile, OrganisationSummary, RelationLink } from '../../shared/domain'
import { ServiceError } from '../../shared/errors'

export class ContentService {
  readonly #organisations: Map<string, Organisation>
  readonly #sources: Map<string, Source>

  constructor(readonly pack: ContentPack) {
    this.#organisations = new Map(pack.organisations.map((o) => [o.id, o]))
    this.#sources = new Map(pack.sources.map((s) => [s.id, s]))
  }

  /** Resolves a renamed id through the pack's redirects. */
  resolveId(id: string): string {
    return this.pack.redirects[id] ?? id
  }

  hasTarget(kind: 'organisation' | 'event' | 'pillar', id: string): boolean {
    const resolved = this.resolveId(id)
    if (kind === 'organisation') return this.#organisations.has(resolved)
    if (kind === 'event') return this.pack.events.some((e) => e.id === resolved)
    return this.pack.strategicPlan.pillars.some((p) => p.id === resolved)
  }

  listOrganisations(): OrganisationSummary[] {
    return this.pack.organisations
      .map((o) => ({
        id: o.id,
        name: o.names.english,
        acronym: o.names.acronym ?? null,
        kind: o.kind,
        countries: o.countries,
        region: o.region ?? null,
        foundedYear: o.founded[0] ? Number(o.founded[0].value.value.slice(0, 4)) : null,
      }))
      .sort((a, b) => (a.acronym ?? a.name).localeCompare(b.acronym ?? b.name, 'en', { sensitivity: 'base' }))
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
