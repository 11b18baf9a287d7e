/** Years of the pack's partial dates (YYYY, YYYY-MM or YYYY-MM-DD, with a precision). */
import type { PartialDate } from './schema'

/** The first year a date may mean (a decade is its first year). */
export const yearOf = (date: PartialDate): number => Number(date.value.slice(0, 4))

/** The last year a date may mean (a decade runs to its ninth year). */
export const lastYearOf = (date: PartialDate): number => yearOf(date) + (date.precision === 'decade' ? 9 : 0)
