import { writeFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../../../../src/main/app-context'
import { loadPack } from '../../../../src/main/content/load-pack'
import { parsePackFile, previewUpdate, serialisePackFile } from '../../../../src/main/content/pack-update'
import type { ContentPack } from '../../../../src/shared/content/schema'
import { FIXTURE_PACK, useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const running: RunningApp[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.close()))
})

/** The fixture pack one version on: COCETA gone, a new member added, CECOP's description changed. */
async function newerPack(): Promise<ContentPack> {
  const pack = structuredClone(await loadPack(FIXTURE_PACK))
  pack.packVersion = '0.0.2'
  pack.organisations = pack.organisations.filter((o) => o.id !== 'coceta')
  pack.relations = pack.relations.filter((r) => r.from !== 'coceta' && r.to !== 'coceta')
  pack.organisations.push({
    ...structuredClone(pack.organisations[0]!),
    id: 'new-member',
    names: { english: 'A New Member', acronym: 'ANM' },
  })
  pack.organisations.find((o) => o.id === 'cecop')!.description = { en: 'Rewritten.' }
  return pack
}

async function start(dir: string) {
  const app = await startApp({ userDataDir: dir, packDir: FIXTURE_PACK, shell: 'browse', version: 'test', openExternal: async () => false })
  running.push(app)
  return app
}

describe('content pack files', () => {
  it('round-trips a pack through its file, checksum and all', async () => {
    const pack = await newerPack()
    expect(parsePackFile(serialisePackFile(pack))).toEqual(pack)
  })

  it.each([
    ['not JSON', () => '{"format":', /not valid JSON/],
    ['another file', () => JSON.stringify({ hello: 1 }), /not a Coop Atlas content pack/],
    ['an altered pack', async () => serialisePackFile(await newerPack()).replace('Rewritten.', 'Rewritten!'), /checksum does not match/],
    [
      'a broken pack',
      async () => {
        const pack = await newerPack()
        pack.relations.push({ type: 'member-of', from: 'ghost', to: 'cecop', sources: ['src-a'], status: 'sourced' })
        return serialisePackFile(pack)
      },
      /cannot be used: The reference pack is inconsistent/,
    ],
  ])('refuses %s', async (_label, make, message) => {
    const text = await make()
    expect(() => parsePackFile(text)).toThrow(message)
  })

  it('previews what changes and which notes would be orphaned', async () => {
    const current = await loadPack(FIXTURE_PACK)
    const preview = previewUpdate(current, await newerPack(), [
      { kind: 'organisation', id: 'coceta' },
      { kind: 'organisation', id: 'cecop' },
      { kind: 'organisation', id: 'cecop-old' },
    ])
    expect(preview).toMatchObject({
      newer: true,
      added: [{ id: 'new-member', name: 'ANM' }],
      changed: [{ id: 'cecop', name: 'CECOP' }],
      removed: [{ id: 'coceta', name: 'COCETA' }],
      notesOrphaned: 1,
    })
  })

  it('installs only when asked, never touches notes, and keeps using the installed pack after a restart', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    const note = await app.dispatch('notes.create', { target: { kind: 'organisation', id: 'coceta' }, body: 'About COCETA' })
    expect(note.ok).toBe(true)
    const text = serialisePackFile(await newerPack())

    const preview = await app.dispatch('pack.previewUpdate', { text })
    expect(preview).toMatchObject({ ok: true, value: { notesOrphaned: 1 } })
    expect(await app.dispatch('app.status', {})).toMatchObject({ value: { pack: { packVersion: '0.0.1' } } })

    expect(await app.dispatch('pack.installUpdate', { text })).toEqual({ ok: true, value: { packVersion: '0.0.2', date: '2026-11-23' } })
    expect(await app.dispatch('notes.listAll', {})).toMatchObject({ value: [{ body: 'About COCETA', orphaned: true }] })
    expect(await app.dispatch('pack.installUpdate', { text })).toMatchObject({ ok: false, error: { message: /not newer/ } })

    await app.close()
    running.pop()
    const again = await start(dir)
    expect(await again.dispatch('app.status', {})).toMatchObject({ value: { pack: { packVersion: '0.0.2' } } })
    expect(await again.dispatch('notes.listAll', {})).toMatchObject({ value: [{ body: 'About COCETA', orphaned: true }] })
  })

  it('ignores a damaged installed pack and uses the shipped one', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    await app.dispatch('pack.installUpdate', { text: serialisePackFile(await newerPack()) })
    await app.close()
    running.pop()
    await writeFile(`${dir}/content/pack.json`, '{"format":"coop-atlas-pack","sha256":"00","pack":{}}')
    const again = await start(dir)
    expect(await again.dispatch('app.status', {})).toMatchObject({ value: { pack: { ok: true, packVersion: '0.0.1' } } })
  })
})

describe('the maintainers’ pack-file script', () => {
  it('writes a file the app accepts as the shipped pack', async () => {
    const { execFileSync } = await import('node:child_process')
    const { readFile } = await import('node:fs/promises')
    const dir = await tempDir()
    execFileSync(process.execPath, ['scripts/build-pack-file.mjs', dir])
    const shipped = await loadPack('resources/content')
    const text = await readFile(`${dir}/coop-atlas-pack-${shipped.packVersion}.json`, 'utf8')
    expect(parsePackFile(text)).toEqual(shipped)
  })
})
