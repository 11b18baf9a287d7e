/**
 * Messages are ICU MessageFormat strings (formatted by intl-messageformat), grouped by view in messages/*.ts.
 * Each group gives English, French and Spanish (CICOPA's working languages) with exactly the same keys:
 * `defineMessages` makes a missing or extra key a type error, and the unit tests check it again at run time.
 */
export const LOCALES = ['en', 'fr', 'es'] as const
export type Locale = (typeof LOCALES)[number]

export function defineMessages<const E extends Record<string, string>>(messages: {
  en: E
  fr: { [K in keyof E]: string }
  es: { [K in keyof E]: string }
}) {
  return messages
}
