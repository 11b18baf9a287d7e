/**
 * What the notes page sends for a Markdown import (the contract's notes.importMarkdown* input): a zip as base64, or
 * the Markdown files of a folder the reader picked, with their paths inside it. Files that are not notes are counted,
 * never read; a folder past the import's limits is refused here, before anything is read, in the words main uses
 * for the same refusal (shared/markdown-files.ts holds the limits and the rules for both).
 */
import type { CallInput } from '../../shared/contract'
import type { ErrorWordingKey } from '../../shared/errors'
import {
  isMarkdownNote,
  MAX_MARKDOWN_FILE_BYTES,
  MAX_MARKDOWN_FILES,
  MAX_MARKDOWN_TOTAL_BYTES,
  MAX_MARKDOWN_ZIP_BYTES,
} from '../../shared/markdown-files'
import { AtlasCallError } from './api'

export type MarkdownSource = CallInput<'notes.importMarkdownPreview'>

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

const refused = (key: ErrorWordingKey, values: Record<string, string | number>) =>
  new AtlasCallError({ code: 'too-large', message: `Refused before reading (${key}).`, wording: { key, values } })

/** A file's path inside the picked folder: without the folder's own name, which the browser puts first. */
function pathInFolder(file: File): string {
  const path = file.webkitRelativePath || file.name
  const slash = path.indexOf('/')
  return slash < 0 ? path : path.slice(slash + 1)
}

/** The picked folder's name (as the browser gives it with each file). */
export function folderName(files: readonly File[]): string {
  const path = files[0]?.webkitRelativePath ?? ''
  return path.includes('/') ? path.slice(0, path.indexOf('/')) : path
}

export async function folderSource(picked: readonly File[]): Promise<MarkdownSource> {
  const notes = picked.filter((file) => isMarkdownNote(pathInFolder(file)))
  if (notes.length > MAX_MARKDOWN_FILES) throw refused('import-md-too-many', { max: MAX_MARKDOWN_FILES })
  const large = notes.find((file) => file.size > MAX_MARKDOWN_FILE_BYTES)
  if (large) throw refused('import-md-file-too-large', { name: pathInFolder(large), max: MB(MAX_MARKDOWN_FILE_BYTES) })
  if (notes.reduce((sum, file) => sum + file.size, 0) > MAX_MARKDOWN_TOTAL_BYTES)
    throw refused('import-md-total-too-large', { max: MB(MAX_MARKDOWN_TOTAL_BYTES) })
  const files = await Promise.all(
    notes.map(async (file) => ({
      path: pathInFolder(file),
      text: await file.text(),
      modified: Math.max(0, Math.floor(file.lastModified)),
    })),
  )
  return { from: 'folder', files, skipped: picked.length - notes.length }
}

export async function zipSource(file: File): Promise<MarkdownSource> {
  if (file.size > MAX_MARKDOWN_ZIP_BYTES) throw refused('import-md-zip-too-large', { max: MB(MAX_MARKDOWN_ZIP_BYTES) })
  const bytes = new Uint8Array(await file.arrayBuffer())
  // btoa takes a string of bytes; built a slice at a time, since a spread of megabytes overflows the stack.
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return { from: 'zip', base64: btoa(binary) }
}
