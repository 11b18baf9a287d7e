/**
 * Portable mode: when a folder named `coop-atlas-data` sits beside the app, the app keeps its user data (notes,
 * backups, window position, Chromium's session data) in that folder instead of the user's profile, so the app
 * and its notes travel together on a USB stick. A file of that name does not count: only a folder does.
 *
 * "Beside the app" is where a user sees the app: beside Coop Atlas.exe on Windows (an unpacked or installed
 * copy), beside the .AppImage file (not its temporary mount) or the executable of an unpacked Linux copy, and
 * beside Coop Atlas.app on macOS.
 */
import { statSync } from 'node:fs'
import { posix, win32 } from 'node:path'

export const PORTABLE_DATA_FOLDER = 'coop-atlas-data'

export interface PortableProbe {
  /** app.isPackaged: a development run (the Electron binary in node_modules) is never portable. */
  isPackaged: boolean
  /** process.execPath */
  execPath: string
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  isDirectory: (path: string) => boolean
}

/** The folder that holds the app as the user sees it (see the module comment). */
export function appLocation(execPath: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  const path = platform === 'win32' ? win32 : posix
  if (platform === 'linux') {
    // An AppImage runs from a temporary mount (APPDIR); APPIMAGE is the file the user started. Both are only
    // trusted when this executable is inside that mount: another AppImage's terminal passes its own on.
    const appImage = env['APPIMAGE']
    const appDir = env['APPDIR']
    if (appImage && appDir && path.isAbsolute(appImage) && execPath.startsWith(appDir.replace(/\/+$/, '') + '/')) {
      return path.dirname(appImage)
    }
  }
  if (platform === 'darwin') {
    const bundle = /^(.*\.app)\/Contents\/MacOS\/[^/]+$/.exec(execPath)
    if (bundle?.[1]) return path.dirname(bundle[1])
  }
  return path.dirname(execPath)
}

/** The portable user-data folder, or null to use Electron's default (app.getPath('userData')). */
export function portableUserDataDir(probe: PortableProbe): string | null {
  if (!probe.isPackaged) return null
  const path = probe.platform === 'win32' ? win32 : posix
  const candidate = path.join(appLocation(probe.execPath, probe.platform, probe.env), PORTABLE_DATA_FOLDER)
  return probe.isDirectory(candidate) ? candidate : null
}

/** True for an existing folder; false for a file, a missing path or one that cannot be read. */
export function directoryExists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false
  } catch {
    return false
  }
}
