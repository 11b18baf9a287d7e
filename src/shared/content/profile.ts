/**
 * An organisation's profile: the one projection of the pack made for a single organisation, built by main
 * (`organisations.get`) and shown by the renderer's profile view.
 *
 * Why a projection, when the other views read the whole pack (`content.pack`): the profile is reached from the list,
 * and the list starts without the pack (it is drawn from `organisations.list`, so that the first view stays within
 * its budget; README, "Speed, measured"). One organisation's answer is a few kB; the pack is ~200 kB of JSON to send,
 * parse and index before a first profile could show, or, on a deep link such as #/org/cecop at start, before
 * anything could. So the profile asks for its organisation only, and the pack (the figures' units, the printed
 * header) follows when it is in.
 *
 * Why it does not drift from the pack: the organisation's own fields are the pack's `Organisation` fields, picked by
 * name (`PROFILE_FIELDS`, `PROFILE_OPTIONAL_FIELDS`) and passed on as they are; the rest is gathered from the pack's
 * relations, events, metrics and sources; and `organisationProfile` is the only function that builds one
 * (test/unit/main/content-service.test.ts checks every field against the pack).
 */
import type { RelationLink } from '../domain'
import type { ContentPack, HistoryEvent, LocalisedText, Organisation, Source } from './schema'

/** The organisation's fields a profile carries exactly as the pack has them. */
export const PROFILE_FIELDS = ['id', 'names', 'kind', 'countries', 'founded', 'headquarters', 'description', 'figures', 'leaders'] as const
/** The organisation's optional fields a profile carries, null where the pack has none (a JSON answer keeps a null). */
export const PROFILE_OPTIONAL_FIELDS = ['region', 'website'] as const

type Optional = { [K in (typeof PROFILE_OPTIONAL_FIELDS)[number]]-?: NonNullable<Organisation[K]> | null }

export interface OrganisationProfile extends Pick<Organisation, (typeof PROFILE_FIELDS)[number]>, Optional {
  /** Every metric's label, by id: the figures name their metric. */
  metricLabels: Record<string, LocalisedText>
  /** The pack's relations with this organisation at either end, each with the organisation at the other. */
  relations: RelationLink[]
  /** The pack's events that name this organisation, in the pack's order. */
  events: HistoryEvent[]
  /** Every source the organisation or any fact on this profile cites, by id. */
  sources: Record<string, Source>
}

/** Builds the profile of `org`, one of `pack`'s organisations; `organisations` and `sources` are the pack's, by id. */
export function organisationProfile(
  pack: ContentPack,
  org: Organisation,
  organisations: ReadonlyMap<string, Organisation>,
  sources: ReadonlyMap<string, Source>,
): OrganisationProfile {
  const relations: RelationLink[] = []
  for (const r of pack.relations) {
    if (r.from !== org.id && r.to !== org.id) continue
    const direction = r.from === org.id ? 'outgoing' : 'incoming'
    const other = organisations.get(direction === 'outgoing' ? r.to : r.from)
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
  const events = pack.events.filter((e) => e.organisations.includes(org.id))

  const cited = new Set<string>(org.sources)
  const cite = (ids: string[]) => ids.forEach((s) => cited.add(s))
  org.founded.forEach((c) => cite(c.sources))
  org.headquarters.forEach((c) => cite(c.sources))
  if (org.website) cite(org.website.sources)
  org.figures.forEach((f) => cite(f.sources))
  org.leaders.forEach((l) => cite(l.sources))
  org.names.former?.forEach((f) => cite(f.sources))
  org.names.inOtherLanguages?.forEach((n) => cite(n.sources))
  relations.forEach((r) => cite(r.sources))
  events.forEach((e) => e.date.forEach((d) => cite(d.sources)))
  const citedSources: Record<string, Source> = {}
  for (const sid of cited) {
    const source = sources.get(sid)
    if (source) citedSources[sid] = source
  }

  const own = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, org[field]])) as Pick<Organisation, (typeof PROFILE_FIELDS)[number]>
  const optional = Object.fromEntries(PROFILE_OPTIONAL_FIELDS.map((field) => [field, org[field] ?? null])) as Optional
  return {
    ...own,
    ...optional,
    metricLabels: Object.fromEntries(pack.metrics.map((m) => [m.id, m.label])),
    relations,
    events,
    sources: citedSources,
  }
}
