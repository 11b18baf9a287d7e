/**
 * Runs `work` once the next frame has been painted, for what a keystroke sets off but nobody sees at once (a query
 * sent to main, whose answer comes frames later anyway): sent in the keystroke's own task, it delayed the frame
 * that shows the keystroke's results. A window that paints no frames (hidden, or a tab behind) still gets it,
 * after at most `latestMs`. Returns a cancel function; nothing runs once it is called.
 */
export function afterPaint(work: () => void, latestMs = 100): () => void {
  let done = false
  const run = () => {
    if (done) return
    done = true
    cancel()
    work()
  }
  // A task after the frame's callbacks: the frame is painted before it runs.
  const frame = requestAnimationFrame(() => setTimeout(run, 0))
  const fallback = setTimeout(run, latestMs)
  const cancel = () => {
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(fallback)
  }
  return cancel
}
