/**
 * What a Markdown import reads (our own zip export, or a folder of notes such as an Obsidian vault): its limits, and
 * which files in it are notes. One home for the contract (main's check of what is sent), the import service (which
 * reads a zip's names) and the notes page (which skips files of a folder before reading them).
 */
import { MAX_NOTE_BYTES } from './note-rules'

/** Most Markdown files one import reads. */
export const MAX_MARKDOWN_FILES = 10_000
/** Largest Markdown file: a note's largest text, and room for its front matter. */
export const MAX_FRONT_MATTER_BYTES = 64 * 1024
export const MAX_MARKDOWN_FILE_BYTES = MAX_NOTE_BYTES + MAX_FRONT_MATTER_BYTES
/** Most text one import reads, all files together (a zip's by the sizes it declares before anything is unpacked). */
export const MAX_MARKDOWN_TOTAL_BYTES = 32 * 1024 * 1024
/** Largest zip file read. */
export const MAX_MARKDOWN_ZIP_BYTES = 16 * 1024 * 1024
/** Most entries a zip may list (Markdown or not). */
export const MAX_ZIP_ENTRIES = 50_000
/** Longest path of a file inside a folder or a zip. */
export const MAX_MARKDOWN_PATH_LENGTH = 1000

/**
 * A path inside the chosen folder or the zip, with '/' between folders, that stays inside it: not absolute, no
 * drive, no '..' or empty step, no backslash or control character. A name that breaks this refuses the import whole.
 */
export function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.length > MAX_MARKDOWN_PATH_LENGTH) return false
  if (path.startsWith('/') || path.includes('\\') || /^[a-z]:/i.test(path)) return false
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return false
  // A folder entry of a zip ends with '/': its last step is empty and allowed.
  const steps = path.endsWith('/') ? path.slice(0, -1).split('/') : path.split('/')
  return steps.every((step) => step !== '' && step !== '.' && step !== '..')
}

/**
 * Whether a file of the folder or zip is a note to read: a `.md` file outside hidden folders (an Obsidian vault's
 * `.obsidian` settings, its `.trash`, a `.git`) and not hidden itself. Everything else is skipped and counted.
 */
export function isMarkdownNote(path: string): boolean {
  if (!/\.md$/i.test(path)) return false
  return path.split('/').every((step) => !step.startsWith('.') && step !== '__MACOSX')
}
