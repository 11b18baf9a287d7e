/**
 * The app icons in resources/icons, made by scripts/make-icons.mjs from resources/icon.svg: each file is read
 * back with a small reader written here (not the writer's code), and checked for the sizes each platform needs.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodePng, encodeIcns, encodeIco } from '../../../scripts/icon-formats.mjs'
import { withMargin } from '../../../scripts/make-icons.mjs'

const root = join(import.meta.dirname, '../../..')
const icons = join(root, 'resources/icons')
const read = (file: string) => readFileSync(join(root, file))

function pngSize(bytes: Buffer): { width: number; height: number; colorType: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colorType: bytes[25]! }
}

/** The images of an .ico: size from the directory, and the image itself (PNG, or a BMP header's size). */
function readIco(bytes: Buffer) {
  expect(bytes.readUInt16LE(0)).toBe(0)
  expect(bytes.readUInt16LE(2)).toBe(1)
  const count = bytes.readUInt16LE(4)
  let expectedOffset = 6 + 16 * count
  const images = Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i
    const size = bytes[at] || 256
    expect(bytes[at + 1] || 256).toBe(size)
    expect(bytes.readUInt16LE(at + 6)).toBe(32)
    const length = bytes.readUInt32LE(at + 8)
    const offset = bytes.readUInt32LE(at + 12)
    expect(offset).toBe(expectedOffset) // images follow each other, without gaps or overlaps
    expectedOffset += length
    expect(offset + length).toBeLessThanOrEqual(bytes.length)
    const data = bytes.subarray(offset, offset + length)
    if (data[0] === 0x89) return { size, format: 'png', ...pngSize(data) }
    expect(data.readUInt32LE(0)).toBe(40)
    expect(data.readUInt16LE(14)).toBe(32)
    const maskStride = Math.ceil(size / 32) * 4
    expect(length).toBe(40 + size * size * 4 + maskStride * size)
    return {
      size,
      format: 'bmp',
      width: data.readInt32LE(4),
      height: data.readInt32LE(8) / 2,
      pixels: data.subarray(40, 40 + size * size * 4),
    }
  })
  expect(expectedOffset).toBe(bytes.length) // nothing after the last image
  return images as { size: number; format: 'png' | 'bmp'; width: number; height: number; pixels?: Buffer }[]
}

/** The chunks of an .icns: type and PNG payload. */
function readIcns(bytes: Buffer): Map<string, Buffer> {
  expect(bytes.toString('latin1', 0, 4)).toBe('icns')
  expect(bytes.readUInt32BE(4)).toBe(bytes.length)
  const chunks = new Map<string, Buffer>()
  for (let at = 8; at < bytes.length;) {
    const type = bytes.toString('latin1', at, at + 4)
    const length = bytes.readUInt32BE(at + 4)
    expect(length).toBeGreaterThan(8)
    chunks.set(type, bytes.subarray(at + 8, at + length))
    at += length
    expect(at).toBeLessThanOrEqual(bytes.length)
  }
  return chunks
}

const BRICK = [0x8a, 0x3b, 0x12]

describe('the icon source', () => {
  it('is resources/icon.svg, and the favicon is the same file', () => {
    const svg = read('resources/icon.svg')
    expect(read('src/renderer/public/favicon.svg').equals(svg)).toBe(true)
    expect(svg.toString()).toMatch(/viewBox="0 0 64 64"/)
    expect(svg.toString()).toContain('#8a3b12')
    expect(svg.toString()).toContain('#faf8f4')
  })

  it('is the one the committed icons were made from (else run `npm run icons`)', () => {
    const manifest = JSON.parse(readFileSync(join(icons, 'icons.json'), 'utf8')) as { source: string; sha256: string }
    expect(manifest.source).toBe('resources/icon.svg')
    expect(manifest.sha256, 'resources/icon.svg changed: run `npm run icons` and commit resources/icons').toBe(
      createHash('sha256').update(read('resources/icon.svg')).digest('hex'),
    )
  })
})

describe('Linux icons', () => {
  it('has an RGBA PNG of every size from 16 to 1024 px', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(read(`resources/icons/png/${size}x${size}.png`)), `${size}x${size}.png`).toEqual({
        width: size,
        height: size,
        colorType: 6,
      })
    }
  })

  it('draws the mark: the brick-red square, transparent outside its rounded corners', () => {
    const { rgba, width } = decodePng(read('resources/icons/png/256x256.png'))
    const pixel = (x: number, y: number) => [...rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)]
    expect(pixel(0, 0)[3]).toBe(0)
    expect(pixel(128, 20)).toEqual([...BRICK, 255])
  })
})

describe('icon.ico', () => {
  const images = readIco(read('resources/icons/icon.ico'))

  it('holds 16 to 256 px, each image the size its directory entry says', () => {
    expect(images.map((i) => i.size)).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 256]))
    for (const image of images) expect([image.width, image.height], `${image.size} px`).toEqual([image.size, image.size])
  })

  it('stores 256 px as PNG and smaller sizes as 32-bit bitmaps every Windows reader takes', () => {
    expect(images.find((i) => i.size === 256)?.format).toBe('png')
    for (const image of images.filter((i) => i.size < 256)) expect(image.format, `${image.size} px`).toBe('bmp')
  })

  it('has the mark in its bitmaps (BGRA, bottom-up)', () => {
    const image = images.find((i) => i.size === 32)!
    const bgra = (x: number, y: number) => [...image.pixels!.subarray(((31 - y) * 32 + x) * 4, ((31 - y) * 32 + x) * 4 + 4)]
    expect(bgra(16, 2)).toEqual([BRICK[2], BRICK[1], BRICK[0], 255])
    expect(bgra(0, 0)[3]).toBe(0)
  })
})

describe('icon.icns', () => {
  const chunks = readIcns(read('resources/icons/icon.icns'))
  const sizes: Record<string, number> = {
    icp4: 16,
    icp5: 32,
    ic11: 32,
    ic12: 64,
    ic07: 128,
    ic13: 256,
    ic08: 256,
    ic14: 512,
    ic09: 512,
    ic10: 1024,
  }

  it('holds a PNG of the right size for every type from 16 to 1024 px', () => {
    for (const [type, size] of Object.entries(sizes)) {
      expect(chunks.has(type), type).toBe(true)
      expect(pngSize(chunks.get(type)!), type).toMatchObject({ width: size, height: size })
    }
  })

  it('draws the mark inside Apple’s grid, with a transparent margin', () => {
    const { rgba, width } = decodePng(chunks.get('ic10')!)
    const alpha = (x: number, y: number) => rgba[(y * width + x) * 4 + 3]
    expect(alpha(60, 512)).toBe(0)
    expect(alpha(512, 60)).toBe(0)
    expect(alpha(512, 130)).toBe(255)
  })
})

/** A PNG written here, each row with a different filter, to test the decoder the .ico writer relies on. */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const stride = width * 4
  const rows: Buffer[] = []
  for (let y = 0; y < height; y++) {
    const filter = y % 5
    const row = Buffer.alloc(stride + 1)
    row[0] = filter
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0
      const p = a + b - c
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter]!
      row[x + 1] = (rgba[y * stride + x]! - predicted) & 0xff
    }
    rows.push(row)
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length, 0)
    head.write(type, 4, 'latin1')
    return Buffer.concat([head, data, Buffer.alloc(4)]) // the CRC is not checked by readers under test
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const noise = (size: number, seed: number) =>
  Buffer.from(Array.from({ length: size * size * 4 }, (_, i) => (i * 131 + seed * 17 + ((i * i) % 251)) & 0xff))

describe('scripts/icon-formats.mjs', () => {
  it('decodes every PNG row filter', () => {
    const pixels = noise(9, 1)
    expect(decodePng(encodePng(9, 9, pixels)).rgba.equals(pixels)).toBe(true)
  })

  it('writes an .ico whose bitmaps hold the PNGs’ pixels and whose 256 px entry is the PNG itself', () => {
    const small = noise(16, 2)
    const big = encodePng(256, 256, noise(256, 3))
    const images = readIco(encodeIco([big, encodePng(16, 16, small)]))
    expect(images.map((i) => [i.size, i.format])).toEqual([
      [16, 'bmp'],
      [256, 'png'],
    ])
    const bmp = images[0]!.pixels!
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 16; x++) {
        const [r, g, b, a] = small.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 4)
        expect([...bmp.subarray(((15 - y) * 16 + x) * 4, ((15 - y) * 16 + x) * 4 + 4)]).toEqual([b, g, r, a])
      }
    }
    expect(() => encodeIco([encodePng(300, 300, noise(300, 4))])).toThrow(/at most 256/)
  })

  it('writes an .icns and refuses one with a size missing', () => {
    const bySize = new Map([16, 32, 64, 128, 256, 512, 1024].map((s) => [s, encodePng(s, s, Buffer.alloc(s * s * 4, 0x7f))]))
    const chunks = readIcns(encodeIcns(bySize))
    expect([...chunks.keys()]).toEqual(['TOC ', 'icp4', 'icp5', 'ic11', 'ic12', 'ic07', 'ic13', 'ic08', 'ic14', 'ic09', 'ic10'])
    expect(chunks.get('ic07')!.equals(bySize.get(128)!)).toBe(true)
    bySize.delete(512)
    expect(() => encodeIcns(bySize)).toThrow(/512 px/)
  })

  it('widens the viewBox for the macOS margin', () => {
    expect(withMargin('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect/></svg>', 0.5)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-32 -32 128 128"><rect/></svg>',
    )
    expect(() => withMargin('<svg width="10"/>', 0.5)).toThrow(/viewBox/)
  })
})
