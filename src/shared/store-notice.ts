/**
 * What main tells the reader about their notes file, as keys and values the renderer words in the reader's language
 * (renderer/lib/i18n/messages/errors.ts: store.problem.* and store.notice.*). Main keeps an English rendering of the
 * same parts for its logs (main/store/notice-english.ts).
 */

/**
 * Why a notes file (the store, a backup) cannot be used. Values: link-missing `target` (where the link points);
 * cannot-read `code` (the system's error code); newer-version `version` and `known` (store versions); no-migration
 * `from`; invalid-contents `path` (where in the file, technical). `detail` (not-json, invalid-contents) is the
 * parser's own English words, for the logs only.
 */
export const STORE_PROBLEM_KEYS = [
  'link-missing',
  'cannot-read',
  'not-utf8',
  'empty',
  'not-json',
  'checksum',
  'texts-mismatch',
  'not-a-store',
  'no-version',
  'newer-version',
  'no-migration',
  'invalid-contents',
  'missing',
] as const
export type StoreProblemKey = (typeof STORE_PROBLEM_KEYS)[number]

export interface StoreProblem {
  key: StoreProblemKey
  values: Record<string, string>
}

/**
 * One thing the start-up notice says. Values:
 *  - set-aside: the notes file could not be opened (`problem` says why); `aside`: where it was kept, untouched.
 *  - backup-restored: `backup` (its name) was restored; `keptIn`: the folder every earlier backup was kept in.
 *  - no-backup: no good backup was found, so an empty store was started.
 *  - records-set-aside: `apart` records could not be read and were left out, `mended` notes were mended and kept;
 *    `aside`: the file as it was, kept untouched.
 *  - changes-set-aside: `count` recent changes (`lines`: their line numbers, comma-separated) could not be read;
 *    `aside`: the change log as it was, kept untouched.
 */
export type StoreNoticePart =
  | { key: 'set-aside'; values: { aside: string }; problem: StoreProblem }
  | { key: 'backup-restored'; values: { backup: string; keptIn: string } }
  | { key: 'no-backup'; values: Record<string, never> }
  | { key: 'records-set-aside'; values: { apart: number; mended: number; aside: string } }
  | { key: 'changes-set-aside'; values: { count: number; lines: string; aside: string } }

export type StoreNoticeKey = StoreNoticePart['key']
