import type { StoreProblem } from './store-notice'

/** Every error a call can return to the renderer. The renderer switches on `code`; `message` is for people. */
export const ERROR_CODES = [
  'invalid-input',
  'forbidden-sender',
  'unauthorised',
  'unknown-call',
  'not-found',
  /** The note was changed elsewhere since the version the request names: nothing was changed. */
  'conflict',
  'too-large',
  'pack-unavailable',
  'store-unavailable',
  'internal',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/**
 * Refusals the renderer words itself, in the reader's language (renderer/lib/i18n/messages/errors.ts, and sync.ts for
 * folder-*), from the values given; the English `message` stays for logs and for a renderer that does not know the
 * reason. A refusal without a wording is shown as a plain sentence for its code (error.code.*).
 *  - folder-*: a folder chosen for synchronisation cannot be used (main/services/sync/folders.ts). Values: `role`
 *    ('sync' or 'team'), `folder` (the path), and for folder-cannot-open `why` (the system's error code), for
 *    folder-data-folder `dataFolder`, for folder-overlap `other` (the other sync folder).
 *  - request-refused: what was sent breaks the call's rules (main/handlers.ts). `path`: where (technical).
 *  - save-failed: a change could not be written. `what` ('change' or 'import'), `folder`, `cause` (full, quota,
 *    readonly, permission, io, other), `code` (the system's error code, or 'none').
 *  - note-not-found, note-conflict; note-target-missing and correction-target-missing: `kind` (organisation, event,
 *    pillar), `id`; organisation-not-found and correction-not-found: `id`.
 *  - import-not-json, import-not-notes-file (`format`: the format a notes file names), import-invalid (`path`:
 *    where in the file, technical), import-newer (written by a newer Coop Atlas), import-duplicate (`id`).
 *  - import-md-*: a Markdown import refused whole (services/markdown-import.ts, markdown/zip-reader.ts): not-zip (not
 *    a zip that can be read), unsafe-path (`name`: a file's name that points outside the folder or zip), too-many
 *    (`max`), file-too-large (`name`, `max`), total-too-large (`max`), zip-too-large (`max`: the notes page refuses it before sending), damaged (`name`: it does not unpack to the size
 *    and checksum declared: a zip bomb, or a damaged zip), not-text (`name`), duplicate (`id`, and the two files,
 *    `first` and `second`).
 *  - backup-not-found (`name`), backup-unreadable (`name`, and `problem`: why, shared/store-notice.ts),
 *    set-aside-not-found (`name`), file-unreadable (`path`, `code`), change-unreadable (`path`, technical).
 *  - link-refused: `url`.
 *  - pack-*: a content-pack file refused (main/content/pack-signature.ts, pack-update.ts, services/pack-service.ts).
 *    pack-unknown-key `keyId`; pack-format `format`; pack-not-newer `next` and `current` (versions); pack-invalid
 *    `problems` (how many things are wrong; the list itself is the refusal's technical `details`).
 */
export const ERROR_WORDING_KEYS = [
  'folder-not-absolute',
  'folder-whole-drive',
  'folder-is-file',
  'folder-missing',
  'folder-cannot-open',
  'folder-data-folder',
  'folder-overlap',
  'request-refused',
  'save-failed',
  'note-not-found',
  'note-conflict',
  'note-target-missing',
  'correction-target-missing',
  'organisation-not-found',
  'correction-not-found',
  'import-not-json',
  'import-not-notes-file',
  'import-invalid',
  'import-newer',
  'import-duplicate',
  'import-md-not-zip',
  'import-md-unsafe-path',
  'import-md-too-many',
  'import-md-file-too-large',
  'import-md-total-too-large',
  'import-md-zip-too-large',
  'import-md-damaged',
  'import-md-not-text',
  'import-md-duplicate',
  'backup-not-found',
  'backup-unreadable',
  'backup-empty',
  'store-not-rewritten',
  'set-aside-not-found',
  'file-unreadable',
  'change-unreadable',
  'link-refused',
  'pack-not-json',
  'pack-not-a-pack',
  'pack-old-format',
  'pack-format',
  'pack-no-text',
  'pack-not-signed',
  'pack-signature-form',
  'pack-unknown-key',
  'pack-bad-signature',
  'pack-text-not-json',
  'pack-invalid',
  'pack-not-newer',
  'pack-shipped-unusable',
  'pack-shipped-in-use',
] as const
export type ErrorWordingKey = (typeof ERROR_WORDING_KEYS)[number]

export interface ErrorWording {
  key: ErrorWordingKey
  values: Record<string, string | number>
  /** Why a notes file cannot be used, worded in turn (backup-unreadable). */
  problem?: StoreProblem
}

export interface AtlasError {
  code: ErrorCode
  message: string
  /** Field-level detail, e.g. which input path failed which rule. */
  details?: string[]
  /** Which refusal this is, for the renderer to word (see ERROR_WORDING_KEYS). */
  wording?: ErrorWording
}

export type CallResult<R> = { ok: true; value: R } | { ok: false; error: AtlasError }

/** Thrown by main-process services for an expected refusal; the handler table turns it into a typed error. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: string[],
    readonly wording?: ErrorWording,
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}

/** A refusal worded in English here (for logs) and by the renderer in the reader's language. */
export function wordedRefusal(
  code: ErrorCode,
  key: ErrorWordingKey,
  message: string,
  values: ErrorWording['values'] = {},
  extra: { details?: string[]; problem?: StoreProblem } = {},
): ServiceError {
  return new ServiceError(code, message, extra.details, { key, values, ...(extra.problem ? { problem: extra.problem } : {}) })
}
