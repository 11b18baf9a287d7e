/**
 * A list that is one Tab stop: the arrow keys, Home and End move focus between its items (WAI-ARIA's roving
 * tabindex). The timeline's events and the organisation list move this way; each view keeps which item holds the stop.
 */

/** The neighbour of `current` in `ids` for a navigation key (ArrowUp/Down, Home, End), or null for other keys. */
export function neighbour(ids: readonly string[], current: string | null, key: string): string | null {
  if (ids.length === 0) return null
  const at = current === null ? -1 : ids.indexOf(current)
  switch (key) {
    case 'ArrowDown':
      return ids[Math.min(ids.length - 1, at + 1)]!
    case 'ArrowUp':
      return ids[Math.max(0, at - 1)]!
    case 'Home':
      return ids[0]!
    case 'End':
      return ids.at(-1)!
    default:
      return null
  }
}
