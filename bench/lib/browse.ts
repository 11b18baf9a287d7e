/**
 * `npm run browse`'s built server (out/main/browse.js) and Debian's Chromium through playwright-core, as the
 * e2e tests drive them (test/e2e/support/browse.ts), with the out folder passed in rather than found relative to
 * a source file (the bench runs bundled, from bench/.build).
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'

export interface BrowseProcess {
  url: string
  origin: string
  output: () => string
  stop(): Promise<void>
}

export function startBrowse(options: { outDir: string; dataDir: string }): Promise<BrowseProcess> {
  const args = [join(options.outDir, 'main/browse.js'), '--data-dir', options.dataDir, '--no-open']
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`browse did not start:\n${output}`)), 30_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`browse exited with ${code}:\n${output}`))
    })
    child.stdout.on('data', () => {
      const match = /running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=\S+)/.exec(output)
      if (!match) return
      clearTimeout(timer)
      const url = match[1]!
      done({
        url,
        origin: new URL(url).origin,
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

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // performance.memory in bytes, not bucketed.
      '--enable-precise-memory-info',
    ],
  })
}
