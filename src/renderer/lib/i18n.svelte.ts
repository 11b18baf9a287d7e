/**
 * The UI language: follows the system at first start (navigator.languages), can be set in settings, and
 * formats messages (ICU, via intl-messageformat), dates, numbers and country names for that language.
 */
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { IntlMessageFormat } from 'intl-messageformat'
import compiled from 'virtual:icu-messages'
import type { PartialDate } from '../../shared/content/schema'
import { pickLocale } from '../../shared/content/texts'
import type { MessageKey } from './i18n/catalog'
import { LOCALES, type Locale } from './i18n/define'
import { countryIn, intl } from './intl-cache'

export type { Locale, MessageKey }
export { LOCALES }

export function systemLocale(languages: readonly string[] = navigator.languages): Locale {
  return pickLocale(languages)
}

/**
 * The reader's own variant of the UI's language, for dates and numbers: the first of the system's languages that is
 * that language ('en-GB' gives 31 May 2010, 'es-MX' its own formats); the language itself when the system names none
 * (the language was chosen in settings). Messages stay in the language the catalog is written in.
 */
export function formatLocale(locale: Locale, languages: readonly string[] = navigator.languages): string {
  return languages.find((tag) => tag.toLowerCase().split('-')[0] === locale) ?? locale
}

type Values = Record<string, string | number>

type Messages = Record<MessageKey, MessageFormatElement[] | undefined>
const parsed: Partial<Record<Locale, Messages>> = {}
/**
 * A language's messages, already parsed: scripts/icu-messages.mjs runs FormatJS's parser over the catalogs at build
 * time (the renderer's build then leaves the parser out: intl-messageformat gets ASTs only). Each language's ASTs
 * are read from their JSON the first time that language is shown.
 *
 * Measured against the run-time parser with a patched `IntlMessageFormat.resolveLocale` and hand-written fast paths
 * for plain and simple messages (2026-12-04, the built app in Chromium, 60 starts of each taken in turns): ready
 * 6.9 ± 10.6 ms sooner, 19.5 ± 5.5 ms less script (no parser to load); first view 66.0 kB gzipped instead of 68.7.
 * The first view formats 113 messages (50 formats) in about 2.5 ms, reading the English ASTs included (0.6 ms
 * before, when most of them needed no formatter), plus the first locale check below.
 */
function messagesOf(locale: Locale): Messages {
  return (parsed[locale] ??= JSON.parse(compiled[locale] ?? '{}') as Messages)
}

/**
 * Intl formatters are costly to build (locale data is resolved each time); every message format shares one set
 * (intl-messageformat's `formatters` option) instead of making its own.
 */
const sharedFormatters = {
  getNumberFormat: (...args: ConstructorParameters<typeof Intl.NumberFormat>) =>
    intl(`mf-number:${JSON.stringify(args)}`, () => new Intl.NumberFormat(...args)),
  getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) =>
    intl(`mf-datetime:${JSON.stringify(args)}`, () => new Intl.DateTimeFormat(...args)),
  getPluralRules: (...args: ConstructorParameters<typeof Intl.PluralRules>) =>
    intl(`mf-plural:${JSON.stringify(args)}`, () => new Intl.PluralRules(...args)),
}

class I18n {
  locale = $state<Locale>(systemLocale())
  /** Where dates and numbers are written as the reader's region writes them (formatLocale). */
  #region = $derived(formatLocale(this.locale))
  #formats = new Map<string, IntlMessageFormat>()

  /** The message `key` in the current language, with its placeholders filled. */
  t = (key: MessageKey, values?: Values): string => this.tIn(this.locale, key, values)

  /** The message `key` in a given language (search indexes the words of every language). */
  tIn = (locale: Locale, key: MessageKey, values?: Values): string => {
    const cacheKey = `${locale}\u0000${key}`
    let format = this.#formats.get(cacheKey)
    if (format === undefined) {
      const ast = messagesOf(locale)[key] ?? messagesOf('en')[key]
      if (ast === undefined) return key
      // Each format checks its locale (resolveLocale: Intl.NumberFormat.supportedLocalesOf), unpatched. The first
      // check loads ICU's data for the page, 18–25 ms, but that load is the same one the list's Collator and
      // DisplayNames would make otherwise: what the check itself adds is 1.3 ms once, then about 1 µs.
      format = new IntlMessageFormat(ast, locale, undefined, { formatters: sharedFormatters })
      this.#formats.set(cacheKey, format)
    }
    return String(format.format(values))
  }

  /** A date at its own precision, never more precise than the source: 8 June 2021 · June 2021 · 2021 · c. 1995 · 1970s. */
  date = (date: PartialDate): string => {
    switch (date.precision) {
      case 'day':
        return intl(
          `day:${this.#region}`,
          () => new Intl.DateTimeFormat(this.#region, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
        ).format(new Date(`${date.value}T00:00:00Z`))
      case 'month':
        return intl(
          `month:${this.#region}`,
          () => new Intl.DateTimeFormat(this.#region, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
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
    intl(`number:${this.#region}:${JSON.stringify(options ?? {})}`, () => new Intl.NumberFormat(this.#region, options)).format(value)

  dateTime = (iso: string): string =>
    intl(`datetime:${this.#region}`, () => new Intl.DateTimeFormat(this.#region, { dateStyle: 'medium', timeStyle: 'short' })).format(
      new Date(iso),
    )

  /** A moment's day, written out ("7 December 2026"): the date a printed sheet was made. */
  longDate = (date: Date): string =>
    intl(`long:${this.#region}`, () => new Intl.DateTimeFormat(this.#region, { dateStyle: 'long' })).format(date)

  country = (code: string): string => countryIn(code, this.locale)

  /** A language's name in the UI's language ("fr" → "français" in French). */
  language = (code: string): string =>
    intl(`language:${this.locale}`, () => new Intl.DisplayNames([this.locale], { type: 'language' })).of(code) ?? code
}

export const i18n = new I18n()
export const t = i18n.t
