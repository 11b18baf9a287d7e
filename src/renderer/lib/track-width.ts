/**
 * An attachment that reports an element's width now and whenever it changes (where ResizeObserver exists).
 *
 * `skipZero`: a width of 0 (the element hidden, or not laid out yet) is not reported, so the last width stands
 * (the network keeps its layout). Without it every width is reported, 0 too (the timeline falls back on its own).
 */
export function trackWidth(set: (width: number) => void, { skipZero = false }: { skipZero?: boolean } = {}) {
  const report = (width: number): void => {
    if (width > 0 || !skipZero) set(width)
  }
  return (node: HTMLElement): (() => void) | void => {
    report(node.clientWidth)
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => report(node.clientWidth))
    observer.observe(node)
    return () => observer.disconnect()
  }
}
