/**
 * Drives `npm run browse`'s server (the built one, out/main/browse.js) and Debian's Chromium through
 * playwright-core: the same renderer and handler table the desktop app runs, over a real store on disk.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, inject } from 'vitest'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { CHROMIUM_OPTIONS } from './chromium'

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const SCREENSHOTS = `${PROJECT_ROOT}test-results/screenshots`

export interface BrowseProcess {
  url: string
  origin: string
  port: number
  child: ChildProcess
  output: () => string
  stop(): Promise<void>
}

/**
 * `packKeys`: a key list the server trusts instead of the shipped keys (browse's --pack-keys), for test-signed packs.
 * `syncPollMs`: how often the sync folders are read (browse's --sync-poll-ms; 30 s when not given).
 */
export function startBrowse(options: {
  dataDir: string
  packDir?: string
  packKeys?: string
  syncPollMs?: number
}): Promise<BrowseProcess> {
  // ATLAS_OUT_DIR lets parallel work build into separate folders (electron-vite build --outDir).
  const outDir = process.env['ATLAS_OUT_DIR'] ?? 'out'
  const args = [`${PROJECT_ROOT}${outDir}/main/browse.js`, '--data-dir', options.dataDir, '--no-open']
  if (options.packDir) args.push('--pack-dir', options.packDir)
  if (options.packKeys) args.push('--pack-keys', options.packKeys)
  if (options.syncPollMs !== undefined) args.push('--sync-poll-ms', String(options.syncPollMs))
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`browse did not start:\n${output}`)), 15_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      fail(Object.assign(new Error(`browse exited with ${code}:\n${output}`), { code, output }))
    })
    child.stdout!.on('data', () => {
      const match = /running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=\S+)/.exec(output)
      if (!match) return
      clearTimeout(timer)
      const url = match[1]!
      done({
        url,
        origin: new URL(url).origin,
        port: Number(match[2]),
        child,
        output: () => output,
        stop: () =>
          new Promise<void>((stopped) => {
            if (child.exitCode !== null) return stopped()
            child.removeAllListeners('exit')
            child.on('exit', () => stopped())
            child.kill('SIGTERM')
          }),
      })
    })
  })
}

declare module 'vitest' {
  interface ProvidedContext {
    /** The end-to-end suite's one Chromium (support/chromium-server.ts); not given to other suites. */
    chromiumEndpoint?: string
  }
}

/**
 * A Chromium for a test file: the end-to-end suite's shared one, connected to (a file's own launch and close cost
 * 0.9 s of a two-core machine, 23 files), or one of its own elsewhere. Closing it closes what the file opened in it.
 */
export function launchChromium(): Promise<Browser> {
  const shared = inject('chromiumEndpoint')
  return shared ? chromium.connect(shared) : chromium.launch(CHROMIUM_OPTIONS)
}

/** Collects what must never happen on a page: script errors, CSP violations, requests leaving our origin. */
export function watchPage(page: Page, origin: string) {
  const problems: string[] = []
  reportProblems(
    page,
    () => origin,
    (problem) => problems.push(problem),
  )
  return problems
}

/** watchPage's checks, each problem handed to `report`; `origin()` is the app's origin when a request is made. */
function reportProblems(page: Page, origin: () => string, report: (problem: string) => void): void {
  page.on('pageerror', (error) => report(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') report(`console error: ${message.text()}`)
  })
  page.on('request', (request) => {
    if (!request.url().startsWith(origin()) && !request.url().startsWith('data:')) report(`request left the app: ${request.url()}`)
  })
}

/**
 * A test file's one tab, in which each `open` starts the app afresh: a full load of the page. A new page would
 * first make a browser context and start a renderer process: per start, 1.4 s and 2.3 s of the two cores here
 * against 0.8 s and 1.5 s in the same tab (2026-12-07, 12 starts each way). The app keeps nothing in the browser
 * (what it remembers is the server's), so a load is as fresh a start as a new page. Use the page an `open` gives
 * until the next `open`. `requests`: every address the page asked for since.
 */
export function appTab(browser: () => Browser) {
  let page: Page | undefined
  let origin = ''
  let loads = 0
  // What the tab has seen since the last open: its listeners, added once, fill the arrays that open handed out.
  let seen = { problems: [] as string[], requests: [] as string[] }
  return async (
    server: BrowseProcess,
    hash: string,
    options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {},
  ): Promise<{ page: Page; problems: string[]; requests: string[] }> => {
    if (!page) {
      page = await browser().newPage()
      reportProblems(
        page,
        () => origin,
        (problem) => seen.problems.push(problem),
      )
      page.on('request', (request) => seen.requests.push(request.url()))
    } else if (origin !== server.origin) {
      // The app the tab shows says goodbye to its server as it goes (the last place, saved); when that server has
      // stopped, this is let fail before the new page is watched, as a closed page's would be.
      await page.goto('about:blank')
    }
    origin = server.origin
    await page.setViewportSize(options.viewport ?? { width: 1280, height: 800 })
    await page.emulateMedia({ media: 'screen', colorScheme: options.colorScheme ?? 'light' })
    seen = { problems: [], requests: [] }
    // Another query each time: an address that differs only in its hash would not load the page again.
    await page.goto(`${server.url}&load=${++loads}${hash}`)
    return { page, ...seen }
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = `${SCREENSHOTS}/${name}.png`
  // Screenshots are for people to look at; CI, where nobody does, turns them off (about 0.14 s each, 270 a run).
  if (process.env['ATLAS_SCREENSHOTS'] === 'off') return path
  await mkdir(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path, fullPage: false })
  return path
}

/**
 * Goes to `hash` in the open page as a reader following a link in the app does (no reload, which costs a fresh
 * page's start each time), then waits until that view is shown (viewShown).
 */
export async function showView(page: Page, hash: string): Promise<void> {
  await page.evaluate(
    (h) =>
      new Promise<void>((changed) => {
        if (location.hash === h) return changed()
        // The router's own listener was added first, so the route has changed when this one runs.
        addEventListener('hashchange', () => changed(), { once: true })
        location.hash = h
      }),
    hash,
  )
  await viewShown(page, hash)
}

/**
 * Waits until the view `hash` names is on screen and done: its code and its data in (no "Loading…" left, each
 * marked aria-busy), the profile of that organisation (not the previous one, which stays while the next loads),
 * the fonts loaded, and a frame painted after that.
 */
export async function viewShown(page: Page, hash: string): Promise<void> {
  await page.waitForFunction(
    (h) => {
      const main = document.getElementById('main')
      if (location.hash !== h || !main || main.querySelector('[aria-busy="true"]') || document.fonts.status !== 'loaded') return false
      const profile = /^#\/org\/([^?/]+)/.exec(h)?.[1]
      return !profile || main.querySelector('[data-profile]')?.getAttribute('data-profile') === profile
    },
    hash,
    { polling: 'raf', timeout: 20_000 },
  )
  await page.evaluate(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))))
}

/**
 * One Chromium for a test file, and data folders and browse servers that are all stopped and removed after it:
 * `const session = useBrowseSession('recovery')`, then `session.browser`, `await session.folder()`,
 * `await session.serve({ dataDir })`.
 */
export function useBrowseSession(name: string) {
  const servers: BrowseProcess[] = []
  const dirs: string[] = []
  const session = {
    browser: undefined as unknown as Browser,
    async folder(): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), `coop-atlas-e2e-${name}-`))
      dirs.push(dir)
      return dir
    },
    async serve(options: Parameters<typeof startBrowse>[0]): Promise<BrowseProcess> {
      const server = await startBrowse(options)
      servers.push(server)
      return server
    },
  }
  beforeAll(async () => {
    session.browser = await launchChromium()
  })
  afterAll(async () => {
    await session.browser?.close()
    await Promise.all(servers.map((s) => s.stop()))
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  })
  return session
}
