import { resolve, sep } from 'node:path'

/** The longest URL path served or called (the app's own are under 100 characters). */
export const MAX_URL_PATH = 2048

/**
 * A URL path, percent-decoded; null when it is malformed: longer than MAX_URL_PATH, escapes that are not
 * percent-encoded UTF-8 (`%`, `%E0%A4%A`, `%C3%28`), a NUL or other control character, an encoded slash or
 * backslash (`..%2f..%2fetc`: no file or call name has one, and they would hide a step up), or a `..` step.
 */
export function decodeUrlPath(pathname: string): string | null {
  if (pathname.length > MAX_URL_PATH || /%(2f|5c)/i.test(pathname)) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded) || decoded.split('/').includes('..')) return null
  return decoded
}

/**
 * Resolves a URL path to a file inside `root`, or null when it would leave it (../, encoded %2e%2e, …) or is
 * malformed (decodeUrlPath). Shared by the desktop app:// handler and the browse server, which serve the same files.
 */
export function resolveInside(root: string, pathname: string): string | null {
  const decoded = decodeUrlPath(pathname)
  if (decoded === null) return null
  const base = resolve(root)
  const target = resolve(base, `.${decoded === '/' ? '/index.html' : decoded}`)
  return target.startsWith(base + sep) ? target : null
}
