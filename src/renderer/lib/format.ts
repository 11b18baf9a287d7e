/** How facts read: dates at their own precision, figures with their qualifier, organisation kinds in words. */
import type { Figure, OrganisationKind, PartialDate, RelationType } from '../../shared/content/schema'

const MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
const DAY_MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** 8 June 2021 · June 2021 · 2021 · c. 1995 · 1970s — never more precise than the source. */
export function formatDate(date: PartialDate): string {
  switch (date.precision) {
    case 'day':
      return DAY_MONTH_YEAR.format(new Date(`${date.value}T00:00:00Z`))
    case 'month':
      return MONTH_YEAR.format(new Date(`${date.value}-01T00:00:00Z`))
    case 'circa':
      return `c. ${date.value}`
    case 'decade':
      return `${date.value}s`
    default:
      return date.value
  }
}

const NUMBER = new Intl.NumberFormat('en-GB')
const QUALIFIER: Record<NonNullable<Figure['qualifier']>, string> = {
  about: 'about ',
  over: 'over ',
  almost: 'almost ',
  'at-least': 'at least ',
  under: 'under ',
}

export function formatFigure(figure: Figure, unit: 'count' | 'eur' | 'percent' = 'count'): string {
  const prefix = figure.qualifier ? QUALIFIER[figure.qualifier] : ''
  if (unit === 'eur') return `${prefix}€${NUMBER.format(figure.value)}`
  if (unit === 'percent') return `${prefix}${NUMBER.format(figure.value)}%`
  return `${prefix}${NUMBER.format(figure.value)}`
}

export const KIND_LABEL: Record<OrganisationKind, string> = {
  international: 'International organisation',
  regional: 'Regional organisation',
  'sub-regional': 'Sub-regional organisation',
  'national-federation': 'National federation or union',
  'support-organisation': 'Support organisation',
  'cooperative-group': 'Cooperative group',
  network: 'Network',
  enterprise: 'Enterprise',
}

export const RELATION_LABEL: Record<RelationType, { outgoing: string; incoming: string }> = {
  'member-of': { outgoing: 'Member of', incoming: 'Members' },
  'regional-organisation-of': { outgoing: 'Regional organisation of', incoming: 'Regional organisations' },
  'sub-region-of': { outgoing: 'Sub-region of', incoming: 'Sub-regions' },
  'sectoral-organisation-of': { outgoing: 'Sectoral organisation of', incoming: 'Sectoral organisations' },
  'founding-member-of': { outgoing: 'Founding member of', incoming: 'Founding members' },
  'forerunner-of': { outgoing: 'Forerunner of', incoming: 'Forerunners' },
}

const REGION = new Intl.DisplayNames(['en'], { type: 'region' })
export const countryName = (code: string): string => REGION.of(code) ?? code
