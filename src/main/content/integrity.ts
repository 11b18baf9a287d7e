/**
 * Cross-reference checks on a pack that already matches its schema: everything an id points at must exist,
 * ids must be unique, dates must run forwards and countries must be real. Each problem is one readable line.
 */
import type { ContentPack, PartialDate } from '../../shared/content/schema'

/** ISO 3166-1 alpha-2 codes (249 officially assigned). `Intl.DisplayNames` is not enough: it also names UK, EU, XK… */
const ISO_COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
    'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
)

export function isIsoCountry(code: string): boolean {
  return ISO_COUNTRIES.has(code)
}

/** True when `to` is certainly earlier than `from`; dates of different precision are compared on what both state. */
export function endsBeforeStart(from: PartialDate, to: PartialDate): boolean {
  const length = Math.min(from.value.length, to.value.length)
  return to.value.slice(0, length) < from.value.slice(0, length)
}

/** Every id a user's note may be keyed on, with what it names. Organisations, events, sources, kinds and plan items share one namespace. */
export function collectIds(pack: ContentPack): { id: string; what: string }[] {
  const plan = pack.strategicPlan
  return [
    ...pack.organisations.map((o) => ({ id: o.id, what: 'organisation' })),
    ...pack.events.map((e) => ({ id: e.id, what: 'event' })),
    ...pack.sources.map((s) => ({ id: s.id, what: 'source' })),
    ...pack.cooperativeKinds.map((k) => ({ id: k.id, what: 'cooperative kind' })),
    { id: plan.id, what: 'strategic plan' },
    ...plan.pillars.map((p) => ({ id: p.id, what: 'plan pillar' })),
    ...plan.challenges.map((c) => ({ id: c.id, what: 'plan challenge' })),
    ...plan.commitments.map((c) => ({ id: c.id, what: 'plan commitment' })),
  ]
}

/** Every place a source id is cited, with a label for messages. */
function sourceCitations(pack: ContentPack): { where: string; ids: string[] }[] {
  const out: { where: string; ids: string[] }[] = []
  const claims = (where: string, list: { sources: string[] }[] | undefined) => list?.forEach((c) => out.push({ where, ids: c.sources }))
  for (const o of pack.organisations) {
    const where = `organisation "${o.id}"`
    out.push({ where, ids: o.sources })
    claims(where, o.names.former)
    claims(where, o.names.inOtherLanguages)
    claims(where, o.founded)
    claims(where, o.headquarters)
    claims(where, o.website ? [o.website] : [])
    claims(where, o.figures)
    claims(where, o.leaders)
  }
  pack.relations.forEach((r, i) => claims(`relation ${i} (${r.from} ${r.type} ${r.to})`, [r]))
  for (const e of pack.events) claims(`event "${e.id}"`, e.date)
  for (const k of pack.cooperativeKinds) {
    out.push({ where: `cooperative kind "${k.id}"`, ids: k.definitionSources })
    claims(`cooperative kind "${k.id}"`, k.figures)
  }
  const plan = pack.strategicPlan
  claims(`strategic plan "${plan.id}"`, [...plan.adopted, plan.adoptedBy, plan.status])
  for (const item of [...plan.pillars, ...plan.challenges, ...plan.commitments]) claims(`plan item "${item.id}"`, [item])
  return out
}

export function findIntegrityProblems(pack: ContentPack): string[] {
  const problems: string[] = []

  // Unique ids in the shared namespace, and unique metric ids.
  const seen = new Map<string, string>()
  for (const { id, what } of collectIds(pack)) {
    const earlier = seen.get(id)
    if (earlier) problems.push(`duplicate id "${id}" (${earlier} and ${what})`)
    else seen.set(id, what)
  }
  const metrics = new Set<string>()
  for (const m of pack.metrics) {
    if (metrics.has(m.id)) problems.push(`duplicate metric "${m.id}"`)
    metrics.add(m.id)
  }

  const organisations = new Set(pack.organisations.map((o) => o.id))
  const events = new Set(pack.events.map((e) => e.id))
  const sources = new Set(pack.sources.map((s) => s.id))
  const needOrganisation = (where: string, id: string) => {
    if (!organisations.has(id)) problems.push(`${where} points at a missing organisation "${id}"`)
  }

  for (const { where, ids } of sourceCitations(pack)) {
    for (const id of ids) if (!sources.has(id)) problems.push(`${where} cites a missing source "${id}"`)
  }

  const figureMetrics = (where: string, figures: { metric: string; moment?: string | undefined }[]) => {
    for (const f of figures) if (!metrics.has(f.metric)) problems.push(`${where} has a figure with a missing metric "${f.metric}"`)
    // A moment joins figures of one metric dated apart; alone, it would join nothing and hide a typo.
    const perMoment = new Map<string, number>()
    for (const f of figures)
      if (f.moment !== undefined) perMoment.set(`${f.metric}|${f.moment}`, (perMoment.get(`${f.metric}|${f.moment}`) ?? 0) + 1)
    for (const [key, count] of perMoment) {
      const [metric, moment] = key.split('|')
      if (count < 2) problems.push(`${where} has the moment "${moment}" on one figure of "${metric}" only: it joins figures of one metric`)
    }
  }

  for (const o of pack.organisations) {
    const where = `organisation "${o.id}"`
    figureMetrics(where, o.figures)
    for (const code of o.countries) {
      if (!isIsoCountry(code)) problems.push(`${where} has "${code}", which is not an ISO 3166-1 alpha-2 country code`)
    }
    for (const l of o.leaders) {
      if (l.from && l.to && endsBeforeStart(l.from, l.to)) {
        problems.push(`${where}: leader "${l.person}" ends (${l.to.value}) before starting (${l.from.value})`)
      }
    }
  }

  pack.relations.forEach((r, i) => {
    const where = `relation ${i} (${r.from} ${r.type} ${r.to})`
    needOrganisation(where, r.from)
    needOrganisation(where, r.to)
    if (r.from === r.to) problems.push(`${where} relates an organisation to itself`)
    if (r.since && r.until && endsBeforeStart(r.since, r.until)) {
      problems.push(`${where} ends (${r.until.value}) before starting (${r.since.value})`)
    }
  })

  for (const e of pack.events) for (const id of e.organisations) needOrganisation(`event "${e.id}"`, id)

  for (const k of pack.cooperativeKinds) figureMetrics(`cooperative kind "${k.id}"`, k.figures)

  const plan = pack.strategicPlan
  needOrganisation(`strategic plan "${plan.id}"`, plan.organisation)
  if (plan.period.to < plan.period.from)
    problems.push(`strategic plan "${plan.id}" ends (${plan.period.to}) before starting (${plan.period.from})`)
  for (const p of plan.pillars) {
    for (const id of p.organisations) needOrganisation(`plan pillar "${p.id}"`, id)
    for (const id of p.events) if (!events.has(id)) problems.push(`plan pillar "${p.id}" points at a missing event "${id}"`)
  }

  for (const [from, to] of Object.entries(pack.redirects)) {
    if (seen.has(from)) problems.push(`redirect from "${from}" but that id is still in the pack`)
    if (!seen.has(to)) problems.push(`redirect "${from}" points at a missing id "${to}"`)
  }

  return problems
}

/** Sources that nothing cites. Kept apart from the load-time checks: an unused source is untidy, not broken. */
export function findUnusedSources(pack: ContentPack): string[] {
  const cited = new Set(sourceCitations(pack).flatMap((c) => c.ids))
  return pack.sources.filter((s) => !cited.has(s.id)).map((s) => `source "${s.id}" is not cited anywhere`)
}
