/** The first view's calls leave as the page's script starts; each early answer is used once, and a refusal reaches its taker. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { installFakeAtlas } from '../fake-atlas'

/** The module as main.ts meets it: imported fresh, with whatever bridge the page has then. */
const importFresh = () => import('../../../src/renderer/lib/early-calls')
const status = { pack: { ok: true } }

beforeEach(() => {
  vi.resetModules()
  window.atlas = undefined as never
})

describe('early calls', () => {
  it('asks main for the first view as soon as the module is imported, all at once', async () => {
    const send = installFakeAtlas({
      'settings.get': () => ({}),
      'app.status': () => status,
      'organisations.list': () => [],
      'favourites.list': () => [],
    })
    const { earlyAnswers } = await importFresh()
    expect(send.mock.calls.map(([name]) => name).sort()).toEqual(['app.status', 'favourites.list', 'organisations.list', 'settings.get'])
    await earlyAnswers()
  })

  it('hands each early answer over once; a later load asks again', async () => {
    installFakeAtlas({ 'app.status': () => status, 'favourites.list': () => ['cecop'] })
    const { takeEarly } = await importFresh()
    const askAgain = vi.fn(async () => ['asked again'])
    await expect(takeEarly('favourites.list', askAgain)).resolves.toEqual(['cecop'])
    expect(askAgain).not.toHaveBeenCalled()
    await expect(takeEarly('favourites.list', askAgain)).resolves.toEqual(['asked again'])
    expect(askAgain).toHaveBeenCalledTimes(1)
  })

  it('settles once every answer is in, refusals included, and gives a refusal to whoever takes it', async () => {
    // Only app.status answers: the other three are refused (no fake), and none may go unhandled.
    installFakeAtlas({ 'app.status': () => status })
    const { earlyAnswers, takeEarly } = await importFresh()
    const settled = (await earlyAnswers()) as PromiseSettledResult<unknown>[]
    expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected'])
    await expect(takeEarly('settings.get', () => Promise.reject(new Error('not asked')))).rejects.toMatchObject({ code: 'unknown-call' })
  })

  it('sends nothing without a bridge: the first load asks for itself', async () => {
    const { earlyAnswers, takeEarly } = await importFresh()
    await expect(earlyAnswers()).resolves.toEqual([])
    const ask = vi.fn(async () => [])
    await takeEarly('organisations.list', ask)
    expect(ask).toHaveBeenCalledTimes(1)
  })
})
