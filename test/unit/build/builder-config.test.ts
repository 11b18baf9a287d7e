/** electron-builder.config.cjs: loaded and schema-checked the way electron-builder does it, then the settings that matter. */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Configuration, TargetConfiguration } from 'electron-builder'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')
const require = createRequire(import.meta.url)
// A copy: electron-builder's loader normalises the object it is given in place.
const config = structuredClone(require('../../../electron-builder.config.cjs')) as Configuration
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string
  scripts: Record<string, string>
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}

// The copy of app-builder-lib that electron-builder itself uses (its loader and schema are not public exports).
const builderRequire = createRequire(require.resolve('electron-builder/package.json'))
const { getConfig, validateConfiguration } = builderRequire(
  'app-builder-lib/out/util/config/config.js',
) as typeof import('app-builder-lib/out/util/config/config')
const { DebugLogger } = builderRequire('builder-util') as typeof import('builder-util')

const targetNames = (targets: unknown): string[] =>
  (Array.isArray(targets) ? targets : [targets]).map((t) => (typeof t === 'string' ? t : (t as TargetConfiguration).target))

describe('electron-builder.config.cjs', () => {
  it('loads through electron-builder’s own loader and passes its schema', async () => {
    const loaded = await getConfig(root, join(root, 'electron-builder.config.cjs'), null)
    expect(loaded.appId).toBe(config.appId)
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined()
  }, 60_000) // loading electron-builder's modules takes seconds on a busy machine

  it('would be refused by the schema if it were wrong (the check is live)', async () => {
    const misspelt = { ...structuredClone(config), nsis: { ...config.nsis, oneClik: false } } as Configuration
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/)
  })

  it('names the app', () => {
    expect(config.appId).toBe('coop.atlas.desktop')
    expect(config.productName).toBe('Coop Atlas')
    const meta = config.extraMetadata as { homepage: string; author: { name: string; email: string } }
    expect(meta.homepage).toMatch(/^https:\/\//)
    expect(meta.author.email).toMatch(/^[^@\s]+@[^@\s]+$/)
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/)
  })

  it('builds AppImage and deb on Linux, an assisted per-user NSIS installer on Windows, and a dmg on macOS', () => {
    expect(targetNames(config.linux?.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']))
    expect(targetNames(config.win?.target)).toEqual(['nsis'])
    expect(targetNames(config.mac?.target)).toEqual(['dmg'])
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      deleteAppDataOnUninstall: false,
    })
  })

  it('packs only the build and package.json into an asar, with the reference pack beside it', () => {
    expect(config.asar).toBe(true)
    const files = config.files as string[]
    expect(files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']))
    // Every pattern that adds files is under out/ or is package.json: src/, test/, resources/, scripts/ and
    // node_modules (added by electron-builder from "dependencies" only) are never matched.
    for (const pattern of files.filter((p) => !p.startsWith('!')))
      expect(pattern === 'package.json' || pattern.startsWith('out/')).toBe(true)
    expect(files).toContain('!out/main/browse.js')
    expect(config.extraResources).toEqual([{ from: 'resources/content', to: 'content', filter: ['**/*'] }])
    expect(existsSync(join(root, 'resources/content/pack.json'))).toBe(true)
    // …which is where the packaged main process looks for it.
    expect(readFileSync(join(root, 'src/main/index.ts'), 'utf8')).toContain("join(process.resourcesPath, 'content')")
    expect(pkg.main).toBe('./out/main/index.js')
  })

  it('runs the fuse hook after packing', async () => {
    expect(config.afterPack).toBe('./scripts/after-pack.mjs')
    const hook = (await import('../../../scripts/after-pack.mjs')) as { default: unknown }
    expect(typeof hook.default).toBe('function')
  })

  it('points every platform at the generated icons', () => {
    expect(statSync(join(root, config.linux!.icon as string)).isDirectory()).toBe(true)
    expect(existsSync(join(root, config.linux!.icon as string, '512x512.png'))).toBe(true)
    expect(config.win?.icon).toBe('resources/icons/icon.ico')
    expect(config.mac?.icon).toBe('resources/icons/icon.icns')
    for (const file of [config.win!.icon!, config.mac!.icon!]) expect(existsSync(join(root, file))).toBe(true)
  })

  it('is used by the dist scripts, which build first and never publish', () => {
    for (const [script, flag] of [
      ['dist', ''],
      ['dist:linux', '--linux'],
      ['dist:win', '--win'],
      ['dist:mac', '--mac'],
    ] as const) {
      const command = pkg.scripts[script]
      expect(command, script).toMatch(/^npm run build && electron-builder --config electron-builder\.config\.cjs /)
      expect(command, script).toContain('--publish never')
      if (flag) expect(command, script).toContain(flag)
    }
  })

  it('keeps the build tools out of the app’s dependencies', () => {
    for (const tool of ['electron', 'electron-builder', '@electron/fuses', 'electron-vite']) {
      expect(pkg.dependencies, tool).not.toHaveProperty(tool)
      expect(pkg.devDependencies, tool).toHaveProperty(tool)
    }
  })
})
