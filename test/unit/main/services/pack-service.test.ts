import { cp, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../../../../src/main/app-context'
import { englishVersion } from '../../../../src/main/content/translations'
import { verifyPackFile } from '../../../../src/main/content/pack-signature'
import { makeTestPackKey, newerPack } from '../../../support/pack-keys'
import { FIXTURE_PACK, useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const maintainer = makeTestPackKey()
const running: RunningApp[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.close()))
})

async function start(dir: string, packDir = FIXTURE_PACK, keys = [maintainer.trusted]) {
  const app = await startApp({
    userDataDir: dir,
    packDir,
    shell: 'browse',
    version: 'test',
    openExternal: async () => false,
    trustedPackKeys: keys,
  })
  running.push(app)
  return app
}
async function restart(app: RunningApp, dir: string, packDir?: string) {
  await app.close()
  running.splice(running.indexOf(app), 1)
  return start(dir, packDir)
}
const status = async (app: RunningApp) =>
  ((await app.dispatch('app.status', {})) as { value: { pack: Record<string, unknown> } }).value.pack
const files = async (dir: string) =>
  Object.fromEntries(
    await Promise.all(
      (await readdir(join(dir, 'content')).catch(() => [])).map(async (n) => [n, await readFile(join(dir, 'content', n), 'utf8')]),
    ),
  )

/** The fixture pack under another version, as a shipped pack folder of a newer app. */
async function shippedFolder(version: string) {
  const dir = await tempDir()
  await cp(FIXTURE_PACK, dir, { recursive: true })
  const header = JSON.parse(await readFile(join(dir, 'pack.json'), 'utf8')) as Record<string, unknown>
  await writeFile(join(dir, 'pack.json'), JSON.stringify({ ...header, packVersion: version }))
  return dir
}

describe('the pack service', () => {
  it('installs only when asked, stores the signed file, never touches notes, and keeps the pack after a restart', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    expect(await status(app)).toEqual({
      ok: true,
      packVersion: '0.0.1',
      date: '2026-11-23',
      origin: 'shipped',
      shipped: { packVersion: '0.0.1', date: '2026-11-23' },
      installedIgnored: null,
    })
    await app.dispatch('notes.create', { target: { kind: 'organisation', id: 'coceta' }, body: 'About COCETA' })
    const text = maintainer.sign(await newerPack())

    expect(await app.dispatch('pack.previewUpdate', { text })).toMatchObject({ ok: true, value: { notesOrphaned: 1, newer: true } })
    expect(await files(dir)).toEqual({})
    expect(await app.dispatch('pack.installUpdate', { text })).toEqual({ ok: true, value: { packVersion: '0.0.2', date: '2026-11-23' } })
    expect(app.ctx.packs.current()).toMatchObject({ pack: { packVersion: '0.0.2' } })
    expect(await status(app)).toMatchObject({ packVersion: '0.0.2', origin: 'installed' })
    expect(await app.dispatch('notes.listAll', {})).toMatchObject({ value: [{ body: 'About COCETA', orphaned: true }] })
    // What is stored is the signed file: it verifies on its own.
    expect(verifyPackFile((await files(dir))['pack.json']!, [maintainer.trusted]).keyId).toBe(maintainer.trusted.id)

    const again = await restart(app, dir)
    expect(await status(again)).toMatchObject({ packVersion: '0.0.2', origin: 'installed', installedIgnored: null })
  })

  it.each([
    ['the same version with other content', '0.0.3', /\(0\.0\.3\) is not newer than the one in use \(0\.0\.3\)/],
    ['a lower version', '0.0.2', /\(0\.0\.2\) is not newer than the one in use \(0\.0\.3\)/],
  ])('refuses %s, and nothing changes', async (_label, version, message) => {
    const dir = await tempDir()
    const app = await start(dir)
    await app.dispatch('pack.installUpdate', { text: maintainer.sign(await newerPack('0.0.3')) })
    const before = await files(dir)
    const other = await newerPack(version)
    other.organisations[0]!.description = {
      en: 'Other content.',
      fr: 'Autre contenu.',
      es: 'Otro contenido.',
      translatedFrom: englishVersion('Other content.'),
    }
    expect(await app.dispatch('pack.installUpdate', { text: maintainer.sign(other) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message },
    })
    expect(await files(dir)).toEqual(before)
    expect(await status(app)).toMatchObject({ packVersion: '0.0.3' })
  })

  it('ignores an installed file altered on disk, says why, and can set it aside', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    await app.dispatch('pack.installUpdate', { text: maintainer.sign(await newerPack()) })
    const path = join(dir, 'content', 'pack.json')
    const altered = (await readFile(path, 'utf8')).replace('Rewritten.', 'Rewritten!')
    await writeFile(path, altered)
    const again = await restart(app, dir)
    expect(await status(again)).toMatchObject({
      ok: true,
      packVersion: '0.0.1',
      origin: 'shipped',
      installedIgnored: { reason: 'bad-signature', message: expect.stringMatching(/altered/) },
    })
    expect(await readFile(path, 'utf8')).toBe(altered)

    expect(await again.dispatch('pack.useShipped', {})).toEqual({ ok: true, value: { packVersion: '0.0.1', date: '2026-11-23' } })
    expect(await status(again)).toMatchObject({ origin: 'shipped', installedIgnored: null })
    const kept = await files(dir)
    expect(kept['pack.json']).toBeUndefined()
    expect(Object.entries(kept).find(([name]) => name.startsWith('pack.set-aside-'))?.[1]).toBe(altered)
  })

  it('goes back to the shipped pack on request, keeping the installed file aside, and stays there after a restart', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    const text = maintainer.sign(await newerPack())
    await app.dispatch('pack.installUpdate', { text })
    const installed = (await files(dir))['pack.json']
    expect(await app.dispatch('pack.useShipped', {})).toMatchObject({ ok: true, value: { packVersion: '0.0.1' } })
    expect(app.ctx.packs.current()).toMatchObject({ pack: { packVersion: '0.0.1' } })
    expect(Object.values(await files(dir))).toContain(installed)
    expect(await app.dispatch('pack.useShipped', {})).toMatchObject({ ok: false, error: { message: /already in use/ } })
    const again = await restart(app, dir)
    expect(await status(again)).toMatchObject({ packVersion: '0.0.1', origin: 'shipped', installedIgnored: null })
    // And the newer pack can be installed again.
    expect(await again.dispatch('pack.installUpdate', { text })).toMatchObject({ ok: true })
  })

  it('prefers a newer pack that shipped with a newer app over an older installed file', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    await app.dispatch('pack.installUpdate', { text: maintainer.sign(await newerPack('0.0.2')) })
    const again = await restart(app, dir, await shippedFolder('0.1.0'))
    expect(await status(again)).toMatchObject({
      packVersion: '0.1.0',
      origin: 'shipped',
      installedIgnored: { reason: 'not-newer', packVersion: '0.0.2' },
    })
  })

  it('keeps the installed pack when the shipped one cannot be loaded, and will not go back to it', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    await app.dispatch('pack.installUpdate', { text: maintainer.sign(await newerPack()) })
    const again = await restart(app, dir, '/nonexistent-pack-folder')
    expect(await status(again)).toMatchObject({ ok: true, packVersion: '0.0.2', origin: 'installed', shipped: null })
    const before = await files(dir)
    expect(await again.dispatch('pack.useShipped', {})).toMatchObject({ ok: false, error: { code: 'pack-unavailable' } })
    expect(await files(dir)).toEqual(before)
  })

  it('takes one change at a time', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    const [installed, back] = await Promise.all([
      app.dispatch('pack.installUpdate', { text: maintainer.sign(await newerPack()) }),
      app.dispatch('pack.useShipped', {}),
    ])
    expect([installed.ok, back.ok]).toEqual([true, true])
    expect(await status(app)).toMatchObject({ packVersion: '0.0.1', origin: 'shipped' })
    expect((await files(dir))['pack.json']).toBeUndefined()
  })
})
