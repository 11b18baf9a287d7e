/** How facts read, in the UI language: dates at their own precision, figures with their qualifier, kinds in words. */
import type { Figure, OrganisationKind, PartialDate, RelationType } from '../../shared/content/schema'
import { i18n, t } from './i18n.svelte'

export const formatDate = (date: PartialDate): string => i18n.date(date)

export function formatFigure(figure: Figure, unit: 'count' | 'eur' | 'percent' = 'count'): string {
  const options: Intl.NumberFormatOptions =
    unit === 'eur'
      ? { style: 'currency', currency: 'EUR', notation: figure.value >= 1e6 ? 'compact' : 'standard', maximumFractionDigits: 1 }
      : unit === 'percent'
        ? { style: 'percent', maximumFractionDigits: 2 }
        : {}
  const value = i18n.number(unit === 'percent' ? figure.value / 100 : figure.value, options)
  return figure.qualifier ? t(`figure.${figure.qualifier}`, { value }) : value
}

export const kindLabel = (kind: OrganisationKind): string => t(`kind.${kind}`)
export const relationLabel = (type: RelationType, direction: 'outgoing' | 'incoming'): string => t(`relation.${type}.${direction}`)
export const countryName = (code: string): string => i18n.country(code)
export const languageName = (code: string): string => i18n.language(code)
