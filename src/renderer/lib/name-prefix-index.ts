/**
 * The first keystrokes: a query of one or two letters ("c", "co") finds names with a word beginning so. MiniSearch
 * expands such a prefix to every term it begins and scores them all: 100–220 ms per keystroke over 10,000
 * organisations (npm run bench). Here the folded words of every name sit in one sorted list; a prefix is a binary
 * search and a walk over the words it begins.
 */
import { foldedWords } from '../../shared/text-index'

export class NamePrefixIndex {
  /** Folded name word and the id of what it names, sorted by word; rebuilt when names change. */
  #entries: { word: string; id: string }[] | null = []
  readonly #names = new Map<string, { words: string[]; label: string }>()

  set(id: string, names: string, label: string): void {
    this.#names.set(id, { words: foldedWords(names), label: foldedWords(label).join(' ') })
    this.#entries = null
  }

  remove(id: string): void {
    if (this.#names.delete(id)) this.#entries = null
  }

  /** Sorts the words now (after adding many names at once) rather than on the next keystroke. */
  settle(): { word: string; id: string }[] {
    return (this.#entries ??= [...this.#names]
      .flatMap(([id, { words }]) => words.map((word) => ({ word, id })))
      .sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0)))
  }

  /** Whether the names of `id` have a word beginning with each of `prefixes`. */
  hasWordsBeginning(id: string, prefixes: string[]): boolean {
    const words = this.#names.get(id)?.words ?? []
    return prefixes.every((p) => words.some((w) => w.startsWith(p)))
  }

  /**
   * The ids whose names have a word beginning with each of `prefixes`, best first: a label that is the query,
   * then one that begins with it, then shorter labels.
   */
  search(prefixes: string[], limit: number): string[] {
    if (prefixes.length === 0) return []
    const entries = this.settle()
    const [first, ...rest] = prefixes as [string, ...string[]]
    const query = prefixes.join(' ')
    const found = new Set<string>()
    for (let i = lowerBound(entries, first); i < entries.length && entries[i]!.word.startsWith(first); i++) found.add(entries[i]!.id)
    const ranked: { id: string; rank: number }[] = []
    for (const id of found) {
      if (!this.hasWordsBeginning(id, rest)) continue
      const { label } = this.#names.get(id)!
      ranked.push({ id, rank: (label === query ? 2000 : label.startsWith(query) ? 1000 : 0) - Math.min(label.length, 999) })
    }
    return ranked
      .sort((a, b) => b.rank - a.rank)
      .slice(0, limit)
      .map((r) => r.id)
  }
}

function lowerBound(entries: { word: string }[], prefix: string): number {
  let lo = 0
  let hi = entries.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (entries[mid]!.word < prefix) lo = mid + 1
    else hi = mid
  }
  return lo
}
