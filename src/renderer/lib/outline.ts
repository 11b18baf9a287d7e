/**
 * A page's outline, its "On this page" list of sections (components/PageOutline.svelte), is reached from anywhere
 * with one key, Alt+O (Option+O on a Mac), which App.svelte's keys that work everywhere hand over here. The page
 * showing an outline registers how to open it; other pages have none, and the key does nothing there.
 */

/** Alt+O, told apart by the key's place (event.code): on a Mac, Option+O types a letter (ø), kept for text fields. */
export function isOutlineKey(event: KeyboardEvent): boolean {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.code !== 'KeyO') return false
  const typing = (event.target as Element | null)?.closest?.('input, textarea, select, [contenteditable]') != null
  return !(typing && event.key.toLowerCase() !== 'o')
}

let opener: (() => void) | null = null

/** The page's outline, while it is on screen: `open` opens it with focus on its first section. Returns the unregistering. */
export function provideOutline(open: () => void): () => void {
  opener = open
  return () => {
    if (opener === open) opener = null
  }
}

/** Opens the page's outline with focus on its first section; false when the page has none. */
export function openOutline(): boolean {
  if (!opener) return false
  opener()
  return true
}

/** One section in an outline: the id of its heading, its name, and whether it sits inside the section before it. */
export interface OutlineEntry {
  id: string
  label: string
  sub?: boolean
}
