import { strFromU8, unzipSync } from 'fflate'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKUP_FOLDER } from '../../../src/main/store/backups'
import { readStoredNotes, storeBytes } from '../../support/store-files'
import { useTestApps } from '../../support/app'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs()
const { start, stop } = useTestApps()

const cecop = { kind: 'organisation', id: 'cecop' } as const

describe('the handler table', () => {
  it('adds, edits and deletes a note, durably', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    const created = await app.dispatch('notes.create', { target: cecop, body: 'First thoughts' })
    expect(created.ok).toBe(true)
    const { id, versions } = (created as { value: { id: string; versions: Record<string, number> } }).value
    const updated = await app.dispatch('notes.update', { id, base: versions, body: 'Second thoughts' })
    expect(updated).toMatchObject({ ok: true, value: { note: { id, body: 'Second thoughts' }, conflictCopy: null } })
    await stop(app)

    const again = await start(dir)
    const listed = await again.dispatch('notes.listFor', { target: cecop })
    expect(listed).toMatchObject({ ok: true, value: { notes: [{ id, body: 'Second thoughts', target: cecop }], total: 1 } })
    expect(await again.dispatch('notes.trash', { id })).toMatchObject({ ok: true, value: { id, trashed: expect.any(String) } })
    expect(await again.dispatch('notes.emptyTrash', {})).toEqual({ ok: true, value: { deleted: 1 } })
    expect(await readStoredNotes(dir)).toEqual([])
  })

  it.each([
    ['a missing field', 'notes.create', { target: cecop }],
    ['a wrong type', 'notes.create', { target: cecop, body: 42 }],
    ['an unknown target kind', 'notes.create', { target: { kind: 'person', id: 'x' }, body: 'x' }],
    ['an extra key', 'notes.create', { target: cecop, body: 'x', admin: true }],
    ['a bad id', 'notes.update', { id: '../../etc/passwd', base: { '7d2f6c1e-3f4a-4b5c-8d9e-0a1b2c3d4e5f': 1 }, body: 'x' }],
    ['an edit that does not say which version it was made from', 'notes.update', { id: '7d2f6c1e-3f4a-4b5c-8d9e-0a1b2c3d4e5f', body: 'x' }],
    [
      'a version naming a device that is not a UUID',
      'notes.update',
      { id: '7d2f6c1e-3f4a-4b5c-8d9e-0a1b2c3d4e5f', base: { me: 1 }, body: 'x' },
    ],
    [
      'a version with a counter of 0',
      'notes.trash',
      { id: '7d2f6c1e-3f4a-4b5c-8d9e-0a1b2c3d4e5f', base: { '7d2f6c1e-3f4a-4b5c-8d9e-0a1b2c3d4e5f': 0 } },
    ],
    ['no object at all', 'organisations.get', 'cecop'],
    ['an oversized note', 'notes.create', { target: cecop, body: 'x'.repeat(1024 * 1024 + 1) }],
    ['an oversized note in multi-byte text', 'notes.create', { target: cecop, body: 'é'.repeat(512 * 1024 + 1) }],
    ['too many tags', 'notes.create', { target: cecop, body: 'x', tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }],
    ['a tag with a comma', 'notes.create', { target: cecop, body: 'x', tags: ['a,b'] }],
    [
      'an update that changes nothing',
      'notes.update',
      { id: '7d2f6c1e-3f4a-4b5c-8d9e-0a1b2c3d4e5f', base: { '7d2f6c1e-3f4a-4b5c-8d9e-0a1b2c3d4e5f': 1 } },
    ],
    ['an import file over its limit', 'notes.importApply', { text: ' '.repeat(5 * 1024 * 1024 + 1) }],
    ['a Markdown import from nowhere', 'notes.importMarkdownPreview', { from: 'web', url: 'https://evil.example/' }],
    ['a zip that is not base64', 'notes.importMarkdownApply', { from: 'zip', base64: '<script>' }],
    ['a zip over its limit', 'notes.importMarkdownPreview', { from: 'zip', base64: 'A'.repeat((16 * 1024 * 1024 * 4) / 3 + 8) }],
    ['a folder path that climbs out', 'notes.importMarkdownApply', { from: 'folder', files: [{ path: '../x.md', text: 'x' }], skipped: 0 }],
    ['an absolute folder path', 'notes.importMarkdownApply', { from: 'folder', files: [{ path: '/etc/x.md', text: 'x' }], skipped: 0 }],
    [
      'a Markdown file over its limit',
      'notes.importMarkdownPreview',
      { from: 'folder', files: [{ path: 'big.md', text: 'x'.repeat(1024 * 1024 + 64 * 1024 + 1) }], skipped: 0 },
    ],
    [
      'too many Markdown files',
      'notes.importMarkdownPreview',
      { from: 'folder', files: Array.from({ length: 10_001 }, (_, i) => ({ path: `n${i}.md`, text: '' })), skipped: 0 },
    ],
    ['a negative count of skipped files', 'notes.importMarkdownPreview', { from: 'folder', files: [], skipped: -1 }],
    [
      'a file with a key too many',
      'notes.importMarkdownPreview',
      { from: 'folder', files: [{ path: 'a.md', text: '', mode: 0o777 }], skipped: 0 },
    ],
    ['a place outside the app', 'settings.update', { lastRoute: 'https://evil.example/' }],
    ['an unknown theme', 'settings.update', { theme: 'neon' }],
    ['an empty correction', 'corrections.create', { target: cecop, fact: 'Founded', kind: 'wrong', correction: '   ', source: 'x' }],
    ['a PDF name with a path in it', 'shell.exportPdf', { fileName: '../../etc/briefing.pdf' }],
    ['a PDF name that is not a PDF', 'shell.exportPdf', { fileName: 'briefing.exe' }],
    ['a backup name that walks out of the folder', 'backups.restore', { name: '../coop-atlas-store.json' }],
    ['a sync folder that is not a text', 'sync.setFolder', { folder: 42 }],
    ['a sync folder with a NUL in it', 'sync.setFolder', { folder: '/tmp/a\u0000b' }],
    ['an empty team folder path', 'sync.setTeamFolder', { folder: '' }],
    ['a blank device name', 'sync.renameDevice', { name: '   ' }],
    ['a device name with a line break', 'sync.renameDevice', { name: 'Ana\nlaptop' }],
    ['a device name over 200 characters', 'sync.renameDevice', { name: 'x'.repeat(201) }],
    ['a folder dialog without a title', 'shell.chooseFolder', { title: '' }],
    ['a shared mark that is not true or false', 'notes.setShared', { id: '7d2f6c1e-3f4a-4b5c-8d9e-0a1b2c3d4e5f', shared: 'yes' }],
  ])('refuses %s with a clear error and writes nothing', async (_label, name, input) => {
    const dir = await tempDir()
    const app = await start(dir)
    const before = await storeBytes(dir)
    const result = await app.dispatch(name, input)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect((result as { error: { message: string } }).error.message).toMatch(/was refused: .+/)
    expect(await storeBytes(dir)).toBe(before)
  })

  it('keeps settings, favourites and corrections across a restart', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    await app.dispatch('settings.update', { language: 'fr', textSize: 'large', lastRoute: '#/org/cecop' })
    await app.dispatch('favourites.set', { id: 'cecop', favourite: true })
    const correction = await app.dispatch('corrections.create', {
      target: cecop,
      fact: 'Founded',
      kind: 'outdated',
      correction: 'A newer page gives another year.',
      source: 'https://www.cecop.coop/',
    })
    expect(correction.ok).toBe(true)
    await stop(app)
    const again = await start(dir)
    expect(await again.dispatch('settings.get', {})).toEqual({
      ok: true,
      value: { language: 'fr', theme: 'system', textSize: 'large', lastRoute: '#/org/cecop' },
    })
    expect(await again.dispatch('favourites.list', {})).toEqual({ ok: true, value: ['cecop'] })
    const exported = await again.dispatch('corrections.export', {})
    expect(exported.ok && JSON.parse((exported.value as { content: string }).content)).toMatchObject({
      format: 'coop-atlas-corrections',
      packVersion: '0.0.1',
      corrections: [{ fact: 'Founded', kind: 'outdated', target: cecop }],
    })
  })

  it('restores a backup, keeping the state it replaced as a backup of its own', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    await app.dispatch('notes.create', { target: cecop, body: 'before' })
    await stop(app)
    const again = await start(dir) // opening compacts and backs up: a backup with one note
    await again.dispatch('notes.create', { target: cecop, body: 'after' })
    const backups = (await again.dispatch('backups.list', {})) as { ok: true; value: { name: string; notes: number; kind: string }[] }
    const withOne = backups.value.find((b) => b.notes === 1 && b.kind === 'recent')!
    expect(await again.dispatch('backups.restore', { name: withOne.name })).toEqual({ ok: true, value: { notes: 1 } })
    const listed = (await again.dispatch('notes.listFor', { target: cecop })) as { ok: true; value: { notes: { body: string }[] } }
    expect(listed.value.notes.map((n) => n.body)).toEqual(['before'])
    const after = (await again.dispatch('backups.list', {})) as { ok: true; value: { notes: number }[] }
    expect(after.value.some((b) => b.notes === 2)).toBe(true)
  })

  it('synchronises through a folder: chooses it, exchanges, says how it went; refuses a folder that cannot be used', async () => {
    const folder = await tempDir()
    const a = await start(await tempDir())
    const b = await start(await tempDir())
    expect(await a.dispatch('sync.status', {})).toMatchObject({ ok: true, value: { state: 'off', folder: null, team: { state: 'off' } } })
    const refused = await a.dispatch('sync.setFolder', { folder: 'relative/path' })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: expect.stringMatching(/full path/),
        // Named, for the renderer to word in the reader's language.
        wording: { key: 'folder-not-absolute', values: { role: 'sync', folder: 'relative/path' } },
      },
    })
    expect(await a.dispatch('sync.setFolder', { folder })).toMatchObject({ ok: true, value: { state: 'ok', folder, devices: 0 } })
    expect(await b.dispatch('sync.setFolder', { folder })).toMatchObject({ ok: true, value: { state: 'ok', devices: 1 } })
    const created = await b.dispatch('notes.create', { target: cecop, body: 'from B' })
    const { id, versions } = (created as { value: { id: string; versions: Record<string, number> } }).value
    expect(await b.dispatch('notes.setShared', { id, shared: true, base: versions })).toMatchObject({ ok: true, value: { shared: true } })
    await b.dispatch('sync.exchangeNow', {})
    expect(await a.dispatch('sync.exchangeNow', {})).toMatchObject({ ok: true, value: { state: 'ok', devices: 1, problem: null } })
    expect(await a.dispatch('notes.listFor', { target: cecop })).toMatchObject({
      ok: true,
      value: { notes: [{ id, body: 'from B', shared: true }] },
    })
    const before = (await a.dispatch('app.status', {})) as { value: { device: { id: string } } }
    const renewed = (await a.dispatch('sync.newDeviceId', {})) as { ok: true; value: { device: { id: string } } }
    expect(renewed.value.device.id).not.toBe(before.value.device.id)
    expect(await a.dispatch('sync.setFolder', { folder: null })).toMatchObject({ ok: true, value: { state: 'off', folder: null } })
    expect(await a.dispatch('sync.renameDevice', { name: '  Ana’s laptop ' })).toMatchObject({
      ok: true,
      value: { device: { id: renewed.value.device.id, name: 'Ana’s laptop' } },
    })
  })

  it('names the subjects of exported Markdown notes in the language asked for (English by default)', async () => {
    const app = await start(await tempDir())
    await app.dispatch('notes.create', { target: { kind: 'event', id: 'cecop-founded' }, body: 'On the founding' })
    const about = async (input: object) => {
      const result = (await app.dispatch('notes.exportMarkdown', input)) as { ok: true; value: { content: string } }
      const files = unzipSync(Buffer.from(result.value.content, 'base64'))
      return Object.entries(files).map(([name, bytes]) => [name.split('/')[2]!.split('--')[0], /^about: (.*)$/m.exec(strFromU8(bytes))![1]])
    }
    expect(await about({})).toEqual([['cecop-is-founded', '"CECOP is founded"']])
    expect(await about({ locale: 'fr' })).toEqual([['cecop-is-founded-fr', '"CECOP is founded (fr)"']])
    expect(await about({ locale: 'es' })).toEqual([['cecop-is-founded-es', '"CECOP is founded (es)"']])
    expect(await app.dispatch('notes.exportMarkdown', { locale: 'de' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('leaves copying to the page where the shell has no clipboard of its own (npm run browse)', async () => {
    const app = await start(await tempDir())
    expect(await app.dispatch('shell.copyText', { text: 'CECOP. (n.d.). What is CECOP?' })).toEqual({ ok: true, value: { copied: false } })
    expect(await app.dispatch('shell.copyText', { text: '' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('says that this shell has no folder dialog, where it has none (npm run browse)', async () => {
    const app = await start(await tempDir())
    expect(await app.dispatch('shell.chooseFolder', { title: 'Choose the sync folder' })).toEqual({
      ok: true,
      value: { folder: null, available: false },
    })
  })

  it('refuses an unknown call', async () => {
    const app = await start(await tempDir())
    expect(await app.dispatch('notes.dropAll', {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
  })

  it('refuses a note on an organisation the pack does not have', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    const result = await app.dispatch('notes.create', { target: { kind: 'organisation', id: 'no-such-org' }, body: 'x' })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'not-found', wording: { key: 'note-target-missing', values: { kind: 'organisation', id: 'no-such-org' } } },
    })
    expect(await readStoredNotes(dir)).toEqual([])
  })

  it('serves organisation profiles with relations both ways and a redirect for an old id', async () => {
    const app = await start(await tempDir())
    const result = await app.dispatch('organisations.get', { id: 'cecop-old' })
    expect(result.ok).toBe(true)
    const profile = (result as { value: { id: string; relations: { type: string; direction: string; other: { id: string } }[] } }).value
    expect(profile.id).toBe('cecop')
    expect(profile.relations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'regional-organisation-of',
          direction: 'outgoing',
          other: expect.objectContaining({ id: 'cicopa' }),
        }),
        expect.objectContaining({ type: 'member-of', direction: 'incoming', other: expect.objectContaining({ id: 'coceta' }) }),
      ]),
    )
  })

  it('still starts with a broken pack, and says what is wrong', async () => {
    const app = await start(await tempDir(), '/nonexistent-pack-folder')
    const status = await app.dispatch('app.status', {})
    expect(status).toMatchObject({ ok: true, value: { pack: { ok: false, message: 'The reference pack cannot be read.' } } })
    expect(await app.dispatch('organisations.list', {})).toMatchObject({ ok: false, error: { code: 'pack-unavailable' } })
  })

  it('leaves the PDF to the page where the shell has no export of its own', async () => {
    const app = await start(await tempDir())
    expect(await app.dispatch('shell.exportPdf', { fileName: 'CECOP - Coop Atlas briefing.pdf' })).toEqual({
      ok: true,
      value: { exported: false },
    })
  })

  it('opens only checked https links', async () => {
    const app = await start(await tempDir())
    expect(await app.dispatch('shell.openExternal', { url: 'https://www.cecop.coop/' })).toEqual({ ok: true, value: { opened: true } })
    expect(await app.dispatch('shell.openExternal', { url: 'file:///etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', wording: { key: 'link-refused', values: { url: 'file:///etc/passwd' } } },
    })
  })

  it('names every refusal for the renderer to word: what was sent against the rules, a backup that cannot be read', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    expect(await app.dispatch('notes.create', { target: cecop, body: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', wording: { key: 'request-refused', values: { path: 'body' } } },
    })
    expect(await app.dispatch('backups.restore', { name: 'store-2020-01-01T00-00-00-000Z.json' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', wording: { key: 'backup-not-found', values: { name: 'store-2020-01-01T00-00-00-000Z.json' } } },
    })
    await app.dispatch('notes.create', { target: cecop, body: 'x' })
    await stop(app)
    const again = await start(dir) // opening backs up
    const backups = (await again.dispatch('backups.list', {})) as { ok: true; value: { name: string }[] }
    const name = backups.value[0]!.name
    await writeFile(join(dir, BACKUP_FOLDER, name), '')
    const listed = (await again.dispatch('backups.list', {})) as { ok: true; value: { name: string }[] }
    expect(listed.value.find((b) => b.name === name)).toMatchObject({ notes: null, problem: { key: 'empty', values: {} } })
    expect(await again.dispatch('backups.restore', { name })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', wording: { key: 'backup-unreadable', values: { name }, problem: { key: 'empty', values: {} } } },
    })
  })
})
