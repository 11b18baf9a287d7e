import type { ExportedFile } from '../../shared/domain'

/** Hands an exported file to the browser's or Electron's save flow. */
export function download(file: ExportedFile): void {
  const bytes =
    file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : new TextEncoder().encode(file.content)
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  // Not attached to the document: the app's link handler (which sends web links to the system browser) never sees it.
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
