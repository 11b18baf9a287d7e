/**
 * A note as the search sees it: the words it is found by (its tags, what it is about in each of the pack's
 * languages, its text), the stamp that says which state of the note those words were read from, and, for a hit,
 * its title and the words around the match, as plain text (the Markdown read by the renderer's own parser).
 */
import type { NoteTarget } from '../../../shared/domain'
import type { PackLocale } from '../../../shared/content/texts'
import { markdownText } from '../../../shared/markdown-text'
import { subjectsOf } from '../../../shared/note-rules'
import type { StoredNote } from '../../store/schema'

export type Describe = (target: NoteTarget, locale: PackLocale) => string | null

const LOCALES: PackLocale[] = ['en', 'fr', 'es']

/** Everything a note is about, in one language: "CECOP, CICOPA"; null for a free-standing note. */
export function aboutLine(note: Pick<StoredNote, 'target' | 'alsoAbout'>, describe: Describe, locale: PackLocale): string | null {
  const subjects = subjectsOf(note)
  if (subjects.length === 0) return null
  return subjects.map((s) => describe(s, locale) ?? s.id).join(', ')
}

/** The words a note is found by: tags, subjects (named in every language of the pack), body. */
export function searchableText(note: StoredNote, describe: Describe): string {
  return `${searchablePrefix(note, describe)}${note.body}`
}

/** What comes before the body in searchableText: the tags and the subjects, each in every language. */
export function searchablePrefix(note: Pick<StoredNote, 'tags' | 'target' | 'alsoAbout'>, describe: Describe): string {
  const about = new Set(LOCALES.map((l) => aboutLine(note, describe, l) ?? ''))
  return `${note.tags.join(' ')}\n${[...about].join('\n')}\n`
}

/**
 * Which state of a note the index read: every change to a note moves its versions (or, a backup brought back, its
 * date); trashed notes are not in the index at all. Exact, so a stale entry is never taken for a current one.
 */
export function noteStamp(note: Pick<StoredNote, 'updated' | 'versions'>): string {
  // Read for every note at each start: one device (the usual case) needs no sorting.
  const devices = Object.keys(note.versions)
  if (devices.length > 1) devices.sort()
  let stamp = `${note.updated}|`
  for (const device of devices) stamp += `${device}:${note.versions[device]},`
  return stamp
}

/** A hit's title (the first line of the note as read) and its plain text, for the snippet. */
export function noteReading(body: string): { title: string; text: string } {
  const text = markdownText(body)
  const first = /\S[^\n]*/.exec(text)?.[0] ?? ''
  return { title: first.slice(0, 120), text }
}
