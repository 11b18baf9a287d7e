/** Exported files reach the save flow byte for byte: text as UTF-8, a zip from its base64. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { download } from '../../../src/renderer/lib/download'

let blobs: Blob[]
let clicked: { href: string; download: string; attached: boolean }[]
beforeEach(() => {
  vi.useFakeTimers()
  blobs = []
  clicked = []
  URL.createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), `blob:test/${blobs.length}`))
  URL.revokeObjectURL = vi.fn()
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download, attached: this.isConnected })
  })
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** jsdom's Blob has no stream(), so Response cannot read it: FileReader can (on real timers). */
const bytes = (blob: Blob) =>
  new Promise<number[]>((resolve) => {
    vi.useRealTimers()
    const reader = new FileReader()
    reader.onload = () => resolve([...new Uint8Array(reader.result as ArrayBuffer)])
    reader.readAsArrayBuffer(blob)
  })

describe('download', () => {
  it('saves text under its file name and type, encoded as UTF-8', async () => {
    download({ fileName: 'notes.md', mediaType: 'text/markdown', content: 'Coopérative ✓', encoding: 'utf8' })
    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'notes.md', attached: false }])
    expect(blobs[0]!.type).toBe('text/markdown')
    expect(await bytes(blobs[0]!)).toEqual([...new TextEncoder().encode('Coopérative ✓')])
  })

  it('decodes a base64 file to its bytes, not to the base64 text', async () => {
    download({ fileName: 'notes.zip', mediaType: 'application/zip', content: btoa('PK\x03\x04\xff\x00'), encoding: 'base64' })
    expect(await bytes(blobs[0]!)).toEqual([0x50, 0x4b, 3, 4, 0xff, 0])
  })

  it('lets the object URL go after a while, not before the save has read it', () => {
    download({ fileName: 'a.json', mediaType: 'application/json', content: '{}', encoding: 'utf8' })
    expect(URL.revokeObjectURL).not.toHaveBeenCalled()
    vi.advanceTimersByTime(10_000)
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1')
  })
})
