/** Hash routes, so every view has an address that survives a reload: #/ and #/org/<id>. */
export type Route = { name: 'home' } | { name: 'organisation'; id: string }

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '')
  const org = /^\/org\/([a-z0-9-]+)$/.exec(path)
  if (org?.[1]) return { name: 'organisation', id: org[1] }
  return { name: 'home' }
}

export const hrefFor = (route: Route): string => (route.name === 'organisation' ? `#/org/${route.id}` : '#/')

export class Router {
  route = $state<Route>(parseRoute(location.hash))

  constructor() {
    window.addEventListener('hashchange', () => (this.route = parseRoute(location.hash)))
  }

  go(route: Route): void {
    location.hash = hrefFor(route)
  }
}
