import { afterEach, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../../../src/main/app-context'
import { readStoredNotes, storeBytes } from '../../support/store-files'
import { FIXTURE_PACK, useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs()
const running: RunningApp[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()))
})

async function start(dir: string, packDir = FIXTURE_PACK) {
  const app = await startApp({ userDataDir: dir, packDir, shell: 'browse', version: '0.0.0-test', openExternal: async () => true })
  running.push(app)
  return app
}

const cecop = { kind: 'organisation', id: 'cecop' } as const

describe('the handler table', () => {
  it('adds, edits and deletes a note, durably', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    const created = await app.dispatch('notes.create', { target: cecop, body: 'First thoughts' })
    expect(created.ok).toBe(true)
    const id = (created as { value: { id: string } }).value.id
    await app.dispatch('notes.update', { id, body: 'Second thoughts' })
    await app.close()
    running.pop()

    const again = await start(dir)
    const listed = await again.dispatch('notes.listFor', { target: cecop })
    expect(listed).toMatchObject({ ok: true, value: [{ id, body: 'Second thoughts', target: cecop }] })
    expect(await again.dispatch('notes.delete', { id })).toEqual({ ok: true, value: { id } })
    expect(await readStoredNotes(dir)).toEqual([])
  })

  it.each([
    ['a missing field', 'notes.create', { target: cecop }],
    ['a wrong type', 'notes.create', { target: cecop, body: 42 }],
    ['an unknown target kind', 'notes.create', { target: { kind: 'person', id: 'x' }, body: 'x' }],
    ['an extra key', 'notes.create', { target: cecop, body: 'x', admin: true }],
    ['a bad id', 'notes.update', { id: '../../etc/passwd', body: 'x' }],
    ['no object at all', 'organisations.get', 'cecop'],
    ['an oversized note', 'notes.create', { target: cecop, body: 'x'.repeat(1024 * 1024 + 1) }],
  ])('refuses %s with a clear error and writes nothing', async (_label, name, input) => {
    const dir = await tempDir()
    const app = await start(dir)
    const before = await storeBytes(dir)
    const result = await app.dispatch(name, input)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect((result as { error: { message: string } }).error.message).toMatch(/was refused: .+/)
    expect(await storeBytes(dir)).toBe(before)
  })

  it('refuses an unknown call', async () => {
    const app = await start(await tempDir())
    expect(await app.dispatch('notes.dropAll', {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
  })

  it('refuses a note on an organisation the pack does not have', async () => {
    const dir = await tempDir()
    const app = await start(dir)
    const result = await app.dispatch('notes.create', { target: { kind: 'organisation', id: 'no-such-org' }, body: 'x' })
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } })
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

  it('opens only checked https links', async () => {
    const app = await start(await tempDir())
    expect(await app.dispatch('shell.openExternal', { url: 'https://www.cecop.coop/' })).toEqual({ ok: true, value: { opened: true } })
    expect(await app.dispatch('shell.openExternal', { url: 'file:///etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    })
  })
})
