/**
 * Runs in the page, installed by playwright's addInitScript before any of the app's scripts (the bench inlines
 * this file). Everything is timed in the page with performance.now(), whose zero is the navigation start, so no
 * round trip to the driving process is counted. `window.__atlasBench`:
 *
 *   start: resolves with the marks of the first view (list in the DOM, painted, a typed character filtering it).
 *   openPalette(): Ctrl+K, then types "cecop" until results show (the index builds on first open).
 *   keystroke(text): sets the palette's field and times the input event to the options re-rendered.
 *
 * "Painted" is the end of the frame that shows a change: a requestAnimationFrame callback, then a message posted
 * from it, which runs once that frame's style, layout and paint are done.
 */
;(() => {
  const message = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve(performance.now())
      channel.port2.postMessage(null)
    })
  const afterFrame = () => new Promise((resolve) => requestAnimationFrame(() => void message().then(resolve)))

  /** Resolves with the time `test` first holds, watching the DOM; with null after `timeout` ms. */
  const when = (test, timeout = 10_000) =>
    new Promise((resolve) => {
      if (test()) return resolve(performance.now())
      const observer = new MutationObserver(() => {
        if (test()) {
          observer.disconnect()
          clearTimeout(timer)
          resolve(performance.now())
        }
      })
      const timer = setTimeout(() => {
        observer.disconnect()
        resolve(null)
      }, timeout)
      observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true })
    })

  const links = () => document.querySelectorAll('a[data-org-id]')
  const type = (input, text) => {
    input.value = text
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text.slice(-1) || null }))
  }

  const start = (async () => {
    const marks = {}
    marks.shellInDom = await when(() => document.querySelector('#app header') !== null)
    marks.listInDom = await when(() => links().length > 0)
    marks.listPainted = await afterFrame()
    const input = document.getElementById('org-filter')
    const before = links().length
    const typed = window.__atlasFilterText ?? 'z'
    marks.typed = performance.now()
    type(input, typed)
    marks.filteredInDom = await when(() => links().length !== before, 5_000)
    marks.filteredPainted = await afterFrame()
    const navigation = performance.getEntriesByType('navigation')[0]
    const paints = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]))
    return {
      marks,
      listed: { before, after: links().length, typed },
      navigation: navigation
        ? {
            responseEnd: navigation.responseEnd,
            domInteractive: navigation.domInteractive,
            domContentLoaded: navigation.domContentLoadedEventEnd,
            loadEnd: navigation.loadEventEnd,
          }
        : null,
      paints,
      resources: performance.getEntriesByType('resource').map((r) => ({
        url: r.name,
        initiatorType: r.initiatorType,
        startTime: r.startTime,
        responseEnd: r.responseEnd,
      })),
    }
  })()

  async function openPalette() {
    const t0 = performance.now()
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }))
    for (;;) {
      const input = document.getElementById('palette-input')
      if (input && input.offsetParent !== null) {
        type(input, 'cecop')
        await message()
        if (document.querySelectorAll('#palette-results [role=option]').length > 0) return performance.now() - t0
      }
      if (performance.now() - t0 > 30_000) throw new Error('the palette showed no results for "cecop" within 30 s')
      await afterFrame()
    }
  }

  async function keystroke(text) {
    const input = document.getElementById('palette-input')
    const list = document.getElementById('palette-results')
    let mutated = null
    const observer = new MutationObserver(() => (mutated ??= performance.now()))
    observer.observe(list, { childList: true, subtree: true, characterData: true })
    const t0 = performance.now()
    type(input, text)
    // Svelte re-renders in a microtask; a posted message runs after every microtask. Then force style and layout.
    await message()
    void document.body.offsetHeight
    const rendered = performance.now()
    const painted = await afterFrame()
    observer.disconnect()
    return {
      rendered: rendered - t0,
      domUpdated: mutated === null ? null : mutated - t0,
      nextFrame: painted - t0,
      options: list.querySelectorAll('[role=option]').length,
    }
  }

  window.__atlasBench = { start, openPalette, keystroke, afterFrame }
})()
