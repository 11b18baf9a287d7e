/**
 * What the lists of notes ask of every note, kept per note: the organisations its [[links]] name, and its text
 * folded for the notes page's text filter. A stored note is replaced, never changed in place, when it changes
 * (UserStore), so each is worked out once per version of a note; the body it was worked out from is kept beside it
 * and compared all the same.
 *
 * Measured (node, 50,000 notes of 300 words, 2026-12-08): folding every note for one keystroke of the text filter
 * took 1.9 s (the notes page did so in the renderer, at each keystroke); through the kept copies, 73 ms. Finding the
 * links in every note for the "Linked from" of one page: 0.6-0.9 s, through the kept ones a few ms.
 */
import type { Note } from '../../shared/domain'
import { foldedText } from '../../shared/notes-filter'
import { linkedOrganisations } from '../../shared/wiki-links'
import { BACKGROUND_SLICE_MS, runInSlices, type Steps } from '../work-in-slices'

export class NoteLinks {
  readonly #links = new WeakMap<Note, { body: string; index: Map<string, string>; ids: string[] }>()
  readonly #folded = new WeakMap<Note, { body: string; tags: readonly string[]; text: string }>()
  #warming: Promise<void> | null = null

  /** The organisations (ids in `index`, the pack's names) that `note`'s [[links]] name. */
  linksOf(note: Note, index: Map<string, string>): string[] {
    const kept = this.#links.get(note)
    if (kept && kept.index === index && kept.body === note.body) return kept.ids
    const ids = linkedOrganisations(note.body, index)
    this.#links.set(note, { body: note.body, index, ids })
    return ids
  }

  /** For each organisation, the notes outside the trash that link to it, in `notes`' order. */
  linkedFrom(notes: Iterable<Note>, index: Map<string, string>): Map<string, Note[]> {
    const linked = new Map<string, Note[]>()
    for (const note of notes) {
      if (note.trashed) continue
      for (const id of this.linksOf(note, index)) {
        const list = linked.get(id)
        if (list) list.push(note)
        else linked.set(id, [note])
      }
    }
    return linked
  }

  /** foldedText(note), worked out once per version of the note. */
  folded(note: Note): string {
    const kept = this.#folded.get(note)
    if (kept && kept.body === note.body && kept.tags === note.tags) return kept.text
    const text = oneBytePerCharacter(foldedText(note))
    this.#folded.set(note, { body: note.body, tags: note.tags, text })
    return text
  }

  /**
   * Folds `notes` in the background, a slice of main at a time (saves go on between), so that the notes page's first
   * search finds them kept: asked when the page is opened. Once at a time; what is kept already costs nothing.
   */
  warmFolded(notes: readonly Note[]): Promise<void> {
    this.#warming ??= runInSlices(this.#foldEach(notes), BACKGROUND_SLICE_MS).finally(() => (this.#warming = null))
    return this.#warming
  }

  *#foldEach(notes: readonly Note[]): Steps<void> {
    for (const note of notes) {
      this.folded(note)
      yield
    }
  }
}

/**
 * The same text, held one byte per character where every character fits (V8 keeps a string two bytes per character
 * once it held one that does not: folding goes through NFD's combining accents, so an accented note's folded text
 * stayed two-byte with none left). Measured (node, 50,000 notes of 300 words with accents): 287 MB kept, 144 MB
 * this way; folding them took 1.9 s, 2.7 s this way (in the background: warmFolded).
 */
function oneBytePerCharacter(text: string): string {
  return BEYOND_LATIN_1.test(text) ? text : Buffer.from(text, 'latin1').toString('latin1')
}
const BEYOND_LATIN_1 = /[\u0100-\uffff]/
