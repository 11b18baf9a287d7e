/** How facts read, in the UI language: dates at their own precision, figures with their qualifier, kinds in words. */
import type { Figure, OrganisationKind, PartialDate, RelationType } from '../../shared/content/schema'
import { i18n, t } from './i18n.svelte'

export const formatDate = (date: PartialDate): string => i18n.date(date)
/** A calendar day given as YYYY-MM-DD (when a source was read, a pack's date), in the reader's language. */
export const formatDay = (iso: string): string => i18n.date({ value: iso, precision: 'day' })
/** "since 1997", "depuis le 18 septembre 1997": a period's start, worded for its precision. */
export const since = (date: PartialDate): string => t('date.since', { date: i18n.date(date), precision: date.precision })
/** "until 2004", "jusqu’au 8 juin 2021": a period's end, worded for its precision. */
export const until = (date: PartialDate): string => t('date.until', { date: i18n.date(date), precision: date.precision })
/** "published 8 June 2021", "publié en mars 2011": the words around a date depend on its precision. */
export const publishedOn = (date: PartialDate): string => t('source.published', { date: i18n.date(date), precision: date.precision })

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

/**
 * A relation's label as running text right before the organisation it names, with the space that follows it:
 * "regional organisation of " before "ICA". French elides a closing "de" before a vowel ("organisation régionale
 * d’ICA"), which a message cannot do for a name it does not hold; the pack gives names without articles.
 */
export function relationBefore(type: RelationType, direction: 'outgoing' | 'incoming', name: string): string {
  const label = relationLabel(type, direction).toLocaleLowerCase(i18n.locale)
  if (i18n.locale === 'fr' && /(^|\s)de$/.test(label) && /^[aeiouàâäéèêëîïôöùûü]/i.test(name)) return `${label.slice(0, -2)}d’`
  return `${label} `
}
export const countryName = (code: string): string => i18n.country(code)
export const languageName = (code: string): string => i18n.language(code)

/** The one separator between the parts of a line ("Worker cooperatives · France"), with its spaces. */
export const SEPARATOR = ' · '
/** The parts of a line that are there, joined by the separator: empty parts leave no stray "·". */
export const joinParts = (parts: readonly (string | null | undefined | false)[]): string =>
  parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '').join(SEPARATOR)

/**
 * A text put in brackets after a name, " (São Paulo)" after "Walter Tesch", with its leading space. A text that has brackets of its own
 * ("FECOOTRA (Argentina)") reads with a comma inside them instead, so there are never two pairs: "(FECOOTRA, Argentina)".
 */
export const inBrackets = (text: string): string =>
  ` (${text
    .replace(/\s*\(([^()]*)\)/g, ', $1')
    .replace(/^,\s*/, '')
    .trim()})`
