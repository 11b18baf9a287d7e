/** The current route as reactive state, following the address bar. */
import { hrefFor, parseRoute, type Route, type View } from './routes'

export { hrefFor, orgHref, parseRoute, targetHref, VIEWS, type Route, type View } from './routes'

export class Router {
  route = $state<Route>(parseRoute(location.hash))

  constructor() {
    window.addEventListener('hashchange', () => (this.route = parseRoute(location.hash)))
  }

  go(view: View, id: string | null = null, query: Record<string, string> = {}): void {
    location.hash = hrefFor(view, id, query)
  }

  /** Changes the query without a new history entry (filters, sliders): back goes to the previous place, not the previous keystroke. */
  replaceQuery(query: Record<string, string>): void {
    // From the address itself: a hash change whose event has not fired yet must not be undone.
    const current = parseRoute(location.hash)
    const href = hrefFor(current.view, current.id, query)
    history.replaceState(history.state, '', href)
    this.route = parseRoute(href)
  }
}

export const router = new Router()
