/**
 * Where Electron keeps a user's data for an app named `name` (app.getPath('userData')), worked out without
 * Electron so that `npm run browse` opens the very same store as the desktop app.
 */
import { homedir } from 'node:os'
import { join } from 'node:path'

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
