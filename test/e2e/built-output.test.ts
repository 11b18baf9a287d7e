import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from './support/browse'

describe('the built app', () => {
  it('has a preload that requires nothing but electron (a sandboxed preload cannot)', async () => {
    const preload = await readFile(`${PROJECT_ROOT}out/preload/index.cjs`, 'utf8')
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
    expect(required).toEqual(['electron'])
    expect(preload).not.toMatch(/\bimport\s/)
  })

  it('ships a strict Content-Security-Policy in the page', async () => {
    const html = await readFile(`${PROJECT_ROOT}out/renderer/index.html`, 'utf8')
    const csp = /Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/)
  })
})
