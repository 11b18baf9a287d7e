/** The user's settings: applied to the page as loaded and as changed, and the last place remembered for the next start. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { i18n } from '../../../src/renderer/lib/i18n.svelte'
import { settings } from '../../../src/renderer/lib/settings.svelte'
import type { Settings } from '../../../src/shared/domain'
import { installFakeAtlas } from '../fake-atlas'

let stored: Settings
let updates: Partial<Settings>[]
beforeEach(() => {
  stored = { language: 'fr', theme: 'dark', textSize: 'large', lastRoute: '#/map' }
  updates = []
  installFakeAtlas({
    'settings.get': () => stored,
    'settings.update': (change: Partial<Settings>) => {
      updates.push(change)
      return (stored = { ...stored, ...change })
    },
  })
})
afterEach(() => vi.useRealTimers())

const page = () => {
  const root = document.documentElement
  return { lang: root.lang, theme: root.dataset['theme'], fontSize: root.style.fontSize }
}

describe('settings', () => {
  it('loads the stored settings and applies them to the page: language, theme and text size', async () => {
    await expect(settings.load()).resolves.toEqual(stored)
    expect(i18n.locale).toBe('fr')
    expect(page()).toEqual({ lang: 'fr', theme: 'dark', fontSize: '18px' })
  })

  it('applies a change once main has stored it; no language and the system theme follow the system', async () => {
    await settings.load()
    await settings.update({ language: null, theme: 'system', textSize: 'x-large' })
    expect(updates).toEqual([{ language: null, theme: 'system', textSize: 'x-large' }])
    expect(settings.current).toEqual(stored)
    // jsdom's navigator.languages is en-US.
    expect(page()).toEqual({ lang: 'en', theme: undefined, fontSize: '20px' })
  })

  it('keeps the stored value and says why when main refuses a change, and clears the reason at the next one', async () => {
    await settings.load()
    installFakeAtlas({
      'settings.update': () => {
        throw Object.assign(new Error('Your change could not be saved: the disk that holds your notes (/d) is full.'), {
          code: 'store-unavailable',
          wording: { key: 'save-failed', values: { what: 'change', folder: '/d', cause: 'full', code: 'ENOSPC' } },
        })
      },
    })
    await settings.update({ theme: 'light' })
    expect(settings.current.theme).toBe('dark')
    expect(settings.error).toBe(
      // In the stored language (French here), never main's English.
      'Votre modification n’a pas pu être enregistrée : le disque qui contient vos notes (/d) est plein. Libérez de la place sur ce disque, puis réessayez. Ce qui avait été enregistré auparavant est intact.',
    )
    expect(page().theme).toBe('dark')
    installFakeAtlas({ 'settings.update': (change: Partial<Settings>) => (stored = { ...stored, ...change }) })
    await settings.update({ theme: 'light' })
    expect(settings.error).toBeNull()
    expect(page().theme).toBe('light')
  })

  it('remembers only where the user settles, a moment later, and not a place already remembered', async () => {
    await settings.load()
    vi.useFakeTimers()
    settings.rememberRoute('#/org?q=c')
    settings.rememberRoute('#/org?q=co')
    await vi.advanceTimersByTimeAsync(799)
    expect(updates).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(updates).toEqual([{ lastRoute: '#/org?q=co' }])
    expect(settings.current.lastRoute).toBe('#/org?q=co')
    settings.rememberRoute('#/org?q=co')
    await vi.advanceTimersByTimeAsync(1000)
    expect(updates).toHaveLength(1)
  })
})
