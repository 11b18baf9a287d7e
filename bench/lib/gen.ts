/**
 * Deterministic generated data for the benchmark: a seeded RNG, plausible multilingual organisation names and
 * acronyms, and notes of generated prose whose word frequencies follow Zipf's law (a few common words, a long tail).
 * The same seed always gives the same data, so runs compare.
 */
import type { Note } from '../../src/shared/domain'

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type Rng = () => number
export const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)]!
export const int = (r: Rng, min: number, max: number): number => min + Math.floor(r() * (max - min + 1))

/** A version-4-shaped UUID from the RNG (valibot's uuid check accepts it). */
export function uuid(r: Rng): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () =>
      Math.floor(r() * 16)
        .toString(16)
        .toLowerCase(),
    ).join('')
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(r, ['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`
}

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1)

/** Name patterns per language: [words before the place, connector, words of the kind]. */
const LANGUAGES = {
  fr: {
    heads: ['Confédération', 'Fédération', 'Union', 'Union régionale', 'Société coopérative', 'Coopérative', 'Chambre', 'Association'],
    kinds: [
      'des Scop',
      'des coopératives de production',
      'des coopératives ouvrières',
      'des sociétés coopératives et participatives',
      'du bâtiment et des travaux publics',
      'des artisans',
      "de l'économie sociale",
      'des travailleurs associés',
    ],
    of: 'de',
  },
  es: {
    heads: ['Confederación', 'Federación', 'Unión', 'Asociación', 'Cooperativa', 'Sociedad cooperativa', 'Agrupación'],
    kinds: [
      'de Cooperativas de Trabajo',
      'de Cooperativas de Trabajo Asociado',
      'de Empresas de Economía Social',
      'de Trabajadores Asociados',
      'de Sociedades Laborales',
      'de Cooperativas Industriales',
      'de Servicios',
    ],
    of: 'de',
  },
  it: {
    heads: ['Federazione', 'Lega', 'Associazione', 'Consorzio', 'Confederazione', 'Unione'],
    kinds: [
      'delle Cooperative di Produzione e Lavoro',
      'Nazionale Cooperative e Mutue',
      'delle Cooperative Sociali',
      'dei Servizi',
      'Generale Cooperative',
    ],
    of: 'di',
  },
  de: {
    heads: ['Genossenschaftsverband', 'Zentralverband', 'Bund', 'Verband', 'Arbeitsgemeinschaft'],
    kinds: [
      'der Produktivgenossenschaften',
      'Deutscher Genossenschaften',
      'der Handwerksgenossenschaften',
      'für Arbeit und Sozialwirtschaft',
    ],
    of: 'in',
  },
  pt: {
    heads: ['Confederação', 'Federação', 'União', 'Cooperativa'],
    kinds: [
      'das Cooperativas Portuguesas',
      'Nacional das Cooperativas de Trabalho',
      'de Serviços e Produção',
      'dos Trabalhadores Associados',
    ],
    of: 'de',
  },
  pl: {
    heads: ['Krajowa Rada', 'Związek', 'Regionalny Związek', 'Spółdzielnia'],
    kinds: ['Spółdzielczości', 'Rewizyjny Spółdzielni Pracy', 'Spółdzielni Inwalidów i Niewidomych', 'Spółdzielni Rzemieślniczych'],
    of: 'w',
  },
  ru: {
    heads: ['Союз', 'Ассоциация', 'Федерация'],
    kinds: ['производственных кооперативов', 'кооперативов', 'артелей'],
    of: 'в',
  },
  el: { heads: ['Ομοσπονδία', 'Ένωση'], kinds: ['Συνεταιρισμών', 'Εργατικών Συνεταιρισμών'], of: 'της' },
} as const

const ENGLISH_KINDS = [
  'Federation of Worker Cooperatives',
  'Confederation of Cooperatives',
  'Union of Industrial Cooperatives',
  'Association of Social Cooperatives',
  'Federation of Production and Work Cooperatives',
  'Network of Service Cooperatives',
  'Chamber of Artisans Cooperatives',
]
const ENGLISH_SCOPES = ['National', 'Regional', 'General', 'Central', 'Provincial', 'Federal']

const SYLLABLES = (
  'ba be bi bo ca ce co da de do el en fa ga go ha il ja ka ko la le li lo ma me mi mo na ne ni no pa pe po ra re ri ro sa ' +
  'se si so ta te ti to va ve vi za zé lá ño çu ów ße ün ör ás ri gon dra tor ville burg sk grad polis stad mont val rio port nes'
).split(' ')

/** A place name: two or three syllables, capitalised, sometimes with a diacritic. */
export function placeName(r: Rng): string {
  const n = int(r, 2, 3)
  let s = ''
  for (let i = 0; i < n; i++) s += pick(r, SYLLABLES)
  return capital(s)
}

const COUNTRIES = ['ES', 'FR', 'IT', 'DE', 'PT', 'PL', 'BG', 'GR', 'AR', 'BR', 'CO', 'MX', 'CA', 'US', 'IN', 'JP', 'KE', 'SN', 'RU', 'SE']

export interface GeneratedOrganisation {
  id: string
  names: { english: string; acronym?: string; native?: { text: string; lang: string }; former?: { name: string }[]; aliases?: string[] }
  description: { en: string; fr?: string; es?: string }
  countries: string[]
}

const acronymOf = (name: string) =>
  name
    .split(/[\s'-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w.charAt(0))
    .join('')
    .toUpperCase()

/** `count` organisations with native and English names, acronyms, some former names and aliases. */
export function organisations(count: number, seed = 1): GeneratedOrganisation[] {
  const r = rng(seed)
  const langs = Object.keys(LANGUAGES) as (keyof typeof LANGUAGES)[]
  const out: GeneratedOrganisation[] = []
  const usedIds = new Set<string>()
  for (let i = 0; i < count; i++) {
    const lang = pick(r, langs)
    const L = LANGUAGES[lang]
    const place = placeName(r)
    const native = `${pick(r, L.heads)} ${pick(r, L.kinds)}${r() < 0.6 ? ` ${L.of} ${place}` : ''}`
    const english = `${pick(r, ENGLISH_SCOPES)} ${pick(r, ENGLISH_KINDS)} of ${place}`
    let acronym = acronymOf(native)
    if (acronym.length < 3) acronym += acronymOf(english).slice(0, 2)
    if (r() < 0.2) acronym += String(int(r, 1, 9))
    let id = `${acronym.toLowerCase().replace(/[^a-z0-9]/g, '') || 'org'}-${place
      .toLowerCase()
      .replace(/[^a-z]/g, '')
      .slice(0, 8)}`
    while (usedIds.has(id)) id += String(int(r, 0, 9))
    usedIds.add(id)
    const words = Array.from({ length: int(r, 30, 70) }, () => pick(r, DESCRIPTION_WORDS)).join(' ')
    out.push({
      id,
      names: {
        english,
        ...(r() < 0.85 ? { acronym } : {}),
        native: { text: native, lang },
        ...(r() < 0.15 ? { former: [{ name: `${pick(r, L.heads)} ${pick(r, L.kinds)}` }] } : {}),
        ...(r() < 0.25 ? { aliases: [`${place} ${pick(r, ['Cooperatives', 'Coops', 'Co-operative Union'])}`] } : {}),
      },
      description: { en: `${capital(words)}.`, ...(r() < 0.3 ? { fr: `Organisation ${pick(r, L.kinds)} à ${place}.` } : {}) },
      countries: [pick(r, COUNTRIES)],
    })
  }
  return out
}

const DESCRIPTION_WORDS = [
  'cooperative',
  'cooperatives',
  'federation',
  'workers',
  'members',
  'national',
  'industrial',
  'services',
  'representation',
  'founded',
  'congress',
  'assembly',
  'democratic',
  'ownership',
  'employment',
  'social',
  'economy',
  'sector',
  'regional',
  'support',
  'training',
  'finance',
  'consultancy',
  'production',
  'construction',
  'manufacturing',
  'cleaning',
  'transport',
  'the',
  'of',
  'and',
  'in',
  'for',
  'with',
  'its',
  'a',
  'by',
  'since',
  'member',
  'network',
  'europe',
  'americas',
  'africa',
]

/** Common English words first (most frequent), then domain words; a long tail of generated words follows them. */
const COMMON = (
  'the of and to a in is that for it as was with be by on not he this are or his from at which but have an they you ' +
  'were her she there been one all we their has would when if so what no out up more about into them can only other ' +
  'new some could time these two may then do first any my now such like our over man me even most made after also did ' +
  'many before must through back years where much your way well down should because each just those people how too ' +
  'meeting members member cooperative cooperatives coop worker workers federation union assembly board vote votes ' +
  'democratic capital shares wages surplus training budget plan report congress statute statutes legal law reform ' +
  'employment sector industry services social economy regional national international europe policy funding grant ' +
  'mondragon cecop cicopa confederation confédération coopérative société économie año trabajo genossenschaft spółdzielnia ' +
  'interview visit call email follow-up ask about contact president secretary director manager minutes agenda draft ' +
  'proposal decision motion amendment annual general conference workshop seminar study case history archive source'
).split(/\s+/)

export interface Vocabulary {
  words: string[]
  /** Cumulative Zipf weights, for sampling by binary search. */
  cumulative: Float64Array
}

export function vocabulary(size = 40_000, seed = 7): Vocabulary {
  const r = rng(seed)
  const words = [...COMMON]
  const seen = new Set(words)
  while (words.length < size) {
    const n = int(r, 2, 4)
    let w = ''
    for (let i = 0; i < n; i++) w += pick(r, SYLLABLES)
    if (!seen.has(w)) {
      seen.add(w)
      words.push(w)
    }
  }
  const cumulative = new Float64Array(words.length)
  let total = 0
  for (let i = 0; i < words.length; i++) {
    total += 1 / (i + 1) ** 1.05
    cumulative[i] = total
  }
  for (let i = 0; i < words.length; i++) cumulative[i]! /= total
  return { words, cumulative }
}

export function word(v: Vocabulary, r: Rng): string {
  const x = r()
  let lo = 0
  let hi = v.cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (v.cumulative[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return v.words[lo]!
}

/** Prose of about `words` words in sentences, with a heading, an occasional [[link]] and #tag. */
export function prose(v: Vocabulary, r: Rng, words: number, linkTo: readonly string[]): string {
  const parts: string[] = [`# ${capital(word(v, r))} ${word(v, r)} ${word(v, r)}`, '']
  let sentence: string[] = []
  for (let i = 0; i < words; i++) {
    sentence.push(word(v, r))
    if (sentence.length >= int(r, 8, 20)) {
      if (r() < 0.08 && linkTo.length > 0) sentence.push(`[[${pick(r, linkTo)}]]`)
      parts.push(`${capital(sentence.join(' '))}.`)
      sentence = []
      if (r() < 0.15) parts.push('\n')
    }
  }
  if (sentence.length > 0) parts.push(`${capital(sentence.join(' '))}.`)
  return parts.join(' ').replace(/ \n /g, '\n\n')
}

/** The device the generated notes were made on (not the bench store's own: as if brought from elsewhere). */
export const BENCH_DEVICE = '00000000-0000-4000-8000-0000000be7c4'

/** `count` stored notes of about `words` words each, on the given targets, with ISO timestamps and tags. */
export function notes(count: number, options: { targets: readonly string[]; words?: number; seed?: number }): Note[] {
  const r = rng(options.seed ?? 42)
  const v = vocabulary()
  const base = Date.parse('2024-01-01T00:00:00.000Z')
  const out: Note[] = []
  for (let i = 0; i < count; i++) {
    const created = new Date(base + Math.floor(r() * 600 * 86_400_000)).toISOString()
    const updated = new Date(Date.parse(created) + Math.floor(r() * 30 * 86_400_000)).toISOString()
    out.push({
      id: uuid(r),
      target: { kind: 'organisation', id: pick(r, options.targets) },
      body: prose(v, r, options.words ?? 300, options.targets),
      tags: r() < 0.5 ? [pick(r, ['follow-up', 'congress', 'funding', 'history', 'contact', 'law', 'training'])] : [],
      created,
      updated,
      trashed: null,
      previous: null,
      versions: { [BENCH_DEVICE]: 1 },
      conflictOf: null,
      shared: false,
      author: null,
    })
  }
  return out
}
