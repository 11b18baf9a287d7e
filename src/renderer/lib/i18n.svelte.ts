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

// What made messages slow to start (npm run bench: 20 ms of the first view): every IntlMessageFormat resolves its
// locale again (Intl.NumberFormat.supportedLocalesOf) and makes Intl formatters of its own. Both are shared here.
// Our locales are three we ship, so the check that the runtime supports them (supportedLocalesOf, 18 ms the first
// time) is skipped.
IntlMessageFormat.resolveLocale = (locales) =>
  intl(`mf-locale:${String(locales)}`, () => new Intl.Locale(Array.isArray(locales) ? (locales[0] ?? 'en') : locales))
const sharedFormatters = {
  getNumberFormat: (...args: ConstructorParameters<typeof Intl.NumberFormat>) =>
    intl(`mf-number:${JSON.stringify(args)}`, () => new Intl.NumberFormat(...args)),
  getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) =>
    intl(`mf-datetime:${JSON.stringify(args)}`, () => new Intl.DateTimeFormat(...args)),
  getPluralRules: (...args: ConstructorParameters<typeof Intl.PluralRules>) =>
    intl(`mf-plural:${JSON.stringify(args)}`, () => new Intl.PluralRules(...args)),
}
/** A message with no ICU syntax at all (most labels) is its own translation: no parser, no formatter. */
const PLAIN = /^[^{}'<#]*$/
/** A message whose only syntax is simple arguments ("{shown} of {total}"): filled in without the ICU parser. */
const SIMPLE = /^(?:[^{}'<#]|\{[A-Za-z_]\w*\})*$/

/**
 * Fills simple arguments as intl-messageformat does: the value as text (a plain {n} is not number-formatted; that
 * takes {n, number}). A missing value falls back to the full formatter, which says which one is missing.
 */
function simpleFormat(message: string): (values?: Values) => string | null {
  const parts = message.split(/\{(\w+)\}/)
  return (values) => {
    let out = ''
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 0) out += parts[i]
      else {
        const value = values?.[parts[i]!]
        if (value === undefined) return null
        out += String(value)
      }
    }
    return out
  }
}

class I18n {
  locale = $state<Locale>(systemLocale())
  #formats = new Map<string, IntlMessageFormat | string | ((values?: Values) => string | null)>()

  /** The message `key` in the current language, with its placeholders filled. */
  t = (key: MessageKey, values?: Values): string => {
    const cacheKey = `${this.locale}\u0000${key}`
    let format = this.#formats.get(cacheKey)
    const message = CATALOG[this.locale][key] ?? CATALOG.en[key] ?? key
    if (format === undefined) {
      format = PLAIN.test(message) ? message : SIMPLE.test(message) ? simpleFormat(message) : this.#full(message)
      this.#formats.set(cacheKey, format)
    }
    if (typeof format === 'string') return format
    if (typeof format === 'function') return format(values) ?? String(this.#full(message).format(values))
    return String(format.format(values))
  }

  #full = (message: string): IntlMessageFormat => new IntlMessageFormat(message, this.locale, undefined, { formatters: sharedFormatters })

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
