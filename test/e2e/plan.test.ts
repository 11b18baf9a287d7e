import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { readStoredNotes } from '../support/store-files'
import { appTab, launchChromium, screenshot, startBrowse, type BrowseProcess } from './support/browse'

const PILLAR = 'cecop-plan-2021-pillar-network'

let browser: Browser
const servers: BrowseProcess[] = []
const dirs: string[] = []
const tab = appTab(() => browser)

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser.close()
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()))
})

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-plan-'))
  dirs.push(dir)
  return dir
}

async function serve(dataDir: string) {
  const server = await startBrowse({ dataDir })
  servers.push(server)
  return server
}

const open = (server: BrowseProcess, hash: string, viewport = { width: 1280, height: 800 }, colorScheme: 'light' | 'dark' = 'light') =>
  tab(server, hash, { viewport, colorScheme })

const hashOf = (page: Page) => decodeURIComponent(new URL(page.url()).hash)

describe('the strategic plan in Chromium', () => {
  it('opens from the navigation and says where the plan stands, with its adoption, pillars, challenges and commitments', async () => {
    const server = await serve(await tempDir())
    const { page, problems } = await open(server, '')
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Strategic plan' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('CECOP Strategic Plan 2021–2025')
    expect(hashOf(page)).toBe('#/plan')

    const status = page.getByRole('region', { name: 'Status today' })
    expect(await status.textContent()).toContain('The plan’s period, 2021–2025, is over.')
    expect(await status.textContent()).toMatch(/last checked, on November 23, 2026/)
    expect(await status.locator('button.cite').count()).toBeGreaterThan(0)
    expect(await page.locator('dl.facts').textContent()).toMatch(/Adopted\s*June 8, 2021/)

    expect(await page.locator('ol.pillars > li').count()).toBe(3)
    expect(await page.getByRole('region', { name: 'Challenges' }).locator('li').count()).toBeGreaterThan(0)
    expect(await page.getByRole('region', { name: 'Commitments' }).locator('li').count()).toBe(5)

    // Every source mark on the page leads to an entry in the page's source list.
    const marks = await page.locator('button.cite').evaluateAll((bs) => bs.map((b) => Number(b.textContent)))
    const entries = await page.locator('.sources li').count()
    expect(Math.min(...marks)).toBe(1)
    expect(Math.max(...marks)).toBeLessThanOrEqual(entries)
    await screenshot(page, 'plan-1-1280-light')
    expect(problems).toEqual([])
  })

  it('opens a pillar with its organisations and events, links to a profile and back, and to the timeline', async () => {
    const server = await serve(await tempDir())
    const { page, problems } = await open(server, '#/plan')
    await page.getByRole('link', { name: /^Pillar 3: / }).click()
    await expect.poll(() => hashOf(page)).toBe(`#/plan/${PILLAR}`)
    const detail = page.getByRole('region', { name: /^Pillar 3/ })
    await expect.poll(() => detail.isVisible()).toBe(true)
    expect(await detail.getByRole('link', { name: 'CAAP', exact: true }).getAttribute('href')).toBe('#/org/caap')

    await detail.getByRole('link', { name: 'CAAP', exact: true }).click()
    await expect.poll(() => hashOf(page)).toBe('#/org/caap')
    await page.goBack()
    await expect.poll(() => hashOf(page)).toBe(`#/plan/${PILLAR}`)
    await expect.poll(() => detail.isVisible()).toBe(true)

    await detail.getByRole('link', { name: /adopts the Strategic Plan/ }).click()
    await expect.poll(() => hashOf(page)).toBe('#/timeline/cecop-strategic-plan-adopted-2021')
    await expect.poll(() => page.locator('#event-details-cecop-strategic-plan-adopted-2021').isVisible()).toBe(true)
    // …and from the event back to the pillar.
    await page
      .locator('#event-details-cecop-strategic-plan-adopted-2021')
      .getByRole('link', { name: /^Pillar 3: / })
      .click()
    await expect.poll(() => hashOf(page)).toBe(`#/plan/${PILLAR}`)
    expect(problems).toEqual([])
  })

  it('shows the pillar × organisation matrix with only the recorded links', async () => {
    const server = await serve(await tempDir())
    const { page, problems } = await open(server, '#/plan')
    const matrix = page.getByRole('table')
    const cecop = matrix.locator('tr[data-org-id="cecop"] td')
    await expect.poll(() => cecop.count()).toBe(3)
    for (const cell of await cecop.all()) expect(await cell.textContent()).toContain('named')
    const caap = matrix.locator('tr[data-org-id="caap"] td')
    expect(await caap.nth(0).textContent()).toContain('no link recorded')
    expect(await caap.nth(2).textContent()).toContain('named')
    await caap.nth(2).locator('summary').click()
    expect(await caap.nth(2).getByRole('link').first().getAttribute('href')).toMatch(/^#\/timeline\//)
    await matrix.scrollIntoViewIfNeeded()
    await screenshot(page, 'plan-3-matrix-1280-light')
    expect(problems).toEqual([])
  })

  it('keeps a note on a pillar across a server restart', async () => {
    const dataDir = await tempDir()
    let server = await serve(dataDir)
    const first = await open(server, `#/plan/${PILLAR}`)
    await first.page.getByRole('button', { name: 'New note' }).click()
    await first.page.getByLabel('New note on Pillar 3').fill('Ask **CAAP** how the network pillar worked for them.')
    await expect.poll(() => first.page.locator('[data-status]').getAttribute('data-status')).toBe('saved')
    await first.page.getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => first.page.locator('.note-body strong').textContent()).toBe('CAAP')
    await first.page.getByRole('region', { name: /^Pillar 3/ }).evaluate((section) => section.scrollIntoView({ block: 'start' }))
    await screenshot(first.page, 'plan-2-pillar-with-note-1280-light')
    expect((await readStoredNotes(dataDir)).map((n) => n.target)).toEqual([{ kind: 'pillar', id: PILLAR }])
    expect(first.problems).toEqual([])

    await server.stop()
    servers.pop()
    server = await serve(dataDir)
    const again = await open(server, `#/plan/${PILLAR}`)
    await expect.poll(() => again.page.locator('.note-body').textContent()).toContain('Ask CAAP how the network pillar worked for them.')
    // Only on that pillar.
    await again.page.getByRole('link', { name: /^Pillar 1: / }).click()
    await expect.poll(() => again.page.getByRole('region', { name: /^Pillar 1/ }).isVisible()).toBe(true)
    await expect.poll(() => again.page.locator('.note-body').count()).toBe(0)
    expect(again.problems).toEqual([])
  })

  it('reads well in dark mode and at 1024 × 700', async () => {
    const server = await serve(await tempDir())
    const dark = await open(server, `#/plan/${PILLAR}`, { width: 1280, height: 800 }, 'dark')
    await expect.poll(() => dark.page.getByRole('region', { name: /^Pillar 3/ }).isVisible()).toBe(true)
    await screenshot(dark.page, 'plan-4-pillar-1280-dark')
    const small = await open(server, '#/plan', { width: 1024, height: 700 })
    await expect.poll(() => small.page.getByRole('heading', { level: 1 }).isVisible()).toBe(true)
    expect(await small.page.locator('main').evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true)
    await screenshot(small.page, 'plan-5-1024-light')
    const smallDark = await open(server, '#/plan', { width: 1024, height: 700 }, 'dark')
    await expect.poll(() => smallDark.page.getByRole('heading', { level: 1 }).isVisible()).toBe(true)
    await smallDark.page.getByRole('table').scrollIntoViewIfNeeded()
    await screenshot(smallDark.page, 'plan-6-matrix-1024-dark')
    expect([...dark.problems, ...small.problems, ...smallDark.problems]).toEqual([])
  })
})
