import { request } from 'node:http'
import { connect } from 'node:net'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { injectBridge, MAX_BODY_BYTES, startBrowseServer, type BrowseServer } from '../../../src/browse/server/server'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs()
const TOKEN = 'test-token-0123456789abcdef'
let server: BrowseServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function start(dispatch = vi.fn(async () => ({ ok: true as const, value: 'done' }))) {
  const root = await tempDir()
  await writeFile(join(root, 'index.html'), '<html><head><script type="module" src="./assets/app.js"></script></head></html>')
  await mkdir(join(root, 'assets'))
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(root, '..', 'secret.txt'), 'secret').catch(() => undefined)
  server = await startBrowseServer({ rendererRoot: root, dispatch, token: TOKEN })
  return { dispatch, port: server.port }
}

/** A raw request, so the test controls every header (fetch would not let us forge Host). */
function send(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string }>((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...init.headers } },
      (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => done({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', fail)
    req.end(init.body)
  })
}

const call = (port: number, headers: Record<string, string>, body = '{}') =>
  send(port, '/api/organisations.list', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })

describe('the browse server', () => {
  it('listens on loopback only', async () => {
    await start()
    expect(server!.server.address()).toMatchObject({ address: '127.0.0.1' })
  })

  it('answers a call that carries the token', async () => {
    const { port, dispatch } = await start()
    const res = await call(port, { 'x-atlas-token': TOKEN })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: 'done' })
    expect(dispatch).toHaveBeenCalledWith('organisations.list', {})
  })

  it.each([
    ['no token', {}],
    ['a wrong token', { 'x-atlas-token': 'nope' }],
    ['a token of the right length but wrong', { 'x-atlas-token': TOKEN.replace('0', '1') }],
  ])('refuses a call with %s', async (_label, headers) => {
    const { port, dispatch } = await start()
    const res = await call(port, headers)
    expect(res.status).toBe(401)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unauthorised' } })
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const { port, dispatch } = await start()
    expect((await call(port, { host: 'evil.example', 'x-atlas-token': TOKEN })).status).toBe(421)
    expect((await call(port, { origin: 'http://evil.example', 'x-atlas-token': TOKEN })).status).toBe(403)
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('refuses bodies that are too large or not JSON', async () => {
    const { port, dispatch } = await start()
    expect((await call(port, { 'x-atlas-token': TOKEN }, 'x'.repeat(MAX_BODY_BYTES + 1))).status).toBe(413)
    expect(await call(port, { 'x-atlas-token': TOKEN }, '{"broken')).toMatchObject({ status: 400 })
    expect((await call(port, { 'x-atlas-token': TOKEN, 'content-type': 'text/plain' })).status).toBe(415)
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('serves the page only to the tokened address, with the bridge injected', async () => {
    const { port } = await start()
    expect((await send(port, '/')).status).toBe(401)
    const page = await send(port, `/?token=${TOKEN}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain(`<meta name="atlas-token" content="${TOKEN}">`)
    expect(page.body.indexOf('bridge.js')).toBeLessThan(page.body.indexOf('assets/app.js'))
  })

  it('serves assets but nothing outside the renderer folder', async () => {
    const { port } = await start()
    expect((await send(port, '/assets/app.js')).body).toBe('console.log(1)')
    expect((await send(port, '/../secret.txt')).status).toBe(404)
    expect((await send(port, '/%2e%2e/secret.txt')).status).toBe(404)
    expect((await send(port, '/assets/%00')).status).toBe(400) // malformed: see below
  })
})

/** A request written byte for byte (fetch and http.request would normalise or refuse the path first). */
function raw(port: number, requestLine: string, headers: string[] = [], body = '') {
  return new Promise<{ status: number; type: string; body: string }>((done, fail) => {
    const socket = connect(port, '127.0.0.1')
    let text = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => (text += chunk))
    socket.on('error', fail)
    socket.on('end', () => {
      const at = text.indexOf('\r\n\r\n')
      const head = text.slice(0, at)
      let body = text.slice(at + 4)
      if (/^transfer-encoding: *chunked/im.test(head)) {
        let plain = ''
        for (let size: number; (size = parseInt(body, 16)) > 0;) {
          const start = body.indexOf('\r\n') + 2
          plain += body.slice(start, start + size)
          body = body.slice(start + size + 2)
        }
        body = plain
      }
      done({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), type: /^content-type: *(.*)$/im.exec(head)?.[1] ?? '', body })
    })
    const lines = [requestLine, `Host: 127.0.0.1:${port}`, 'Connection: close', ...headers]
    if (body) lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`)
    socket.write(Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'latin1'))
  })
}

const MALFORMED = [
  ['a truncated escape', '/%E0%A4%A'],
  ['a lone %', '/%'],
  ['a % with no hex', '/assets/%zz.js'],
  ['an encoded step out', '/..%2f..%2fetc/passwd'],
  ['an encoded backslash step out', '/..%5c..%5cetc%5cpasswd'],
  ['an encoded NUL', '/%00'],
  ['an encoded control character', '/assets/app.js%0a'],
  ['invalid UTF-8', '/%C3%28'],
  ['an overlong UTF-8 slash', '/%C0%AF..%C0%AFetc'],
  ['a UTF-16 surrogate', '/%ED%A0%80'],
  ['a lone continuation byte', '/%80'],
  ['a path of 10,000 characters', `/${'a'.repeat(10_000)}`],
] as const

describe('malformed request paths', () => {
  it.each(MALFORMED)('a page request with %s: 400, typed, never a 500', async (_label, path) => {
    const { port, dispatch } = await start()
    const res = await raw(port, `GET ${path} HTTP/1.1`)
    expect(res.status).toBe(400)
    expect(res.type).toBe('application/json')
    expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/malformed/) } })
    expect(dispatch).not.toHaveBeenCalled()
  })

  it.each(MALFORMED)('a call with %s: 400, typed, dispatch never reached', async (_label, path) => {
    const { port, dispatch } = await start()
    const res = await raw(port, `POST /api${path} HTTP/1.1`, [`X-Atlas-Token: ${TOKEN}`], '{}')
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('a request line too long for the HTTP parser (100 kB): a typed answer too', async () => {
    const { port } = await start()
    const res = await raw(port, `GET /${'a'.repeat(100_000)} HTTP/1.1`)
    expect(res.status).toBe(431)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'too-large' } })
  })

  it('bytes the HTTP parser refuses in a request line: a typed 400', async () => {
    const { port } = await start()
    const res = await raw(port, 'GET /a\x01b HTTP/1.1')
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('an absolute-form request target that is not a URL: a typed 400', async () => {
    const { port } = await start()
    const res = await raw(port, 'GET http://[::1/ HTTP/1.1')
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('still serves well-formed paths, escapes included, and calls by name', async () => {
    const { port, dispatch } = await start()
    expect((await raw(port, 'GET /assets/app%2Ejs HTTP/1.1')).body).toBe('console.log(1)')
    expect((await raw(port, 'GET /assets/%E2%82%AC.js HTTP/1.1')).status).toBe(404)
    const res = await raw(port, 'POST /api/organisations%2Elist HTTP/1.1', [`X-Atlas-Token: ${TOKEN}`], '{}')
    expect(res.status).toBe(200)
    expect(dispatch).toHaveBeenCalledWith('organisations.list', {})
  })
})

describe('injectBridge', () => {
  it('puts the token and bridge before the first script', () => {
    expect(injectBridge('<head><script src="a.js"></script></head>', 'T')).toMatch(
      /atlas-token" content="T">\s*<script type="module" src=".\/bridge.js"><\/script>\s*<script src="a.js">/,
    )
  })
})
