/**
 * What a failed call says to the reader, in their language: the refusal main named (AtlasError.wording, worded in
 * messages/errors.ts and sync.ts), else a plain sentence for its code (error.code.*). Main's own English sentence is
 * for the logs, never shown.
 */
import { ERROR_CODES, ERROR_WORDING_KEYS, type ErrorCode, type ErrorWording, type ErrorWordingKey } from '../../shared/errors'
import { STORE_PROBLEM_KEYS, type StoreProblem, type StoreProblemKey } from '../../shared/store-notice'
import { AtlasCallError } from './api'
import { t, type MessageKey } from './i18n.svelte'

/** Why a notes file cannot be used, worded to stand inside a sentence (messages/errors.ts store.problem.*). */
export function problemText(problem: StoreProblem): string {
  const key = (STORE_PROBLEM_KEYS as readonly string[]).includes(problem.key) ? problem.key : 'missing'
  return t(`store.problem.${key}`, problem.values)
}

/** A refusal main named, in the reader's words; null for one this renderer does not know. */
export function wordingText(wording: ErrorWording): string | null {
  if (!(ERROR_WORDING_KEYS as readonly string[]).includes(wording.key)) return null
  return t(`error.${wording.key}`, { ...wording.values, ...(wording.problem ? { problem: problemText(wording.problem) } : {}) })
}

/** The plain sentence for a refusal's code. */
export const codeText = (code: ErrorCode): string =>
  t(`error.code.${(ERROR_CODES as readonly string[]).includes(code) ? code : 'internal'}`)

export function errorText(error: unknown): string {
  if (error instanceof AtlasCallError) return (error.wording && wordingText(error.wording)) ?? codeText(error.code)
  // Not a refusal from main (a file the page could not read, a lost connection): nothing to show but that it failed.
  return t('error.code.internal')
}

/** Every refusal and problem main may name, and every code, has its words (a missing one is a type error here). */
const everyWordingWorded: `error.${ErrorWordingKey}` | `error.code.${ErrorCode}` | `store.problem.${StoreProblemKey}` extends MessageKey
  ? true
  : never = true
void everyWordingWorded
