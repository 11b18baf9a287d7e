/**
 * Where focus goes when the reader arrives somewhere: one rule for the whole app.
 *
 * - A place chosen in the search palette (Ctrl+K) gets focus on its main heading (the view's h1) once it is on
 *   screen, so that the next Tab, and a screen reader, start there and not at the top of the document: arriveAt().
 * - A place that is one item of a view (an event of the timeline, a pillar of the plan) is revealed by its view
 *   however it was reached (the palette, a link, back): scrolled to, with focus on the item's heading: reveal().
 *   A note is such an item of the notes panel that lists it (?note=<id> in the address).
 * - A jump to a section of a page (the profile's outline) is the same: reveal() on the section's heading.
 *
 * A heading takes focus without becoming a Tab stop (tabindex="-1", set here when it has none); app.css marks a
 * heading with focus calmly, with a line under it rather than a box.
 */
import { parseRoute, type Route, type View } from './routes'

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]'

/**
 * Scrolls `element` into view (to the top of the page, or only as far as needed with 'nearest') and gives focus to
 * `target` (the element itself unless given). True if it took focus.
 */
export function reveal(element: HTMLElement | null, target: HTMLElement | null = element, block: 'start' | 'nearest' = 'start'): boolean {
  if (!element || !target) return false
  if (!target.matches(FOCUSABLE)) target.tabIndex = -1
  element.scrollIntoView?.({ block })
  target.focus({ preventScroll: true })
  return document.activeElement === target
}

/** The views that reveal an item of their own when the address names one (TimelineView, PlanView): not their h1. */
const REVEALS_ITEM: ReadonlySet<View> = new Set(['timeline', 'plan'])

/** The latest arrival: an earlier one still waiting for its page gives up. */
let arrivals = 0

/**
 * The heading to focus once `route` is on screen, or null while it is not yet: the address still names it, nothing in
 * the page is loading, and a profile shows that organisation (the previous one stays on screen while the next loads).
 */
function headingOf(route: Route): HTMLElement | null {
  const now = parseRoute(location.hash)
  if (now.view !== route.view || now.id !== route.id) return null
  const main = document.getElementById('main')
  if (!main || main.querySelector('[aria-busy="true"], .loading')) return null
  if (
    route.view === 'organisations' &&
    route.id !== null &&
    main.querySelector<HTMLElement>('[data-profile]')?.dataset['profile'] !== route.id
  )
    return null
  return main.querySelector<HTMLElement>('h1')
}

/**
 * Goes to `href` (an address in the app) and, once the place is on screen, gives focus to its main heading. A place
 * that is an item of its view gets focus from its view instead. Gives up after `timeoutMs` (focus stays where it
 * was) or when another arrival starts. Resolves to whether it gave focus.
 */
export function arriveAt(href: string, timeoutMs = 5000): Promise<boolean> {
  const mine = ++arrivals
  const route = parseRoute(href)
  if (location.hash !== href) location.hash = href
  // A note the address names is revealed by the notes panel it is listed in, once its notes are in (NotesPanel).
  if ((route.id !== null && REVEALS_ITEM.has(route.view)) || route.query['note'] !== undefined) return Promise.resolve(false)
  const started = performance.now()
  return new Promise((done) => {
    const look = (): void => {
      if (mine !== arrivals || performance.now() - started > timeoutMs) return done(false)
      const heading = headingOf(route)
      // Scrolled to only as needed: never pulling the app's header out of the window.
      if (heading) {
        // A new page opens at its top, as a link to it would.
        document.getElementById('main')?.scrollTo?.(0, 0)
        return done(reveal(heading, heading, 'nearest'))
      }
      requestAnimationFrame(look)
    }
    requestAnimationFrame(look)
  })
}
