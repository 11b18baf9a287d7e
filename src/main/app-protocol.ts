/**
 * Serves the built renderer from app://atlas/ instead of file://, so the page has a real origin: CSP 'self'
 * means exactly our files, and the IPC sender check has something precise to compare.
 */
import { net, protocol } from 'electron'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { resolveInside } from './resolve-inside'

export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://atlas`

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

export function serveRenderer(rendererRoot: string): void {
  const root = resolve(rendererRoot)
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url)
    const file = url.host === 'atlas' ? resolveInside(root, url.pathname) : null
    if (!file) return new Response('Not found', { status: 404 })
    return net.fetch(pathToFileURL(file).toString())
  })
}
