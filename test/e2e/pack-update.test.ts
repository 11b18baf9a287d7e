import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPack } from '../../src/main/content/load-pack'
import { serialisePackFile } from '../../src/main/content/pack-update'
import { launchChromium, PROJECT_ROOT, screenshot, startBrowse, type BrowseProcess } from './support/browse'

let browser: Browser
let server: BrowseProcess
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-pack-'))
  server = await startBrowse({ dataDir: dir })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser.close()
  await server.stop()
  await rm(dir, { recursive: true, force: true })
})

/** The shipped pack one patch version on, without one organisation. */
async function newerPackWithout(id: string): Promise<string> {
  const pack = structuredClone(await loadPack(join(PROJECT_ROOT, 'resources/content')))
  const [major, minor, patch] = pack.packVersion.split('.').map(Number) as [number, number, number]
  pack.packVersion = `${major}.${minor}.${patch + 1}`
  pack.organisations = pack.organisations.filter((o) => o.id !== id)
  pack.relations = pack.relations.filter((r) => r.from !== id && r.to !== id)
  for (const e of pack.events) e.organisations = e.organisations.filter((o) => o !== id)
  for (const p of pack.strategicPlan.pillars) p.organisations = p.organisations.filter((o) => o !== id)
  const file = join(dir, `coop-atlas-pack-${pack.packVersion}.json`)
  await writeFile(file, serialisePackFile(pack))
  return file
}

describe('installing newer reference content from a file', () => {
  it('previews, installs on request, and keeps a note whose subject left as orphaned', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${server.url}#/org/ancst`)
    await page.getByRole('button', { name: 'New note' }).click()
    await page.getByLabel('New note on ANCST').fill('Keep this even if ANCST leaves the atlas')
    await expect.poll(() => page.locator('[data-status]').getAttribute('data-status')).toBe('saved')

    const file = await newerPackWithout('ancst')
    await page.goto(`${server.url}#/settings`)
    await page.locator('input[type=file]').setInputFiles(file)
    const preview = page.getByRole('region', { name: 'What the new pack changes' })
    await expect.poll(() => preview.textContent()).toContain('one organisation removed: ANCST')
    expect(await preview.textContent()).toContain('one note would be about something the pack no longer has')
    await screenshot(page, 'pack-update-preview')
    // Nothing has changed yet.
    await page.goto(`${server.url}#/org/ancst`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1)

    await page.goto(`${server.url}#/settings`)
    await page.locator('input[type=file]').setInputFiles(file)
    await page.getByRole('button', { name: 'Install this pack' }).click()
    await expect.poll(() => page.getByText(/In use: pack 1\.0\.\d+/).textContent()).toMatch(/1\.0\.[1-9]/)
    await page.goto(`${server.url}#/notes`)
    await expect.poll(() => page.locator('.all-notes').textContent()).toContain('Keep this even if ANCST leaves the atlas')
    expect(await page.locator('.all-notes').textContent()).toContain('orphaned')
  })

  it('refuses an altered file and changes nothing', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}#/settings`)
    const bad = join(dir, 'altered.json')
    const genuine = await readFile(await newerPackWithout('ancst'), 'utf8')
    // One character of one description changed after the checksum was made.
    await writeFile(bad, genuine.replace('"description":{"en":"', '"description":{"en":"X'))
    await page.locator('input[type=file]').setInputFiles(bad)
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/checksum does not match/)
    expect(await page.getByRole('region', { name: 'What the new pack changes' }).count()).toBe(0)
  })
})
