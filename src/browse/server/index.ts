/**
 * `npm run browse`: Coop Atlas without the Electron runtime. Serves the built renderer and the same handler
 * table on 127.0.0.1, over the same user-data folder as the desktop app (never both at once: the store lock).
 *
 *   node out/main/browse.js [--data-dir DIR] [--pack-dir DIR] [--pack-keys FILE] [--port N] [--no-open]
 *                           [--sync-poll-ms N]
 *
 * `--pack-keys FILE` trusts the keys listed in FILE (the form of src/main/content/pack-keys.json) instead of the
 * keys this build ships, for pack files signed by a test key or by a maintainer's next key not yet released. It is a
 * flag of this developer script only: the desktop app has no such option, and browse.js is not packed into it.
 *
 * Synchronisation (Settings → Sync) runs here as in the desktop app. `--sync-poll-ms N` reads the sync folders every
 * N ms instead of every 30 s (for tests driving two instances over one folder; watching stays on).
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startApp } from '../../main/app-context'
import { parseKeyList } from '../../main/content/pack-signature'
import { defaultUserDataDir } from '../../main/user-data-dir'
import { noticeInEnglish } from '../../main/store/notice-english'
import { pickLocale } from '../../shared/content/texts'
import { ServiceError } from '../../shared/errors'
import { cannotStartLine, startErrorText } from '../../main/data-folder-errors'
import { startBrowseServer } from './server'

// Built as out/main/browse.js: the renderer is beside it in ../renderer, the project two levels up.
const projectRoot = fileURLToPath(new URL('../../', import.meta.url))
const rendererRoot = fileURLToPath(new URL('../renderer/', import.meta.url))
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'pack-dir': { type: 'string' },
    'pack-keys': { type: 'string' },
    port: { type: 'string' },
    'no-open': { type: 'boolean', default: false },
    'sync-poll-ms': { type: 'string' },
  },
})

const version = (JSON.parse(readFileSync(`${projectRoot}package.json`, 'utf8')) as { version: string }).version
const userDataDir = values['data-dir'] ?? defaultUserDataDir()
const syncPollMs = values['sync-poll-ms'] ? Number(values['sync-poll-ms']) : null
if (syncPollMs !== null && (!Number.isInteger(syncPollMs) || syncPollMs < 50)) {
  console.error('--sync-poll-ms takes a whole number of milliseconds, 50 or more.')
  process.exit(64)
}

function openInSystemBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  const child = spawn(command, [url], { stdio: 'ignore', detached: true })
  child.on('error', () => undefined) // No system browser: the printed address is enough.
  child.unref()
}

try {
  const app = await startApp({
    userDataDir,
    packDir: values['pack-dir'] ?? `${projectRoot}resources/content`,
    shell: 'browse',
    version,
    openExternal: async () => false,
    ...(values['pack-keys'] ? { trustedPackKeys: parseKeyList(JSON.parse(readFileSync(values['pack-keys'], 'utf8'))) } : {}),
    ...(syncPollMs ? { sync: { pollMs: syncPollMs } } : {}),
    // Built beside this file (electron.vite.config.ts).
    workersDir: fileURLToPath(new URL('.', import.meta.url)),
  })
  const server = await startBrowseServer({
    rendererRoot,
    dispatch: app.dispatch,
    token: randomBytes(24).toString('base64url'),
    ...(values.port ? { port: Number(values.port) } : {}),
  })
  console.log(`Coop Atlas is running at ${server.url}`)
  console.log(`Your notes are in ${userDataDir}. Press Ctrl+C to stop.`)
  if (app.ctx.storeNotice) console.log(`Notice: ${noticeInEnglish(app.ctx.storeNotice)}`)
  const sync = app.ctx.sync.status()
  if (sync.folder ?? sync.team.folder)
    console.log(`Synchronising through ${[sync.folder, sync.team.folder].filter(Boolean).join(' and ')} as device ${sync.device.id}.`)
  if (!values['no-open'] && !process.env['CI']) openInSystemBrowser(server.url)

  const stop = async () => {
    await server.close()
    await app.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
} catch (error) {
  if (error instanceof ServiceError) {
    // Said in the terminal's language (LANG and its kin, as the system gives them), English otherwise.
    const locale = pickLocale([process.env['LC_ALL'], process.env['LC_MESSAGES'], process.env['LANG']].filter((tag) => !!tag) as string[])
    console.error(cannotStartLine(locale, startErrorText(error, locale)))
    process.exit(1)
  }
  throw error
}
