/**
 * One search over everything: organisations (every name, acronym, former name and alias), history events, the
 * strategic plan's pillars, challenges and commitments, sources, and the user's notes. Three indexes, each where
 * it is fast (`npm run bench`, up to 10,000 organisations and 50,000 long notes): MiniSearch over names and titles,
 * for prefix and typo-tolerant matching, an exact acronym or name first; a prefix word index (text-index.ts) over
 * every other word of the reference content and over the notes; and, for the first one or two letters, a sorted
 * list of name words (name-prefix-index.ts). Everything is folded, so "Confédération" finds "confederation" and
 * "cecop" finds "CECOP". Notes are updated in place as they are edited.
 */
import MiniSearch, { type SearchResult } from 'minisearch'
import { shortName } from '../../shared/content/names'
import type { ContentPack, LocalisedText, Organisation, PartialDate } from '../../shared/content/schema'
import { inLocale, sourceLine, type PackLocale } from '../../shared/content/texts'
import type { Note } from '../../shared/domain'
import { fold } from '../../shared/fold'
import { countryIn } from './intl-cache'
import { markdownText } from '../../shared/markdown-text'
import { noteHref } from './routes'
import { NamePrefixIndex } from './name-prefix-index'
import { MIN_WORD, TextIndex } from '../../shared/text-index'
import { holdsPhrase, parseQuery, phraseText, snippetAround, type Phrase } from '../../shared/search-query'

export { parseQuery, snippetAround, type ParsedQuery, type Phrase } from '../../shared/search-query'

export type ResultKind = 'organisation' | 'event' | 'pillar' | 'plan' | 'source' | 'note'

export interface SearchDocument {
  id: string
  kind: ResultKind
  /** What the result shows as its title (in English for the pack's texts: `inLanguages` has the others). */
  title: string
  /** A second line: the full name, the date, the note's subject. */
  detail: string
  /** For the pack's texts: the title and second line in each language, so results read in the reader's. */
  inLanguages?: Record<PackLocale, { title: string; detail: string }>
  /** For an event: its date, which the palette formats for the reader. */
  date?: PartialDate
  /** Exact names: an acronym or name equal to the query ranks first. */
  exact: string[]
  names: string
  text: string
  href: string
}

export interface SearchHit extends SearchDocument {
  score: number
  /** The query terms as they matched (folded), for highlighting. */
  terms: string[]
  /** For a note found by a word past its first line: the words around it. */
  snippet?: string
}

const text = (t: LocalisedText | undefined) => (t ? [t.en, t.fr, t.es].filter(Boolean).join(' ') : '')

const LOCALES: PackLocale[] = ['en', 'fr', 'es']
/** A result's title and second line in each of the pack's languages. */
const inLanguages = (title: (l: PackLocale) => string, detail: (l: PackLocale) => string) =>
  Object.fromEntries(LOCALES.map((l) => [l, { title: title(l), detail: detail(l) }])) as Record<
    PackLocale,
    { title: string; detail: string }
  >
const shown = (t: LocalisedText, l: PackLocale) => inLocale(t, l).text

/** Splits on anything that is not a letter or digit; accents and case are folded in processTerm. */
const tokenize = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean)

/** The profile's words for its facts, in every language ("Founded", "Fondation", "Fundación"): the caller's messages. */
export interface FactLabels {
  founded: string
  headquarters: string
  people: string
}

/**
 * What an organisation's profile states besides its description, as words to search: founding years, where its
 * head office is, its countries (named in each language), the people who lead it and its web address, each after
 * the profile's label for it, so that "cecop 1979", "founded brussels" or "mondragon ucín" finds it.
 */
function organisationFacts(o: Organisation, labels: FactLabels): string {
  return [
    ...(o.founded.length > 0 ? [labels.founded, ...o.founded.map((claim) => claim.value.value)] : []),
    ...(o.headquarters.length > 0 ? [labels.headquarters, ...o.headquarters.map((claim) => text(claim.value))] : []),
    ...o.countries.flatMap((code) => LOCALES.map((l) => countryIn(code, l))),
    ...(o.leaders.length > 0 ? [labels.people, ...o.leaders.map((leader) => leader.person)] : []),
    o.website?.value.replace(/^https:\/\//, '') ?? '',
  ].join(' ')
}

export function packDocuments(pack: ContentPack, labels: FactLabels = { founded: '', headquarters: '', people: '' }): SearchDocument[] {
  const docs: SearchDocument[] = []
  for (const o of pack.organisations) {
    const names = [
      o.names.acronym,
      o.names.english,
      o.names.native?.text,
      ...(o.names.inOtherLanguages ?? []).map((n) => n.text),
      ...(o.names.former ?? []).map((f) => f.name),
      ...(o.names.aliases ?? []),
    ].filter((n): n is string => Boolean(n))
    const detail = o.names.acronym ? o.names.english : (o.names.native?.text ?? '')
    // A reader of French or Spanish sees the organisation's official name in their language where a source gives one.
    const nameIn = (l: PackLocale) => (l === 'en' ? undefined : o.names.inOtherLanguages?.find((n) => n.lang === l)?.text)
    docs.push({
      id: `organisation:${o.id}`,
      kind: 'organisation',
      title: shortName(o.names),
      detail,
      ...(LOCALES.some(nameIn)
        ? {
            inLanguages: inLanguages(
              () => shortName(o.names),
              (l) => nameIn(l) ?? detail,
            ),
          }
        : {}),
      exact: [o.id, ...names].map(fold),
      names: names.join(' '),
      text: `${text(o.description)} ${organisationFacts(o, labels)}`,
      href: `#/org/${o.id}`,
    })
  }
  for (const e of pack.events) {
    docs.push({
      id: `event:${e.id}`,
      kind: 'event',
      title: e.title.en,
      detail: e.date[0]?.value.value ?? '',
      inLanguages: inLanguages(
        (l) => shown(e.title, l),
        () => e.date[0]?.value.value ?? '',
      ),
      ...(e.date[0] ? { date: e.date[0].value } : {}),
      exact: [],
      names: text(e.title),
      text: `${text(e.summary)} ${e.date.map((d) => d.value.value).join(' ')}`,
      href: `#/timeline/${e.id}`,
    })
  }
  const plan = pack.strategicPlan
  for (const p of plan.pillars) {
    docs.push({
      id: `pillar:${p.id}`,
      kind: 'pillar',
      title: p.title.en,
      detail: plan.title.en,
      inLanguages: inLanguages(
        (l) => shown(p.title, l),
        (l) => shown(plan.title, l),
      ),
      exact: [],
      names: text(p.title),
      text: text(p.detail),
      href: `#/plan/${p.id}`,
    })
  }
  for (const item of [...plan.challenges, ...plan.commitments]) {
    docs.push({
      id: `plan:${item.id}`,
      kind: 'plan',
      title: item.title.en,
      detail: plan.title.en,
      inLanguages: inLanguages(
        (l) => shown(item.title, l),
        (l) => shown(plan.title, l),
      ),
      exact: [],
      names: text(item.title),
      text: text(item.detail),
      href: '#/plan',
    })
  }
  for (const s of pack.sources) {
    docs.push({
      id: `source:${s.id}`,
      kind: 'source',
      title: sourceLine(s, 'en'),
      detail: s.publisher ?? s.url ?? '',
      inLanguages: inLanguages(
        (l) => sourceLine(s, l),
        () => s.publisher ?? s.url ?? '',
      ),
      exact: [],
      names: typeof s.title === 'string' ? s.title : text(s.title),
      text: `${s.publisher ?? ''} ${s.url ?? ''}`,
      href: s.url ?? '#/',
    })
  }
  return docs
}

export function noteDocument(note: Note, about: string): SearchDocument {
  const firstLine = note.body.split('\n').find((l) => l.trim() !== '') ?? ''
  return {
    id: `note:${note.id}`,
    kind: 'note',
    title: firstLine.replace(/[#*_`>[\]]/g, '').slice(0, 120),
    detail: about,
    exact: [],
    names: note.tags.join(' '),
    text: note.body,
    href: noteHref(note),
  }
}

export class SearchIndex {
  /** Names and titles of the reference content: typo-tolerant, an exact name first. */
  readonly #names = new MiniSearch<SearchDocument>({
    fields: ['names', 'title'],
    storeFields: ['exact'],
    tokenize,
    processTerm: (term) => fold(term) || null,
    searchOptions: {
      boost: { names: 2, title: 1 },
      prefix: true,
      fuzzy: (term) => (term.length > 4 ? 0.2 : term.length > 3 ? 1 : false),
      combineWith: 'AND',
    },
  })
  /** The first keystrokes: names by the letters their words begin with. */
  readonly #prefixes = new NamePrefixIndex()
  /** Every word of the reference content (descriptions, summaries…), by prefix: what the names do not say. */
  readonly #referenceText = new TextIndex()
  readonly #reference = new Map<string, SearchDocument>()
  /** The notes' words, subjects and tags. Filled at once or in steps (see addNotes). */
  readonly #noteText = new TextIndex()
  readonly #notes = new Map<string, SearchDocument>()
  /** The reference documents' folded words, joined, for phrase queries (built on the first one). */
  readonly #phraseText = new Map<string, string>()

  constructor(documents: SearchDocument[] = []) {
    const reference = documents.filter((d) => d.kind !== 'note')
    this.#names.addAll(reference)
    for (const doc of reference) this.#indexReference(doc)
    this.addNotes(documents.filter((d) => d.kind === 'note'))
    this.settle()
  }

  get size(): number {
    return this.#reference.size + this.#notes.size
  }

  /** Adds many notes (call settle once they are all in). */
  addNotes(docs: SearchDocument[]): void {
    for (const doc of docs) {
      this.#notes.set(doc.id, doc)
      this.#noteText.add(doc.id, allText(doc))
    }
  }

  /** Sorts the words added since, so the next keystroke does not have to. */
  settle(): void {
    this.#noteText.settle()
    this.#referenceText.settle()
    this.#prefixes.settle()
  }

  upsert(doc: SearchDocument): void {
    if (doc.kind === 'note') {
      this.#notes.set(doc.id, doc)
      this.#noteText.add(doc.id, allText(doc))
      return
    }
    if (this.#reference.has(doc.id)) this.#names.replace(doc)
    else this.#names.add(doc)
    this.#indexReference(doc)
  }

  /** A reference document into every index but MiniSearch (which takes them in bulk at first). */
  #indexReference(doc: SearchDocument): void {
    this.#reference.set(doc.id, doc)
    this.#phraseText.delete(doc.id)
    this.#prefixes.set(doc.id, `${doc.names} ${doc.title}`, doc.title)
    this.#referenceText.add(doc.id, allText(doc))
  }

  remove(id: string): void {
    this.#phraseText.delete(id)
    if (this.#notes.delete(id)) this.#noteText.remove(id)
    else if (this.#reference.delete(id)) {
      this.#names.discard(id)
      this.#prefixes.remove(id)
      this.#referenceText.remove(id)
    }
  }

  /**
   * The best `limit` of the reference content (a match in a name or title first, then one in the text), then
   * the best `noteLimit` notes (the palette shows them as a group of their own). Every word must match, in any
   * of an item's fields; a quoted phrase must appear as written (parseQuery); `kinds` keeps only those results.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const { limit = 40, noteLimit = 10, kinds } = options
    const parsed = parseQuery(query)
    const words = parsed.words
    if (words.length === 0) return []
    const folded = words.join(' ')
    const wanted = (doc: SearchDocument) =>
      (kinds === undefined || kinds.has(doc.kind)) && parsed.phrases.every((phrase) => this.#holds(doc, phrase))
    // A filter throws results away after ranking: ask the word indexes for more, so enough are left.
    const filtering = kinds !== undefined || parsed.phrases.length > 0
    const hits: SearchHit[] = []
    if (kinds === undefined || [...kinds].some((kind) => kind !== 'note')) {
      // Words of one or two letters (the first keystrokes, or the start of the next word) are name prefixes only.
      const short = words.filter((w) => w.length < MIN_WORD)
      const long = words.filter((w) => w.length >= MIN_WORD)
      const exactly = (id: string) => (this.#reference.get(id)!.exact.includes(parsed.plain) ? 1e6 : 0)
      const named =
        long.length === 0
          ? this.#prefixes.search(short, filtering ? limit * FILTER_MARGIN : limit).map((id, rank) => ({
              ...this.#reference.get(id)!,
              score: TEXT_SCORE_CEILING + exactly(id) + limit - rank,
              terms: short,
            }))
          : this.#names
              .search(long.join(' '))
              .filter((r: SearchResult) => this.#prefixes.hasWordsBeginning(String(r.id), short))
              .map((r: SearchResult) => ({
                ...this.#reference.get(String(r.id))!,
                score: TEXT_SCORE_CEILING + exactly(String(r.id)) + r.score,
                terms: [...r.terms, ...short],
              }))
      hits.push(...named.filter(wanted))
      const seen = new Set(named.map((h) => h.id))
      for (const { id, score } of this.#referenceText.search(folded, filtering ? limit * FILTER_MARGIN : limit)) {
        const doc = this.#reference.get(id)!
        // Among items that hold every word, one whose own name holds some of them comes first ("cecop" in CECOP).
        const inName = words.filter((w) => this.#prefixes.hasWordsBeginning(id, [w])).length
        if (!seen.has(id) && wanted(doc)) hits.push({ ...doc, score: score + inName * NAME_WORD_BONUS, terms: words })
      }
    }
    const notes =
      kinds !== undefined && !kinds.has('note')
        ? []
        : this.#noteText
            .search(folded, filtering ? noteLimit * FILTER_MARGIN : noteLimit)
            .map(({ id, score }) => ({ doc: this.#notes.get(id)!, score }))
            .filter(({ doc }) => wanted(doc))
            .slice(0, noteLimit)
            .map(({ doc, score }) => ({ ...doc, score, terms: words, snippet: snippetAround(markdownText(doc.text), words) }))
    return [...hits.sort((a, b) => b.score - a.score).slice(0, limit), ...notes]
  }

  /** Whether a document's words hold a phrase's, in order (folded: accents, case and punctuation aside). */
  #holds(doc: SearchDocument, phrase: Phrase): boolean {
    let words = this.#phraseText.get(doc.id)
    if (words === undefined) {
      words = phraseText(allText(doc))
      // Notes are many and change: only the reference content's (a few hundred documents) are kept.
      if (doc.kind !== 'note') this.#phraseText.set(doc.id, words)
    }
    return holdsPhrase(words, phrase)
  }
}

export interface SearchOptions {
  limit?: number
  noteLimit?: number
  /** Only these kinds of result (the palette's filter); all when absent. */
  kinds?: ReadonlySet<ResultKind>
}

/** A text match's score per query word in the item's name: more than word rarity adds, below a name match. */
const NAME_WORD_BONUS = 100

/** How many more results the word indexes are asked for when a filter may drop some. */
const FILTER_MARGIN = 5

/** Text scores stay below this, so a match in a name or title always ranks above one in the text alone. */
const TEXT_SCORE_CEILING = 1e4
const allText = (doc: SearchDocument) => `${doc.names} ${doc.title} ${doc.detail} ${doc.text}`

/** Splits a label into the parts that matched the query and the rest, for highlighting; accent- and case-blind. */
export function highlight(label: string, terms: readonly string[]): { text: string; hit: boolean }[] {
  if (terms.length === 0) return [{ text: label, hit: false }]
  const folded = fold(label)
  // fold() keeps one character per character of the NFC label for the scripts we use, so offsets line up.
  if (folded.length !== label.length) return [{ text: label, hit: false }]
  const marks = new Array<boolean>(label.length).fill(false)
  for (const term of terms) {
    if (!term) continue
    let at = folded.indexOf(term)
    while (at !== -1) {
      for (let i = at; i < at + term.length; i++) marks[i] = true
      at = folded.indexOf(term, at + term.length)
    }
  }
  const parts: { text: string; hit: boolean }[] = []
  for (let i = 0; i < label.length; i++) {
    const last = parts.at(-1)
    if (last && last.hit === marks[i]) last.text += label[i]
    else parts.push({ text: label[i]!, hit: marks[i]! })
  }
  return parts
}
