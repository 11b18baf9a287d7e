import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CALL_NAMES } from '../../../src/shared/call-names'

const exposed: Record<string, unknown> = {}
const invoke = vi.fn(async () => ({ ok: true, value: null }))
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke },
}))

describe('the preload', () => {
  beforeEach(async () => {
    await import('../../../src/preload/index')
  })

  it('exposes exactly the contract as window.atlas, and nothing else', () => {
    expect(Object.keys(exposed)).toEqual(['atlas'])
    const atlas = exposed['atlas'] as Record<string, Record<string, unknown>>
    const names = Object.entries(atlas).flatMap(([group, methods]) => Object.keys(methods).map((m) => `${group}.${m}`))
    expect(names.sort()).toEqual([...CALL_NAMES].sort())
  })

  it('sends each call on its own channel', async () => {
    const atlas = exposed['atlas'] as { notes: { listFor: (input: unknown) => Promise<unknown> } }
    await atlas.notes.listFor({ target: { kind: 'organisation', id: 'cecop' } })
    expect(invoke).toHaveBeenCalledWith('atlas:notes.listFor', { target: { kind: 'organisation', id: 'cecop' } })
  })
})
