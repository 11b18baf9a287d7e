/**
 * The files recovery sets aside in the data folder, and what can be brought back from each. Nothing here writes:
 * the files stay exactly as they were set aside, so that a second look (or a better version of this code) can
 * always start again from them.
 *
 *   coop-atlas-store.<reason>-<when>.json      a notes file that could not be opened (reason: corrupt, empty, …),
 *                                              or one read in part (partly-read: every good record was kept)
 *   coop-atlas-changes.jsonl.damaged-<when>    a change log copied aside by an older version
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import type { SetAsideInfo } from '../../shared/domain'
import { stampToIso } from './file-stamp'
import { repairNoteFields } from './repair'
import { IncomingNote, StoredCorrection, type StoredCorrection as Correction } from './schema'

const STORE_ASIDE = /^coop-atlas-store\.([a-z-]+)-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.json$/
const CHANGES_ASIDE = /^coop-atlas-changes\.jsonl\.damaged-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)$/

/**
 * What can be brought back from a set-aside file: notes (each valid, mended where needed; without a version when
 * the record had none that can be read, merged then by the rules for older files) and corrections.
 */
export interface Recoverable {
  notes: IncomingNote[]
  corrections: Correction[]
  /** Records that cannot be brought back, even mended (they stay in the file, which can be exported). */
  unrecoverable: number
}

type Doc = Record<string, unknown>

/** The set-aside files of a data folder, newest first, by name (the name says what each is). */
export async function setAsideNames(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[])
  return names.filter((n) => STORE_ASIDE.test(n) || CHANGES_ASIDE.test(n)).sort((a, b) => stampOf(b).localeCompare(stampOf(a)))
}

const stampOf = (name: string) => STORE_ASIDE.exec(name)?.[2] ?? CHANGES_ASIDE.exec(name)?.[1] ?? ''

/** `isHere`: whether the store already holds this very version of a note (those are not counted as to bring back). */
export async function describeSetAside(
  folder: string,
  name: string,
  now: string,
  isHere: (note: IncomingNote) => boolean,
): Promise<SetAsideInfo> {
  const store = STORE_ASIDE.exec(name)
  const found = await recoverableFrom(folder, name, now)
  return {
    name,
    when: stampToIso(stampOf(name)),
    kind: store ? 'store' : 'changes',
    reason: store?.[1] ?? 'damaged',
    recoverableNotes: found.notes.filter((n) => !isHere(n)).length,
    unrecoverable: found.unrecoverable,
  }
}

/** Reads a set-aside file as leniently as it can, and judges each record in it by today's rules. */
export async function recoverableFrom(folder: string, name: string, now: string): Promise<Recoverable> {
  const text = await readFile(join(folder, name), 'utf8').catch(() => '')
  const found: Recoverable = { notes: [], corrections: [], unrecoverable: 0 }
  const takeNote = (raw: unknown) => {
    const mended = repairNoteFields(raw, now, { freshId: true })
    const checked = mended.ok ? v.safeParse(IncomingNote, mended.note) : null
    if (checked?.success) found.notes.push(checked.output)
    else found.unrecoverable++
  }
  const takeChangeLine = (line: string) => {
    let entry: Doc
    try {
      entry = JSON.parse(line) as Doc
    } catch {
      found.unrecoverable++
      return
    }
    if (entry['op'] === 'put-note') takeNote(entry['note'])
    else if (entry['op'] === 'put-notes' && Array.isArray(entry['notes'])) entry['notes'].forEach(takeNote)
    else if (entry['op'] === 'put-correction') takeCorrection(entry['correction'])
    // A deletion or a settings change is not brought back (nothing of the user's text is in it); anything else is
    // a line no version wrote whole.
    else if (!['delete-note', 'delete-correction', 'set-favourites', 'set-settings'].includes(entry['op'] as string)) found.unrecoverable++
  }
  const takeCorrection = (raw: unknown) => {
    const parsed = v.safeParse(StoredCorrection, raw)
    if (parsed.success) found.corrections.push(parsed.output)
    else found.unrecoverable++
  }

  if (CHANGES_ASIDE.test(name)) {
    for (const line of text.split('\n')) if (line.trim()) takeChangeLine(line)
    return dedupe(found)
  }
  const doc = parseLeniently(text)
  if (doc && Array.isArray(doc['notes'])) {
    for (const note of doc['notes'] as unknown[]) takeNote(note)
    if (Array.isArray(doc['corrections'])) for (const c of doc['corrections'] as unknown[]) takeCorrection(c)
  }
  return dedupe(found)
}

/** The newest version of each note only (a change log may hold several). */
function dedupe(found: Recoverable): Recoverable {
  const byId = new Map<string, IncomingNote>()
  for (const note of found.notes) {
    const seen = byId.get(note.id)
    if (!seen || note.updated >= seen.updated) byId.set(note.id, note)
  }
  return { ...found, notes: [...byId.values()] }
}

/**
 * A notes file as a document, however it was damaged: whole JSON (any layout; its checksum is not the question
 * here, each record is judged alone), or a snapshot whose end is missing — its first line still lists every note,
 * and each later line holds one note's text, so every note whose text survived comes back.
 */
function parseLeniently(text: string): Doc | null {
  const body = text.replace(/^\uFEFF/, '')
  try {
    return withBodies(JSON.parse(body) as Doc)
  } catch {
    // fall through: a torn or damaged file
  }
  const lines = body.split('\n')
  const head = lines[0] ?? ''
  if (!head.endsWith('"bodies":[')) return null
  let doc: Doc
  try {
    doc = JSON.parse(`${head}]}`) as Doc
  } catch {
    return null
  }
  const bodies: string[] = []
  for (const line of lines.slice(1)) {
    try {
      bodies.push(JSON.parse(line.replace(/,$/, '')) as string)
    } catch {
      break
    }
  }
  return withBodies({ ...doc, bodies })
}

/** Joins the snapshot layout's separate texts to their notes (a note without one is left without: unrecoverable). */
function withBodies(doc: Doc): Doc {
  if (typeof doc !== 'object' || doc === null || !Array.isArray(doc['bodies']) || !Array.isArray(doc['notes'])) return doc
  const bodies = doc['bodies'] as unknown[]
  return { ...doc, notes: (doc['notes'] as Doc[]).map((n, i) => (i < bodies.length ? { ...n, body: bodies[i] } : n)) }
}
