import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadPack } from '../../src/main/content/load-pack'
import { makeTestPackKey } from '../support/pack-keys'
import { launchChromium, PROJECT_ROOT, screenshot, startBrowse, type BrowseProcess } from './support/browse'

// The server trusts a key made for this run only, through browse's --pack-keys flag: a test key is never shipped.
const maintainer = makeTestPackKey('e2e-maintainer')
let browser: Browser
let server: BrowseProcess
let dir: string
let keyList: string
/** The shipped pack's version and the one a patch on, which the signed file in these tests carries. */
let SHIPPED: string
let NEXT: string
const esc = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

beforeAll(async () => {
  SHIPPED = (await loadPack(join(PROJECT_ROOT, 'resources/content'))).packVersion
  const [major, minor, patch] = SHIPPED.split('.').map(Number) as [number, number, number]
  NEXT = `${major}.${minor}.${patch + 1}`
  dir = await mkdtemp(join(tmpdir(), 'coop-atlas-e2e-pack-'))
  keyList = join(dir, 'trusted-pack-keys.json')
  await maintainer.writeKeyList(keyList)
  server = await startBrowse({ dataDir: join(dir, 'data'), packKeys: keyList })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser.close()
  await server.stop()
  await rm(dir, { recursive: true, force: true })
})

/** The shipped pack one patch version on, without one organisation, and with CECOP's website and description changed. */
async function newerPackWithout(id: string, sign = maintainer.sign): Promise<string> {
  const pack = structuredClone(await loadPack(join(PROJECT_ROOT, 'resources/content')))
  pack.packVersion = NEXT
  pack.organisations = pack.organisations.filter((o) => o.id !== id)
  pack.relations = pack.relations.filter((r) => r.from !== id && r.to !== id)
  for (const e of pack.events) e.organisations = e.organisations.filter((o) => o !== id)
  for (const p of pack.strategicPlan.pillars) p.organisations = p.organisations.filter((o) => o !== id)
  const cecop = pack.organisations.find((o) => o.id === 'cecop')!
  cecop.website = { ...cecop.website!, value: 'https://cecop.example.org/new-home' }
  cecop.description.en = 'CECOP, described again for this test.'
  const file = join(dir, `coop-atlas-pack-${pack.packVersion}-${Math.random().toString(36).slice(2)}.json`)
  await writeFile(file, sign(pack))
  return file
}

describe('installing newer reference content from a signed file', () => {
  it('previews every change, installs on request, keeps an orphaned note, and goes back to the shipped pack', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${server.url}#/org/ancst`)
    await page.getByRole('button', { name: 'New note' }).click()
    await page.getByLabel('New note on ANCST').fill('Keep this even if ANCST leaves the atlas')
    await expect.poll(() => page.locator('[data-status]').getAttribute('data-status')).toBe('saved')

    const file = await newerPackWithout('ancst')
    await page.goto(`${server.url}#/settings`)
    await expect
      .poll(() => page.locator('#pack-heading + p').textContent())
      .toMatch(new RegExp(`In use: pack ${esc(SHIPPED)} .* It came with the app\\.`, 's'))
    await page.locator('input[type=file]').setInputFiles(file)
    const preview = page.getByRole('region', { name: 'What the new pack changes' })
    await expect.poll(() => preview.textContent()).toContain('one organisation removed: ANCST')
    expect(await preview.textContent()).toContain('one organisation changed: CECOP')
    expect(await preview.textContent()).toContain('one note would be about something the pack no longer has')
    // The detailed list: the rewritten website is there, before and after, marked as a link.
    const list = page.getByRole('region', { name: 'Every change' })
    const website = list.locator('tr.is-link', { hasText: 'website.value' })
    expect(await website.textContent()).toContain('https://cecop.example.org/new-home')
    expect(await website.textContent()).toContain('https://')
    expect(await website.locator('.link-badge').textContent()).toBe('Link')
    expect(await list.locator('tr', { hasText: 'description.en' }).textContent()).toContain('CECOP, described again for this test.')
    expect(await preview.textContent()).toMatch(/\d+ changes, value by value/)
    expect(await preview.textContent()).toMatch(/one change touches a web address|\d+ changes touch web addresses/i)
    expect(await list.getByRole('heading', { level: 4 }).allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Organisations \(\d+\)$/), expect.stringMatching(/^Relations between organisations/)]),
    )
    await website.scrollIntoViewIfNeeded()
    await screenshot(page, 'pack-update-preview')
    // Nothing has changed yet.
    await page.goto(`${server.url}#/org/ancst`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1)

    await page.goto(`${server.url}#/settings`)
    await page.locator('input[type=file]').setInputFiles(file)
    await page.getByRole('button', { name: 'Install this pack' }).click()
    await expect
      .poll(() => page.locator('#pack-heading + p').textContent())
      .toMatch(new RegExp(`In use: pack ${esc(NEXT)} .* installed from a signed file`, 's'))
    await page.goto(`${server.url}#/notes`)
    await expect.poll(() => page.locator('.all-notes').textContent()).toContain('Keep this even if ANCST leaves the atlas')
    expect(await page.locator('.all-notes').textContent()).toContain('orphaned')

    // Back to the pack that shipped with the app, after a confirmation; the installed file is kept aside.
    const installed = await readFile(join(dir, 'data', 'content', 'pack.json'), 'utf8')
    await page.goto(`${server.url}#/settings`)
    await page.getByRole('button', { name: 'Go back to the pack that came with the app…' }).click()
    const confirm = page.getByRole('group', { name: 'Go back to the pack that came with the app…' })
    expect(await confirm.textContent()).toContain('kept aside in your data folder, not deleted')
    await screenshot(page, 'pack-go-back-confirm')
    await confirm.getByRole('button', { name: `Go back to pack ${SHIPPED}` }).click()
    await expect
      .poll(() => page.locator('#pack-heading + p').textContent())
      .toMatch(new RegExp(`In use: pack ${esc(SHIPPED)} .* came with the app`, 's'))
    const folder = await readdir(join(dir, 'data', 'content'))
    expect(folder).not.toContain('pack.json')
    const aside = folder.find((name) => name.startsWith('pack.set-aside-'))!
    expect(await readFile(join(dir, 'data', 'content', aside), 'utf8')).toBe(installed)
    await page.goto(`${server.url}#/org/ancst`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/ANCST|Associazione/)
  })

  it.each([
    [
      'an altered file',
      async () => (await readFile(await newerPackWithout('ancst'), 'utf8')).replace('described again', 'described agaiN'),
      /signature does not match: the file was altered/,
    ],
    [
      'a file signed by a key it does not know',
      async () => readFile(await newerPackWithout('ancst', makeTestPackKey().sign), 'utf8'),
      /signed by a key this Coop Atlas does not know \(id [0-9a-f]{16}\)/,
    ],
    [
      'an unsigned file',
      async () =>
        JSON.stringify({
          format: 'coop-atlas-pack',
          formatVersion: 2,
          pack: JSON.parse(await readFile(await newerPackWithout('ancst'), 'utf8')).pack,
        }),
      /is not signed/,
    ],
  ])('refuses %s and changes nothing', async (label, make, message) => {
    const page = await browser.newPage()
    await page.goto(`${server.url}#/settings`)
    const bad = join(dir, `${label.replace(/\W+/g, '-')}.json`)
    await writeFile(bad, await make())
    await page.locator('input[type=file]').setInputFiles(bad)
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(message)
    expect(await page.getByRole('region', { name: 'What the new pack changes' }).count()).toBe(0)
  })

  it('says why an installed file altered on disk is not used, and sets it aside on request', async () => {
    const data = join(dir, 'tampered-data')
    await mkdir(join(data, 'content'), { recursive: true })
    const genuine = await readFile(await newerPackWithout('ancst'), 'utf8')
    await writeFile(join(data, 'content', 'pack.json'), genuine.replace('described again', 'described agaiN'))
    const other = await startBrowse({ dataDir: data, packKeys: keyList })
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      await page.goto(`${other.url}#/settings`)
      await expect
        .poll(() => page.locator('#pack-heading ~ .notice-inline').textContent())
        .toMatch(/its file was altered after it was signed/)
      expect(await page.locator('#pack-heading + p').textContent()).toMatch(new RegExp(`pack ${esc(SHIPPED)} .* came with the app`, 's'))
      await screenshot(page, 'pack-installed-ignored')
      await page.getByRole('button', { name: 'Set the unused file aside…' }).click()
      await page.getByRole('button', { name: 'Set it aside' }).click()
      await expect.poll(() => page.locator('#pack-heading ~ .notice-inline').count()).toBe(0)
      expect((await readdir(join(data, 'content'))).some((n) => n.startsWith('pack.set-aside-'))).toBe(true)
    } finally {
      await other.stop()
    }
  })
})
