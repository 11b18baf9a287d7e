/**
 * Hash routes, so every view and entity has an address (a deep link such as #/org/cecop) that survives a
 * reload and works with back and forward: #/<view>[/<id>][?key=value&…].
 */
import { VIEW_RECORDS, type View } from '../views/registry'

export type { View }
/** Every view, in the navigation's order: one record each in views/registry.ts. */
export const VIEWS = Object.keys(VIEW_RECORDS) as View[]

export interface Route {
  view: View
  /** The entity the view shows: an organisation, a country code, an event, a pillar. */
  id: string | null
  query: Record<string, string>
}

const VIEW_OF_PATH: Record<string, View> = Object.fromEntries(VIEWS.map((view) => [VIEW_RECORDS[view].path, view]))

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2)
  const [, first = '', id = ''] = path.split('/')
  const view = VIEW_OF_PATH[first] ?? 'organisations'
  const query = Object.fromEntries(new URLSearchParams(search))
  return { view, id: /^[A-Za-z0-9-]+$/.test(id) ? id : null, query }
}

export function hrefFor(view: View, id: string | null = null, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== '')).toString()
  return `#/${VIEW_RECORDS[view].path}${id ? `/${id}` : ''}${search ? `?${search}` : ''}`
}

export const orgHref = (id: string): string => hrefFor('organisations', id)

/** Where a note's subject is shown: an organisation's profile, an event on the timeline, a pillar of the plan. */
export const targetHref = (target: { kind: 'organisation' | 'event' | 'pillar'; id: string }, query: Record<string, string> = {}): string =>
  hrefFor(target.kind === 'organisation' ? 'organisations' : target.kind === 'event' ? 'timeline' : 'plan', target.id, query)

/**
 * Where a note is shown: among its first subject's notes, which scroll to it and give it focus (`note` in the query:
 * NotesPanel), or, free-standing, on the notes page (#/notes/<id>).
 */
export const noteHref = (note: { id: string; target: { kind: 'organisation' | 'event' | 'pillar'; id: string } | null }): string =>
  note.target ? targetHref(note.target, { note: note.id }) : hrefFor('notes', note.id)
