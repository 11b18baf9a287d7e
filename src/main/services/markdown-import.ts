/**
 * Markdown files in: a zip (our own export, or a zipped vault) or the Markdown files of a folder the user picked (an
 * Obsidian vault). They are read as notes (markdown/markdown-notes.ts) and go through the JSON import's own preview
 * and merge (notes-transfer.ts mergeNotes): the same rules, the same summary, and nothing changed by a preview or
 * by a refusal.
 */
import type { ImportSummary } from '../../shared/domain'
import { isMarkdownNote, isSafeRelativePath } from '../../shared/markdown-files'
import type { UserStore } from '../store/user-store'
import { notesOfMarkdown, type MarkdownFile } from './markdown/markdown-notes'
import { markdownFilesOfZip, unsafePath } from './markdown/zip-reader'
import { mergeNotes } from './notes-transfer'

/** What the notes page sends (the contract's notes.importMarkdown* input). */
export type MarkdownSource = { from: 'zip'; base64: string } | { from: 'folder'; files: MarkdownFile[]; skipped: number }

/** The source's Markdown notes, and how many of its files are not notes. */
export function markdownFilesOf(source: MarkdownSource): { files: MarkdownFile[]; skipped: number } {
  if (source.from === 'zip') return markdownFilesOfZip(Buffer.from(source.base64, 'base64'))
  const files: MarkdownFile[] = []
  let skipped = source.skipped
  for (const file of source.files) {
    // The contract checks these paths too; a service called directly is held to the same rule.
    if (!isSafeRelativePath(file.path)) throw unsafePath('folder', file.path)
    if (isMarkdownNote(file.path)) files.push(file)
    else skipped++
  }
  return { files, skipped }
}

export async function importMarkdown(store: UserStore, source: MarkdownSource, apply: boolean, now = new Date()): Promise<ImportSummary> {
  const { files, skipped } = markdownFilesOf(source)
  const { notes, refused } = notesOfMarkdown(files, now)
  return { ...(await mergeNotes(store, notes, refused, apply)), skipped }
}

export class MarkdownImportService {
  constructor(private readonly store: UserStore) {}
  preview = (source: MarkdownSource): Promise<ImportSummary> => importMarkdown(this.store, source, false)
  apply = (source: MarkdownSource): Promise<ImportSummary> => importMarkdown(this.store, source, true)
}
