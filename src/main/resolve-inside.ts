import { resolve, sep } from 'node:path'

/**
 * Resolves a URL path to a file inside `root`, or null when it would leave it (../, encoded %2e%2e, …).
 * Shared by the desktop app:// handler and the browse server, which serve the same files.
 */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = resolve(root)
  const target = resolve(base, `.${decoded === '/' ? '/index.html' : decoded}`)
  return target.startsWith(base + sep) ? target : null
}
