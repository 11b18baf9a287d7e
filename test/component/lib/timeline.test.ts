import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  citingEvents,
  dateSpan,
  distinctDates,
  extentOf,
  filterEvents,
  filtersQuery,
  groupByDecade,
  isDisputed,
  layoutScale,
  MIN_SPAN,
  neighbour,
  panRange,
  readFilters,
  scaleTicks,
  sortEvents,
  sourceOrder,
  zoomRange,
  type YearRange,
} from '../../../src/renderer/lib/timeline'
import type { DateClaim, EventCategory, HistoryEvent, PartialDate } from '../../../src/shared/content/schema'

const date = (value: string, precision: PartialDate['precision']): PartialDate => ({ value, precision })
const claim = (
  value: string,
  precision: PartialDate['precision'],
  sources = ['src-a'],
  status: DateClaim['status'] = 'sourced',
): DateClaim => ({
  value: date(value, precision),
  sources,
  status,
})
const event = (id: string, dates: DateClaim[], category: EventCategory = 'founding', organisations: string[] = []): HistoryEvent => ({
  id,
  date: dates,
  title: { en: id },
  category,
  organisations,
})

const EVENTS = [
  event('adopted', [claim('2021-06-08', 'day', ['src-c'])], 'congress', ['cecop']),
  event('social', [claim('1970', 'decade', ['src-b'])]),
  event('confederation', [claim('1992', 'year', ['src-a']), claim('1995', 'circa', ['src-b'], 'inferred')], 'founding', ['cecop']),
  event('statement', [claim('1995-09', 'month', ['src-b', 'src-a'])], 'declaration', ['ica']),
  event('law', [claim('1978-07-19', 'day', ['src-c'])], 'law'),
]
const EXTENT = extentOf(EVENTS)

describe('dates', () => {
  it('cover the span their precision allows, and no more', () => {
    expect(dateSpan(date('1970', 'decade'))).toEqual([1970, 1980])
    expect(dateSpan(date('1995', 'year'))).toEqual([1995, 1996])
    expect(dateSpan(date('1995', 'circa'))).toEqual([1995, 1996])
    expect(dateSpan(date('2021-06', 'month'))).toEqual([2021 + 5 / 12, 2021 + 6 / 12])
    const [start, end] = dateSpan(date('2020-12-31', 'day'))
    expect(start).toBeCloseTo(2020 + 365 / 366)
    expect(end).toBeCloseTo(2021)
    expect(dateSpan(date('2021-01-01', 'day'))[0]).toBe(2021)
  })

  it('are disputed only when sources give different dates, not when several sources agree', () => {
    expect(isDisputed(EVENTS[2]!)).toBe(true)
    expect(isDisputed(EVENTS[0]!)).toBe(false)
    const agreeing = event('founded', [claim('1979', 'year', ['src-a']), claim('1979', 'year', ['src-b'])])
    expect(isDisputed(agreeing)).toBe(false)
    expect(distinctDates(agreeing)).toEqual([date('1979', 'year')])
    // A month and a day inside it are different claims: one source is more precise than the other.
    expect(isDisputed(event('x', [claim('1995-09', 'month'), claim('1995-09-23', 'day')]))).toBe(true)
  })
})

describe('ordering and grouping', () => {
  it('sorts by the first date claim, a decade before the years in it, and keeps the pack order on ties', () => {
    const tie = [event('b', [claim('1979', 'year')]), event('a', [claim('1979', 'year')]), event('c', [claim('1970', 'decade')])]
    expect(sortEvents(tie).map((e) => e.id)).toEqual(['c', 'b', 'a'])
    expect(sortEvents(EVENTS).map((e) => e.id)).toEqual(['social', 'law', 'confederation', 'statement', 'adopted'])
  })

  it('groups sorted events by the decade of their first date', () => {
    const groups = groupByDecade(sortEvents(EVENTS))
    expect(groups.map((g) => [g.decade, g.events.map((e) => e.id)])).toEqual([
      [1970, ['social', 'law']],
      [1990, ['confederation', 'statement']],
      [2020, ['adopted']],
    ])
  })

  it('widens the extent to whole decades', () => {
    expect(EXTENT).toEqual({ from: 1970, to: 2029 })
    expect(extentOf([])).toEqual({ from: 2000, to: 2009 })
  })
})

describe('filters in the address', () => {
  it('read what makes sense and ignore the rest', () => {
    expect(readFilters({}, EXTENT)).toEqual({ org: null, categories: [], from: 1970, to: 2029 })
    expect(readFilters({ org: 'cecop', category: 'law,nonsense,founding', from: '1990', to: '1999' }, EXTENT)).toEqual({
      org: 'cecop',
      categories: ['founding', 'law'],
      from: 1990,
      to: 1999,
    })
    expect(readFilters({ from: '1200', to: 'soon' }, EXTENT)).toMatchObject({ from: 1970, to: 2029 })
    expect(readFilters({ from: '2000', to: '1990' }, EXTENT)).toMatchObject({ from: 1990, to: 2000 })
  })

  it('write only what differs from showing everything, and read back the same', () => {
    expect(filtersQuery({ org: null, categories: [], ...EXTENT }, EXTENT)).toEqual({})
    const filters = { org: 'cecop', categories: ['law', 'founding'] as EventCategory[], from: 1990, to: 1999 }
    const query = filtersQuery(filters, EXTENT)
    expect(query).toEqual({ org: 'cecop', category: 'founding,law', from: '1990', to: '1999' })
    expect(readFilters(query, EXTENT)).toEqual({ ...filters, categories: ['founding', 'law'] })
  })

  it('narrow by organisation, category and years, counting any date a source gives', () => {
    const all = { org: null, categories: [], ...EXTENT }
    expect(filterEvents(EVENTS, { ...all, org: 'cecop' }).map((e) => e.id)).toEqual(['adopted', 'confederation'])
    expect(filterEvents(EVENTS, { ...all, categories: ['law', 'declaration'] }).map((e) => e.id)).toEqual(['statement', 'law'])
    // c. 1995 is one of the dates given for the confederation: it shows in 1995–1999.
    expect(filterEvents(EVENTS, { ...all, from: 1995, to: 1999 }).map((e) => e.id)).toEqual(['confederation', 'statement'])
    // The 1970s overlap 1975–1976.
    expect(filterEvents(EVENTS, { ...all, from: 1975, to: 1976 }).map((e) => e.id)).toEqual(['social'])
    expect(filterEvents(EVENTS, { ...all, org: 'nobody' })).toEqual([])
  })
})

describe('zoom', () => {
  const extent: YearRange = { from: 1840, to: 2029 }

  it('halves and doubles the span around a year, inside the extent', () => {
    expect(zoomRange(extent, extent, 0.5)).toEqual({ from: 1888, to: 1982 })
    expect(zoomRange(extent, extent, 0.5, 2020)).toEqual({ from: 1935, to: 2029 })
    expect(zoomRange({ from: 1990, to: 1999 }, extent, 2)).toEqual({ from: 1985, to: 2004 })
    expect(zoomRange({ from: 1990, to: 1999 }, extent, 100)).toEqual(extent)
  })

  it('never shows fewer than MIN_SPAN years', () => {
    expect(zoomRange({ from: 1990, to: 1995 }, extent, 0.5)).toEqual({ from: 1991, to: 1995 })
    expect(zoomRange({ from: 1990, to: 1994 }, extent, 0.5)).toEqual({ from: 1990, to: 1994 })
  })

  it('pans by half the span, stopping at the ends', () => {
    expect(panRange({ from: 1990, to: 1999 }, extent, 1)).toEqual({ from: 1995, to: 2004 })
    expect(panRange({ from: 2020, to: 2029 }, extent, 1)).toEqual({ from: 2020, to: 2029 })
    expect(panRange({ from: 1842, to: 1851 }, extent, -1)).toEqual({ from: 1840, to: 1849 })
  })

  it('always gives a span inside the extent, at least MIN_SPAN years long', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1840, max: 2029 }),
        fc.integer({ min: 0, max: 200 }),
        fc.constantFrom(0.5, 2),
        fc.option(fc.integer({ min: 1800, max: 2100 }), { nil: undefined }),
        (from, length, factor, centre) => {
          const range = { from, to: Math.min(2029, from + length) }
          const next = zoomRange(range, extent, factor, centre)
          expect(next.from).toBeGreaterThanOrEqual(extent.from)
          expect(next.to).toBeLessThanOrEqual(extent.to)
          expect(next.to + 1 - next.from).toBeGreaterThanOrEqual(MIN_SPAN)
          if (factor === 0.5) expect(next.to - next.from).toBeLessThanOrEqual(Math.max(MIN_SPAN - 1, range.to - range.from))
        },
      ),
    )
  })
})

describe('the scale', () => {
  it('labels round years, far enough apart', () => {
    expect(scaleTicks({ from: 1840, to: 2029 }, 800)).toEqual([1840, 1860, 1880, 1900, 1920, 1940, 1960, 1980, 2000, 2020])
    expect(scaleTicks({ from: 1990, to: 1999 }, 800)).toEqual([1990, 1991, 1992, 1993, 1994, 1995, 1996, 1997, 1998, 1999, 2000])
    expect(scaleTicks({ from: 1990, to: 1999 }, 200)).toEqual([1990, 1995, 2000])
  })

  it('places events at their date, stacking only those that would touch', () => {
    const events = [
      event('a', [claim('2000', 'year')]),
      event('b', [claim('2000', 'year')]),
      event('c', [claim('1950', 'year')]),
      event('d', [claim('1970', 'decade')]),
      event('e', [claim('1992', 'year'), claim('1995', 'circa')]),
    ]
    const layout = layoutScale(events, { from: 1900, to: 2099 }, 840)
    const mark = (id: string) => layout.marks.find((m) => m.event.id === id)!
    expect(mark('c').x).toBeCloseTo(20 + (50.5 / 200) * 800)
    expect(mark('a').lane).not.toBe(mark('b').lane)
    expect(mark('c').lane).toBe(0)
    // A decade is drawn as a bar over its ten years.
    expect(mark('d').bar).toEqual([20 + (70 / 200) * 800, 20 + (80 / 200) * 800])
    expect(mark('a').bar).toBeNull()
    // The other date a source gives is drawn too.
    expect(mark('e').alternates).toEqual([layout.x(1995.5)])
    expect(mark('e').approximate).toBe(false)
    expect(layout.lanes).toBe(2)
  })
})

describe('sources and keys', () => {
  it('numbers sources in order of first citation, and knows which events cite each', () => {
    const sorted = sortEvents(EVENTS)
    expect(sourceOrder(sorted)).toEqual(['src-b', 'src-c', 'src-a'])
    expect(
      citingEvents(sorted)
        .get('src-a')
        ?.map((e) => e.id),
    ).toEqual(['confederation', 'statement'])
  })

  it('moves between neighbours with the arrow keys, Home and End, and stops at the ends', () => {
    const ids = ['a', 'b', 'c']
    expect(neighbour(ids, 'a', 'ArrowDown')).toBe('b')
    expect(neighbour(ids, 'c', 'ArrowDown')).toBe('c')
    expect(neighbour(ids, 'b', 'ArrowUp')).toBe('a')
    expect(neighbour(ids, 'a', 'ArrowUp')).toBe('a')
    expect(neighbour(ids, 'b', 'Home')).toBe('a')
    expect(neighbour(ids, 'a', 'End')).toBe('c')
    expect(neighbour(ids, 'a', 'Enter')).toBeNull()
    expect(neighbour([], null, 'ArrowDown')).toBeNull()
  })
})
