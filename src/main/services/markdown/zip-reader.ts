/**
 * The Markdown files of a zip, read without trusting it: its central directory is read first, and the archive is
 * refused whole — before anything is unpacked — when it lists too many entries, a name that leaves the archive
 * (../, /, C:), a name twice, an encrypted or zip64 entry, or sizes past the import's limits. Unpacking (fflate)
 * never writes past the sizes the archive declares, and each file is then checked against its declared size and
 * checksum, so an archive that lies about its sizes (a zip bomb) is refused too.
 */
import { crc32 } from 'node:zlib'
import { strFromU8, unzipSync } from 'fflate'
import { wordedRefusal } from '../../../shared/errors'
import {
  isMarkdownNote,
  isSafeRelativePath,
  MAX_MARKDOWN_FILE_BYTES,
  MAX_MARKDOWN_FILES,
  MAX_MARKDOWN_TOTAL_BYTES,
  MAX_ZIP_ENTRIES,
} from '../../../shared/markdown-files'
import type { MarkdownFile } from './markdown-notes'

interface Entry {
  name: string
  crc: number
  size: number
  modified: number | null
}

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

const damaged = (why: string) =>
  wordedRefusal('invalid-input', 'import-md-not-zip', `This is not a zip file that can be read (${why}). Nothing was imported.`)

/** A DOS date and time (local, to two seconds), as milliseconds; null when it names no real moment. */
function dosTime(time: number, date: number): number | null {
  const at = new Date(1980 + (date >> 9), ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2)
  return Number.isNaN(at.getTime()) || date === 0 ? null : at.getTime()
}

/** The central directory's entries, as the archive declares them. */
function centralDirectory(zip: Uint8Array): Entry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  // The end record: 22 bytes, and a comment of up to 65,535 after it.
  let end = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) throw damaged('no end of central directory')
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  if (count === 0xffff || at === 0xffffffff) throw damaged('zip64 archives are not read')
  if (count > MAX_ZIP_ENTRIES)
    throw wordedRefusal(
      'too-large',
      'import-md-too-many',
      `The zip lists ${count} files; at most ${MAX_ZIP_ENTRIES} are read. Nothing was imported.`,
      { max: MAX_ZIP_ENTRIES },
    )
  const entries: Entry[] = []
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== 0x02014b50) throw damaged('a damaged central directory')
    const flags = view.getUint16(at + 8, true)
    const nameLength = view.getUint16(at + 28, true)
    const size = view.getUint32(at + 24, true)
    if (at + 46 + nameLength > zip.length) throw damaged('a damaged central directory')
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength)
    // As fflate reads it: UTF-8 when the archive says so, else one character a byte.
    const name = flags & 0x800 ? strFromU8(nameBytes) : Buffer.from(nameBytes).toString('latin1')
    if (flags & 1) throw damaged(`${name} is encrypted`)
    if (size === 0xffffffff) throw damaged('zip64 archives are not read')
    entries.push({
      name,
      crc: view.getUint32(at + 16, true),
      size,
      modified: dosTime(view.getUint16(at + 12, true), view.getUint16(at + 14, true)),
    })
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return entries
}

/** The zip's Markdown notes, and how many of its files are skipped (not Markdown, or in a hidden folder). */
/** The refusal of a file whose name points outside the zip or folder it came in: nothing is imported. */
export const unsafePath = (where: 'zip' | 'folder', name: string) =>
  wordedRefusal(
    'invalid-input',
    'import-md-unsafe-path',
    `The ${where} holds a file named ${JSON.stringify(name.slice(0, 200))}, which points outside it. Nothing was imported.`,
    { name: name.slice(0, 200) },
  )

export function markdownFilesOfZip(zip: Uint8Array): { files: MarkdownFile[]; skipped: number } {
  const entries = centralDirectory(zip)
  const names = new Set<string>()
  const notes: Entry[] = []
  let total = 0
  for (const entry of entries) {
    if (!isSafeRelativePath(entry.name)) throw unsafePath('zip', entry.name)
    if (names.has(entry.name)) throw damaged(`${entry.name} is listed twice`)
    names.add(entry.name)
    if (entry.name.endsWith('/') || !isMarkdownNote(entry.name)) continue
    if (entry.size > MAX_MARKDOWN_FILE_BYTES)
      throw wordedRefusal(
        'too-large',
        'import-md-file-too-large',
        `${entry.name} is larger than ${MB(MAX_MARKDOWN_FILE_BYTES)}. Nothing was imported.`,
        { name: entry.name, max: MB(MAX_MARKDOWN_FILE_BYTES) },
      )
    total += entry.size
    notes.push(entry)
  }
  if (notes.length > MAX_MARKDOWN_FILES)
    throw wordedRefusal(
      'too-large',
      'import-md-too-many',
      `The zip holds ${notes.length} Markdown files; at most ${MAX_MARKDOWN_FILES} are read. Nothing was imported.`,
      { max: MAX_MARKDOWN_FILES },
    )
  if (total > MAX_MARKDOWN_TOTAL_BYTES)
    throw wordedRefusal(
      'too-large',
      'import-md-total-too-large',
      `The zip's Markdown files hold more than ${MB(MAX_MARKDOWN_TOTAL_BYTES)} of text. Nothing was imported.`,
      { max: MB(MAX_MARKDOWN_TOTAL_BYTES) },
    )
  const wanted = new Set(notes.map((n) => n.name))
  let unpacked: Record<string, Uint8Array>
  try {
    unpacked = unzipSync(zip, { filter: (file) => wanted.has(file.name) })
  } catch (error) {
    throw damaged((error as Error).message)
  }
  const files: MarkdownFile[] = []
  for (const entry of notes) {
    const bytes = unpacked[entry.name]
    // Unpacked into the declared size at most: a file whose data says otherwise fails its size or its checksum.
    if (!bytes || bytes.length !== entry.size || crc32(bytes) !== entry.crc)
      throw wordedRefusal(
        'invalid-input',
        'import-md-damaged',
        `${entry.name} does not unpack to the size and checksum the zip declares. Nothing was imported.`,
        { name: entry.name },
      )
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      throw wordedRefusal('invalid-input', 'import-md-not-text', `${entry.name} is not UTF-8 text. Nothing was imported.`, {
        name: entry.name,
      })
    }
    files.push({ path: entry.name, text, ...(entry.modified !== null ? { modified: entry.modified } : {}) })
  }
  return { files, skipped: entries.filter((e) => !e.name.endsWith('/')).length - files.length }
}
