import { describe, expect, it } from 'vitest'
import { hrefFor, parseRoute } from '../../../src/renderer/lib/routes'

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
