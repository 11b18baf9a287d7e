import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appTab, launchChromium, screenshot, startBrowse, type BrowseProcess } from './support/browse'

let browser: Browser
let server: BrowseProcess
let dataDir: string
const tab = appTab(() => browser)

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-network-'))
  server = await startBrowse({ dataDir })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

async function open(hash: string, size = { width: 1280, height: 800 }, scheme: 'light' | 'dark' = 'light') {
  const { page, problems } = await tab(server, hash, { viewport: size, colorScheme: scheme })
  await expect.poll(() => page.locator('a[data-id]').count(), { timeout: 15_000 }).toBeGreaterThan(60)
  return { page, problems }
}

const focusedId = (page: Page) => page.locator(':focus').getAttribute('data-id')
const node = (page: Page, id: string) => page.locator(`a[data-id="${id}"]`)

describe('the network view in Chromium', () => {
  it('draws the structure ICA → CICOPA → regional bodies → sub-regions → members, every node once', async () => {
    const { page, problems } = await open('#/network')
    const diagram = page.getByRole('group', { name: 'Affiliation diagram' })
    for (const id of ['ica', 'cicopa', 'cecop', 'cicopa-americas', 'cicopa-asia-pacific', 'cicopa-north-america', 'cicopa-mercosur']) {
      expect(await node(page, id).count(), id).toBe(1)
    }
    // Each hub stands above what hangs from it.
    const y = async (id: string) => (await node(page, id).boundingBox())!.y
    expect(await y('ica')).toBeLessThan(await y('cicopa'))
    expect(await y('cicopa')).toBeLessThan(await y('cecop'))
    expect(await y('cicopa-americas')).toBeLessThan(await y('cicopa-mercosur'))
    expect(await y('cecop')).toBeLessThan(await y('coceta'))
    // CECOP's memberships in the European networks are drawn.
    for (const network of ['cooperatives-europe', 'social-economy-europe', 'reves', 'social-platform'])
      expect(await node(page, network).count()).toBe(1)
    expect(await diagram.locator('path.type-member-of').count()).toBeGreaterThan(40)
    expect(await diagram.locator('path.type-forerunner-of').count()).toBe(2)
    await screenshot(page, 'network-1280-light')
    expect(problems).toEqual([])
  })

  it('reaches an organisation by keyboard and opens its profile with Enter', async () => {
    const { page, problems } = await open('#/network')
    await page.getByLabel('Every member’s other links').focus()
    await page.keyboard.press('Tab')
    expect(await focusedId(page)).toBe('ica')
    await page.keyboard.press('ArrowDown')
    expect(await focusedId(page)).toBe('cicopa')
    // Moving to it opens its card, with each link's sources.
    const card = page.getByRole('complementary', { name: /International Organisation of Industrial and Service Cooperatives/ })
    await expect.poll(() => card.isVisible()).toBe(true)
    expect(await card.getByRole('heading', { name: 'Sources' }).count()).toBe(1)
    // Down goes to the nearest organisation below (here the head of CICOPA's own member column), right along the row.
    await page.keyboard.press('ArrowDown')
    const below = (await focusedId(page))!
    expect((await node(page, below).boundingBox())!.y).toBeGreaterThan((await node(page, 'cicopa').boundingBox())!.y + 40)
    await page.keyboard.press('ArrowRight')
    const next = (await focusedId(page))!
    expect(next).not.toBe(below)
    expect((await node(page, next).boundingBox())!.x).toBeGreaterThan((await node(page, below).boundingBox())!.x)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toContain(`#/org/${next}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy()
    expect(problems).toEqual([])
  })

  it('shows the network in a chosen year, keeping the year in the address', async () => {
    const { page, problems } = await open('#/network')
    const slider = page.getByRole('slider', { name: 'Year' })
    const entries = await page.evaluate('history.length')
    expect(await node(page, 'cicopa-asia-pacific').getAttribute('class')).not.toContain('faded')
    await slider.focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.url()).toContain('#/network?year=')
    const year = Number(new URL(page.url()).hash.split('year=')[1])
    expect(year).toBeGreaterThan(1800)
    expect(year).toBeLessThan(1900)
    // In the 1880s CICOPA (1947), CECOP (1979) and CICOPA Asia-Pacific (2021) did not exist yet.
    for (const id of ['cicopa', 'cecop', 'cicopa-asia-pacific']) expect(await node(page, id).getAttribute('class')).toContain('faded')
    expect(await page.getByText(new RegExp(`^In ${year}: \\d+ of 71 organisations`)).count()).toBe(1)

    await slider.fill('1995')
    await expect.poll(() => page.url()).toContain('#/network?year=1995')
    expect(await node(page, 'cecop').getAttribute('class')).not.toContain('faded')
    expect(await node(page, 'cicopa-asia-pacific').getAttribute('class')).toContain('faded')
    expect(await node(page, 'cecop').getAttribute('aria-label')).not.toContain('not founded yet')
    expect(await node(page, 'cicopa-asia-pacific').getAttribute('aria-label')).toContain('not founded yet in 1995')
    // CECOP became CICOPA's regional organisation in 1997: in 1995 that link is faded.
    const regional = page.locator('path.type-regional-organisation-of.faded')
    expect(await regional.count()).toBeGreaterThan(0)
    expect(await page.getByText(/undated links, and organisations with no known founding date, show in every year/i).count()).toBe(1)
    expect(await page.evaluate('history.length')).toBe(entries)
    await node(page, 'cecop').scrollIntoViewIfNeeded()
    await screenshot(page, 'network-1995-1280-light')

    await page.getByRole('button', { name: 'Today' }).click()
    await expect.poll(() => new URL(page.url()).hash).toBe('#/network')
    expect(await node(page, 'cicopa-asia-pacific').getAttribute('class')).not.toContain('faded')
    expect(problems).toEqual([])
  })

  it('offers the same structure as a nested list', async () => {
    const { page, problems } = await open('#/network')
    await page.getByRole('button', { name: 'List' }).click()
    await expect.poll(() => page.url()).toContain('as=list')
    const coceta = page.locator('ul.outline li', { has: page.getByRole('link', { name: 'COCETA', exact: true }) }).last()
    expect(await coceta.locator('xpath=ancestor::li[1]/span[@class]').first().textContent()).toBe('Spain')
    expect(await page.locator('ul.outline > li > a').first().textContent()).toBe('ICA')
    expect(problems).toEqual([])
  })

  it('looks right at both window sizes, light and dark', async () => {
    for (const [size, name] of [
      [{ width: 1280, height: 800 }, '1280'],
      [{ width: 1024, height: 700 }, '1024'],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        const { page, problems } = await open('#/network/cecop', size, scheme)
        await expect.poll(() => focusedId(page)).toBe('cecop')
        await screenshot(page, `network-cecop-${name}-${scheme}`)
        // The diagram fits the window: no horizontal scrolling at these sizes.
        const scroller = page.locator('.scroller')
        const [client, scroll] = await Promise.all([scroller.evaluate((e) => e.clientWidth), scroller.evaluate((e) => e.scrollWidth)])
        expect(scroll).toBeLessThanOrEqual(client + 1)
        expect(problems).toEqual([])
      }
    }
    const { page } = await open('#/network', { width: 1024, height: 700 }, 'dark')
    await screenshot(page, 'network-1024-dark')
  })
})
