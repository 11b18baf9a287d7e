/**
 * The renderer's typed client over `window.atlas`: resolves with the value or throws an AtlasCallError that
 * carries the contract's error code. Views use this, never `window.atlas` and never IPC.
 */
import type { AtlasApi } from '../../shared/contract'
import type { AtlasError, CallResult } from '../../shared/errors'

export class AtlasCallError extends Error {
  readonly code: AtlasError['code']
  readonly details: string[]
  readonly wording: AtlasError['wording'] | null
  constructor(error: AtlasError) {
    super(error.message)
    this.name = 'AtlasCallError'
    this.code = error.code
    this.details = error.details ?? []
    this.wording = error.wording ?? null
  }
}

type Unwrapped<F> = F extends (input: infer I) => Promise<CallResult<infer R>> ? (input: I) => Promise<R> : never
export type AtlasClient = { [G in keyof AtlasApi]: { [M in keyof AtlasApi[G]]: Unwrapped<AtlasApi[G][M]> } }

export function createClient(atlas: AtlasApi): AtlasClient {
  const client: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {}
  for (const [group, methods] of Object.entries(
    atlas as unknown as Record<string, Record<string, (input: unknown) => Promise<CallResult<unknown>>>>,
  )) {
    client[group] = {}
    for (const [method, send] of Object.entries(methods)) {
      client[group][method] = async (input) => {
        const result = await send(input)
        if (!result.ok) throw new AtlasCallError(result.error)
        return result.value
      }
    }
  }
  return client as unknown as AtlasClient
}

let shared: { atlas: AtlasApi; client: AtlasClient } | null = null
/** The client over this window's bridge; made again only if the bridge object changes (component tests swap it). */
export function api(): AtlasClient {
  if (!shared || shared.atlas !== window.atlas) shared = { atlas: window.atlas, client: createClient(window.atlas) }
  return shared.client
}
