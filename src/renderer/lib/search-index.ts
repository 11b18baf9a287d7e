/**
 * One search index over everything: organisations (every name, acronym, former name and alias), history events,
 * the strategic plan's pillars, challenges and commitments, sources, and the user's notes. MiniSearch gives
 * prefix and typo-tolerant matching (chosen over FlexSearch and a linear scan by `npm run bench`); terms are
 * folded so that "Confédération" finds "confederation" and "cecop" finds "CECOP". An exact acronym or name
 * ranks first. Notes are updated in place as they are edited.
 */
import MiniSearch, { type SearchResult } from 'minisearch'
import type { ContentPack, LocalisedText } from '../../shared/content/schema'
import type { Note } from '../../shared/domain'
import { fold } from './fold'
import { targetHref } from './routes'

export type ResultKind = 'organisation' | 'event' | 'pillar' | 'plan' | 'source' | 'note'

export interface SearchDocument {
  id: string
  kind: ResultKind
  /** What the result shows as its title. */
  title: string
  /** A second line: the full name, the date, the note's subject. */
  detail: string
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
}

const text = (t: LocalisedText | undefined) => (t ? [t.en, t.fr, t.es].filter(Boolean).join(' ') : '')

/** Splits on anything that is not a letter or digit; accents and case are folded in processTerm. */
const tokenize = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean)

export function packDocuments(pack: ContentPack): SearchDocument[] {
  const docs: SearchDocument[] = []
  for (const o of pack.organisations) {
    const names = [
      o.names.acronym,
      o.names.english,
      o.names.native?.text,
      ...(o.names.former ?? []).map((f) => f.name),
      ...(o.names.aliases ?? []),
    ].filter((n): n is string => Boolean(n))
    docs.push({
      id: `organisation:${o.id}`,
      kind: 'organisation',
      title: o.names.acronym ?? o.names.english,
      detail: o.names.acronym ? o.names.english : (o.names.native?.text ?? ''),
      exact: [o.id, ...names].map(fold),
      names: names.join(' '),
      text: text(o.description),
      href: `#/org/${o.id}`,
    })
  }
  for (const e of pack.events) {
    docs.push({
      id: `event:${e.id}`,
      kind: 'event',
      title: e.title.en,
      detail: e.date[0]?.value.value ?? '',
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
      detail: text(plan.title),
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
      detail: text(plan.title),
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
      title: s.title,
      detail: s.publisher ?? s.url ?? '',
      exact: [],
      names: s.title,
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
    href: targetHref(note.target),
  }
}

export class SearchIndex {
  readonly #index = new MiniSearch<SearchDocument>({
    fields: ['names', 'title', 'text'],
    storeFields: ['kind', 'title', 'detail', 'exact', 'href', 'names', 'text'],
    tokenize,
    processTerm: (term) => fold(term) || null,
    searchOptions: {
      boost: { names: 4, title: 2, text: 1 },
      prefix: true,
      fuzzy: (term) => (term.length > 4 ? 0.2 : term.length > 3 ? 1 : false),
      combineWith: 'AND',
    },
  })

  constructor(documents: SearchDocument[] = []) {
    this.#index.addAll(documents)
  }

  get size(): number {
    return this.#index.documentCount
  }

  upsert(doc: SearchDocument): void {
    if (this.#index.has(doc.id)) this.#index.replace(doc)
    else this.#index.add(doc)
  }

  remove(id: string): void {
    if (this.#index.has(id)) this.#index.discard(id)
  }

  search(query: string, limit = 40): SearchHit[] {
    const q = query.trim()
    if (q === '') return []
    const folded = fold(q)
    const hits = this.#index.search(q).map((r: SearchResult) => ({
      ...(r as unknown as SearchDocument),
      id: String(r.id),
      score: (r['exact'] as string[]).includes(folded) ? r.score + 1e6 : r.score,
      terms: r.terms,
    }))
    return hits.sort((a, b) => b.score - a.score).slice(0, limit)
  }
}

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
