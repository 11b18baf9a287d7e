import { describe, expect, it } from 'vitest'
import { lastYearOf, yearOf } from '../../../../src/shared/content/dates'
import type { PartialDate } from '../../../../src/shared/content/schema'

const dates: PartialDate[] = [
  { value: '2021-06-08', precision: 'day' },
  { value: '2021-06', precision: 'month' },
  { value: '2021', precision: 'year' },
  { value: '1995', precision: 'circa' },
  { value: '1970', precision: 'decade' },
]

describe('the years of a date', () => {
  it('begins in the year the date is written with, a decade in its first year', () => {
    expect(dates.map(yearOf)).toEqual([2021, 2021, 2021, 1995, 1970])
  })

  it('ends in the same year, except a decade, which runs to its ninth', () => {
    expect(dates.map(lastYearOf)).toEqual([2021, 2021, 2021, 1995, 1979])
  })
})
