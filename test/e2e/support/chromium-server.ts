/**
 * The end-to-end suite's global setup: one Chromium, launched once, which every test file connects to
 * (launchChromium) instead of launching its own; closed when the suite ends.
 */
import { chromium } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { CHROMIUM_OPTIONS } from './chromium'

export default async function setup({ provide }: TestProject): Promise<() => Promise<void>> {
  const server = await chromium.launchServer(CHROMIUM_OPTIONS)
  provide('chromiumEndpoint', server.wsEndpoint())
  return () => server.close()
}
