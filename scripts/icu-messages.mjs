// @ts-check
/**
 * The UI messages, precompiled at build time. FormatJS's advice ("Pre-compile messages to AST", its performance
 * guide) is to parse every ICU message once, when building, and hand intl-messageformat the AST; its CLI
 * (`formatjs compile --ast`) does that for JSON files. Our catalogs are typed TS objects
 * (src/renderer/lib/i18n/messages/*.ts, merged in lib/i18n/catalog.ts), so this Vite plugin does the same step:
 * it evaluates the catalog, parses each message with FormatJS's own parser (@formatjs/icu-messageformat-parser,
 * with the options intl-messageformat itself passes it at run time) and serves the result as the module
 * `virtual:icu-messages`: `{ [locale]: JSON text of { [key]: MessageFormatElement[] } }`.
 *
 * A message that does not parse fails the build, naming its language and key.
 */
import { parse } from '@formatjs/icu-messageformat-parser'
import { runnerImport } from 'vite'

export const ICU_MESSAGES_ID = 'virtual:icu-messages'
const RESOLVED_ID = `\0${ICU_MESSAGES_ID}`

/** @typedef {Record<string, Record<string, string>>} Catalog */

/**
 * Every message of every language parsed to its AST, as intl-messageformat would parse it for that language.
 * @param {Catalog} catalog
 * @returns {Record<string, Record<string, import('@formatjs/icu-messageformat-parser').MessageFormatElement[]>>}
 */
export function compileCatalog(catalog) {
  return Object.fromEntries(
    Object.entries(catalog).map(([locale, messages]) => [
      locale,
      Object.fromEntries(
        Object.entries(messages).map(([key, message]) => {
          try {
            // intl-messageformat parses with `{ ...opts, locale: resolvedLocale }` over the parser's defaults.
            return [key, parse(message, { locale: new Intl.Locale(locale) })]
          } catch (error) {
            throw new Error(`ICU message ${locale} "${key}" does not parse: ${String(error)}\n  ${message}`, { cause: error })
          }
        }),
      ),
    ]),
  )
}

/**
 * @param {string} catalogFile the absolute path of the module exporting `CATALOG` (src/renderer/lib/i18n/catalog.ts)
 * @returns {import('vite').Plugin}
 */
export function icuMessages(catalogFile) {
  return {
    name: 'atlas:icu-messages',
    resolveId: (id) => (id === ICU_MESSAGES_ID ? RESOLVED_ID : undefined),
    async load(id) {
      if (id !== RESOLVED_ID) return undefined
      /** @type {{ module: { CATALOG: Catalog }, dependencies: string[] }} */
      const { module, dependencies } = await runnerImport(catalogFile)
      // An edit to a messages file rebuilds this module (dev server, watch mode).
      for (const file of [catalogFile, ...dependencies]) this.addWatchFile(file)
      // Each language as JSON text: the app parses only the language it shows (JSON.parse is also quicker for V8
      // than the same data as an object literal).
      const compiled = compileCatalog(module.CATALOG)
      const json = Object.entries(compiled).map(
        ([locale, messages]) => `  ${JSON.stringify(locale)}: ${JSON.stringify(JSON.stringify(messages))},`,
      )
      return `export default {\n${json.join('\n')}\n}\n`
    },
  }
}
