import { request } from 'node:http'
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
    expect((await send(port, '/assets/%00')).status).toBe(404)
  })
})

describe('injectBridge', () => {
  it('puts the token and bridge before the first script', () => {
    expect(injectBridge('<head><script src="a.js"></script></head>', 'T')).toMatch(
      /atlas-token" content="T">\s*<script type="module" src=".\/bridge.js"><\/script>\s*<script src="a.js">/,
    )
  })
})
