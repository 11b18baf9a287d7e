/**
 * The UI language: follows the system at first start (navigator.languages), can be set in settings, and
 * formats messages (ICU, via intl-messageformat), dates, numbers and country names for that language.
 */
import { IntlMessageFormat } from 'intl-messageformat'
import type { PartialDate } from '../../shared/content/schema'
import { CATALOG, type MessageKey } from './i18n/catalog'
import { LOCALES, type Locale } from './i18n/define'
import { intl } from './intl-cache'

export type { Locale, MessageKey }
export { LOCALES }

export function systemLocale(languages: readonly string[] = navigator.languages): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0] as Locale
    if (LOCALES.includes(base)) return base
  }
  return 'en'
}

type Values = Record<string, string | number>

class I18n {
  locale = $state<Locale>(systemLocale())
  #formats = new Map<string, IntlMessageFormat>()

  /** The message `key` in the current language, with its placeholders filled. */
  t = (key: MessageKey, values?: Values): string => {
    const cacheKey = `${this.locale}\u0000${key}`
    let format = this.#formats.get(cacheKey)
    if (!format) {
      format = new IntlMessageFormat(CATALOG[this.locale][key] ?? CATALOG.en[key] ?? key, this.locale)
      this.#formats.set(cacheKey, format)
    }
    return String(format.format(values))
  }

  /** A date at its own precision, never more precise than the source: 8 June 2021 · June 2021 · 2021 · c. 1995 · 1970s. */
  date = (date: PartialDate): string => {
    switch (date.precision) {
      case 'day':
        return intl(
          `day:${this.locale}`,
          () => new Intl.DateTimeFormat(this.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
        ).format(new Date(`${date.value}T00:00:00Z`))
      case 'month':
        return intl(
          `month:${this.locale}`,
          () => new Intl.DateTimeFormat(this.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
        ).format(new Date(`${date.value}-01T00:00:00Z`))
      case 'circa':
        return this.t('date.circa', { year: date.value })
      case 'decade':
        return this.t('date.decade', { decade: date.value })
      default:
        return date.value
    }
  }

  number = (value: number, options?: Intl.NumberFormatOptions): string =>
    intl(`number:${this.locale}:${JSON.stringify(options ?? {})}`, () => new Intl.NumberFormat(this.locale, options)).format(value)

  dateTime = (iso: string): string =>
    intl(`datetime:${this.locale}`, () => new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' })).format(
      new Date(iso),
    )

  country = (code: string): string =>
    intl(`region:${this.locale}`, () => new Intl.DisplayNames([this.locale], { type: 'region' })).of(code) ?? code
}

export const i18n = new I18n()
export const t = i18n.t
