/**
 * The reference content pack: its shape, checked at runtime with valibot.
 *
 * Every fact is a *claim*: a value with the sources that give it and a status. Where sources disagree,
 * a field holds several claims (one per value) instead of one: the app shows them side by side and never
 * picks a winner. Ids are kebab-case and stable: users' notes are keyed by them.
 */
import * as v from 'valibot'

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Plain semver, no leading zeros or suffixes, at most 9 digits a part: one spelling per version, compared exactly. */
export const PACK_VERSION_PATTERN = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/

export const Id = v.pipe(v.string(), v.regex(ID_PATTERN, 'an id is lower-case kebab-case'))

/** A date known to some precision. `value` is YYYY, YYYY-MM or YYYY-MM-DD, matching the precision. */
export const PartialDate = v.pipe(
  v.object({
    value: v.pipe(v.string(), v.regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'a date is YYYY, YYYY-MM or YYYY-MM-DD')),
    /** decade: value is the decade's first year (1970 → "1970s"); circa: value is a year, shown "c. 1995". */
    precision: v.picklist(['day', 'month', 'year', 'circa', 'decade']),
  }),
  v.check(({ value, precision }) => {
    const parts = value.split('-').length
    if (precision === 'day') return parts === 3 && isRealDay(value)
    if (precision === 'month') return parts === 2 && Number(value.slice(5, 7)) >= 1 && Number(value.slice(5, 7)) <= 12
    if (precision === 'decade') return parts === 1 && value.endsWith('0')
    return parts === 1
  }, 'the date value does not match its precision (day: YYYY-MM-DD, month: YYYY-MM, year/circa: YYYY, decade: YYY0)'),
)

function isRealDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/**
 * Text written for this app, in English, French and Spanish (all three required): French and Spanish are the
 * compilers' translations of the English. `translatedFrom` says which English they translate (the first 12 hex digits of its SHA-256): when
 * the English changes, the translations are stale, the pack's tests say so, and the app shows the English until they
 * are redone (src/main/content/translations.ts).
 */
export const LocalisedText = v.pipe(
  v.object({
    en: v.pipe(v.string(), v.minLength(1)),
    fr: v.optional(v.pipe(v.string(), v.minLength(1))),
    es: v.optional(v.pipe(v.string(), v.minLength(1))),
    translatedFrom: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{12}$/, 'translatedFrom is 12 hex digits'))),
  }),
  v.check(
    (text) => text.fr !== undefined && text.es !== undefined,
    'every text is in English, French and Spanish (fr and es are missing here; resources/content/README.md says how to add them)',
  ),
  v.check((text) => text.translatedFrom !== undefined, 'a translated text says which English it translates (translatedFrom)'),
)

/** sourced: a source states it. inferred: derived from a source, not stated in it. unverified: a source says it but no second source confirms it, or the research marked it so. */
export const FactStatus = v.picklist(['sourced', 'inferred', 'unverified'])

const claimFields = {
  sources: v.pipe(v.array(Id), v.minLength(1, 'every fact names at least one source')),
  status: FactStatus,
  /** Why the status, or what the source exactly says (in our words, in three languages). */
  note: v.optional(LocalisedText),
}

export function claimOf<T extends v.GenericSchema>(value: T) {
  return v.object({ value, ...claimFields })
}

/**
 * A web address as the app shows and opens it: parsed by the WHATWG parser (as the renderer and Electron read it),
 * of the given schemes only, with a host and no user-info. Links from a pack become clickable; `javascript:`,
 * `data:`, `file:` or `https://cecop.coop@evil.example` must never get that far, whoever signed the pack.
 */
export function isWebUrl(text: string, schemes: readonly ('https:' | 'http:')[]): boolean {
  // No spaces, control characters or backslashes: parsers that are not WHATWG's would read those differently.
  if (!/^[^\s\\\p{Cc}]+$/u.test(text)) return false
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return false
  }
  return (schemes as readonly string[]).includes(url.protocol) && url.hostname !== '' && url.username === '' && url.password === ''
}
const WebUrl = (schemes: readonly ('https:' | 'http:')[], message: string) =>
  v.pipe(
    v.string(),
    v.maxLength(2048, 'a web address is at most 2,048 characters'),
    v.check((text) => isWebUrl(text, schemes), message),
  )

export const DateClaim = claimOf(PartialDate)
/** A fact in words (a head office's address, who adopted the plan): ours, so in three languages; names in it stay as they are. */
export const TextClaim = claimOf(LocalisedText)
export const UrlClaim = claimOf(WebUrl(['https:'], 'a website is an https address with a host and no user name or password'))

/** A language, as ISO 639-1 names it ("fr"). */
export const LanguageCode = v.pipe(v.string(), v.regex(/^[a-z]{2}$/, 'a language is a two-letter ISO 639-1 code'))

export const Source = v.object({
  id: Id,
  /**
   * The document's own title, quoted as it is (in `lang`), or, where we could not read one, our description of the
   * document, in three languages. src/shared/content/sources.ts says which and how to show it.
   */
  title: v.union([v.pipe(v.string(), v.minLength(1)), LocalisedText]),
  /** What the title leaves out, in our words (which reading of a page, what kind of document). */
  gloss: v.optional(LocalisedText),
  /** The document's language, where it is not English. */
  lang: v.optional(LanguageCode),
  publisher: v.optional(v.string()),
  /** The page or document; absent for a document we only have as text. */
  url: v.optional(
    WebUrl(
      ['https:', 'http:'],
      'a source address is https (http where that is all the source has), with a host and no user name or password',
    ),
  ),
  /** Date printed on the page, where there is one. */
  published: v.optional(PartialDate),
  /** Which of our research documents carried this source to us. */
  via: v.picklist(['seed-cecop', 'seed-cicopa', 'research-1', 'research-2', 'research-3']),
  /** When the pack's compilers read it (through `via`). */
  read: v.pipe(v.string(), v.isoDate()),
})

export const OrganisationKind = v.picklist([
  'international',
  'regional',
  'sub-regional',
  'national-federation',
  'support-organisation',
  'cooperative-group',
  'network',
  'enterprise',
])

export const Figure = v.object({
  /** A key from the pack's `metrics`. Several figures with one metric and scope are shown together; differing values are a disagreement. */
  metric: Id,
  value: v.number(),
  /** about, over, almost, at least: how the source qualifies the number. */
  qualifier: v.optional(v.picklist(['about', 'over', 'almost', 'at-least', 'under'])),
  asOf: v.nullable(PartialDate),
  /** What the number counts over, when not the organisation itself (e.g. "worldwide"). */
  scope: v.optional(LocalisedText),
  /**
   * Figures that count one and the same moment although their sources date it apart (one report says 1995, a
   * review c. 1997, both of the same 72 members) share an id here: their values are then compared as one date's,
   * so a difference reads as a disagreement, not as a change over time.
   */
  moment: v.optional(Id),
  ...claimFields,
})

export const Leader = v.object({
  person: v.pipe(v.string(), v.minLength(1)),
  role: v.picklist(['president', 'co-president', 'vice-president', 'chair', 'secretary-general', 'director-general', 'director']),
  from: v.optional(PartialDate),
  to: v.optional(PartialDate),
  /** The organisation (or country) the person came from, as the source names it; countries in the reader's language. */
  affiliation: v.optional(LocalisedText),
  ...claimFields,
})

export const Organisation = v.object({
  id: Id,
  names: v.object({
    english: v.pipe(v.string(), v.minLength(1)),
    native: v.optional(v.object({ text: v.pipe(v.string(), v.minLength(1)), lang: LanguageCode })),
    /**
     * The organisation's name in other languages, as a source gives it (CICOPA's French name), each with its source:
     * shown on the profile (the UI language's first) and found by search. None is made up: where no source gives a
     * name in a language, the organisation has none here.
     */
    inOtherLanguages: v.optional(v.array(v.object({ text: v.pipe(v.string(), v.minLength(1)), lang: LanguageCode, ...claimFields }))),
    acronym: v.optional(v.string()),
    former: v.optional(v.array(v.object({ name: v.string(), until: v.optional(PartialDate), ...claimFields }))),
    /** Other spellings people search for (e.g. "UNWPC" for NUWPC). */
    aliases: v.optional(v.array(v.string())),
  }),
  kind: OrganisationKind,
  /** ISO 3166-1 alpha-2 codes of the countries it is in or covers; empty for world-wide bodies. */
  countries: v.array(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'a country is an ISO 3166-1 alpha-2 code'))),
  /** Region for organisations that cover one: world, europe, americas, north-america, mercosur, asia-pacific. */
  region: v.optional(v.picklist(['world', 'europe', 'americas', 'north-america', 'mercosur', 'asia-pacific'])),
  founded: v.array(DateClaim),
  headquarters: v.array(TextClaim),
  website: v.optional(UrlClaim),
  description: LocalisedText,
  figures: v.array(Figure),
  leaders: v.array(Leader),
  /** Sources about the organisation as a whole (its own page, a profile). */
  sources: v.array(Id),
})

export const RelationType = v.picklist([
  'member-of',
  'regional-organisation-of',
  'sub-region-of',
  'sectoral-organisation-of',
  'founding-member-of',
  'forerunner-of',
])

export const Relation = v.object({
  type: RelationType,
  from: Id,
  to: Id,
  since: v.optional(PartialDate),
  until: v.optional(PartialDate),
  ...claimFields,
})

export const EventCategory = v.picklist(['founding', 'law', 'declaration', 'report', 'congress', 'leadership', 'membership'])

export const HistoryEvent = v.object({
  id: Id,
  /** One claim, or several where sources give different dates (the first is the one the timeline sorts by). */
  date: v.pipe(v.array(DateClaim), v.minLength(1)),
  title: LocalisedText,
  summary: v.optional(LocalisedText),
  category: EventCategory,
  organisations: v.array(Id),
})

export const CooperativeKind = v.object({
  id: Id,
  name: LocalisedText,
  definition: LocalisedText,
  definitionSources: v.pipe(v.array(Id), v.minLength(1)),
  figures: v.array(Figure),
})

export const PlanItem = v.object({
  id: Id,
  title: LocalisedText,
  detail: v.optional(LocalisedText),
  sources: v.pipe(v.array(Id), v.minLength(1)),
})

export const StrategicPlan = v.object({
  id: Id,
  title: LocalisedText,
  organisation: Id,
  period: v.object({ from: v.number(), to: v.number() }),
  adopted: v.array(DateClaim),
  adoptedBy: TextClaim,
  pillars: v.array(v.object({ number: v.number(), ...PlanItem.entries, organisations: v.array(Id), events: v.array(Id) })),
  challenges: v.array(PlanItem),
  commitments: v.array(PlanItem),
  status: v.object({ text: LocalisedText, checkedOn: v.pipe(v.string(), v.isoDate()), sources: v.array(Id) }),
})

export const Metric = v.object({ id: Id, label: LocalisedText, unit: v.picklist(['count', 'eur', 'percent']) })

export const ContentPack = v.object({
  schemaVersion: v.literal(1),
  packVersion: v.pipe(v.string(), v.regex(PACK_VERSION_PATTERN, 'packVersion is semver (like 1.2.3)')),
  /** The day this pack was compiled. */
  date: v.pipe(v.string(), v.isoDate()),
  /** Ids that were renamed or merged: old id → current id. Notes on an old id follow the redirect. */
  redirects: v.record(Id, Id),
  metrics: v.array(Metric),
  sources: v.array(Source),
  organisations: v.array(Organisation),
  relations: v.array(Relation),
  events: v.array(HistoryEvent),
  cooperativeKinds: v.array(CooperativeKind),
  strategicPlan: StrategicPlan,
})

export type PartialDate = v.InferOutput<typeof PartialDate>
export type FactStatus = v.InferOutput<typeof FactStatus>
export type DateClaim = v.InferOutput<typeof DateClaim>
export type TextClaim = v.InferOutput<typeof TextClaim>
export type LocalisedText = v.InferOutput<typeof LocalisedText>
export type Source = v.InferOutput<typeof Source>
export type OrganisationKind = v.InferOutput<typeof OrganisationKind>
export type Figure = v.InferOutput<typeof Figure>
export type Leader = v.InferOutput<typeof Leader>
export type Organisation = v.InferOutput<typeof Organisation>
export type RelationType = v.InferOutput<typeof RelationType>
export type Relation = v.InferOutput<typeof Relation>
export type EventCategory = v.InferOutput<typeof EventCategory>
export type HistoryEvent = v.InferOutput<typeof HistoryEvent>
export type CooperativeKind = v.InferOutput<typeof CooperativeKind>
export type PlanItem = v.InferOutput<typeof PlanItem>
export type StrategicPlan = v.InferOutput<typeof StrategicPlan>
export type Metric = v.InferOutput<typeof Metric>
export type ContentPack = v.InferOutput<typeof ContentPack>
