/**
 * Hash routes, so every view and entity has an address (a deep link such as #/org/cecop) that survives a
 * reload and works with back and forward: #/<view>[/<id>][?key=value&…].
 */
export const VIEWS = ['organisations', 'network', 'map', 'timeline', 'plan', 'compare', 'notes', 'settings'] as const
export type View = (typeof VIEWS)[number]

export interface Route {
  view: View
  /** The entity the view shows: an organisation, a country code, an event, a pillar. */
  id: string | null
  query: Record<string, string>
}

/** The organisations view has the short path "org", as in #/org/cecop. */
const PATH: Record<View, string> = {
  organisations: 'org',
  network: 'network',
  map: 'map',
  timeline: 'timeline',
  plan: 'plan',
  compare: 'compare',
  notes: 'notes',
  settings: 'settings',
}
const VIEW_OF_PATH = Object.fromEntries(Object.entries(PATH).map(([view, path]) => [path, view as View]))

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2)
  const [, first = '', id = ''] = path.split('/')
  const view = VIEW_OF_PATH[first] ?? 'organisations'
  const query = Object.fromEntries(new URLSearchParams(search))
  return { view, id: /^[A-Za-z0-9-]+$/.test(id) ? id : null, query }
}

export function hrefFor(view: View, id: string | null = null, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== '')).toString()
  return `#/${PATH[view]}${id ? `/${id}` : ''}${search ? `?${search}` : ''}`
}

export const orgHref = (id: string): string => hrefFor('organisations', id)

/** Where a note's subject is shown: an organisation's profile, an event on the timeline, a pillar of the plan. */
export const targetHref = (target: { kind: 'organisation' | 'event' | 'pillar'; id: string }): string =>
  hrefFor(target.kind === 'organisation' ? 'organisations' : target.kind === 'event' ? 'timeline' : 'plan', target.id)
