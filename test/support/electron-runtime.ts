/**
 * The Electron runtime, where it is installed: `npm install` downloads it into node_modules/electron/dist (its
 * path in path.txt); `npm ci --ignore-scripts`, as on our build machines, leaves it out. Read without requiring
 * the `electron` package, whose entry point would try to download the runtime. For the desktop-shell e2e and the
 * bench's desktop start, which skip with the reason where there is none, or no display to open a window on.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export type ElectronRuntime = { executable: string } | { missing: string }

export function electronRuntime(projectRoot: string): ElectronRuntime {
  const pkg = join(projectRoot, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  if (!existsSync(pathFile) && !override) {
    return { missing: `no Electron runtime in ${pkg} (installed with --ignore-scripts; a plain npm install downloads it)` }
  }
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const executable = override ? join(override, name) : join(pkg, 'dist', name)
  if (!existsSync(executable)) return { missing: `the Electron runtime ${executable} is not there` }
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'])
    return { missing: 'no display to open a window on (run under xvfb-run)' }
  return { executable }
}
