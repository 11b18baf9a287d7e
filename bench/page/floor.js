// The floor of the start measurement: what this harness (headless Chromium, the browse server, a fresh context)
// takes to show the least page of the same shape as the app's first view. The bench serves it in the app's own
// index.html (its CSP, stylesheet and fonts) in place of the app's scripts: one request, then a header, a filter
// field and 70 links that it narrows; the probes time it exactly as they time the app.
const names = await fetch('./favicon.svg').then(() =>
  Array.from({ length: 70 }, (_, i) => `Organisation ${i} ${'abcdefghijklmnopqrstuvwxyz'[i % 26]}`),
)
const app = document.getElementById('app')
app.innerHTML = `<header class="app-header"><a class="brand" href="#/">Floor</a></header>
<div class="layout"><nav class="org-list"><input id="org-filter" type="search"><ul></ul></nav><main></main></div>`
const list = app.querySelector('ul')
const show = (q) => {
  list.replaceChildren(
    ...names
      .filter((n) => n.toLowerCase().includes(q))
      .map((n, i) => {
        const li = document.createElement('li')
        li.innerHTML = `<a data-org-id="o${i}" href="#/org/o${i}"><span class="org-name">${n}</span><span class="org-sub">A country · a kind</span></a>`
        return li
      }),
  )
}
show('')
app.querySelector('#org-filter').addEventListener('input', (e) => show(e.target.value.toLowerCase()))
