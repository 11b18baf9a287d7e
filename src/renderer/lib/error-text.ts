/**
 * What a failed call says to the reader: in their language when main named the refusal (AtlasError.wording,
 * worded in messages/errors.ts), else main's own sentence.
 */
import { ERROR_WORDING_KEYS, type ErrorWordingKey } from '../../shared/errors'
import { AtlasCallError } from './api'
import { t, type MessageKey } from './i18n.svelte'

export function errorText(error: unknown): string {
  if (error instanceof AtlasCallError && error.wording && (ERROR_WORDING_KEYS as readonly string[]).includes(error.wording.key))
    return t(`error.${error.wording.key}` as MessageKey, error.wording.values)
  return error instanceof Error ? error.message : String(error)
}

/** Every refusal main may name has its words (a missing one is a type error here). */
const everyWordingWorded: `error.${ErrorWordingKey}` extends MessageKey ? true : never = true
void everyWordingWorded
