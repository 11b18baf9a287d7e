import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from '@formatjs/icu-messageformat-parser'
import { IntlMessageFormat } from 'intl-messageformat'
import compiled from 'virtual:icu-messages'
import { describe, expect, it, vi } from 'vitest'
import { GROUPS } from '../../../src/renderer/lib/i18n/catalog'
import { LOCALES } from '../../../src/renderer/lib/i18n/define'
import { formatLocale, i18n, systemLocale } from '../../../src/renderer/lib/i18n.svelte'

const RENDERER = join(process.cwd(), 'src/renderer')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return path.includes('/i18n') ? [] : sourceFiles(path)
    return /\.(svelte|ts)$/.test(name) ? [path] : []
  })
}

/** Placeholder names of an ICU message: {name}, {n, plural, …}. */
function placeholders(message: string): string[] {
  const names = new Set<string>()
  const walk = (nodes: ReturnType<typeof parse>) => {
    for (const node of nodes) {
      if ('value' in node && typeof node.value === 'string' && node.type !== 0) names.add(node.value)
      if ('options' in node)
        for (const option of Object.values(node.options as Record<string, { value: ReturnType<typeof parse> }>)) walk(option.value)
    }
  }
  walk(parse(message))
  return [...names].sort()
}

describe('the message catalogs', () => {
  for (const [group, messages] of Object.entries(GROUPS)) {
    it(`${group}: every language has exactly the English keys, none empty, with the same placeholders`, () => {
      const keys = Object.keys(messages.en).sort()
      for (const locale of LOCALES) {
        const catalog = messages[locale] as Record<string, string>
        expect(Object.keys(catalog).sort(), `${group} ${locale}`).toEqual(keys)
        for (const key of keys) {
          expect(catalog[key]!.trim(), `${locale} ${key}`).not.toBe('')
          expect(placeholders(catalog[key]!), `${locale} ${key}`).toEqual(placeholders((messages.en as Record<string, string>)[key]!))
        }
      }
    })
  }

  it('has no key that no code uses', () => {
    const code = sourceFiles(RENDERER)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n')
    // Keys built at run time, e.g. t(`kind.${kind}`), are used through their prefix.
    const dynamicPrefixes = [...code.matchAll(/t\(`([A-Za-z.-]+\.)\$\{/g)].map((m) => m[1]!)
    const unused = Object.values(GROUPS)
      .flatMap((g) => Object.keys(g.en))
      .filter((key) => !code.includes(`'${key}'`) && !dynamicPrefixes.some((p) => key.startsWith(p)))
    expect(unused).toEqual([])
  })

  it('has no key used in code that the catalog lacks', () => {
    const known = new Set(Object.values(GROUPS).flatMap((g) => Object.keys(g.en)))
    const used = sourceFiles(RENDERER).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\('([^']+)'/g)].map((m) => m[1]!))
    expect(used.filter((key) => !known.has(key))).toEqual([])
  })
})

describe('i18n', () => {
  it('follows the system language at first start, falling back to English', () => {
    expect(systemLocale(['fr-CA', 'en'])).toBe('fr')
    expect(systemLocale(['es-419'])).toBe('es')
    expect(systemLocale(['de-DE', 'it'])).toBe('en')
  })

  it('writes dates and numbers as the reader’s region of the language does, messages in the language', () => {
    expect(formatLocale('en', ['en-GB', 'fr'])).toBe('en-GB')
    expect(formatLocale('fr', ['en-GB', 'fr-CA'])).toBe('fr-CA')
    expect(formatLocale('es', ['en-GB'])).toBe('es')
    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-GB'])
    // The region is read again as the language is set (here, as at a start in a British English system).
    try {
      i18n.locale = 'fr'
      i18n.locale = 'en'
      expect(i18n.date({ value: '2010-05-31', precision: 'day' })).toBe('31 May 2010')
      expect(i18n.t('orgs.count', { shown: 3, total: 90 })).toBe('3 of 90')
    } finally {
      languages.mockRestore()
      i18n.locale = 'fr'
      i18n.locale = 'en'
    }
    expect(i18n.date({ value: '2010-05-31', precision: 'day' })).toBe('May 31, 2010')
  })

  it('formats dates at their own precision in each language', () => {
    i18n.locale = 'fr'
    expect(i18n.date({ value: '2021-06-08', precision: 'day' })).toBe('8 juin 2021')
    expect(i18n.date({ value: '1995', precision: 'circa' })).toBe('v. 1995')
    i18n.locale = 'es'
    expect(i18n.date({ value: '1970', precision: 'decade' })).toBe('años 1970')
    expect(i18n.t('orgs.count', { shown: 3, total: 90 })).toBe('3 de 90')
    i18n.locale = 'en'
    expect(i18n.t('data.previewConflicts', { count: 2 })).toContain('(tagged #import-conflict)')
    expect(i18n.date({ value: '2021-06', precision: 'month' })).toBe('June 2021')
    expect(i18n.country('ES')).toBe('Spain')
  })
})

describe('messages precompiled at build time (scripts/icu-messages.mjs)', () => {
  const catalog = (locale: (typeof LOCALES)[number]) =>
    Object.assign({}, ...Object.values(GROUPS).map((g) => g[locale])) as Record<string, string>

  it('are, for every message in every language, the AST FormatJS’s parser makes of the catalog’s text', () => {
    for (const locale of LOCALES) {
      const messages = catalog(locale)
      const asts = JSON.parse(compiled[locale] ?? '{}') as Record<string, unknown>
      expect(Object.keys(asts).sort(), locale).toEqual(Object.keys(messages).sort())
      for (const [key, message] of Object.entries(messages))
        expect(asts[key], `${locale} ${key}`).toEqual(parse(message, { locale: new Intl.Locale(locale) }))
    }
  })

  it('read exactly as intl-messageformat writes the catalog’s text, in every language, numbers included', () => {
    const withSyntax = new Set<string>()
    try {
      for (const locale of LOCALES) {
        i18n.locale = locale
        for (const [key, message] of Object.entries(catalog(locale))) {
          const values = Object.fromEntries(placeholders(message).map((name, i) => [name, i % 2 === 0 ? 12345.5 : `«${name}»`]))
          const expected = String(new IntlMessageFormat(message, locale).format(values))
          expect(i18n.t(key as Parameters<typeof i18n.t>[0], values), `${locale} ${key}`).toBe(expected)
          if (/\{\w+, (?:plural|select|number)/.test(message)) withSyntax.add(key)
        }
      }
    } finally {
      i18n.locale = 'en'
    }
    // Plurals, selects and numbers (formatted by the shared Intl objects) are among those compared.
    expect(withSyntax.size).toBeGreaterThan(20)
  })
})
