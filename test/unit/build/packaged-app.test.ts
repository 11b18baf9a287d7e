/**
 * What the installers would contain, checked without the Electron runtime:
 *
 * 1. The built main process (out/main, rebuilt here first, as `npm run dist` does) imports only Node built-ins,
 *    `electron` and production dependencies, and each of those loads as ESM in plain Node.
 * 2. electron-builder, run for real with electron-builder.config.cjs (`--linux dir`, the unpacked app every Linux
 *    target is made from) over a stand-in Electron binary: app.asar holds out/, package.json and the production
 *    dependencies and nothing else; the reference pack sits beside it; the afterPack hook set the fuses.
 *
 * The build writes out/ (a few seconds); electron-builder writes only to a temporary folder.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { builtinModules, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { Worker } from 'node:worker_threads'
import { dirname, join, relative } from 'node:path'
import fuses from '@electron/fuses'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fusesFor } from '../../../scripts/fuses.mjs'
import { writeFakeElectron } from '../../support/fake-electron'
import { aNote, deviceId, minute } from '../../support/notes'
import { canonicalReplica } from '../../../src/main/services/sync/canonical'
import { PortReader, type ReaderPort } from '../../../src/main/services/sync/device-file-reader'
import { decodeDeviceFile, encodeDeviceFile } from '../../../src/main/services/sync/folder-format'

const root = join(import.meta.dirname, '../../..')
const require = createRequire(import.meta.url)
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const dependencies = Object.keys(pkg.dependencies)
/** The worker threads main starts from its own folder (app-context.ts workersDir). */
const WORKERS = ['note-index-worker.js', 'device-file-worker.js']

/** A package's CLI script, run with this Node (no shell, no .bin shims). */
function binOf(name: string, command: string): string {
  const manifest = require.resolve(`${name}/package.json`)
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string | Record<string, string> }).bin
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin[command]!)
}

function run(script: string, args: string[], timeout: number): string {
  try {
    return execFileSync(process.execPath, [script, ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout,
      stdio: 'pipe',
      env: { ...process.env, CI: 'true' },
    })
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    throw new Error(`${relative(root, script)} ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`, { cause: error })
  }
}

/** Every module specifier a built file asks for: static imports and re-exports, import() and require(). */
function specifiersOf(file: string): { specifiers: string[]; computed: number } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS)
  const specifiers: string[] = []
  let computed = 0
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text)
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      const [argument] = node.arguments
      if (argument && ts.isStringLiteralLike(argument)) specifiers.push(argument.text)
      else computed++
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return { specifiers, computed }
}

const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)

/** Names of every package the production dependencies pull in, found on disk the way Node resolves them. */
function productionClosure(): Set<string> {
  const nameByDir = new Map<string, string>()
  const visit = (name: string, from: string) => {
    for (let dir = from; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name)
      if (existsSync(join(candidate, 'package.json'))) {
        if (nameByDir.has(candidate)) return
        nameByDir.set(candidate, name)
        const manifest = JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) as {
          dependencies?: Record<string, string>
          optionalDependencies?: Record<string, string>
        }
        for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dep, candidate)
        return
      }
      if (dir === root || dirname(dir) === dir) return // an optional dependency that is not installed
    }
  }
  for (const name of dependencies) visit(name, root)
  return new Set(nameByDir.values())
}

interface AsarEntry {
  files?: Record<string, AsarEntry>
  size?: number
  offset?: string
}

/** The file list of an asar archive (Chromium pickle header: sizes, then the JSON index), and a reader. */
function openAsar(file: string): { paths: string[]; read: (path: string) => Buffer } {
  const bytes = readFileSync(file)
  const headerSize = bytes.readUInt32LE(4)
  const index = JSON.parse(bytes.toString('utf8', 16, 16 + bytes.readUInt32LE(12))) as AsarEntry
  const paths: string[] = []
  const walk = (entry: AsarEntry, prefix: string) => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      if (child.files) walk(child, `${prefix}${name}/`)
      else paths.push(`${prefix}${name}`)
    }
  }
  walk(index, '')
  const read = (path: string) => {
    let entry: AsarEntry | undefined = index
    for (const part of path.split('/')) entry = entry?.files?.[part]
    if (entry?.offset === undefined || entry.size === undefined) throw new Error(`${path} is not in the asar.`)
    const start = 8 + headerSize + Number(entry.offset)
    return bytes.subarray(start, start + entry.size)
  }
  return { paths, read }
}

beforeAll(() => {
  run(binOf('electron-vite', 'electron-vite'), ['build'], 120_000)
}, 150_000)

describe('the import scanner', () => {
  it('finds static, re-exported, dynamic and required modules, counts computed ones, and ignores text that only looks like one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coop-atlas-scan-'))
    const file = join(dir, 'sample.js')
    writeFileSync(
      file,
      [
        'import a from "lowdb"',
        "import 'node:fs'",
        "export { b } from './chunks/b.js'",
        "const c = await import('vitest')",
        "const d = require('electron')",
        'const e = await import(name)',
        'const f = `import x from "${from}"`',
      ].join('\n'),
    )
    expect(specifiersOf(file)).toEqual({ specifiers: ['lowdb', 'node:fs', './chunks/b.js', 'vitest', 'electron'], computed: 1 })
    await rm(dir, { recursive: true, force: true })
  })
})

describe('the built main process', () => {
  const mainFiles = () => {
    const files = [
      join(root, 'out/main/index.js'),
      ...WORKERS.map((name) => join(root, 'out/main', name)),
      ...readdirSync(join(root, 'out/main/chunks')).map((f) => join(root, 'out/main/chunks', f)),
    ]
    return files.filter((f) => f.endsWith('.js'))
  }

  it('imports only Node built-ins, electron and production dependencies — never a devDependency', () => {
    const bare = new Set<string>()
    for (const file of mainFiles()) {
      const { specifiers, computed } = specifiersOf(file)
      expect(computed, `${relative(root, file)} has an import whose module is computed at run time`).toBe(0)
      for (const specifier of specifiers) {
        if (specifier.startsWith('.')) {
          // A relative import must stay inside out/main, which is packed whole.
          expect(existsSync(join(dirname(file), specifier)), `${relative(root, file)} → ${specifier}`).toBe(true)
          continue
        }
        if (isBuiltin(specifier) || specifier === 'electron') continue
        bare.add(specifier)
      }
    }
    for (const specifier of bare) {
      const name = packageName(specifier)
      expect(pkg.devDependencies, `${specifier} is a devDependency: it would be missing from the packaged app`).not.toHaveProperty(name)
      expect(dependencies, `${specifier} is not in package.json "dependencies"`).toContain(name)
    }
    // The scan sees what main really imports (lowdb, ESM-only, among them): it cannot pass by finding nothing.
    expect([...bare].map(packageName)).toEqual(expect.arrayContaining(['lowdb', 'write-file-atomic', 'valibot']))
  })

  it('can load every package it imports as ESM in plain Node, as the ESM main process does', () => {
    const bare = [
      ...new Set(
        mainFiles()
          .flatMap((f) => specifiersOf(f).specifiers)
          .filter((s) => !s.startsWith('.') && !isBuiltin(s) && s !== 'electron'),
      ),
    ]
    const script = `for (const s of ${JSON.stringify(bare)}) await import(s); console.log('loaded ' + ${bare.length})`
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }).trim()).toBe(
      `loaded ${bare.length}`,
    )
  })

  it("builds the worker threads beside main's entry, under the names the app starts them by; the sync files' reader reads there", async () => {
    for (const name of WORKERS) expect(existsSync(join(root, 'out/main', name)), name).toBe(true)
    const device = { id: deviceId(1), name: 'laptop' }
    const { bytes } = encodeDeviceFile(device, canonicalReplica([aNote(1, 'read in the worker')], []), new Date(minute(3)))
    const dir = await mkdtemp(join(tmpdir(), 'coop-atlas-worker-'))
    const worker = new Worker(join(root, 'out/main/device-file-worker.js'))
    try {
      const path = join(dir, `${device.id}.json`)
      writeFileSync(path, bytes)
      // The worker's answers, counted on their way: read there (read here, main would have had none).
      const answers: unknown[] = []
      const port: ReaderPort = {
        postMessage: (message, transfer) => worker.postMessage(message, transfer),
        on: (_event, listener) => worker.on('message', (message) => listener(answers.push(message) && message)),
      }
      const reader = new PortReader(port, () => undefined)
      expect(await reader.read(path)).toEqual(decodeDeviceFile(bytes))
      expect(answers).toEqual(['ready', expect.objectContaining({ placed: expect.anything() }), expect.objectContaining({ taken: true })])
    } finally {
      await worker.terminate()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('has a sandboxed preload that requires nothing but electron', () => {
    const { specifiers, computed } = specifiersOf(join(root, 'out/preload/index.cjs'))
    expect(computed).toBe(0)
    expect(new Set(specifiers)).toEqual(new Set(['electron']))
  })
})

describe('electron-builder --linux dir over a stand-in Electron', () => {
  let work = ''
  let appDir = ''
  let asar: ReturnType<typeof openAsar>

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'coop-atlas-pack-'))
    await writeFakeElectron(join(work, 'electron-dist', 'electron'))
    run(
      binOf('electron-builder', 'electron-builder'),
      [
        '--config',
        'electron-builder.config.cjs',
        '--linux',
        'dir',
        '--x64',
        '--publish',
        'never',
        `-c.electronDist=${join(work, 'electron-dist')}`,
        `-c.directories.output=${join(work, 'dist')}`,
        '-c.npmRebuild=false',
      ],
      150_000,
    )
    appDir = join(work, 'dist', 'linux-unpacked')
    asar = openAsar(join(appDir, 'resources', 'app.asar'))
  }, 180_000)

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true })
  })

  it('packs the built app and package.json, and nothing of the sources, tests, scripts or resources', () => {
    for (const path of [
      'package.json',
      'out/main/index.js',
      ...WORKERS.map((name) => `out/main/${name}`),
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ])
      expect(asar.paths).toContain(path)
    const own = asar.paths.filter((p) => !p.startsWith('node_modules/'))
    expect(own.filter((p) => p !== 'package.json' && !p.startsWith('out/'))).toEqual([])
    expect(own).not.toContain('out/main/browse.js')
    expect(own.filter((p) => p.endsWith('.map'))).toEqual([])
    const packed = JSON.parse(asar.read('package.json').toString()) as Record<string, unknown>
    expect(packed).toMatchObject({ main: './out/main/index.js', type: 'module', dependencies: pkg.dependencies })
    expect(packed).not.toHaveProperty('devDependencies')
    expect(packed).not.toHaveProperty('scripts')
  })

  it('packs every production dependency and nothing from devDependencies', () => {
    const packedNames = new Set(
      asar.paths
        .filter((p) => p.startsWith('node_modules/') && p.endsWith('/package.json'))
        .map((p) =>
          p
            .slice(0, -'/package.json'.length)
            .split('/node_modules/')
            .at(-1)!
            .replace(/^node_modules\//, ''),
        )
        .filter((name) => /^(@[^/]+\/)?[^/@]+$/.test(name)),
    )
    const closure = productionClosure()
    for (const name of dependencies) expect(packedNames, name).toContain(name)
    for (const name of packedNames) expect(closure, `${name} is packed but no production dependency needs it`).toContain(name)
    for (const name of Object.keys(pkg.devDependencies).filter((n) => !closure.has(n))) expect(packedNames, name).not.toContain(name)
  })

  it('ships the reference pack beside app.asar, where main reads it when packaged', () => {
    const shipped = readdirSync(join(appDir, 'resources', 'content')).sort()
    expect(shipped).toEqual(readdirSync(join(root, 'resources', 'content')).sort())
    expect(
      readFileSync(join(appDir, 'resources', 'content', 'pack.json')).equals(readFileSync(join(root, 'resources', 'content', 'pack.json'))),
    ).toBe(true)
  })

  it('has the fuses set by the afterPack hook', async () => {
    const wire = (await fuses.getCurrentFuseWire(join(appDir, 'coop-atlas'))) as unknown as Record<number, number>
    for (const [name, on] of Object.entries(fusesFor('linux'))) {
      expect(wire[fuses.FuseV1Options[name as keyof typeof fuses.FuseV1Options]], name).toBe((on ? '1' : '0').charCodeAt(0))
    }
  })
})
