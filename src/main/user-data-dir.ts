/**
 * Where Electron keeps a user's data for an app named `name` (app.getPath('userData')), worked out without
 * Electron so that `npm run browse` opens the very same store as the desktop app.
 */
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

export const APP_NAME = 'Coop Atlas'

export function defaultUserDataDir(
  name = APP_NAME,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home = homedir(),
): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), name)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', name)
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), name)
}

/**
 * The data folder named on the command line with `--data-dir DIR` (or `--data-dir=DIR`), as `npm run browse` takes
 * it: a second set of notes, or a test's own folder. Null when none is named. Other arguments (Chromium's switches,
 * the app's path) are left alone.
 */
export function dataDirArgument(argv: readonly string[], cwd = process.cwd()): string | null {
  const { values } = parseArgs({ args: [...argv], options: { 'data-dir': { type: 'string' } }, strict: false, allowPositionals: true })
  const dir = values['data-dir']
  return typeof dir === 'string' && dir.trim() !== '' ? resolve(cwd, dir) : null
}
