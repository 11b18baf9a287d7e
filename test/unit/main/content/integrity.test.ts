/**
 * Each integrity check, tried on a small broken copy of the real pack: the check must name the problem.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { readPackFolder, validatePack } from '../../../../src/main/content/load-pack'
import { endsBeforeStart, findIntegrityProblems, findUnusedSources, isIsoCountry } from '../../../../src/main/content/integrity'
import { ContentPack } from '../../../../src/shared/content/schema'

let raw: unknown
let real: ContentPack

beforeAll(async () => {
  raw = await readPackFolder('resources/content')
  real = v.parse(ContentPack, raw)
})

/** A deep copy of the real pack, changed by `breakIt`, and the problems found in it. */
function problemsAfter(breakIt: (pack: ContentPack) => void): string[] {
  const copy = structuredClone(real)
  breakIt(copy)
  return findIntegrityProblems(copy)
}

const first = <T>(list: T[]): T => {
  const item = list[0]
  if (item === undefined) throw new Error('empty list in the real pack')
  return item
}
const org = (pack: ContentPack, id: string) => {
  const found = pack.organisations.find((o) => o.id === id)
  if (!found) throw new Error(`no organisation "${id}"`)
  return found
}

describe('validatePack', () => {
  it('refuses an empty object with schema problems', () => {
    expect(() => validatePack({})).toThrow(/does not match its schema/)
  })

  it('refuses a pack with an integrity problem and lists it', () => {
    const broken = structuredClone(raw) as { organisations: { id: string }[] }
    broken.organisations.push(structuredClone(first(broken.organisations)))
    expect(() => validatePack(broken)).toThrow(/inconsistent[\s\S]*duplicate id "ica"/)
  })
})

describe('findIntegrityProblems', () => {
  it('finds nothing wrong in the real pack', () => {
    expect(findIntegrityProblems(real)).toEqual([])
  })

  it('finds a duplicate id within one kind of entity', () => {
    const problems = problemsAfter((p) => p.events.push(structuredClone(first(p.events))))
    expect(problems).toContain(`duplicate id "${first(real.events).id}" (event and event)`)
  })

  it('finds a duplicate id across kinds of entity', () => {
    const problems = problemsAfter((p) => {
      first(p.events).id = 'cecop'
    })
    expect(problems).toContain('duplicate id "cecop" (organisation and event)')
  })

  it('finds a plan item id that clashes with a source id', () => {
    const problems = problemsAfter((p) => {
      first(p.strategicPlan.challenges).id = 'cecop-about'
    })
    expect(problems).toContain('duplicate id "cecop-about" (source and plan challenge)')
  })

  it('finds a duplicate metric', () => {
    const problems = problemsAfter((p) => p.metrics.push(structuredClone(first(p.metrics))))
    expect(problems).toContain(`duplicate metric "${first(real.metrics).id}"`)
  })

  it('finds a relation pointing at a missing organisation', () => {
    const problems = problemsAfter((p) => {
      first(p.relations).to = 'no-such-body'
    })
    expect(problems.some((m) => /^relation 0 \(.+\) points at a missing organisation "no-such-body"$/.test(m))).toBe(true)
  })

  it('finds a self-relation', () => {
    const problems = problemsAfter((p) => {
      const r = first(p.relations)
      r.to = r.from
    })
    expect(problems.some((m) => /^relation 0 \(.+\) relates an organisation to itself$/.test(m))).toBe(true)
  })

  it('finds a relation that ends before it starts', () => {
    const problems = problemsAfter((p) => {
      const r = first(p.relations)
      r.since = { value: '2010-05', precision: 'month' }
      r.until = { value: '2009', precision: 'year' }
    })
    expect(problems.some((m) => /^relation 0 \(.+\) ends \(2009\) before starting \(2010-05\)$/.test(m))).toBe(true)
  })

  it('finds an event pointing at a missing organisation', () => {
    const problems = problemsAfter((p) => first(p.events).organisations.push('no-such-body'))
    expect(problems).toContain(`event "${first(real.events).id}" points at a missing organisation "no-such-body"`)
  })

  it('finds an event date citing a missing source', () => {
    const problems = problemsAfter((p) => first(first(p.events).date).sources.push('no-such-page'))
    expect(problems).toContain(`event "${first(real.events).id}" cites a missing source "no-such-page"`)
  })

  it('finds a leader citing a missing source, and one who leaves before arriving', () => {
    const problems = problemsAfter((p) => {
      const cecop = org(p, 'cecop')
      cecop.leaders.push({
        person: 'Test Person',
        role: 'president',
        from: { value: '2001-03-04', precision: 'day' },
        to: { value: '1999', precision: 'year' },
        sources: ['no-such-page'],
        status: 'sourced',
      })
    })
    expect(problems).toContain('organisation "cecop" cites a missing source "no-such-page"')
    expect(problems).toContain('organisation "cecop": leader "Test Person" ends (1999) before starting (2001-03-04)')
  })

  it('does not take dates of different precision in the same year for a reversed period', () => {
    expect(endsBeforeStart({ value: '2010-11-04', precision: 'day' }, { value: '2010', precision: 'year' })).toBe(false)
    expect(endsBeforeStart({ value: '2010-11-04', precision: 'day' }, { value: '2010-10', precision: 'month' })).toBe(true)
  })

  it('finds a figure with a missing metric or a missing source', () => {
    const problems = problemsAfter((p) => {
      const figure = first(org(p, 'cecop').figures)
      figure.metric = 'no-such-metric'
      figure.sources = ['no-such-page']
    })
    expect(problems).toContain('organisation "cecop" has a figure with a missing metric "no-such-metric"')
    expect(problems).toContain('organisation "cecop" cites a missing source "no-such-page"')
  })

  it('finds a figure moment that joins no other figure of its metric', () => {
    const problems = problemsAfter((p) => {
      first(org(p, 'cecop').figures).moment = 'a-lone-moment'
    })
    expect(problems).toContain(
      `organisation "cecop" has the moment "a-lone-moment" on one figure of "${first(org(real, 'cecop').figures).metric}" only: it joins figures of one metric`,
    )
    expect(findIntegrityProblems(real)).toEqual([])
  })

  it('finds a cooperative kind figure with a missing metric', () => {
    const problems = problemsAfter((p) => {
      first(first(p.cooperativeKinds).figures).metric = 'no-such-metric'
    })
    expect(problems).toContain(`cooperative kind "${first(real.cooperativeKinds).id}" has a figure with a missing metric "no-such-metric"`)
  })

  it('finds plan items pointing at a missing event, organisation or source', () => {
    const problems = problemsAfter((p) => {
      const pillar = first(p.strategicPlan.pillars)
      pillar.events.push('no-such-event')
      pillar.organisations.push('no-such-body')
      first(p.strategicPlan.commitments).sources.push('no-such-page')
    })
    const pillar = first(real.strategicPlan.pillars).id
    expect(problems).toContain(`plan pillar "${pillar}" points at a missing event "no-such-event"`)
    expect(problems).toContain(`plan pillar "${pillar}" points at a missing organisation "no-such-body"`)
    expect(problems).toContain(`plan item "${first(real.strategicPlan.commitments).id}" cites a missing source "no-such-page"`)
  })

  it('finds a redirect to a missing id and a redirect from an id still in the pack', () => {
    const problems = problemsAfter((p) => {
      p.redirects = { 'old-name': 'no-such-id', cicopa: 'cecop' }
    })
    expect(problems).toContain('redirect "old-name" points at a missing id "no-such-id"')
    expect(problems).toContain('redirect from "cicopa" but that id is still in the pack')
  })

  it('accepts a redirect from a retired id to a current one', () => {
    expect(problemsAfter((p) => (p.redirects = { 'cecop-europe': 'cecop' }))).toEqual([])
  })

  it('finds country codes that are not ISO 3166-1 alpha-2', () => {
    const problems = problemsAfter((p) => {
      org(p, 'co-operatives-uk').countries = ['UK']
      org(p, 'coceta').countries = ['XX']
    })
    expect(problems).toContain('organisation "co-operatives-uk" has "UK", which is not an ISO 3166-1 alpha-2 country code')
    expect(problems).toContain('organisation "coceta" has "XX", which is not an ISO 3166-1 alpha-2 country code')
    expect(['GB', 'PR', 'KR', 'ES'].every(isIsoCountry)).toBe(true)
    expect(['UK', 'EU', 'XK', 'ZZ'].some(isIsoCountry)).toBe(false)
  })
})

describe('findUnusedSources', () => {
  it('names a source that nothing cites', () => {
    const copy = structuredClone(real)
    copy.sources.push({ id: 'lonely-page', title: 'A page nobody cites', via: 'research-1', read: '2026-11-23' })
    expect(findUnusedSources(copy)).toEqual(['source "lonely-page" is not cited anywhere'])
  })
})
