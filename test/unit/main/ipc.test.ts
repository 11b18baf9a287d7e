import { describe, expect, it, vi } from 'vitest'
import { CALL_NAMES, channelOf } from '../../../src/shared/call-names'
import { FORBIDDEN, registerIpc, senderCheckFor } from '../../../src/main/ipc'

function fakeIpc() {
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>()
  return { handlers, handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => void handlers.set(channel, fn) }
}

const mainFrame = { url: 'app://atlas/index.html' }

describe('registerIpc', () => {
  it('registers exactly one channel per contract call', () => {
    const ipc = fakeIpc()
    registerIpc(ipc as never, vi.fn(), () => true)
    expect([...ipc.handlers.keys()].sort()).toEqual(CALL_NAMES.map(channelOf).sort())
  })

  it('refuses a foreign sender without running the call', async () => {
    const ipc = fakeIpc()
    const dispatch = vi.fn()
    registerIpc(
      ipc as never,
      dispatch,
      senderCheckFor(() => mainFrame, 'app://atlas'),
    )
    const subFrame = { url: 'app://atlas/index.html' }
    const foreign = [{ senderFrame: subFrame }, { senderFrame: null }, { senderFrame: { url: 'https://evil.example/' } }]
    for (const event of foreign) {
      expect(
        await ipc.handlers.get(channelOf('notes.create'))!(event, { target: { kind: 'organisation', id: 'cecop' }, body: 'x' }),
      ).toEqual(FORBIDDEN)
    }
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('passes our main frame’s calls to dispatch', async () => {
    const ipc = fakeIpc()
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 1 }))
    registerIpc(
      ipc as never,
      dispatch,
      senderCheckFor(() => mainFrame, 'app://atlas'),
    )
    expect(await ipc.handlers.get(channelOf('organisations.list'))!({ senderFrame: mainFrame }, {})).toEqual({ ok: true, value: 1 })
    expect(dispatch).toHaveBeenCalledWith('organisations.list', {})
  })

  it('refuses our main frame once it shows another origin', async () => {
    const frame = { url: 'https://evil.example/' }
    const check = senderCheckFor(() => frame, 'app://atlas')
    expect(check({ senderFrame: frame } as never)).toBe(false)
    frame.url = 'app://atlas/index.html#/org/cecop'
    expect(check({ senderFrame: frame } as never)).toBe(true)
  })
})
