// `npm start`: opens the built desktop app, or explains in one paragraph what to do where Electron's runtime
// is missing (installed with --ignore-scripts, or where its download is blocked) instead of a stack trace.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

function electronBinary() {
  try {
    const packageDir = dirname(require.resolve('electron/package.json'))
    const pathFile = join(packageDir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

const binary = electronBinary()
if (!binary) {
  console.error(
    [
      '',
      'Coop Atlas is built, but the Electron runtime is not installed, so the desktop window cannot open.',
      'Electron downloads its runtime when it is installed; that step was skipped (npm ci --ignore-scripts) or could not reach its server.',
      'To get it, run `node node_modules/electron/install.js` (or `npm rebuild electron`) on a machine that can download it.',
      'Without it, `npm run browse` runs the very same app in your web browser, over the same notes.',
      '',
    ].join('\n'),
  )
  process.exit(1)
}

const child = spawn(binary, ['.'], { stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
