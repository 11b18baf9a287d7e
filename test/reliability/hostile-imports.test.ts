/**
 * Hostile notes files, through the real handler table over a real store: every file that is not a notes file is
 * refused whole with a specific reason and changes nothing on disk; every note inside a notes file that the editor
 * could not have saved is left out alone, with its reason, and changes nothing; and after each, an ordinary edit
 * and a restart lose nothing (the sequence that once cost a user every note). Markdown imports (a zip, a folder's
 * files) too: a hostile archive or folder is refused whole; a note whose front matter cannot be read, alone.
 */
import { randomUUID } from 'node:crypto'
import { strToU8, zipSync } from 'fflate'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../../src/main/app-context'
import { MAX_IMPORT_NOTES } from '../../src/main/services/notes-transfer'
import type { ImportSummary, NoteListing } from '../../src/shared/domain'
import { storeBytes } from '../support/store-files'
import { recordFigures } from './support/figures'
import { FIXTURE_PACK } from './support/paths'

const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

const start = (dir: string) =>
  startApp({ userDataDir: dir, packDir: FIXTURE_PACK, shell: 'browse', version: '0.0.0-hostile', openExternal: async () => false })

const at = '2026-03-01T10:00:00.000Z'
const aNote = (body: string) => ({
  id: randomUUID(),
  target: { kind: 'organisation', id: 'cecop' },
  body,
  tags: ['ok'],
  created: at,
  updated: at,
  trashed: null,
  previous: null,
})
type Shape = ReturnType<typeof aNote>
const file = (notes: unknown[], frame: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'coop-atlas-notes', version: 1, exported: at, notes, ...frame })

const HOSTILE_FILES: [string, () => string, RegExp][] = [
  ['not JSON', () => 'hello', /not valid JSON/],
  ['truncated JSON', () => file([aNote('x')]).slice(0, 60), /not valid JSON/],
  ['another kind of file', () => JSON.stringify({ format: 'coop-atlas-pack', notes: [] }), /not a Coop Atlas notes file/],
  ['an array', () => '[]', /not a Coop Atlas notes file/],
  ['a newer format', () => file([], { version: 4 }), /newer Coop Atlas/],
  ['no date of export', () => file([], { exported: 'yesterday' }), /exported/],
  ['notes that are not a list', () => file([]).replace('"notes":[]', '"notes":{"a":1}'), /notes/],
  ['one note twice', () => (({ n }) => file([n, n]))({ n: aNote('twice') }), /twice/],
  ['deep nesting', () => `${'['.repeat(10_000)}${']'.repeat(10_000)}`, /not a Coop Atlas notes file/],
  ['more notes than allowed', () => file(Array.from({ length: MAX_IMPORT_NOTES + 1 }, () => ({ id: 'x' }))), /at most/],
  ['more than 5 MB', () => file([aNote('x'.repeat(5 * 1024 * 1024))]), /at most 5 MB/],
  [
    'a prototype-polluting frame',
    () => '{"__proto__":{"polluted":true},"format":"coop-atlas-notes","version":1,"exported":"x","notes":[]}',
    /exported/,
  ],
]

const HOSTILE_NOTES: [string, (n: Shape) => unknown, 'rules' | 'future' | 'order'][] = [
  ['a date past the year 9999', (n) => ({ ...n, updated: '+010000-01-01T00:00:00.000Z' }), 'rules'],
  ['the last moment of 9999', (n) => ({ ...n, updated: '9999-12-31T23:59:59.999Z' }), 'rules'],
  ['a date next century', (n) => ({ ...n, updated: '2150-01-01T00:00:00.000Z' }), 'future'],
  ['a 30th of February', (n) => ({ ...n, created: '2026-02-30T00:00:00.000Z' }), 'rules'],
  ['a 29th of February in a common year', (n) => ({ ...n, created: '2027-02-29T00:00:00.000Z' }), 'rules'],
  ['a date without milliseconds', (n) => ({ ...n, updated: '2026-03-01T10:00:00Z' }), 'rules'],
  ['a date with an offset', (n) => ({ ...n, updated: '2026-03-01T10:00:00.000+02:00' }), 'rules'],
  ['a date from 1970', (n) => ({ ...n, created: '1970-01-01T00:00:00.000Z' }), 'rules'],
  ['created after it was edited', (n) => ({ ...n, created: '2026-04-01T00:00:00.000Z' }), 'order'],
  ['edited from a later version', (n) => ({ ...n, previous: '2026-05-01T00:00:00.000Z' }), 'order'],
  ['a text over 1 MB', (n) => ({ ...n, body: 'é'.repeat(600 * 1024) }), 'rules'],
  ['a tag with a comma', (n) => ({ ...n, tags: ['a,b'] }), 'rules'],
  ['a tag starting with #', (n) => ({ ...n, tags: ['#x'] }), 'rules'],
  ['a tag of 61 characters', (n) => ({ ...n, tags: ['t'.repeat(61)] }), 'rules'],
  ['31 tags', (n) => ({ ...n, tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }), 'rules'],
  ['a subject of another kind', (n) => ({ ...n, target: { kind: 'planet', id: 'mars' } }), 'rules'],
  ['a subject id with a path in it', (n) => ({ ...n, target: { kind: 'organisation', id: '../../etc/passwd' } }), 'rules'],
  ['an id that is not a UUID', (n) => ({ ...n, id: 'not-a-uuid' }), 'rules'],
  ['a key too many', (n) => ({ ...n, script: '<script>alert(1)</script>' }), 'rules'],
  ['a text that is a number', (n) => ({ ...n, body: 42 }), 'rules'],
  // (A null subject is a free-standing note: accepted. A note must still say so.)
  ['no subject at all', ({ target: _target, ...n }) => n, 'rules'],
  [
    'other subjects that repeat one',
    (n) => ({
      ...n,
      alsoAbout: [
        { kind: 'event', id: 'x' },
        { kind: 'event', id: 'x' },
      ],
    }),
    'rules',
  ],
  ['a trash date in the future', (n) => ({ ...n, trashed: '2200-01-01T00:00:00.000Z' }), 'future'],
  [
    'a version naming a device that is not a UUID',
    (n) => ({ ...n, versions: JSON.parse('{"__proto__":1,"laptop":2}') as unknown }),
    'rules',
  ],
  ['a version with a counter of 0', (n) => ({ ...n, versions: { '00000000-0000-4000-8000-00000000d0d0': 0 } }), 'rules'],
  ['a version of no device', (n) => ({ ...n, versions: {} }), 'rules'],
  ['a version no edit could follow', (n) => ({ ...n, versions: { '00000000-0000-4000-8000-00000000d0d0': 2 ** 53 - 1 } }), 'rules'],
  ['a conflict mark that is not a note id', (n) => ({ ...n, conflictOf: '../../etc/passwd' }), 'rules'],
]

async function withApp(run: (app: RunningApp, dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'coop-atlas-hostile-import-'))
  dirs.push(dir)
  const app = await start(dir)
  try {
    await run(app, dir)
  } finally {
    await app.close()
  }
}

const listAll = async (app: RunningApp) => {
  const result = await app.dispatch('notes.listAll', {})
  if (!result.ok) throw new Error(result.error.message)
  return (result.value as NoteListing[]).map((n) => `${n.id}:${n.body}:${n.tags.join(',')}:${n.updated}`).sort()
}

/** An ordinary edit and a restart after the hostile input: nothing acknowledged may be lost. */
async function editAndRestart(app: RunningApp, dir: string, id: string): Promise<string[]> {
  const listed = await app.dispatch('notes.listAll', {})
  const base = listed.ok ? (listed.value as NoteListing[]).find((n) => n.id === id)?.versions : undefined
  const edited = await app.dispatch('notes.update', { id, base, body: 'edited after the import' })
  expect(edited).toMatchObject({ ok: true, value: { conflictCopy: null } })
  const before = await listAll(app)
  await app.close()
  const again = await start(dir)
  try {
    expect(await listAll(again)).toEqual(before)
    const status = await again.dispatch('app.status', {})
    expect(status.ok && (status.value as { storeNotice: string | null }).storeNotice).toBeNull()
    return before
  } finally {
    await again.close()
  }
}

describe('hostile notes files', () => {
  it('refuses each file that is not a notes file, whole, with its reason, changing nothing', async () => {
    let refused = 0
    for (const [label, make, reason] of HOSTILE_FILES) {
      await withApp(async (app, dir) => {
        const created = await app.dispatch('notes.create', { target: { kind: 'organisation', id: 'cecop' }, body: 'mine' })
        const before = { bytes: await storeBytes(dir), notes: await listAll(app) }
        const text = make()
        for (const call of ['notes.importPreview', 'notes.importApply']) {
          const result = await app.dispatch(call, { text })
          expect(result.ok, label).toBe(false)
          if (!result.ok) expect(result.error.message, label).toMatch(reason)
        }
        expect(await storeBytes(dir), label).toBe(before.bytes)
        expect(await listAll(app), label).toEqual(before.notes)
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
        await editAndRestart(app, dir, (created as { value: { id: string } }).value.id)
        refused++
      })
    }
    recordFigures('hostile-import-files', 'Hostile notes files (refused whole)', {
      kinds: HOSTILE_FILES.length,
      'refused with a specific reason, nothing changed, then edit + restart lost nothing': refused,
    })
    expect(refused).toBe(HOSTILE_FILES.length)
  })

  it('leaves out each note the editor could not have saved, alone and with its reason, and imports the rest', async () => {
    let leftOut = 0
    for (const [label, damage, code] of HOSTILE_NOTES) {
      await withApp(async (app, dir) => {
        const mine = await app.dispatch('notes.create', { target: { kind: 'organisation', id: 'cecop' }, body: 'mine' })
        const good = aNote('good')
        const text = file([good, damage(aNote('hostile'))])
        const before = { bytes: await storeBytes(dir), notes: await listAll(app) }
        const preview = await app.dispatch('notes.importPreview', { text })
        expect(preview.ok, label).toBe(true)
        const summary = (preview as { value: ImportSummary }).value
        expect(
          summary.refused.map((r) => r.code),
          label,
        ).toEqual([code])
        expect(summary.added, label).toBe(1)
        expect(await storeBytes(dir), `${label}: a preview writes nothing`).toBe(before.bytes)
        await app.dispatch('notes.importApply', { text })
        expect((await listAll(app)).length, label).toBe(2)
        const after = await editAndRestart(app, dir, (mine as { value: { id: string } }).value.id)
        expect(
          after.some((n) => n.startsWith(`${good.id}:good:`)),
          label,
        ).toBe(true)
        leftOut++
      })
    }
    recordFigures('hostile-import-notes', 'Hostile notes inside a notes file (left out alone)', {
      kinds: HOSTILE_NOTES.length,
      'left out with their reason, the rest imported, then edit + restart lost nothing': leftOut,
    })
    expect(leftOut).toBe(HOSTILE_NOTES.length)
  })
})

/** A zip of Markdown files, base64, as the notes page sends it. */
const mdZip = (files: Record<string, Uint8Array | string>) =>
  Buffer.from(
    zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, typeof data === 'string' ? strToU8(data) : data])), {
      mtime: new Date(at),
    }),
  ).toString('base64')

/** A zip whose one file says it holds 10 bytes and unpacks to 20 MB: its sizes lie. */
function zipBomb(): string {
  const bytes = zipSync({ 'bomb.md': new Uint8Array(20 * 1024 * 1024).fill(97) }, { level: 9 })
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let i = 0; i + 4 <= bytes.length; i++) {
    const signature = view.getUint32(i, true)
    if (signature === 0x04034b50) view.setUint32(i + 22, 10, true)
    if (signature === 0x02014b50) view.setUint32(i + 24, 10, true)
  }
  return Buffer.from(bytes).toString('base64')
}

const HOSTILE_MARKDOWN: [string, () => unknown, RegExp][] = [
  ['a zip bomb (sizes that lie)', () => ({ from: 'zip', base64: zipBomb() }), /does not unpack to the size and checksum/],
  ['a zip entry that climbs out', () => ({ from: 'zip', base64: mdZip({ '../../escape.md': 'x' }) }), /points outside it/],
  ['a zip entry with a drive', () => ({ from: 'zip', base64: mdZip({ 'C:/escape.md': 'x' }) }), /points outside it/],
  ['a folder path that climbs out', () => ({ from: 'folder', files: [{ path: '../escape.md', text: 'x' }], skipped: 0 }), /was refused/],
  ['not a zip', () => ({ from: 'zip', base64: Buffer.from('PK but not really').toString('base64') }), /not a zip file/],
  [
    'a Markdown file over its limit in a zip',
    () => ({ from: 'zip', base64: mdZip({ 'huge.md': new Uint8Array(2 * 1024 * 1024).fill(97) }) }),
    /larger than/,
  ],
  [
    'a Markdown file over its limit from a folder',
    () => ({ from: 'folder', files: [{ path: 'huge.md', text: 'x'.repeat(2 * 1024 * 1024) }], skipped: 0 }),
    /was refused/,
  ],
]

describe('hostile Markdown imports', () => {
  it('refuses each hostile zip or folder whole, with its reason, changing nothing', async () => {
    let refused = 0
    for (const [label, make, reason] of HOSTILE_MARKDOWN) {
      await withApp(async (app, dir) => {
        const created = await app.dispatch('notes.create', { target: { kind: 'organisation', id: 'cecop' }, body: 'mine' })
        const before = { bytes: await storeBytes(dir), notes: await listAll(app) }
        const input = make()
        for (const call of ['notes.importMarkdownPreview', 'notes.importMarkdownApply']) {
          const result = await app.dispatch(call, input)
          expect(result.ok, label).toBe(false)
          if (!result.ok) expect(result.error.message, label).toMatch(reason)
        }
        expect(await storeBytes(dir), label).toBe(before.bytes)
        expect(await listAll(app), label).toEqual(before.notes)
        await editAndRestart(app, dir, (created as { value: { id: string } }).value.id)
        refused++
      })
    }
    expect(refused).toBe(HOSTILE_MARKDOWN.length)
  })

  it('leaves out alone a note with deep or bad YAML, and imports the rest', async () => {
    await withApp(async (app, dir) => {
      const mine = await app.dispatch('notes.create', { target: { kind: 'organisation', id: 'cecop' }, body: 'mine' })
      const base64 = mdZip({
        'deep.md': `---\ntags: ${'['.repeat(50)}x${']'.repeat(50)}\n---\nx\n`,
        'stack.md': `---\ntags: ${'['.repeat(60_000)}\n---\nx\n`,
        'bad.md': '---\ntags: [a\n---\nx\n',
        'good.md': '---\ntags: [ok]\n---\n# Good\n',
      })
      const preview = await app.dispatch('notes.importMarkdownPreview', { from: 'zip', base64 })
      expect(preview.ok).toBe(true)
      const summary = (preview as { value: ImportSummary }).value
      expect(summary.refused.map((r) => [r.file, r.code]).sort()).toEqual([
        ['bad.md', 'front-matter'],
        ['deep.md', 'front-matter'],
        ['stack.md', 'front-matter'],
      ])
      await app.dispatch('notes.importMarkdownApply', { from: 'zip', base64 })
      const after = await editAndRestart(app, dir, (mine as { value: { id: string } }).value.id)
      expect(after.some((n) => n.includes(':# Good\n:ok:'))).toBe(true)
    })
  })
})
