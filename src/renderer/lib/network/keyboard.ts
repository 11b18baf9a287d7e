/** Moving through the diagram with the keyboard. */
import type { Box } from './geometry'

/** The node to move to from `from` with an arrow key (the nearest in that direction), Home or End. */
export function nodeInDirection(nodes: readonly (Box & { id: string })[], from: string | null, key: string): string | null {
  if (nodes.length === 0) return null
  if (key === 'Home') return nodes[0]!.id
  if (key === 'End') return nodes.at(-1)!.id
  const current = nodes.find((n) => n.id === from)
  if (!current) return ['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft'].includes(key) ? nodes[0]!.id : null
  const cx = current.x + current.width / 2
  const cy = current.y + current.height / 2
  let best: string | null = null
  let bestScore = Infinity
  for (const n of nodes) {
    if (n.id === current.id) continue
    const dx = n.x + n.width / 2 - cx
    const dy = n.y + n.height / 2 - cy
    // Along the key's axis it must move; across it, distance counts three times.
    const [along, across] =
      key === 'ArrowDown'
        ? [dy, dx]
        : key === 'ArrowUp'
          ? [-dy, dx]
          : key === 'ArrowRight'
            ? [dx, dy]
            : key === 'ArrowLeft'
              ? [-dx, dy]
              : [NaN, NaN]
    if (Number.isNaN(along)) return null
    // Sideways moves need a real step (boxes in one row differ a little in height); up and down any step.
    if (along <= (key === 'ArrowLeft' || key === 'ArrowRight' ? Math.min(current.width, n.width) / 2 : 2)) continue
    const score = along + 3 * Math.abs(across)
    if (score < bestScore) {
      bestScore = score
      best = n.id
    }
  }
  return best
}
