/**
 * The pack's prose is written for this app: no run of 8 consecutive words (case and punctuation folded) in a
 * description, title, summary, definition, detail or note may also occur in a source text (the two seeds and
 * the two research files, copied into test/fixtures so this test does not depend on anything outside the repo).
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { readPackFolder } from '../../../src/main/content/load-pack'
import { ContentPack, type LocalisedText } from '../../../src/shared/content/schema'

const RUN = 8
const SOURCE_FILES = [
  'test/fixtures/seeds/cecop.txt',
  'test/fixtures/seeds/cicopa.txt',
  'test/fixtures/research/research-facts.md',
  'test/fixtures/research/research-facts-2.md',
  'test/fixtures/research/research-facts-3.md',
]

/** Lower case, accents and apostrophes dropped, every other non-alphanumeric character a word break. */
export function fold(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
}

function runs(words: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i + RUN <= words.length; i++) out.push(words.slice(i, i + RUN).join(' '))
  return out
}

function copiedRuns(text: string, sourceRuns: Set<string>): string[] {
  return runs(fold(text)).filter((r) => sourceRuns.has(r))
}

/** Every piece of prose in the pack, labelled by where it is. */
function prose(pack: ContentPack): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = []
  const add = (where: string, text: LocalisedText | string | undefined) => {
    if (text === undefined) return
    if (typeof text === 'string') out.push({ where, text })
    else
      for (const [lang, t] of Object.entries(text)) if (t && lang !== 'translatedFrom') out.push({ where: `${where} [${lang}]`, text: t })
  }
  const notes = (where: string, claims: { note?: LocalisedText }[]) => claims.forEach((c, i) => add(`${where} note ${i}`, c.note))
  for (const o of pack.organisations) {
    add(`organisation ${o.id} description`, o.description)
    notes(`organisation ${o.id}`, [
      ...o.founded,
      ...o.headquarters,
      ...o.figures,
      ...o.leaders,
      ...(o.names.former ?? []),
      ...(o.website ? [o.website] : []),
    ])
  }
  for (const e of pack.events) {
    add(`event ${e.id} title`, e.title)
    add(`event ${e.id} summary`, e.summary)
    notes(`event ${e.id}`, e.date)
  }
  notes('relations', pack.relations)
  for (const k of pack.cooperativeKinds) {
    add(`kind ${k.id} name`, k.name)
    add(`kind ${k.id} definition`, k.definition)
    notes(`kind ${k.id}`, k.figures)
  }
  const plan = pack.strategicPlan
  add('plan title', plan.title)
  add('plan adopted by', plan.adoptedBy.value)
  add('plan status', plan.status.text)
  notes('plan', [...plan.adopted, plan.adoptedBy])
  for (const item of [...plan.pillars, ...plan.challenges, ...plan.commitments]) {
    add(`plan item ${item.id} title`, item.title)
    add(`plan item ${item.id} detail`, item.detail)
  }
  return out
}

let sourceRuns: Set<string>
let pack: ContentPack

beforeAll(async () => {
  sourceRuns = new Set(SOURCE_FILES.flatMap((file) => runs(fold(readFileSync(file, 'utf8')))))
  pack = v.parse(ContentPack, await readPackFolder('resources/content'))
})

describe('originality of the pack’s prose', () => {
  it('folds case, accents and punctuation', () => {
    expect(fold('CECOP’s “Strategic” plan—2021-2025, Coopératives!')).toEqual([
      'cecops',
      'strategic',
      'plan',
      '2021',
      '2025',
      'cooperatives',
    ])
  })

  it('catches a sentence copied from a seed, even re-punctuated', () => {
    const copied =
      'Social cooperatives emerged, around the 1970s — as an answer to communities’ need to overcome the lack of social services.'
    expect(copiedRuns(copied, sourceRuns).length).toBeGreaterThan(0)
  })

  it('catches a phrase copied from a research file', () => {
    const copied = 'members are free and voluntary. Members contribute their personal work and economic resources'
    expect(copiedRuns(copied, sourceRuns).length).toBeGreaterThan(0)
  })

  it('has prose to check', () => {
    expect(prose(pack).length).toBeGreaterThan(300)
  })

  it('copies no run of 8 words from the seeds or research files', () => {
    const copies = prose(pack).flatMap(({ where, text }) => copiedRuns(text, sourceRuns).map((run) => `${where}: "${run}"`))
    expect(copies).toEqual([])
  })
})
