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

export interface AtlasError {
  code: ErrorCode
  message: string
  /** Field-level detail, e.g. which input path failed which rule. */
  details?: string[]
}

export type CallResult<R> = { ok: true; value: R } | { ok: false; error: AtlasError }

/** Thrown by main-process services for an expected refusal; the handler table turns it into a typed error. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: string[],
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}
