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
  browser = await launchChromium()
  dataDir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-timeline-'))
  server = await startBrowse({ dataDir })
})
afterAll(async () => {
  await server.stop()
  await browser.close()
  await rm(dataDir, { recursive: true, force: true })
})

const open = (hash: string, viewport = { width: 1280, height: 800 }, colorScheme: 'light' | 'dark' = 'light') =>
  tab(server, hash, { viewport, colorScheme })

const titleLinks = (page: Page) => page.locator('a.event-title')
const hashOf = (page: Page) => decodeURIComponent(new URL(page.url()).hash)
const focusedEventId = (page: Page) => page.locator(':focus').getAttribute('id')

describe('the timeline in Chromium', () => {
  it('opens from the navigation, and shows every event of the pack in order on a time scale', async () => {
    const { page, problems } = await open('')
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Timeline' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Timeline')
    expect(hashOf(page)).toBe('#/timeline')
    await expect.poll(() => titleLinks(page).count()).toBeGreaterThan(60)
    const count = await titleLinks(page).count()
    expect(await page.locator('.count').textContent()).toContain(`Showing ${count} of ${count} events`)
    // The scale draws one mark per event shown, and its year labels.
    expect(await page.locator('svg a.mark').count()).toBe(count)
    expect(await page.locator('svg .tick-label').allTextContents()).toContain('2000')
    // Decade headings, in order.
    const decades = await page.locator('h2[id^="decade-"]').evaluateAll((hs) => hs.map((h) => Number(h.id.slice(7))))
    expect(decades).toEqual(decades.toSorted((a, b) => a - b))
    await screenshot(page, 'timeline-1-1280-light')
    expect(problems).toEqual([])
  })

  it('filters by category and organisation, keeps the filters in the address, and they survive a reload', async () => {
    const { page, problems } = await open('#/timeline')
    await expect.poll(() => titleLinks(page).count()).toBeGreaterThan(60)
    const all = await titleLinks(page).count()
    const opened = await page.evaluate<number>('history.length')

    await page.getByRole('button', { name: /^Founding/ }).click()
    await expect.poll(() => hashOf(page)).toBe('#/timeline?category=founding')
    const founding = await titleLinks(page).count()
    expect(founding).toBeLessThan(all)
    expect(new Set(await page.locator('.event .category').allTextContents())).toEqual(new Set(['Founding']))

    await page.getByLabel('Organisation', { exact: true }).selectOption('cecop')
    await expect.poll(() => hashOf(page)).toBe('#/timeline?org=cecop&category=founding')
    await expect.poll(() => titleLinks(page).count()).toBeLessThan(founding)
    const rows = await page.locator('li.event').evaluateAll((lis) => lis.map((li) => li.textContent ?? ''))
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(row).toContain('CECOP')

    await page.reload()
    await expect.poll(() => titleLinks(page).count()).toBe(rows.length)
    expect(await page.getByRole('button', { name: /^Founding/ }).getAttribute('aria-pressed')).toBe('true')
    expect(await page.getByLabel('Organisation', { exact: true }).inputValue()).toBe('cecop')
    // Filters replace the address rather than piling up history: back leaves the timeline.
    expect(await page.evaluate<number>('history.length')).toBe(opened)
    expect(problems).toEqual([])
  })

  it('moves between events with the keyboard, opens one with Enter, and zooms with + and −', async () => {
    const { page, problems } = await open('#/timeline')
    await expect.poll(() => titleLinks(page).count()).toBeGreaterThan(60)
    const ids = await titleLinks(page).evaluateAll((links) => links.map((a) => a.id))

    // The list is one Tab stop: Tab from the last year field lands on the first event, and Tab again leaves the list.
    await page.getByLabel('to', { exact: true }).focus()
    await page.keyboard.press('Tab')
    expect(await focusedEventId(page)).toBe(ids[0])
    await page.keyboard.press('Tab')
    expect(await page.locator(':focus').evaluate((element) => element.classList.contains('event-title'))).toBe(false)
    await page.keyboard.press('Shift+Tab')
    expect(await focusedEventId(page)).toBe(ids[0])
    await page.keyboard.press('ArrowDown')
    expect(await focusedEventId(page)).toBe(ids[1])
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    expect(await focusedEventId(page)).toBe(ids[1])
    await page.keyboard.press('End')
    expect(await focusedEventId(page)).toBe(ids.at(-1))
    await page.keyboard.press('Home')
    expect(await focusedEventId(page)).toBe(ids[0])
    expect(await page.locator('a.event-title[tabindex="0"]').count()).toBe(1)

    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    const opened = ids[1]!.replace('event-link-', '')
    await expect.poll(() => hashOf(page)).toBe(`#/timeline/${opened}`)
    await expect.poll(() => page.locator(`#event-details-${opened}`).isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => hashOf(page)).toBe('#/timeline')
    await expect.poll(() => page.locator(`#event-details-${opened}`).count()).toBe(0)

    // + zooms in around the event in focus; − zooms back out.
    await page.keyboard.press('+')
    await expect.poll(() => hashOf(page)).toMatch(/^#\/timeline\?from=\d{4}&to=\d{4}$/)
    const [from, to] = hashOf(page).match(/\d{4}/g)!.map(Number)
    expect(to! - from!).toBeLessThan(100)
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(String(from))
    await expect.poll(() => titleLinks(page).count()).toBeLessThan(ids.length)
    await page.keyboard.press('-')
    await page.keyboard.press('-')
    await page.keyboard.press('-')
    await expect.poll(() => hashOf(page)).toBe('#/timeline')
    expect(problems).toEqual([])
  })

  it('shows a disputed date as such, with every date and its source, and links to the organisation and back', async () => {
    const { page, problems } = await open('#/timeline/cecop-becomes-confederation')
    const details = page.locator('#event-details-cecop-becomes-confederation')
    await expect.poll(() => details.isVisible()).toBe(true)
    const row = page.locator('#event-cecop-becomes-confederation')
    expect(await row.locator('.when').textContent()).toMatch(/1992\s*or c\. 1995\s*sources disagree/)
    await screenshot(page, 'timeline-2-disputed-1280-light')
    const claims = details.locator('.claims > li')
    expect(await claims.count()).toBe(2)
    expect(await claims.nth(0).textContent()).toContain('1992')
    expect(await claims.nth(1).textContent()).toContain('c. 1995')
    expect(await claims.nth(1).locator('.status-inferred').textContent()).toBe('inferred')
    // Each date's source mark leads to that source's entry, which links back to the events it supports.
    const mark = claims.nth(1).locator('button.cite').first()
    const label = (await mark.getAttribute('aria-label'))!
    await mark.click()
    const entry = page.locator('.sources li', { hasText: label.replace(/^Source \d+: /, '') })
    await expect.poll(() => entry.evaluate((li) => li.id)).toMatch(/^source-/)
    expect(await entry.getByRole('link', { name: 'c. 1995' }).getAttribute('href')).toBe('#/timeline/cecop-becomes-confederation')
    expect(await page.locator('.event.selected').count()).toBe(1)

    await details.getByRole('link', { name: 'CECOP', exact: true }).click()
    await expect.poll(() => hashOf(page)).toBe('#/org/cecop')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('CECOP')
    await page.goBack()
    await expect.poll(() => hashOf(page)).toBe('#/timeline/cecop-becomes-confederation')
    await expect.poll(() => details.isVisible()).toBe(true)
    expect(problems).toEqual([])
  })

  it('reads well in dark mode and at 1024 × 700', async () => {
    const dark = await open('#/timeline/ica-statement-cooperative-identity-1995?org=ica', { width: 1280, height: 800 }, 'dark')
    await expect.poll(() => dark.page.locator('#event-details-ica-statement-cooperative-identity-1995').isVisible()).toBe(true)
    expect(await dark.page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toBe('rgb(27, 26, 24)')
    await screenshot(dark.page, 'timeline-3-disputed-1280-dark')

    const small = await open('#/timeline?from=1990&to=1999', { width: 1024, height: 700 })
    await expect.poll(() => titleLinks(small.page).count()).toBeGreaterThan(5)
    // Nothing overflows sideways at this size.
    expect(await small.page.locator('main').evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true)
    await screenshot(small.page, 'timeline-4-1990s-1024-light')

    const smallDark = await open('#/timeline?category=law,declaration', { width: 1024, height: 700 }, 'dark')
    await expect.poll(() => titleLinks(smallDark.page).count()).toBeGreaterThan(5)
    await screenshot(smallDark.page, 'timeline-5-filtered-1024-dark')
    expect([...dark.problems, ...small.problems, ...smallDark.problems]).toEqual([])
  })
})
