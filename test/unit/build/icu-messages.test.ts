/** scripts/icu-messages.mjs: the UI messages parsed at build time with FormatJS's parser, served as virtual:icu-messages. */
import { join } from 'node:path'
import { parse } from '@formatjs/icu-messageformat-parser'
import { describe, expect, it } from 'vitest'
import { compileCatalog, ICU_MESSAGES_ID, icuMessages } from '../../../scripts/icu-messages.mjs'
import { CATALOG } from '../../../src/renderer/lib/i18n/catalog'

const CATALOG_FILE = join(import.meta.dirname, '../../../src/renderer/lib/i18n/catalog.ts')

/** Runs the plugin's resolveId and load hooks as Vite would; returns the module's value and the files it watches. */
async function loadModule(): Promise<{ value: unknown; watched: string[] }> {
  const plugin = icuMessages(CATALOG_FILE)
  const resolveId = plugin.resolveId as (id: string) => string | undefined
  const load = plugin.load as (this: { addWatchFile: (file: string) => void }, id: string) => Promise<string | undefined>
  const id = resolveId(ICU_MESSAGES_ID)
  expect(id).toBeDefined()
  const watched: string[] = []
  const code = await load.call({ addWatchFile: (file) => watched.push(file) }, id!)
  const object = /^export default (\{.*\})\n$/s.exec(code ?? '')?.[1]
  expect(object, 'an object literal').toBeDefined()
  // `{ "en": "<JSON>", … }` with a trailing comma per line: JSON once the commas before "}" are gone.
  const byLocale = JSON.parse(object!.replace(/,\n\}$/, '\n}')) as Record<string, string>
  return { value: Object.fromEntries(Object.entries(byLocale).map(([locale, json]) => [locale, JSON.parse(json)])), watched }
}

describe('icu-messages', () => {
  it('serves every message of every language as the AST FormatJS parses from it', async () => {
    const { value, watched } = await loadModule()
    expect(value).toEqual(compileCatalog(CATALOG))
    const compiled = value as Record<string, Record<string, unknown>>
    expect(Object.keys(compiled).sort()).toEqual(Object.keys(CATALOG).sort())
    expect(compiled['fr']!['compare.memberCount']).toEqual(parse(CATALOG.fr['compare.memberCount'], { locale: new Intl.Locale('fr') }))
    // An edit to any messages file rebuilds the module.
    expect(watched).toContain(CATALOG_FILE)
    expect(watched.some((file) => file.endsWith('/i18n/messages/common.ts'))).toBe(true)
  }, 30_000)

  it('fails the build on a message that does not parse, naming its language and key', () => {
    expect(() => compileCatalog({ fr: { 'ok.key': 'Bonjour', 'bad.key': '{count, plural, one {# note}}' } })).toThrow(
      /ICU message fr "bad.key" does not parse/,
    )
  })
})
