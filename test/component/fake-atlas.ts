/** A `window.atlas` over an in-memory handler map, typed by the contract, for component tests. */
import { vi } from 'vitest'
import { buildApi } from '../../src/shared/bridge'
import type { CallName } from '../../src/shared/call-names'

export type FakeHandlers = Partial<Record<CallName, (input: never) => unknown>>

export function installFakeAtlas(handlers: FakeHandlers) {
  const send = vi.fn(async (name: CallName, input: unknown) => {
    const handler = handlers[name] as ((input: unknown) => unknown) | undefined
    if (!handler) return { ok: false, error: { code: 'unknown-call', message: `no fake for ${name}` } }
    try {
      return { ok: true, value: await handler(input) }
    } catch (error) {
      // A fake may throw with the code main would answer with (e.g. 'conflict'), and its wording and details; a
      // refusal otherwise.
      const { code, wording, details } = error as { code?: string; wording?: unknown; details?: unknown }
      return {
        ok: false,
        error: {
          code: code ?? 'invalid-input',
          message: (error as Error).message,
          ...(wording ? { wording } : {}),
          ...(details ? { details } : {}),
        },
      }
    }
  })
  window.atlas = buildApi(send)
  return send
}
