#!/usr/bin/env node
// @ts-check
/**
 * Every platform's app icon from ONE source, resources/icon.svg:
 *
 *   resources/icons/png/NxN.png   Linux (AppImage, deb), 16 to 1024 px
 *   resources/icons/icon.ico      Windows (the .exe, the NSIS installer and uninstaller), 16 to 256 px
 *   resources/icons/icon.icns     macOS (the .app and the dmg), 16 to 1024 px, drawn inside Apple's icon grid
 *   resources/icons/icons.json    what was made, from which source (its SHA-256) and with which renderer
 *   src/renderer/public/favicon.svg   a copy of the source, so the window and the dock show the same mark
 *
 *   node scripts/make-icons.mjs   (npm run icons)
 *
 * The SVG is rasterised by rsvg-convert (librsvg: `apt-get install librsvg2-bin`, `brew install librsvg`); set
 * RSVG_CONVERT to use another copy. The outputs are committed, so building and CI never need it: run this only
 * after changing icon.svg (a unit test fails while icons.json names another source hash). The .ico and .icns
 * containers are written by scripts/icon-formats.mjs.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { encodeIcns, encodeIco, ICNS_TYPES } from './icon-formats.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const source = join(root, 'resources', 'icon.svg')
const outDir = join(root, 'resources', 'icons')
const pngDir = join(outDir, 'png')
const favicon = join(root, 'src', 'renderer', 'public', 'favicon.svg')

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
/** macOS icons leave a margin around the shape: 824 of 1024 px (Apple's app icon grid). */
export const MAC_BODY = 824 / 1024

const rsvg = process.env['RSVG_CONVERT'] ?? 'rsvg-convert'

function rendererVersion() {
  try {
    return execFileSync(rsvg, ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    console.error(
      [
        `make-icons: "${rsvg}" was not found. It turns resources/icon.svg into PNGs.`,
        'Install librsvg (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg), or point RSVG_CONVERT at a copy.',
        'The icons in resources/icons are committed: you need this only after changing resources/icon.svg.',
      ].join('\n'),
    )
    process.exit(1)
  }
}

/**
 * The same drawing with a transparent margin on every side, by widening the root viewBox.
 * @param {string} svg
 * @param {number} body the share of the canvas the drawing keeps
 */
export function withMargin(svg, body) {
  const match = /<svg\b[^>]*?\sviewBox="([^"]+)"/.exec(svg)
  if (!match?.[1]) throw new Error('resources/icon.svg needs a viewBox on its root element.')
  const [x = 0, y = 0, w = 0, h = 0] = match[1]
    .trim()
    .split(/[\s,]+/)
    .map(Number)
  const padX = (w / body - w) / 2
  const padY = (h / body - h) / 2
  const viewBox = [x - padX, y - padY, w + 2 * padX, h + 2 * padY].map((n) => Number(n.toFixed(4))).join(' ')
  return svg.replace(match[0], match[0].replace(match[1], viewBox))
}

/**
 * @param {string} svgFile
 * @param {number} size
 * @param {string} tmp
 */
function render(svgFile, size, tmp) {
  const file = join(tmp, `${size}-${Math.random().toString(36).slice(2)}.png`)
  execFileSync(rsvg, ['--width', String(size), '--height', String(size), '--format', 'png', '--output', file, svgFile])
  return readFileSync(file)
}

async function main() {
  const renderer = rendererVersion()
  const svg = readFileSync(source, 'utf8')
  const tmp = mkdtempSync(join(tmpdir(), 'coop-atlas-icons-'))
  try {
    mkdirSync(pngDir, { recursive: true })
    for (const name of readdirSync(pngDir)) if (name.endsWith('.png')) rmSync(join(pngDir, name))

    /** @type {Map<number, Buffer>} */
    const flat = new Map()
    for (const size of new Set([...LINUX_SIZES, ...ICO_SIZES])) flat.set(size, render(source, size, tmp))
    for (const size of LINUX_SIZES) writeFileSync(join(pngDir, `${size}x${size}.png`), /** @type {Buffer} */ (flat.get(size)))
    writeFileSync(join(outDir, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => /** @type {Buffer} */ (flat.get(size)))))

    const macSvg = join(tmp, 'icon-mac.svg')
    writeFileSync(macSvg, withMargin(svg, MAC_BODY))
    const macSizes = [...new Set(Object.values(ICNS_TYPES))]
    writeFileSync(join(outDir, 'icon.icns'), encodeIcns(new Map(macSizes.map((size) => [size, render(macSvg, size, tmp)]))))

    writeFileSync(favicon, svg)

    const manifest = {
      source: relative(root, source),
      sha256: createHash('sha256').update(svg).digest('hex'),
      renderer,
      linux: LINUX_SIZES.map((size) => `png/${size}x${size}.png`),
      ico: { file: 'icon.ico', sizes: ICO_SIZES },
      icns: { file: 'icon.icns', types: ICNS_TYPES, macBody: MAC_BODY },
      favicon: relative(root, favicon),
    }
    const prettier = await import('prettier')
    const manifestFile = join(outDir, 'icons.json')
    const options = { ...(await prettier.resolveConfig(manifestFile)), filepath: manifestFile }
    writeFileSync(manifestFile, await prettier.format(JSON.stringify(manifest), options))
    console.log(`make-icons: wrote ${relative(root, outDir)} from ${relative(root, source)} with ${renderer}.`)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
