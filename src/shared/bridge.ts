/** Builds the nested `window.atlas` object from the call list, given how one call is sent. Shared by both bridges. */
import { CALL_NAMES, type CallName } from './call-names'
import type { AtlasApi } from './contract'

export function buildApi(send: (name: CallName, input: unknown) => Promise<unknown>): AtlasApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const name of CALL_NAMES) {
    const [group, method] = name.split('.') as [string, string]
    api[group] ??= {}
    api[group][method] = (input: unknown) => send(name, input ?? {})
  }
  return api as unknown as AtlasApi
}
