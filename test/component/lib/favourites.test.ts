/** Pinned organisations: loaded once from main, marked, and toggled through main (which keeps them). */
import { describe, expect, it } from 'vitest'
import { favourites } from '../../../src/renderer/lib/favourites.svelte'
import { installFakeAtlas } from '../fake-atlas'

describe('favourites', () => {
  it('survives a failed load (no bridge, a refusal), pinning nothing, and loads once main answers', async () => {
    await expect(favourites.load()).resolves.toBeUndefined()
    installFakeAtlas({})
    await expect(favourites.load()).resolves.toBeUndefined()
    expect(favourites.ids).toEqual([])

    let asked = 0
    installFakeAtlas({ 'favourites.list': () => (asked++, ['cecop']) })
    await favourites.load()
    expect(favourites.has('cecop')).toBe(true)
    expect(favourites.has('cicopa')).toBe(false)
    // The list and a profile both ask: main is asked once.
    await favourites.load()
    expect(asked).toBe(1)
  })

  it('pins an organisation not pinned, unpins one that is, and shows what main kept', async () => {
    let kept = ['cecop']
    const sent: unknown[] = []
    installFakeAtlas({
      'favourites.set': (input: { id: string; favourite: boolean }) => {
        sent.push(input)
        kept = input.favourite ? [...kept, input.id] : kept.filter((id) => id !== input.id)
        return kept
      },
    })
    await favourites.toggle('cicopa')
    expect(favourites.ids).toEqual(['cecop', 'cicopa'])
    await favourites.toggle('cecop')
    expect(favourites.ids).toEqual(['cicopa'])
    expect(sent).toEqual([
      { id: 'cicopa', favourite: true },
      { id: 'cecop', favourite: false },
    ])
  })
})
