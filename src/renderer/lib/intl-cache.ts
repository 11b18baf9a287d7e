/** Intl formatters are costly to build (locale data is resolved each time): one per locale and kind, reused. */
const formatters = new Map<string, unknown>()

export function intl<T>(key: string, make: () => T): T {
  let value = formatters.get(key) as T | undefined
  if (value === undefined) {
    value = make()
    formatters.set(key, value)
  }
  return value
}

/** A country's name in one language ("ES" → "Espagne" in French): the reader's (i18n.country), or each for search. */
export const countryIn = (code: string, locale: string): string =>
  intl(`region:${locale}`, () => new Intl.DisplayNames([locale], { type: 'region' })).of(code) ?? code
