/**
 * What recovery kept, as a user meets it in the built app: the start notice leads to Settings, where every backup
 * and every set-aside file is listed, can be exported as it is, and can be brought back after a preview. And an
 * import that holds a note the editor could not have saved shows that note, with its reason, before anything changes.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../src/main/store/schema'
import { STORE_FILE } from '../../src/main/store/snapshot'
import { encodeSnapshot } from '../../src/main/store/snapshot-format'
import { aNote } from '../support/notes'
import { screenshot, useBrowseSession, watchPage } from './support/browse'

const session = useBrowseSession('recovery')
const folder = () => session.folder()

describe('recovery, seen in Settings', () => {
  it('keeps every good note of a partly readable store, lists what it kept, and brings back a damaged file’s notes', async () => {
    const dir = await folder()
    // A store an older version wrote: three good notes and one whose date cannot be read at all (+010000…), plus
    // one whose subject is gone from every list (it cannot be mended).
    const doc = {
      schemaVersion: 3,
      notes: [
        aNote(1, 'Board meets in June'),
        aNote(2, 'Ask about the 2023 congress'),
        aNote(3, 'Dated past the year 9999', { updated: '+010000-01-01T00:00:00.000Z' }),
        { ...aNote(4, 'About a planet'), target: { kind: 'planet', id: 'mars' } },
      ],
      corrections: [],
      favourites: [],
      settings: defaultSettings(),
    }
    await writeFile(join(dir, STORE_FILE), encodeSnapshot(doc as never))
    // And, from an earlier crash, a whole notes file that was set aside: it holds a note no longer here.
    const lost = { ...doc, schemaVersion: 3, notes: [aNote(5, 'Only in the damaged file')] }
    await writeFile(join(dir, 'coop-atlas-store.corrupt-2026-11-30T09-00-00-000Z.json'), encodeSnapshot(lost as never).subarray(0, -3))
    await mkdir(join(dir, 'backups'))

    const server = await session.serve({ dataDir: dir })
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    const problems = watchPage(page, server.origin)
    await page.goto(`${server.url}#/notes`)
    const notice = page.locator('.notice[role="alert"]')
    await expect
      .poll(() => notice.textContent())
      .toMatch(/1 record of your notes file could not be read and was left out; every other record was kept/)
    await expect.poll(() => page.locator('.all-notes > li').count()).toBe(3)
    await screenshot(page, 'recovery-1-notice')

    await notice.getByRole('link', { name: 'See what was kept' }).click()
    const setAside = page.getByRole('region', { name: 'Files set aside' }).or(page.locator('section[aria-labelledby="set-aside-heading"]'))
    await expect.poll(() => setAside.locator('tbody tr').count()).toBe(2)
    const text = (await setAside.textContent()) ?? ''
    expect(text).toContain('partly read: every good record was kept')
    expect(text).toContain('One record cannot; it stays in the file.')
    expect(text).toContain('One note can be brought back.')
    await screenshot(page, 'recovery-2-settings')

    // Exported exactly as it is on disk.
    const damagedRow = setAside.locator('tbody tr', { hasText: 'damaged' })
    const download = page.waitForEvent('download')
    await damagedRow.getByRole('button', { name: 'Export' }).click()
    // Saved where the test says (the suite's Chromium may be another process's: no path of its own to read).
    const saved = join(await folder(), 'exported.json')
    await (await download).saveAs(saved)
    expect((await readFile(saved)).equals(await readFile(join(dir, 'coop-atlas-store.corrupt-2026-11-30T09-00-00-000Z.json')))).toBe(true)

    // Brought back after a preview: the torn file's first line still names its note, and its text survived.
    await damagedRow.getByRole('button', { name: 'Bring back…' }).click()
    const preview = page.getByRole('region', { name: 'What bringing it back will do' })
    await expect.poll(() => preview.textContent()).toContain('1 added, 0 updated, 0 already here, 0 kept as second versions.')
    await screenshot(page, 'recovery-3-preview')
    await preview.getByRole('button', { name: 'Bring these notes back' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Brought back' }).textContent()).toContain('1 added')

    // Backups: the state before bringing back was backed up first, and is listed with its count.
    const backups = page.locator('section[aria-labelledby="backups-heading"]')
    await expect.poll(() => backups.locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await backups.textContent()).toMatch(/Recent/)

    await page.goto(`${server.url}#/notes`)
    await expect.poll(() => page.locator('.all-notes > li').count()).toBe(4)
    expect(await page.locator('.all-notes').textContent()).toContain('Only in the damaged file')
    expect(problems).toEqual([])
  })
})

describe('an import with a note the editor could not have saved', () => {
  it('shows the note and its reason in the preview, imports the others, and changes nothing until asked', async () => {
    const dir = await folder()
    const server = await session.serve({ dataDir: dir })
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${server.url}#/notes`)
    const file = join(dir, 'from-elsewhere.json')
    const at = '2026-03-01T10:00:00.000Z'
    await writeFile(
      file,
      JSON.stringify({
        format: 'coop-atlas-notes',
        version: 1,
        exported: at,
        notes: [
          aNote(1, 'An ordinary note', { created: at, updated: at }),
          aNote(2, 'From the end of time', { created: at, updated: '9999-12-31T23:59:59.999Z' }),
          aNote(3, 'From next century', { created: at, updated: '2150-01-01T00:00:00.000Z' }),
        ],
      }),
    )
    await page.getByLabel('Import notes from a JSON file…').setInputFiles(file)
    const preview = page.getByRole('region', { name: 'What the import will do' })
    await expect.poll(() => preview.textContent()).toContain('2 notes in the file are left out: the editor could not have saved them.')
    const said = (await preview.textContent()) ?? ''
    expect(said).toContain('“From the end of time”: it breaks a rule every note follows')
    expect(said).toContain('“From next century”: it is dated')
    expect(said).toContain('after tomorrow')
    expect(await page.locator('.all-notes > li').count()).toBe(0)
    await screenshot(page, 'recovery-4-import-refusals')
    await preview.getByRole('button', { name: 'Import' }).click()
    await expect.poll(() => page.locator('.all-notes > li').count()).toBe(1)
  })
})
