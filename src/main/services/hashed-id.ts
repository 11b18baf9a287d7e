import { createHash } from 'node:crypto'

/**
 * A UUID (RFC 9562 version 8, "custom") made of 122 bits of the SHA-256 of `text`: the same id for the same text on
 * every device and at every run (conflict copies, notes read from a folder of Markdown files).
 */
export function hashedId(text: string): string {
  const hash = createHash('sha256').update(text).digest('hex')
  const variant = ((parseInt(hash[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-8${hash.slice(13, 16)}-${variant}${hash.slice(17, 20)}-${hash.slice(20, 32)}`
}
