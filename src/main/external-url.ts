/**
 * Which links may leave the app for the system browser: https only, to a named host, with no user-info part
 * (https://cecop.coop@evil.example is a classic trick), no raw IP address and no punycode look-alike.
 */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:') return false
  if (url.username !== '' || url.password !== '') return false
  const host = url.hostname
  if (!host.includes('.') || host.endsWith('.')) return false
  if (/^[\d.]+$/.test(host) || host.startsWith('[')) return false
  // Internationalised hosts arrive as punycode (xn--): a look-alike of a real host (cеcop.coop with a Cyrillic е)
  // is indistinguishable on screen, and no source in the pack needs one, so they stay in.
  if (!/^[a-z0-9.-]+$/.test(host) || host.split('.').some((label) => label.startsWith('xn--'))) return false
  return true
}
