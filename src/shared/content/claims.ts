/**
 * How sure the pack is of a claim, in one order for the whole app, so that the network, the comparison, the list of
 * organisations and the profile agree about the same fact; and date claims merged where sources agree.
 *
 * Surest first (resources/content/README.md): `sourced`, a source states it; `inferred`, worked out from a named
 * source, the note saying how; `unverified`, the research marked it so, or only the research notes carry it,
 * without a page. An inferred fact can be checked against the page it rests on; an unverified one cannot.
 */
import type { FactStatus, Figure, LocalisedText, PartialDate } from './schema'

const RANK: Record<FactStatus, number> = { sourced: 0, inferred: 1, unverified: 2 }

/** 0 for the surest status, then 1 and 2. */
export const statusRank = (status: FactStatus): number => RANK[status]

/** Whether `a` is strictly surer than `b`. */
export const isSurer = (a: FactStatus, b: FactStatus): boolean => RANK[a] < RANK[b]

/** A comparator: surest first (ties keep their order in a stable sort). */
export const surestFirst = (a: { status: FactStatus }, b: { status: FactStatus }): number => RANK[a.status] - RANK[b.status]

/**
 * Whether sources disagree on a fact: they give more than one value. Several claims of one value (differing only
 * in details, such as their notes) agree on it. `key` says when two values are the same.
 */
export function valuesDisagree<T>(claims: readonly { value: T }[], key: (value: T) => string = (value) => JSON.stringify(value)): boolean {
  return new Set(claims.map((claim) => key(claim.value))).size > 1
}

/** Date claims merged by value: one entry per date a source gives, with every source that gives it (the surest status wins). */
export function distinctClaims<T extends { value: PartialDate; sources: string[]; status: FactStatus; note?: LocalisedText | undefined }>(
  claims: readonly T[],
): T[] {
  const out: T[] = []
  for (const claim of claims) {
    const same = out.findIndex((c) => c.value.value === claim.value.value && c.value.precision === claim.value.precision)
    if (same < 0) out.push({ ...claim, sources: [...claim.sources] })
    else {
      const kept = out[same]!
      const status = isSurer(claim.status, kept.status) ? claim.status : kept.status
      out[same] = { ...kept, sources: [...new Set([...kept.sources, ...claim.sources])], status }
    }
  }
  return out
}

/**
 * Figures that sources give different values for at one moment: one metric over one scope, on one date (or both
 * undated), or sharing a `moment` id (the same count dated apart by its sources). Every one of them is marked as
 * disputed; figures at different moments read as a change over time.
 */
export function disagreeingFigures<F extends Pick<Figure, 'metric' | 'value' | 'scope' | 'asOf' | 'moment'>>(
  figures: readonly F[],
): Set<F> {
  const atMoment = new Map<string, F[]>()
  for (const f of figures) {
    const when = f.moment !== undefined ? `moment:${f.moment}` : `date:${f.asOf?.value ?? ''}`
    const key = `${f.metric}|${f.scope?.en ?? ''}|${when}`
    atMoment.set(key, [...(atMoment.get(key) ?? []), f])
  }
  const marked = new Set<F>()
  for (const list of atMoment.values()) if (valuesDisagree(list)) list.forEach((f) => marked.add(f))
  return marked
}
