/**
 * A word index for long texts (the user's notes), searched by word prefix. Hand-written because the libraries
 * measured do not fit the notes at scale (npm run bench, 50,000 notes of ~300 words): MiniSearch took 48 s to
 * build and 2.6 s per keystroke at p95 (it scores every document of every term a prefix expands to); FlexSearch
 * answered in 6 ms but took 112 s and 828 MB to build. This keeps, per folded word, the ascending list of texts
 * holding it, and a sorted vocabulary for prefixes: building is one pass over the words, and a keystroke costs
 * the length of the lists its words expand to. Typo tolerance stays with the names (MiniSearch, search-index.ts).
 *
 * Query words shorter than MIN_WORD are left out (they would expand to most of the vocabulary): "worker c" looks
 * for "worker"; "c" alone finds no note text. Every other word must match (AND), as a prefix.
 */
import { fold } from './fold'
import { runToEnd, type Steps } from './steps'

export const MIN_WORD = 3
/** How many vocabulary words one query word may expand to; beyond that the prefix is too vague to be useful. */
const MAX_EXPANSIONS = 400
/** New words wait in a small unsorted list; past this many the vocabulary is sorted again. */
const MAX_UNSORTED = 2000
/** Text numbers copied in one step of partsInSteps. */
const NUMBERS_PER_STEP = 65536

/**
 * A letter or digit, any script. Written with the ASCII ones first: the same words as [\p{L}\p{N}]+, found in about
 * half the time in folded text, which is mostly ASCII (10,000 notes of ~300 words: 450 → 250 ms).
 */
const WORD = /(?:[a-z0-9]|[\p{L}\p{N}])+/gu

/** The words of a text, folded (accents and case), as every index of the search matches them. */
export const foldedWords = (text: string): string[] => fold(text).match(WORD) ?? []

export interface TextHit {
  id: string
  score: number
}

/**
 * An index as plain arrays, for a file (main's note search keeps one beside the store): the ids, the sorted
 * vocabulary, how many texts hold each word, and those texts' numbers, word after word. Removed texts are left out
 * and the others numbered again from 0, so a round trip also compacts.
 */
export interface TextIndexParts {
  ids: string[]
  vocabulary: string[]
  counts: Uint32Array
  /** 16 bits a number while the texts fit (65,536 or fewer): half the bytes to keep, write and read back. */
  postings: Uint16Array | Uint32Array
}

/** The most texts whose numbers fit in 16 bits. */
const SHORT_NUMBERS = 65536

/** A list of text numbers: a plain array while it grows, or a view into a loaded file (never copied: see #added). */
type Postings = number[] | Uint16Array | Uint32Array

export class TextIndex {
  /** Text number → id; null once removed (its numbers stay in the lists and are skipped). */
  readonly #ids: (string | null)[] = []
  readonly #numberOf = new Map<string, number>()
  readonly #postings = new Map<string, Postings>()
  /**
   * Texts added since the index was loaded, for words whose list is a view into the file: kept apart rather than
   * copying the view into an array. A copy cost a 50,000-long array per common word of the first note saved after a
   * load, and the collector's pauses that followed held saves up to 10× their time at 50,000 notes (npm run bench).
   */
  readonly #added = new Map<string, number[]>()
  #vocabulary: string[] = []
  #unsorted: string[] = []
  // Per-query scratch space, indexed by text number, reused across keystrokes (no allocation per query).
  #matched = new Int32Array(0)
  #score = new Float64Array(0)
  #queryStamp = new Int32Array(0)
  #query = 0
  #changes = 0

  get size(): number {
    return this.#numberOf.size
  }

  has(id: string): boolean {
    return this.#numberOf.has(id)
  }

  add(id: string, text: string): void {
    this.remove(id)
    this.#changes++
    const number = this.#ids.length
    this.#ids.push(id)
    this.#numberOf.set(id, number)
    // Folding the whole text once is far cheaper than folding each of its words; its words taken as one array
    // (String.match in foldedWords) rather than a match object each (matchAll): 12% less time for 10,000 notes.
    for (const word of foldedWords(text)) {
      const list = this.#postings.get(word)
      if (list === undefined) {
        this.#postings.set(word, [number])
        this.#unsorted.push(word)
      } else if (Array.isArray(list)) {
        if (list[list.length - 1] !== number) list.push(number)
      } else {
        const added = this.#added.get(word)
        if (added === undefined) this.#added.set(word, [number])
        else if (added[added.length - 1] !== number) added.push(number)
      }
    }
  }

  remove(id: string): void {
    const number = this.#numberOf.get(id)
    if (number === undefined) return
    this.#changes++
    this.#ids[number] = null
    this.#numberOf.delete(id)
  }

  /** The texts holding every query word (as a word prefix), best first: rarer words weigh more. */
  search(query: string, limit: number): TextHit[] {
    const words = [...new Set(foldedWords(query))].filter((w) => w.length >= MIN_WORD)
    if (words.length === 0) return []
    this.#prepare()
    const total = this.#ids.length
    const live = Math.max(1, this.#numberOf.size)
    const matched = this.#matched
    const score = this.#score
    const stamp = this.#queryStamp
    const thisQuery = ++this.#query
    const found: number[] = []
    // Rarest word first would be faster, but the first word's lists are what every other word narrows.
    words.forEach((word, w) => {
      const last = w === words.length - 1
      for (const term of this.#expand(word)) {
        const list = this.#postings.get(term)!
        const added = this.#added.get(term)
        const weight = Math.log(1 + live / (list.length + (added?.length ?? 0)))
        for (const numbers of added ? [list, added] : [list])
          for (let i = 0; i < numbers.length; i++) {
            const n = numbers[i]!
            if (n >= total || this.#ids[n] === null) continue
            if (w === 0) {
              if (stamp[n] === thisQuery) continue
              stamp[n] = thisQuery
              matched[n] = 1
              score[n] = weight
            } else {
              if (stamp[n] !== thisQuery || matched[n] !== w) continue
              matched[n] = w + 1
              score[n]! += weight
            }
            if (last) found.push(n)
          }
      }
    })
    return topByScore(found, score, limit).map((n) => ({ id: this.#ids[n]!, score: score[n]! }))
  }

  /** How many texts have been added and removed: tells whether the index changed while its parts were taken. */
  get changes(): number {
    return this.#changes
  }

  /** The index as arrays (see TextIndexParts): what fromParts reads back. */
  parts(): TextIndexParts {
    return runToEnd(this.partsInSteps())
  }

  /**
   * parts(), a few lists at a time (at 50,000 notes they held main 430 ms at once, npm run bench). Texts may be
   * added and removed between steps: the parts are the index as it was at the first step, whose ids and vocabulary
   * are taken then, since a list only ever grows, by new text numbers, which are left out.
   */
  *partsInSteps(): Steps<TextIndexParts> {
    this.settle()
    const renumber = new Int32Array(this.#ids.length).fill(-1)
    const ids: string[] = []
    this.#ids.forEach((id, n) => {
      if (id === null) return
      renumber[n] = ids.length
      ids.push(id)
    })
    const words = this.#vocabulary
    const known = (n: number) => n < renumber.length && renumber[n]! >= 0
    const vocabulary: string[] = []
    const counts: number[] = []
    let total = 0
    for (const word of words) total += this.#postings.get(word)!.length + (this.#added.get(word)?.length ?? 0)
    const postings = ids.length <= SHORT_NUMBERS ? new Uint16Array(total) : new Uint32Array(total)
    let at = 0
    let stepped = 0
    for (const word of words) {
      const start = at
      for (const n of this.#postings.get(word)!) if (known(n)) postings[at++] = renumber[n]!
      for (const n of this.#added.get(word) ?? []) if (known(n)) postings[at++] = renumber[n]!
      if (at - stepped >= NUMBERS_PER_STEP) {
        stepped = at
        yield
      }
      if (at === start) continue
      vocabulary.push(word)
      counts.push(at - start)
    }
    // Shorter when texts were removed: copied then, so as not to keep their room.
    return { ids, vocabulary, counts: Uint32Array.from(counts), postings: at === total ? postings : postings.slice(0, at) }
  }

  /** An index read back from parts() (its typed arrays are used in place, not copied). */
  static fromParts(parts: TextIndexParts): TextIndex {
    const index = new TextIndex()
    if (parts.counts.length !== parts.vocabulary.length) throw new Error('a text index whose words and lists do not match')
    parts.ids.forEach((id, n) => {
      index.#ids.push(id)
      index.#numberOf.set(id, n)
    })
    let at = 0
    for (let w = 0; w < parts.vocabulary.length; w++) {
      const count = parts.counts[w]!
      const word = parts.vocabulary[w]!
      if (w > 0 && !(parts.vocabulary[w - 1]! < word)) throw new Error('a text index whose vocabulary is not sorted')
      index.#postings.set(word, parts.postings.subarray(at, at + count))
      at += count
    }
    if (at !== parts.postings.length) throw new Error('a text index whose lists do not add up')
    index.#vocabulary = parts.vocabulary
    return index
  }

  /** Sorts the vocabulary now (after adding many texts at once) rather than on the next keystroke. */
  settle(): void {
    if (this.#unsorted.length > 0) this.#vocabulary = mergeSorted(this.#vocabulary, this.#unsorted.sort())
    this.#unsorted = []
  }

  /** Sorts in the words added since the last query, and makes the scratch arrays as long as the texts. */
  #prepare(): void {
    if (this.#unsorted.length > MAX_UNSORTED || (this.#vocabulary.length === 0 && this.#unsorted.length > 0)) this.settle()
    const n = this.#ids.length
    if (this.#matched.length < n) {
      const size = Math.max(n, this.#matched.length * 2, 1024)
      this.#matched = new Int32Array(size)
      this.#score = new Float64Array(size)
      this.#queryStamp = new Int32Array(size)
      this.#query = 0
    }
  }

  /** The vocabulary words beginning with `prefix`. */
  *#expand(prefix: string): Generator<string> {
    let count = 0
    let lo = 0
    let hi = this.#vocabulary.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.#vocabulary[mid]! < prefix) lo = mid + 1
      else hi = mid
    }
    for (let i = lo; i < this.#vocabulary.length && this.#vocabulary[i]!.startsWith(prefix); i++) {
      if (++count > MAX_EXPANSIONS) return
      yield this.#vocabulary[i]!
    }
    for (const word of this.#unsorted) if (word.startsWith(prefix) && ++count <= MAX_EXPANSIONS) yield word
  }
}

function mergeSorted(a: string[], b: string[]): string[] {
  if (a.length === 0) return b
  const out = new Array<string>(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!
  while (i < a.length) out[k++] = a[i++]!
  while (j < b.length) out[k++] = b[j++]!
  return out
}

/** The `limit` best of `numbers` by `score`, best first, without sorting them all. */
function topByScore(numbers: number[], score: Float64Array, limit: number): number[] {
  if (numbers.length <= limit) return numbers.sort((a, b) => score[b]! - score[a]! || a - b)
  const top: number[] = []
  for (const n of numbers) {
    if (top.length === limit && score[n]! <= score[top[limit - 1]!]!) continue
    let i = top.length === limit ? limit - 1 : top.length
    while (i > 0 && score[top[i - 1]!]! < score[n]!) {
      top[i] = top[i - 1]!
      i--
    }
    top[i] = n
  }
  return top
}
