/** The route follows the address bar, so links, back and forward, and a reload all land on the same place. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { router } from '../../../src/renderer/lib/router.svelte'

/** Sets the address as a link or the back button would, and waits for the page to hear of it. */
async function visit(hash: string): Promise<void> {
  location.hash = hash
  await vi.waitFor(() => expect(location.hash).toBe(hash))
  await new Promise((resolve) => setTimeout(resolve, 0))
}

beforeEach(() => visit('#/org'))

describe('the router', () => {
  it('follows the address when it changes', async () => {
    await visit('#/timeline/ev-1979?org=cecop')
    expect(router.route).toEqual({ view: 'timeline', id: 'ev-1979', query: { org: 'cecop' } })
    history.back()
    await vi.waitFor(() => expect(router.route.view).toBe('organisations'))
  })

  it('goes to a view, an entity and a query through the address, so back returns', async () => {
    router.go('compare', null, { ids: 'cecop,cicopa' })
    expect(location.hash).toBe('#/compare?ids=cecop%2Ccicopa')
    await vi.waitFor(() => expect(router.route).toEqual({ view: 'compare', id: null, query: { ids: 'cecop,cicopa' } }))
  })

  it('changes the query at once, without a new history entry, and drops empty values', async () => {
    await visit('#/network/cicopa?depth=1')
    const entries = history.length
    router.replaceQuery({ depth: '2', kind: '' })
    expect(location.hash).toBe('#/network/cicopa?depth=2')
    expect(router.route).toEqual({ view: 'network', id: 'cicopa', query: { depth: '2' } })
    expect(history.length).toBe(entries)
  })

  it('keeps the place the address names even before its change has been heard', () => {
    location.hash = '#/map/ES'
    router.replaceQuery({ kind: 'regional' })
    expect(location.hash).toBe('#/map/ES?kind=regional')
    expect(router.route).toEqual({ view: 'map', id: 'ES', query: { kind: 'regional' } })
  })
})
