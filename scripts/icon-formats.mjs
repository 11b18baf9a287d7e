// @ts-check
/**
 * The two icon containers the desktop platforms want, written by hand: both are short headers around images
 * we already have as PNG, so a library (and a native image toolkit on every CI machine) would buy nothing.
 *
 * - Windows .ico: a directory of images. 256 px is stored as PNG (Vista and later); smaller sizes as 32-bit
 *   BMP, which every Windows reader (Explorer, the taskbar, NSIS, rcedit) understands.
 * - macOS .icns: 'icns', total length, then typed chunks, each a PNG at the size its type names.
 */
import { inflateSync } from 'node:zlib'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * Width, height, bit depth and colour type from a PNG's IHDR.
 * @param {Uint8Array} bytes
 */
export function readPngHeader(bytes) {
  const png = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('Not a PNG file.')
  }
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png[24] ?? 0,
    colorType: png[25] ?? 0,
    interlace: png[28] ?? 0,
  }
}

/**
 * Decodes an 8-bit, non-interlaced RGBA or RGB PNG (what rsvg-convert writes) to straight RGBA pixels.
 * @param {Uint8Array} bytes
 * @returns {{ width: number, height: number, rgba: Buffer }}
 */
export function decodePng(bytes) {
  const { width, height, bitDepth, colorType, interlace } = readPngHeader(bytes)
  if (bitDepth !== 8 || (colorType !== 6 && colorType !== 2) || interlace !== 0) {
    throw new Error(`Only 8-bit non-interlaced RGB(A) PNGs are supported (depth ${bitDepth}, colour type ${colorType}).`)
  }
  const png = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  /** @type {Buffer[]} */
  const idat = []
  for (let at = 8; at + 8 <= png.length;) {
    const length = png.readUInt32BE(at)
    const type = png.toString('latin1', at + 4, at + 8)
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length))
    if (type === 'IEND') break
    at += 12 + length
  }
  const data = inflateSync(Buffer.concat(idat))
  const channels = colorType === 6 ? 4 : 3
  const stride = width * channels
  const raw = Buffer.alloc(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)]
    const line = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (raw[y * stride + x - channels] ?? 0) : 0
      const b = y > 0 ? (raw[(y - 1) * stride + x] ?? 0) : 0
      const c = x >= channels && y > 0 ? (raw[(y - 1) * stride + x - channels] ?? 0) : 0
      const value = line[x] ?? 0
      let predicted
      if (filter === 0) predicted = 0
      else if (filter === 1) predicted = a
      else if (filter === 2) predicted = b
      else if (filter === 3) predicted = (a + b) >> 1
      else if (filter === 4) {
        const p = a + b - c
        const pa = Math.abs(p - a)
        const pb = Math.abs(p - b)
        const pc = Math.abs(p - c)
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
      } else throw new Error(`Unknown PNG filter ${filter} on row ${y}.`)
      raw[y * stride + x] = (value + predicted) & 0xff
    }
  }
  if (channels === 4) return { width, height, rgba: raw }
  const rgba = Buffer.alloc(width * height * 4, 0xff)
  for (let i = 0; i < width * height; i++) raw.copy(rgba, i * 4, i * 3, i * 3 + 3)
  return { width, height, rgba }
}

/**
 * A 32-bit BMP as an .ico entry stores it: BITMAPINFOHEADER (height doubled for the AND mask), BGRA rows bottom-up,
 * then the 1-bit AND mask (set where the pixel is fully transparent), rows padded to 4 bytes.
 * @param {{ width: number, height: number, rgba: Buffer }} image
 */
function icoBitmap({ width, height, rgba }) {
  const maskStride = Math.ceil(width / 32) * 4
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(width, 4)
  header.writeInt32LE(height * 2, 8)
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  header.writeUInt32LE(0, 16)
  header.writeUInt32LE(width * height * 4 + maskStride * height, 20)
  const pixels = Buffer.alloc(width * height * 4)
  const mask = Buffer.alloc(maskStride * height)
  for (let y = 0; y < height; y++) {
    const row = height - 1 - y
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4
      const to = (row * width + x) * 4
      pixels[to] = rgba[from + 2] ?? 0
      pixels[to + 1] = rgba[from + 1] ?? 0
      pixels[to + 2] = rgba[from] ?? 0
      pixels[to + 3] = rgba[from + 3] ?? 0
      if ((rgba[from + 3] ?? 0) === 0) {
        const at = row * maskStride + (x >> 3)
        mask[at] = (mask[at] ?? 0) | (0x80 >> (x & 7))
      }
    }
  }
  return Buffer.concat([header, pixels, mask])
}

/**
 * An .ico holding each PNG: as PNG when 256 px wide, as a 32-bit BMP below that.
 * @param {Uint8Array[]} pngs square PNGs, each a different size up to 256
 */
export function encodeIco(pngs) {
  const images = pngs
    .map((png) => ({ png, ...readPngHeader(png) }))
    .sort((a, b) => a.width - b.width)
    .map(({ png, width, height }) => {
      if (width !== height || width > 256) throw new Error(`An .ico image must be square and at most 256 px (got ${width}×${height}).`)
      return { width, height, data: width === 256 ? Buffer.from(png) : icoBitmap(decodePng(png)) }
    })
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  const directory = Buffer.alloc(16 * images.length)
  let offset = header.length + directory.length
  images.forEach(({ width, height, data }, i) => {
    const at = i * 16
    directory[at] = width === 256 ? 0 : width
    directory[at + 1] = height === 256 ? 0 : height
    directory[at + 2] = 0
    directory[at + 3] = 0
    directory.writeUInt16LE(1, at + 4)
    directory.writeUInt16LE(32, at + 6)
    directory.writeUInt32LE(data.length, at + 8)
    directory.writeUInt32LE(offset, at + 12)
    offset += data.length
  })
  return Buffer.concat([header, directory, ...images.map((image) => image.data)])
}

/** The PNG-bearing .icns chunk types and the pixel size each holds (Apple's iconutil writes the same set). */
export const ICNS_TYPES = Object.freeze({
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
})

/**
 * An .icns with one PNG chunk per type in ICNS_TYPES, preceded by a table of contents.
 * @param {Map<number, Uint8Array>} pngBySize PNGs keyed by pixel size: 16, 32, 64, 128, 256, 512, 1024
 */
export function encodeIcns(pngBySize) {
  const chunks = Object.entries(ICNS_TYPES).map(([type, size]) => {
    const png = pngBySize.get(size)
    if (!png) throw new Error(`The .icns needs a ${size} px PNG for ${type}.`)
    const { width, height } = readPngHeader(png)
    if (width !== size || height !== size) throw new Error(`${type} needs ${size}×${size}, got ${width}×${height}.`)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(8 + png.length, 4)
    return Buffer.concat([head, Buffer.from(png)])
  })
  const toc = Buffer.alloc(8 + 8 * chunks.length)
  toc.write('TOC ', 0, 'latin1')
  toc.writeUInt32BE(toc.length, 4)
  chunks.forEach((chunk, i) => chunk.copy(toc, 8 + i * 8, 0, 8))
  const body = Buffer.concat([toc, ...chunks])
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(8 + body.length, 4)
  return Buffer.concat([head, body])
}
