/**
 * The English rendering of what main tells the reader about their notes file (shared/store-notice.ts), for the logs
 * and for a caller that has no renderer. The reader sees the renderer's wording, in their language.
 */
import type { StoreNoticePart, StoreProblem } from '../../shared/store-notice'

/** Why a notes file cannot be used, as the end of "…could not be opened because ___". */
export function problemInEnglish({ key, values }: StoreProblem): string {
  const detail = values['detail'] ? ` (${values['detail']})` : ''
  switch (key) {
    case 'link-missing':
      return `it is a link to ${values['target']}, which cannot be found`
    case 'cannot-read':
      return `it could not be read (${values['code']})`
    case 'not-utf8':
      return 'it is not valid UTF-8 text'
    case 'empty':
      return 'it was empty'
    case 'not-json':
      return `it is not valid JSON${detail}`
    case 'checksum':
      return 'its contents do not match the checksum written with them'
    case 'texts-mismatch':
      return 'its notes and their texts do not match up'
    case 'not-a-store':
      return 'the file does not hold a store object'
    case 'no-version':
      return 'the file has no valid schema version'
    case 'newer-version':
      return `the file was written by a newer Coop Atlas (store version ${values['version']}; this one knows ${values['known']})`
    case 'no-migration':
      return `no migration from store version ${values['from']}`
    case 'invalid-contents':
      return `the file's contents are not a valid store (${values['path']}${values['detail'] ? `: ${values['detail']}` : ''})`
    case 'missing':
      return 'it is missing'
  }
}

const settingsLists = 'Settings lists it and can bring back what it holds.'

function partInEnglish(part: StoreNoticePart): string {
  switch (part.key) {
    case 'set-aside':
      return `Your notes file could not be opened because ${problemInEnglish(part.problem)}. It was kept, untouched, as ${part.values.aside}; ${settingsLists}`
    case 'backup-restored':
      return `The last good backup (${part.values.backup}) was restored; every earlier backup was kept in ${part.values.keptIn}.`
    case 'no-backup':
      return 'No good backup was found, so an empty store was started.'
    case 'records-set-aside': {
      const { apart, mended, aside } = part.values
      const said = [
        apart > 0
          ? `${apart} ${apart === 1 ? 'record' : 'records'} of your notes file could not be read and ${apart === 1 ? 'was' : 'were'} left out; every other record was kept.`
          : '',
        mended > 0
          ? `${mended} ${mended === 1 ? 'note was' : 'notes were'} mended (dates or tags in a form this version does not accept) and kept.`
          : '',
      ]
      return `${said.filter(Boolean).join(' ')} The file as it was is kept, untouched, as ${aside}; ${settingsLists}`
    }
    case 'changes-set-aside': {
      const { count, lines, aside } = part.values
      return `${count === 1 ? 'One recent change' : `${count} recent changes`} (line ${lines} of the change log) could not be read; every other change was kept. The log was kept, untouched, as ${aside}; Settings lists it.`
    }
  }
}

/** The whole notice in English, or null when there is nothing to say. */
export function noticeInEnglish(parts: readonly StoreNoticePart[] | null): string | null {
  return parts && parts.length > 0 ? parts.map(partInEnglish).join(' ') : null
}
