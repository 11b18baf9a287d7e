/** Notes written as a reader writes them, for the e2e tests that need some on disk first. */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * A note on an organisation's profile (`label`: the name its editor gives), with a tag if one is given, written in
 * its editor until saved, then closed. From a fresh document: going from one profile to another by its hash leaves
 * the first on screen while the second loads, and a click then opened the first one's editor (CI, once), which the
 * switch then closed.
 */
export async function writeNote(page: Page, url: string, org: string, label: string, body: string, tag?: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(`${url}#/org/${org}`)
  await page.getByRole('button', { name: 'New note' }).click()
  await page.getByLabel(`New note on ${label}`).fill(body)
  if (tag) {
    await page.getByLabel('Add a tag').fill(tag)
    await page.keyboard.press('Enter')
  }
  await expect.poll(() => page.locator('[data-status]').getAttribute('data-status')).toBe('saved')
  await page.getByRole('button', { name: 'Done' }).click()
}
