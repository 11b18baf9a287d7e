/**
 * The renderer, built, in headless Chromium through the browse server on a temp data dir:
 *  1. start: navigation start → organisation list painted and a typed character in its filter has filtered it
 *     (fresh context each run; one warm-up run not counted);
 *  2. what the first view loads: every JS and CSS file requested before the list was painted, gzipped from out/;
 *  3b. search end to end: Ctrl+K, then each keystroke's input event → the palette's options re-rendered and laid out;
 *  6. the JS heap after visiting every view, after a forced GC; and the chunks each view loads lazily.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Page, Request } from 'playwright-core'
import { minifySync } from 'rolldown/utils'
import floorJs from '../page/floor.js?raw'
import probes from '../page/probes.js?raw'
import { launchChromium, startBrowse } from '../lib/browse'
import { BUDGETS } from '../lib/budgets'
import type { CodeFile, RendererResult } from '../lib/results'
import { hotFunctions, selfTimes, type Profile } from '../lib/profile'
import { bytesBySource, moduleGroup, SourceLookup, type SourceMapJson } from '../lib/sourcemap'
import { log, PROJECT_ROOT, sectionArgs, writeResult } from '../lib/section'
import { tempFolder } from '../lib/store-files'
import { round, summarise } from '../lib/stats'
import { QUERIES } from '../lib/queries'

const { out, quick, rest } = sectionArgs()
const outDir = rest[0]!
const rendererDir = join(outDir, 'renderer')
const START_RUNS = quick ? 3 : 12
const KEYSTROKE_ROUNDS = quick ? 1 : 3
/** A character that narrows the real pack's list (verified on every run: `filtered`). */
const FILTER_TEXT = 'z'
const VIEWPORT = { width: 1280, height: 800 }

interface StartRun {
  marks: Record<string, number | null>
  listed: { before: number; after: number; typed: string }
  navigation: Record<string, number> | null
  paints: Record<string, number>
  resources: { url: string; initiatorType: string; startTime: number; responseEnd: number }[]
}

const gz = new Map<string, { raw: number; gzip: number }>()
async function sizeOf(url: string): Promise<CodeFile> {
  const path = new URL(url).pathname.replace(/^\//, '')
  if (!gz.has(path)) {
    const bytes = await readFile(join(rendererDir, path))
    gz.set(path, { raw: bytes.length, gzip: gzipSync(bytes).length })
  }
  return { path, ...gz.get(path)! }
}

const isCode = (url: string) => /\.(js|css)(\?|$)/.test(new URL(url).pathname)

async function newPage(browser: Browser, problems: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  const page = await context.newPage()
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`)
  })
  await page.addInitScript({ content: `window.__atlasFilterText = ${JSON.stringify(FILTER_TEXT)};\n${probes}` })
  return page
}

async function startRun(browser: Browser, url: string, problems: string[]): Promise<StartRun> {
  const page = await newPage(browser, problems)
  await page.goto(url, { waitUntil: 'commit' })
  const run = (await page.evaluate('window.__atlasBench.start')) as StartRun
  await page.context().close()
  return run
}

/** One more start, with CDP's Performance domain on: the renderer main thread's time by kind, until ready. */
async function diagnosticRun(
  browser: Browser,
  url: string,
  problems: string[],
): Promise<{ mainThread: RendererResult['start']['mainThread']; profile: Profile }> {
  const page = await newPage(browser, problems)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  await page.goto(url, { waitUntil: 'commit' })
  const run = (await page.evaluate('window.__atlasBench.start')) as StartRun
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
  await page.context().close()
  const { hot } = hotFunctions(profile, 12)
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value * 1000]))
  const ready = run.marks['filteredPainted'] ?? Number.NaN
  const busy = m['TaskDuration'] ?? Number.NaN
  const mainThread = {
    readyMs: round(ready),
    busyMs: round(busy),
    kinds: {
      'script execution': round(m['ScriptDuration'] ?? Number.NaN),
      'V8 compile': round(m['V8CompileDuration'] ?? Number.NaN),
      'style recalculation': round(m['RecalcStyleDuration'] ?? Number.NaN),
      layout: round(m['LayoutDuration'] ?? Number.NaN),
      'other tasks (parsing HTML, paint, GC…)': round(
        busy - (m['ScriptDuration'] ?? 0) - (m['V8CompileDuration'] ?? 0) - (m['RecalcStyleDuration'] ?? 0) - (m['LayoutDuration'] ?? 0),
      ),
    },
    idleMs: round(ready - busy),
    hotScripts: hot,
  }
  return { mainThread, profile }
}

/** Waits until no request has been in flight for `quiet` ms. */
function networkQuiet(page: Page, quiet = 400): { settle: () => Promise<void>; mark: () => void; requests: Request[] } {
  let inflight = 0
  let last = performance.now()
  const requests: Request[] = []
  page.on('request', (r) => {
    inflight++
    requests.push(r)
  })
  const done = () => {
    inflight = Math.max(0, inflight - 1)
    last = performance.now()
  }
  page.on('requestfinished', done)
  page.on('requestfailed', done)
  return {
    requests,
    /** Counts from now: settle waits at least `quiet` ms from here. */
    mark: () => (last = performance.now()),
    settle: async () => {
      const began = performance.now()
      while (inflight > 0 || performance.now() - last < quiet) {
        if (performance.now() - began > 20_000) break
        await new Promise((r) => setTimeout(r, 50))
      }
    },
  }
}

const ANALYSIS_DIR = join(PROJECT_ROOT, 'bench/.build/analysis')
const stem = (path: string) => basename(path).replace(/-[\w-]{8}\.(js|css)$/, '')

/** The same app built with source maps (into bench/.build/analysis), to tell which modules bytes and time belong to. */
function buildWithSourceMaps(): string[] | null {
  log('renderer: a budget was missed; building with source maps to see which modules are responsible')
  const built = spawnSync(
    join(PROJECT_ROOT, 'node_modules/.bin/electron-vite'),
    ['build', '--outDir', ANALYSIS_DIR, '--sourcemap', '--logLevel', 'warn'],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  )
  if (built.status !== 0) {
    log(`  the analysis build failed: ${built.stderr.slice(0, 500)}`)
    return null
  }
  return readdirSync(join(ANALYSIS_DIR, 'renderer/assets'))
}

async function lookupFor(assets: string[], path: string): Promise<SourceLookup | null> {
  const twin = assets.find((a) => a.endsWith('.js') && stem(a) === stem(path))
  if (!twin || !assets.includes(`${twin}.map`)) return null
  return new SourceLookup(JSON.parse(await readFile(join(ANALYSIS_DIR, 'renderer/assets', `${twin}.map`), 'utf8')) as SourceMapJson)
}

/** Where the first view's bytes come from: each JS file's characters counted to its source modules; and, if out/ is not minified, the same files minified with oxc. */
async function analyseFirstView(
  files: CodeFile[],
  assets: string[],
): Promise<Pick<RendererResult, 'firstViewSources' | 'firstViewMinifiedGzip'>> {
  const totals = new Map<string, number>()
  let minified = 0
  let unminified = false
  for (const file of files.filter((f) => f.path.endsWith('.js'))) {
    const code = await readFile(join(rendererDir, file.path), 'utf8')
    if (/^\/\/ (src|node_modules)\//m.test(code)) {
      unminified = true
      minified += gzipSync(minifySync(basename(file.path), code, { compress: true, mangle: true }).code).length
    } else minified += file.gzip
    const twin = assets.find((a) => a.endsWith('.js') && stem(a) === stem(file.path))
    if (!twin || !assets.includes(`${twin}.map`)) continue
    const twinCode = await readFile(join(ANALYSIS_DIR, 'renderer/assets', twin), 'utf8')
    const map = JSON.parse(await readFile(join(ANALYSIS_DIR, 'renderer/assets', `${twin}.map`), 'utf8')) as SourceMapJson
    for (const [source, n] of bytesBySource(twinCode, map)) totals.set(moduleGroup(source), (totals.get(moduleGroup(source)) ?? 0) + n)
  }
  const all = [...totals.values()].reduce((a, b) => a + b, 0)
  const css = files.filter((f) => f.path.endsWith('.css')).reduce((a, f) => a + f.gzip, 0)
  return {
    firstViewSources: [...totals]
      .map(([source, raw]) => ({ source, raw, share: round((raw / all) * 100) }))
      .sort((a, b) => b.raw - a.raw)
      .slice(0, 15),
    firstViewMinifiedGzip: unminified ? minified + css : null,
  }
}

/** The start's JS self time by source module (package or source file), through the source maps. */
async function startTimeByModule(profile: Profile, assets: string[]): Promise<{ source: string; ms: number }[]> {
  const lookups = new Map<string, SourceLookup | null>()
  const totals = new Map<string, number>()
  for (const { frame, ms } of selfTimes(profile)) {
    let source = frame.functionName.startsWith('(') ? frame.functionName : '(browser built-ins)'
    // Chromium's own scripts have names that are not URLs ("v8/LoadTimes"): they count as the browser's.
    if (frame.url && URL.canParse(frame.url)) {
      const path = new URL(frame.url).pathname
      if (!lookups.has(path)) lookups.set(path, await lookupFor(assets, path))
      const found = lookups.get(path)?.sourceAt(frame.lineNumber, frame.columnNumber)
      source = found ? moduleGroup(found) : `${basename(path)} (unmapped)`
    }
    if (source === '(idle)' || source === '(program)') continue
    totals.set(source, (totals.get(source) ?? 0) + ms)
  }
  return [...totals]
    .map(([source, ms]) => ({ source, ms: round(ms) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 12)
}

/**
 * Puts the floor page into out/renderer for this run: the app's own index.html (its CSP, stylesheet and fonts) with
 * the app's scripts swapped for bench/page/floor.js.
 */
async function installFloor(): Promise<void> {
  const index = await readFile(join(rendererDir, 'index.html'), 'utf8')
  const withoutApp = index.replace(/\s*<script\b[^>]*><\/script>/g, '').replace(/\s*<link rel="modulepreload"[^>]*>/g, '')
  if (withoutApp === index) throw new Error("the app's scripts are not where the bench expects them in out/renderer/index.html")
  await writeFile(
    join(rendererDir, 'floor.html'),
    withoutApp.replace('</head>', '  <script type="module" src="./floor.js"></script>\n  </head>'),
  )
  await writeFile(join(rendererDir, 'floor.js'), floorJs)
}

async function removeFloor(): Promise<void> {
  await rm(join(rendererDir, 'floor.html'), { force: true })
  await rm(join(rendererDir, 'floor.js'), { force: true })
}

const dataDir = await tempFolder('renderer')
const server = await startBrowse({ outDir, dataDir })
const browser = await launchChromium()
const problems: string[] = []
try {
  // 1 and 2: start, and what it loads.
  log(`renderer: ${START_RUNS} starts (and a warm-up)`)
  const warmup = await startRun(browser, server.url, problems)
  const runs: StartRun[] = []
  for (let i = 0; i < START_RUNS; i++) runs.push(await startRun(browser, server.url, problems))
  const { mainThread, profile: startProfile } = await diagnosticRun(browser, server.url, problems)
  // The floor: the least page of the same shape, in the same harness, taken the same way (bench/page/floor.js).
  log(`renderer: ${START_RUNS} starts of the floor page`)
  const floorReady: number[] = []
  const floorRuns: StartRun[] = []
  let floorMainThread: RendererResult['start']['mainThread'] | null = null
  await installFloor()
  try {
    await startRun(browser, `${server.origin}/floor.html`, problems)
    for (let i = 0; i < START_RUNS; i++) {
      const run = await startRun(browser, `${server.origin}/floor.html`, problems)
      floorRuns.push(run)
      floorReady.push(run.marks['filteredPainted'] ?? Number.NaN)
    }
    floorMainThread = (await diagnosticRun(browser, `${server.origin}/floor.html`, problems)).mainThread
  } finally {
    await removeFloor()
  }
  const ready = runs.map((r) => r.marks['filteredPainted'] ?? Number.NaN)
  // Medians over the app's runs or the floor page's, by the same rules.
  const medianIn = (list: StartRun[], f: (r: StartRun) => number) => summarise(list.map(f)).p50
  const phaseIn = (list: StartRun[], name: string) => medianIn(list, (r) => r.marks[name] ?? Number.NaN)
  const phase = (name: string) => phaseIn(runs, name)
  const apiEnd = (run: StartRun, call: string) => run.resources.find((r) => r.url.includes(`/api/${call}`))?.responseEnd ?? Number.NaN
  const resourceEnd = (run: StartRun, pattern: RegExp) => run.resources.find((r) => pattern.test(r.url))?.responseEnd ?? Number.NaN
  const medianOf = (f: (r: StartRun) => number) => medianIn(runs, f)
  const apiCalls = [...new Set(runs[0]!.resources.filter((r) => r.url.includes('/api/')).map((r) => new URL(r.url).pathname))]
  const milestones: Record<string, number> = {
    'HTML received': medianOf((r) => r.navigation?.['responseEnd'] ?? Number.NaN),
    'main script received': medianOf((r) => resourceEnd(r, /assets\/index-.*\.js/)),
    'DOMContentLoaded (scripts ran)': medianOf((r) => r.navigation?.['domContentLoaded'] ?? Number.NaN),
    'app shell in the DOM': phase('shellInDom'),
    'first contentful paint': medianOf((r) => r.paints['first-contentful-paint'] ?? Number.NaN),
    ...Object.fromEntries(
      apiCalls.map((path) => [`${path.replace('/api/', '')} answered`, medianOf((r) => apiEnd(r, path.replace('/api/', '')))]),
    ),
    'list in the DOM': phase('listInDom'),
    'list painted': phase('listPainted'),
    'filter typed': phase('typed'),
    'filtered list in the DOM': phase('filteredInDom'),
    'filtered list painted (ready)': phase('filteredPainted'),
  }
  const breakdown = Object.fromEntries(Object.entries(milestones).sort((a, b) => a[1] - b[1]))
  // The floor page's own milestones, taken the same way: where the app's time above it goes, step by step.
  const floorMedian = (f: (r: StartRun) => number) => medianIn(floorRuns, f)
  const floorPhase = (name: string) => phaseIn(floorRuns, name)
  const floorBreakdown: Record<string, number> = {
    'HTML received': floorMedian((r) => r.navigation?.['responseEnd'] ?? Number.NaN),
    'its script received': floorMedian((r) => resourceEnd(r, /floor\.js/)),
    'DOMContentLoaded (scripts ran)': floorMedian((r) => r.navigation?.['domContentLoaded'] ?? Number.NaN),
    'list in the DOM': floorPhase('listInDom'),
    'list painted': floorPhase('listPainted'),
    'filtered list in the DOM': floorPhase('filteredInDom'),
    'filtered list painted (ready)': floorPhase('filteredPainted'),
  }
  const filteredEveryRun = runs.every((r) => r.marks['filteredInDom'] !== null && r.listed.after < r.listed.before)

  // What was requested before the list was painted, in every run (the union; they agree).
  const firstView = new Map<string, CodeFile>()
  for (const run of runs) {
    const painted = run.marks['listPainted'] ?? Infinity
    for (const r of run.resources) if (isCode(r.url) && r.startTime < painted) firstView.set(r.url, await sizeOf(r.url))
  }
  const firstFiles = [...firstView.values()].sort((a, b) => b.gzip - a.gzip)
  const firstGzip = firstFiles.reduce((s, f) => s + f.gzip, 0)

  // 3b: search end to end, real pack.
  log('renderer: palette keystrokes')
  const page = await newPage(browser, problems)
  await page.goto(server.url)
  await page.evaluate('window.__atlasBench.start')
  const indexReadyMs = (await page.evaluate('window.__atlasBench.openPalette()')) as number
  const keystrokes: { query: string; rendered: number; domUpdated: number | null; nextFrame: number; options: number }[] = []
  for (let round = 0; round < KEYSTROKE_ROUNDS + 1; round++) {
    for (const q of QUERIES) {
      await page.evaluate(`window.__atlasBench.keystroke('')`)
      for (let i = 1; i <= q.text.length; i++) {
        const k = q.text.slice(0, i)
        const m = (await page.evaluate(`window.__atlasBench.keystroke(${JSON.stringify(k)})`)) as Omit<(typeof keystrokes)[number], 'query'>
        if (round > 0) keystrokes.push({ query: k, ...m }) // round 0 warms up
      }
    }
  }
  await page.context().close()

  // 6: every view, then the heap after a forced GC; and what each view loaded.
  log('renderer: every view, then the heap')
  const heapPage = await newPage(browser, problems)
  const net = networkQuiet(heapPage)
  const cdp = await heapPage.context().newCDPSession(heapPage)
  const heapNow = async () => {
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number }
    const precise = (await heapPage.evaluate('performance.memory.usedJSHeapSize')) as number
    return { usedMB: round(usage.usedSize / 1e6), totalMB: round(usage.totalSize / 1e6), performanceMemoryMB: round(precise / 1e6) }
  }
  await heapPage.goto(server.url)
  await heapPage.evaluate('window.__atlasBench.start')
  await net.settle()
  const heapFirstView = await heapNow()
  const VIEWS: [string, string][] = [
    ['organisations', '#/'],
    ['profile', '#/org/cecop'],
    ['network', '#/network'],
    ['map', '#/map'],
    ['timeline', '#/timeline'],
    ['plan', '#/plan'],
    ['compare', '#/compare?ids=cecop,cicopa'],
    ['notes', '#/notes'],
    ['settings', '#/settings'],
  ]
  const lazy: RendererResult['lazyChunks'] = []
  for (const [view, hash] of VIEWS) {
    const seen = net.requests.length
    net.mark()
    await heapPage.evaluate(`location.hash = ${JSON.stringify(hash)}`)
    await heapPage.waitForSelector('#main:not(:has(.loading))', { timeout: 20_000 })
    await net.settle()
    const files: CodeFile[] = []
    for (const r of net.requests.slice(seen)) if (isCode(r.url())) files.push(await sizeOf(r.url()))
    lazy.push({ view, files })
  }
  const heapAllViews = await heapNow()
  await heapPage.context().close()

  const startMissed = summarise(ready).p50 > BUDGETS.startMs
  const firstViewMissed = firstGzip > BUDGETS.firstViewGzipBytes
  const assets = startMissed || firstViewMissed ? buildWithSourceMaps() : null
  const analysis = assets && firstViewMissed ? await analyseFirstView(firstFiles, assets) : {}
  const startByModule = assets && startMissed ? await startTimeByModule(startProfile, assets) : null
  await rm(ANALYSIS_DIR, { recursive: true, force: true })
  const allKeystrokes = summarise(keystrokes.map((k) => k.rendered))
  const result: RendererResult = {
    start: {
      runs: runs.length,
      readyMs: summarise(ready),
      readyEachMs: ready.map(round),
      warmupReadyMs: round(warmup.marks['filteredPainted'] ?? Number.NaN),
      floorReadyMs: summarise(floorReady),
      ...(floorMainThread ? { floorMainThread } : {}),
      floorBreakdownMedianMs: Object.fromEntries(Object.entries(floorBreakdown).map(([k, ms]) => [k, round(ms)])),
      mainThread,
      jsSelfTimeByModule: startByModule,
      breakdownMedianMs: Object.fromEntries(Object.entries(breakdown).map(([k, ms]) => [k, round(ms)])),
      filterText: FILTER_TEXT,
      filteredEveryRun,
      listed: runs[0]!.listed,
      apiCalls,
    },
    firstView: { files: firstFiles, gzipBytes: firstGzip, rawBytes: firstFiles.reduce((s, f) => s + f.raw, 0) },
    lazyChunks: lazy,
    palette: {
      indexReadyMs: round(indexReadyMs),
      keystrokes: keystrokes.length,
      renderedMs: allKeystrokes,
      nextFrameMs: summarise(keystrokes.map((k) => k.nextFrame)),
      slowest: [...keystrokes].sort((a, b) => b.rendered - a.rendered).slice(0, 8),
      perQueryP95Ms: Object.fromEntries(
        QUERIES.map((q) => [
          q.text,
          round(summarise(keystrokes.filter((k) => q.text.startsWith(k.query) && k.query.length > 0).map((k) => k.rendered)).p95),
        ]),
      ),
    },
    heap: { firstView: heapFirstView, afterEveryView: heapAllViews, views: VIEWS.map(([v]) => v) },
    ...analysis,
    problems,
  }
  writeResult(out, result)
} finally {
  await browser.close()
  await server.stop()
  await rm(dataDir, { recursive: true, force: true })
}
