/**
 * Every official name in another language that a research reading lists with its source is in the pack, on the
 * right organisation, in the right language, citing that source (issue 15). Lines the reading marks unverified
 * ("not found") are not names and are skipped; a reading line this test cannot parse fails it, so that a new kind
 * of line is looked at rather than passed over.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { realPack } from '../../support/real-pack'

const READING = 'test/fixtures/research/research-facts-3.md'

/** How the reading names the organisations whose names it lists. */
const ORGANISATIONS: Record<string, string> = { CICOPA: 'cicopa', CECOP: 'cecop', 'CICOPA Americas': 'cicopa-americas' }
/** How it names languages: a name in another language, or a former English name. */
const KINDS: Record<string, { lang: string } | 'former'> = {
  French: { lang: 'fr' },
  Spanish: { lang: 'es' },
  Italian: { lang: 'it' },
  'a descriptive Spanish name': { lang: 'es' },
  'older English name': 'former',
}

interface ListedName {
  org: string
  kind: { lang: string } | 'former'
  text: string
  url: string
  line: string
}

function listedNames(markdown: string): { names: ListedName[]; notParsed: string[] } {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Names in other languages'))!
  const names: ListedName[] = []
  const notParsed: string[] = []
  for (const line of section.split('\n').filter((l) => l.startsWith('- '))) {
    if (/\[UNVERIFIED\]|no source found|untranslated in every language/.test(line)) continue
    const url = /— (https?:\/\/\S+)/.exec(line)?.[1]
    const pairs = [...line.matchAll(/(?:^- |; )([^,;]+), ([^:]+): "([^"]+)"/g)]
    if (!url || pairs.length === 0 || !/— sourced/.test(line)) {
      notParsed.push(line)
      continue
    }
    for (const [, org, kind, text] of pairs) {
      const id = ORGANISATIONS[org!.trim()]
      const how = KINDS[kind!.trim()]
      if (!id || !how) notParsed.push(line)
      else names.push({ org: id, kind: how, text: text!, url, line })
    }
  }
  return { names, notParsed }
}

const { names, notParsed } = listedNames(readFileSync(READING, 'utf8'))
const sourceUrl = new Map(realPack.sources.map((s) => [s.id, s.url]))

describe('official names that a source gives', () => {
  it('reads every line of the reading’s names section', () => {
    expect(notParsed).toEqual([])
    expect(names.length).toBeGreaterThanOrEqual(7)
  })

  it.each(names.map((n) => [`${n.org}: ${n.text.slice(0, 50)}`, n] as const))('has %s, with its source', (_label, listed) => {
    const org = realPack.organisations.find((o) => o.id === listed.org)
    expect(org, `no organisation ${listed.org}`).toBeDefined()
    const found =
      listed.kind === 'former'
        ? org!.names.former?.find((f) => f.name === listed.text)
        : org!.names.inOtherLanguages?.find((n) => n.text === listed.text && n.lang === (listed.kind as { lang: string }).lang)
    expect(found, `missing from the pack: ${listed.line}`).toBeDefined()
    // The same page whether the reading or the pack wrote http or https, with or without a closing slash.
    const page = (url: string | undefined) => url?.replace(/^https?:\/\//, '').replace(/\/$/, '')
    expect(
      found!.sources.map((id) => page(sourceUrl.get(id))),
      `the name should cite ${listed.url}`,
    ).toContain(page(listed.url))
  })
})
