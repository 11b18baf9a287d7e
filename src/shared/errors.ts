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
 * Refusals the renderer words itself, in the reader's language (messages/errors.ts), from the values given; the
 * English `message` stays for logs and for a renderer that does not know the reason.
 *  - folder-*: a folder chosen for synchronisation cannot be used (main/services/sync/folders.ts). Values: `role`
 *    ('sync' or 'team'), `folder` (the path), and for folder-cannot-open `why` (the system's error code), for
 *    folder-data-folder `dataFolder`, for folder-overlap `other` (the other sync folder).
 */
export const ERROR_WORDING_KEYS = [
  'folder-not-absolute',
  'folder-whole-drive',
  'folder-is-file',
  'folder-missing',
  'folder-cannot-open',
  'folder-data-folder',
  'folder-overlap',
] as const
export type ErrorWordingKey = (typeof ERROR_WORDING_KEYS)[number]

export interface ErrorWording {
  key: ErrorWordingKey
  values: Record<string, string>
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
