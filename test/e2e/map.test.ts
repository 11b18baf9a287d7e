import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appTab, launchChromium, screenshot, startBrowse, type BrowseProcess } from './support/browse'

let browser: Browser
let server: BrowseProcess
let dataDir: string
const tab = appTab(() => browser)

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-map-'))
  server = await startBrowse({ dataDir })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

async function open(hash: string, size = { width: 1280, height: 800 }, scheme: 'light' | 'dark' = 'light') {
  const { page, problems, requests } = await tab(server, hash, { viewport: size, colorScheme: scheme })
  const map = page.getByRole('group', { name: /^World map/ })
  await expect.poll(() => map.locator('path').count(), { timeout: 15_000 }).toBeGreaterThan(150)
  return { page, problems, requests, map }
}

describe('the map view in Chromium', () => {
  it('draws the world from the app itself: no request for map data, none leaving the app', async () => {
    const { page, problems, requests, map } = await open('#/map')
    const box = await map.boundingBox()
    expect(box!.width).toBeGreaterThan(600)
    // Countries with organisations are shaded links; the others are plain land.
    expect(await map.getByRole('link').count()).toBe(33)
    expect(await map.getByRole('link', { name: 'Italy: 13 organisations' }).getAttribute('class')).toContain('b4')
    expect(requests.filter((url) => /topojson|world-atlas|countries-\d+m|\.geojson/.test(url))).toEqual([])
    expect(requests.every((url) => url.startsWith(server.origin))).toBe(true)
    await screenshot(page, 'map-1280-light')
    expect(problems).toEqual([])
  })

  it('lists a country’s organisations when it is clicked, each linking to its profile', async () => {
    const { page, problems, map } = await open('#/map')
    await map.getByRole('link', { name: /^Spain: / }).click()
    await expect.poll(() => page.url()).toContain('#/map/ES')
    const panel = page.locator('section.country-panel')
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe('Spain')
    const coceta = panel.getByRole('link', { name: 'COCETA', exact: true })
    expect(await coceta.getAttribute('href')).toBe('#/org/coceta')
    expect(await panel.getByRole('link', { name: /^Mondragon/ }).count()).toBe(1)
    await screenshot(page, 'map-spain-1280-light')
    await coceta.click()
    await expect.poll(() => page.url()).toContain('#/org/coceta')
    expect(problems).toEqual([])
  })

  it('is usable by keyboard: Tab reaches the countries with organisations, Enter lists one', async () => {
    const { page, problems } = await open('#/map')
    await page.getByRole('button', { name: 'Europe' }).focus()
    await page.keyboard.press('Tab')
    expect(await page.locator(':focus').getAttribute('aria-label')).toBe('Argentina: 2 organisations')
    await page.keyboard.press('Tab')
    expect(await page.locator(':focus').getAttribute('aria-label')).toBe('Belgium: 2 organisations')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toContain('#/map/BE')
    await expect.poll(() => page.locator('section.country-panel h2').textContent()).toBe('Belgium')
    expect(problems).toEqual([])
  })

  it('zooms to Europe and keeps the area in the address', async () => {
    const { page, problems, map } = await open('#/map/IT')
    const before = (await map.getByRole('link', { name: /^Italy: / }).boundingBox())!
    await page.getByRole('button', { name: 'Europe' }).click()
    await expect.poll(() => page.url()).toContain('#/map/IT?area=europe')
    await expect
      .poll(async () => (await map.getByRole('link', { name: /^Italy: / }).boundingBox())!.width)
      .toBeGreaterThan(before.width * 3)
    // Malta is too small for the atlas: a dot stands for it.
    expect(await map.getByRole('link', { name: 'Malta: 1 organisation' }).locator('circle').count()).toBe(1)
    await screenshot(page, 'map-europe-italy-1280-light')
    expect(problems).toEqual([])
  })

  it('looks right at both window sizes, light and dark', async () => {
    for (const [size, name] of [
      [{ width: 1280, height: 800 }, '1280'],
      [{ width: 1024, height: 700 }, '1024'],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        const { page, problems } = await open('#/map/FR', size, scheme)
        await expect.poll(() => page.locator('section.country-panel h2').textContent()).toBe('France')
        await screenshot(page, `map-france-${name}-${scheme}`)
        expect(problems).toEqual([])
      }
    }
  })
})
