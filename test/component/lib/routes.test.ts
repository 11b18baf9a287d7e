import { describe, expect, it } from 'vitest'
import { CATALOG } from '../../../src/renderer/lib/i18n/catalog'
import { LOCALES } from '../../../src/renderer/lib/i18n/define'
import { hrefFor, parseRoute, VIEWS } from '../../../src/renderer/lib/routes'
import { VIEW_RECORDS } from '../../../src/renderer/views/registry'

describe('routes', () => {
  it.each([
    ['', { view: 'organisations', id: null, query: {} }],
    ['#/', { view: 'organisations', id: null, query: {} }],
    ['#/org/cecop', { view: 'organisations', id: 'cecop', query: {} }],
    ['#/network?year=1995', { view: 'network', id: null, query: { year: '1995' } }],
    ['#/map/ES', { view: 'map', id: 'ES', query: {} }],
    ['#/compare?ids=cecop,cicopa', { view: 'compare', id: null, query: { ids: 'cecop,cicopa' } }],
    ['#/nowhere/x', { view: 'organisations', id: 'x', query: {} }],
    ['#/org/<script>', { view: 'organisations', id: null, query: {} }],
  ])('reads %s', (hash, route) => expect(parseRoute(hash)).toEqual(route))

  it('writes addresses that read back the same', () => {
    for (const [view, id, query] of [
      ['organisations', 'cecop', {}],
      ['timeline', null, { org: 'cecop', category: 'founding' }],
      ['plan', 'pillar-1', {}],
    ] as const) {
      expect(parseRoute(hrefFor(view, id, query))).toEqual({ view, id, query })
    }
  })
})

describe('the views’ registry', () => {
  // The files App.svelte loads on demand, found the same way.
  const files = Object.keys(import.meta.glob('../../../src/renderer/views/*View.svelte')).map((path) => path.split('/').at(-1))

  it('gives every view an address of its own, which reads back to it, and a label in every language', () => {
    const paths = VIEWS.map((view) => VIEW_RECORDS[view].path)
    expect(new Set(paths).size).toBe(paths.length)
    for (const view of VIEWS) {
      expect(parseRoute(hrefFor(view)).view).toBe(view)
      for (const locale of LOCALES) expect(CATALOG[locale][VIEW_RECORDS[view].label], `${view} in ${locale}`).toBeTruthy()
    }
  })

  it('names a file for every view but the first, and has a record for every view file', () => {
    expect(VIEW_RECORDS.organisations.file).toBeNull()
    const named = VIEWS.flatMap((view) => VIEW_RECORDS[view].file ?? [])
    expect(named.toSorted()).toEqual(files.toSorted())
  })
})
