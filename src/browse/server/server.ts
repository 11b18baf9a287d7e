/**
 * The browse server: the built renderer and the same handler table as the desktop app, on loopback only.
 * Every API call must carry the per-launch token; the Host header must name our own address (which stops
 * DNS-rebinding pages), and the page itself is only served to a URL that carries the token.
 */
import { timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { extname, resolve } from 'node:path'
import type { Dispatch } from '../../main/handlers'
import { decodeUrlPath, resolveInside } from '../../main/resolve-inside'

/** Largest request body: a 16 MB content-pack file, JSON-escaped, with room to spare. */
export const MAX_BODY_BYTES = 40 * 1024 * 1024

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
}

export interface BrowseServerOptions {
  rendererRoot: string
  dispatch: Dispatch
  token: string
  port?: number
}

export interface BrowseServer {
  server: Server
  port: number
  url: string
  close(): Promise<void>
}

const sameToken = (given: string | undefined, token: string): boolean => {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  })
  res.end(body)
}

const sendJson = (res: ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value), 'application/json')

const MALFORMED_PATH = {
  ok: false,
  error: {
    code: 'invalid-input',
    message:
      'This address is malformed: its path has percent-escapes that are not UTF-8, a control character, an encoded slash, a ".." step, or is too long.',
  },
} as const

/**
 * Requests the HTTP parser refuses before they reach `handle` (a request line or headers over Node's limit, bytes
 * not allowed in a request line) get a typed JSON answer too, as Node's default handler would send, but with a body.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
  const [status, reason, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'too-large', 'The request line or headers are too long.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'invalid-input', 'The request took too long to arrive.']
        : [400, 'Bad Request', 'invalid-input', 'This request is not valid HTTP.']
  const body = JSON.stringify({ ok: false, error: { code, message } })
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `cache-control: no-store\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n${body}`,
  )
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Puts the token and the bridge into the built index.html, before the app's own module script. */
export function injectBridge(html: string, token: string): string {
  const tags = `<meta name="atlas-token" content="${token}">\n    <script type="module" src="./bridge.js"></script>\n    `
  const at = html.indexOf('<script')
  return at === -1 ? html.replace('</head>', `${tags}</head>`) : html.slice(0, at) + tags + html.slice(at)
}

export async function startBrowseServer(options: BrowseServerOptions): Promise<BrowseServer> {
  const root = resolve(options.rendererRoot)
  const indexHtml = injectBridge(await readFile(resolve(root, 'index.html'), 'utf8'), options.token)
  let allowedHosts = new Set<string>()

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'The local server failed on this request.' } })
    })
  })
  server.on('clientError', answerClientError)

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, 'Wrong host', 'text/plain')
    // A malformed path (bad percent-escapes, control characters, an encoded slash, too long) is refused as such,
    // whether a page or a call: a 400 with a typed error, never a 500 from a decoder throwing.
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      return sendJson(res, 400, MALFORMED_PATH)
    }
    const path = decodeUrlPath(url.pathname)
    if (path === null) return sendJson(res, 400, MALFORMED_PATH)

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST')
        return sendJson(res, 405, { ok: false, error: { code: 'invalid-input', message: 'Calls are POST requests.' } })
      const origin = req.headers.origin
      if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
        return sendJson(res, 403, {
          ok: false,
          error: { code: 'forbidden-sender', message: 'This request came from another site and was refused.' },
        })
      }
      if (!sameToken(req.headers['x-atlas-token'] as string | undefined, options.token)) {
        return sendJson(res, 401, {
          ok: false,
          error: { code: 'unauthorised', message: 'This request did not carry the token of this Coop Atlas session and was refused.' },
        })
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, { ok: false, error: { code: 'invalid-input', message: 'Calls carry JSON.' } })
      }
      const body = await readBody(req)
      if (body === null)
        return sendJson(res, 413, {
          ok: false,
          error: { code: 'too-large', message: `A request may carry at most ${MAX_BODY_BYTES / 1024 / 1024} MB.` },
        })
      let input: unknown
      try {
        input = body === '' ? {} : JSON.parse(body)
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: 'The request body is not valid JSON.' } })
      }
      return sendJson(res, 200, await options.dispatch(path.slice('/api/'.length), input))
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain')
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!sameToken(url.searchParams.get('token') ?? undefined, options.token)) {
        return send(
          res,
          401,
          "Open the address that `npm run browse` printed: it carries this session's token.",
          'text/plain; charset=utf-8',
        )
      }
      return send(res, 200, indexHtml, MIME['.html']!)
    }
    const file = resolveInside(root, url.pathname)
    if (!file) return send(res, 404, 'Not found', 'text/plain')
    try {
      return send(res, 200, await readFile(file), MIME[extname(file)] ?? 'application/octet-stream')
    } catch {
      return send(res, 404, 'Not found', 'text/plain')
    }
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, '127.0.0.1', () => done())
  })
  const port = (server.address() as AddressInfo).port
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/?token=${options.token}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done())
        // A browser keeps its connections alive; without this, stopping waits for them to time out.
        server.closeAllConnections()
      }),
  }
}
