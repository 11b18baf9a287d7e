/** The renderer's client: a call gives its value, or throws an error that carries the contract's code for views to switch on. */
import { describe, expect, it } from 'vitest'
import { api, AtlasCallError, createClient } from '../../../src/renderer/lib/api'
import { buildApi } from '../../../src/shared/bridge'
import type { CallName } from '../../../src/shared/call-names'
import { installFakeAtlas } from '../fake-atlas'

describe('createClient', () => {
  it('resolves with the value main answered, after sending the input to the named call', async () => {
    const sent: [CallName, unknown][] = []
    const client = createClient(
      buildApi(async (name, input) => {
        sent.push([name, input])
        return { ok: true, value: ['cecop'] }
      }),
    )
    await expect(client.favourites.set({ id: 'cecop', favourite: true })).resolves.toEqual(['cecop'])
    expect(sent).toEqual([['favourites.set', { id: 'cecop', favourite: true }]])
  })

  it('throws a refusal as an AtlasCallError with its code, message and details', async () => {
    const client = createClient(
      buildApi(async () => ({
        ok: false,
        error: { code: 'too-large', message: 'a note can hold at most 1 MB of text', details: ['body: too long'] },
      })),
    )
    const error = await client.notes.create({ target: { kind: 'organisation', id: 'cecop' }, body: 'x', tags: [] }).catch((e) => e)
    expect(error).toBeInstanceOf(AtlasCallError)
    expect(error).toBeInstanceOf(Error)
    expect([error.code, error.message, error.details]).toEqual(['too-large', 'a note can hold at most 1 MB of text', ['body: too long']])
  })

  it('gives no details as an empty list, not undefined', () => {
    expect(new AtlasCallError({ code: 'internal', message: 'boom' }).details).toEqual([])
  })
})

describe('api()', () => {
  it('follows the bridge when it is swapped, and otherwise reuses one client', async () => {
    installFakeAtlas({ 'favourites.list': () => ['first'] })
    const client = api()
    expect(api()).toBe(client)
    await expect(api().favourites.list({})).resolves.toEqual(['first'])
    installFakeAtlas({ 'favourites.list': () => ['second'] })
    await expect(api().favourites.list({})).resolves.toEqual(['second'])
  })
})
