/** Focus on arriving somewhere (lib/arrival.ts): the place's main heading once it is on screen, an item's by its view. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { arriveAt, reveal } from '../../../src/renderer/lib/arrival'

let main: HTMLElement

beforeEach(() => {
  history.replaceState(null, '', '#/')
  main = document.createElement('main')
  main.id = 'main'
  document.body.append(main)
})
afterEach(() => main.remove())

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))

describe('arriving from the search palette', () => {
  it('gives focus to the place’s main heading once it is drawn, without making it a Tab stop', async () => {
    const arrived = arriveAt('#/settings')
    expect(location.hash).toBe('#/settings')
    await frame()
    main.innerHTML = '<h1>Settings</h1><button>First control</button>'
    expect(await arrived).toBe(true)
    expect(document.activeElement).toBe(main.querySelector('h1'))
    expect(main.querySelector('h1')!.getAttribute('tabindex')).toBe('-1')
  })

  it('waits while the page loads, and for the profile asked for, not the one still on screen', async () => {
    main.innerHTML = '<article data-profile="cecop"><h1>CECOP</h1></article><p aria-busy="true">Loading…</p>'
    const arrived = arriveAt('#/org/cicopa-americas')
    await frame()
    await frame()
    expect(document.activeElement).not.toBe(main.querySelector('h1'))
    main.querySelector('[aria-busy]')!.remove()
    await frame()
    await frame()
    expect(document.activeElement).not.toBe(main.querySelector('h1'))
    main.innerHTML = '<article data-profile="cicopa-americas"><h1>CICOPA Americas</h1></article>'
    expect(await arrived).toBe(true)
    expect(document.activeElement?.textContent).toBe('CICOPA Americas')
  })

  it('leaves an event or a pillar to its view, and gives up when the reader goes elsewhere first', async () => {
    main.innerHTML = '<h1>Timeline</h1>'
    expect(await arriveAt('#/timeline/ev-1979')).toBe(false)
    expect(document.activeElement).not.toBe(main.querySelector('h1'))

    main.innerHTML = ''
    const first = arriveAt('#/map')
    const second = arriveAt('#/notes')
    main.innerHTML = '<h1>Notes</h1>'
    expect(await first).toBe(false)
    expect(await second).toBe(true)
  })
})

describe('revealing an item', () => {
  it('gives focus to the item’s heading, or to the link given for it', () => {
    main.innerHTML = '<section id="s"><h2 id="h">Members</h2><a id="a" href="#/org/x">X</a></section>'
    expect(reveal(document.getElementById('h'))).toBe(true)
    expect(document.activeElement?.id).toBe('h')
    expect(reveal(document.getElementById('s'), document.getElementById('a'))).toBe(true)
    expect(document.activeElement?.id).toBe('a')
    expect(document.getElementById('a')!.hasAttribute('tabindex')).toBe(false)
    expect(reveal(null)).toBe(false)
  })
})
