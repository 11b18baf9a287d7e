/**
 * Every view, one record each: its address, its name in the navigation, and where its code is. The router
 * (lib/routes.ts: addresses both ways), App.svelte (the header's navigation, the view the address names) and the
 * search palette (its list of views) read this and nothing else.
 *
 * Adding a view: its file in this folder, `<Name>View.svelte`, taking `{ route }: { route: Route }`; its record
 * below (the order here is the navigation's); and its messages, the label's key among them, in
 * lib/i18n/messages/ (a new file there is merged in lib/i18n/catalog.ts).
 *
 * Plain data, no imports at run time: the router is also compiled for Node (the bench, search-index.ts).
 */
import type { MessageKey } from '../lib/i18n/catalog'

export interface ViewRecord {
  /** Its address: #/<path>[/<id>][?key=value&…]. */
  path: string
  /** Its name in the header's navigation and the search palette. */
  label: MessageKey
  /**
   * Its file in this folder, loaded the first time the view is opened (App.svelte); null for the first view (the
   * organisation list, with the welcome page or a profile), which is bundled with the app so that the list paints at once.
   */
  file: `${string}View.svelte` | null
  /** Whether the header's navigation and the palette's list of views offer it. */
  nav: boolean
}

export const VIEW_RECORDS = {
  organisations: { path: 'org', label: 'nav.organisations', file: null, nav: true },
  network: { path: 'network', label: 'nav.network', file: 'NetworkView.svelte', nav: true },
  map: { path: 'map', label: 'nav.map', file: 'MapView.svelte', nav: true },
  timeline: { path: 'timeline', label: 'nav.timeline', file: 'TimelineView.svelte', nav: true },
  plan: { path: 'plan', label: 'nav.plan', file: 'PlanView.svelte', nav: true },
  compare: { path: 'compare', label: 'nav.compare', file: 'CompareView.svelte', nav: true },
  notes: { path: 'notes', label: 'nav.notes', file: 'NotesView.svelte', nav: true },
  settings: { path: 'settings', label: 'nav.settings', file: 'SettingsView.svelte', nav: true },
} as const satisfies Record<string, ViewRecord>

export type View = keyof typeof VIEW_RECORDS

/** The views the header's navigation and the palette's list of views offer, in order. */
export const NAV_VIEWS = (Object.keys(VIEW_RECORDS) as View[]).filter((view) => VIEW_RECORDS[view].nav)
