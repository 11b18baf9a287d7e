import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { importMarkdown, type MarkdownSource } from '../../../../src/main/services/markdown-import'
import { exportMarkdownZip } from '../../../../src/main/services/notes-transfer'
import { inlineTags, notesOfMarkdown } from '../../../../src/main/services/markdown/markdown-notes'
import { UserStore } from '../../../../src/main/store/user-store'
import type { Note } from '../../../../src/shared/domain'
import { MAX_MARKDOWN_FILE_BYTES, MAX_MARKDOWN_FILES, MAX_ZIP_ENTRIES } from '../../../../src/shared/markdown-files'
import { aNote, deviceId, minute as T, noteId as ID, TEST_DEVICE } from '../../../support/notes'
import { storeBytes } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const VAULT = join(import.meta.dirname, '../../../fixtures/obsidian-vault')
const NOW = new Date('2026-06-01T00:00:00.000Z')

const tempDir = useTempDirs()
const stores: UserStore[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()))
})
async function openStore() {
  const dir = await tempDir()
  const store = await UserStore.open(dir)
  stores.push(store)
  return { store, dir }
}

/** The vault's files as the notes page sends them: paths inside the folder, and every file (the service sorts them). */
async function vaultFiles(): Promise<MarkdownSource> {
  const files: { path: string; text: string; modified: number }[] = []
  for (const entry of await readdir(VAULT, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const full = join(entry.parentPath, entry.name)
    files.push({ path: relative(VAULT, full).split(sep).join('/'), text: await readFile(full, 'utf8'), modified: Date.UTC(2026, 1, 3) })
  }
  return { from: 'folder', files, skipped: 0 }
}

const zip = (files: Record<string, string | Uint8Array>) =>
  Buffer.from(
    zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])), {
      mtime: new Date('2026-02-03T00:00:00.000Z'),
    }),
  ).toString('base64')

const comparable = ({ id, target, alsoAbout, body, tags, created, updated, trashed, previous, versions }: Note) => ({
  id,
  target,
  alsoAbout,
  body,
  tags,
  created,
  updated,
  trashed,
  previous,
  versions,
})

describe('importing our own Markdown export', () => {
  const notes = [
    { ...aNote(1, 'Hello **CECOP**\n\n[[CICOPA]] and a --- line\n---\n'), tags: ['board', 'quote "x"'] },
    {
      ...aNote(2, '# Lisbon trip\nQuestions'),
      target: null,
      updated: T(5),
      previous: T(2),
      versions: { [TEST_DEVICE]: 3, [deviceId(7)]: 1 },
    },
    {
      ...aNote(3, 'Joint statement'),
      alsoAbout: [
        { kind: 'pillar' as const, id: 'p1' },
        { kind: 'event' as const, id: 'e-1979' },
      ],
    },
    { ...aNote(4, ''), tags: ['empty'] },
  ]

  it('gives back the same notes in an empty store, and importing it again adds nothing', async () => {
    const { store: from } = await openStore()
    await from.apply({ op: 'put-notes', notes: [...notes, { ...aNote(5, 'in the trash'), trashed: T(3) }] })
    const exported = exportMarkdownZip(from, (t) => t.id.toUpperCase(), NOW)
    const source: MarkdownSource = { from: 'zip', base64: exported.content }

    const { store: to, dir } = await openStore()
    const preview = await importMarkdown(to, source, false, NOW)
    expect(preview).toMatchObject({ total: 4, added: 4, refused: [], skipped: 0, applied: false })
    expect(to.notes.size).toBe(0)
    const before = await storeBytes(dir)
    expect(await storeBytes(dir)).toBe(before)

    expect(await importMarkdown(to, source, true, NOW)).toMatchObject({ added: 4, applied: true })
    const back = [...to.notes.values()].map(comparable).sort((a, b) => a.id.localeCompare(b.id))
    expect(back).toEqual(notes.map(comparable))

    expect(await importMarkdown(to, source, false, NOW)).toMatchObject({ added: 0, updated: 0, unchanged: 4, conflicts: 0 })
  })

  it('tells an older export from an edit made since, by the versions it carries', async () => {
    const { store } = await openStore()
    await store.apply({ op: 'put-notes', notes: [notes[0]!] })
    const old = exportMarkdownZip(store, () => 'CECOP', NOW).content
    await store.apply({
      op: 'put-notes',
      notes: [{ ...notes[0]!, body: 'edited since', updated: T(9), previous: T(0), versions: { [TEST_DEVICE]: 2 } }],
    })
    expect(await importMarkdown(store, { from: 'zip', base64: old }, false, NOW)).toMatchObject({ keptNewer: 1, conflicts: 0 })
  })

  it('leaves out a note whose front matter breaks a rule, with its file and why', async () => {
    const { store } = await openStore()
    const text = `---\nid: "${ID(9)}"\ntarget: "planet/mars"\ntags: []\ncreated: "${T(0)}"\nupdated: "${T(0)}"\n---\n\nx\n`
    const summary = await importMarkdown(store, { from: 'zip', base64: zip({ 'n/mars.md': text }) }, false, NOW)
    expect(summary.refused).toEqual([expect.objectContaining({ file: 'n/mars.md', code: 'rules', path: 'target' })])
  })

  it('refuses two files naming the same note, whole', async () => {
    const { store } = await openStore()
    const text = `---\nid: "${ID(9)}"\ntarget: null\ncreated: "${T(0)}"\nupdated: "${T(0)}"\n---\n\nx\n`
    await expect(importMarkdown(store, { from: 'zip', base64: zip({ 'a.md': text, 'b.md': text }) }, false, NOW)).rejects.toMatchObject({
      wording: { key: 'import-md-duplicate', values: { id: ID(9), first: 'a.md', second: 'b.md' } },
    })
  })
})

describe('importing an Obsidian vault', () => {
  it('reads its notes, skips hidden folders and other files, and leaves out the note with bad YAML by its name', async () => {
    const { store } = await openStore()
    const summary = await importMarkdown(store, await vaultFiles(), true, NOW)
    expect(summary).toMatchObject({ total: 4, added: 3, skipped: 4 })
    expect(summary.refused).toEqual([expect.objectContaining({ file: 'Broken.md', code: 'front-matter', problem: 'syntax', id: null })])

    const byBody = (start: string) => [...store.notes.values()].find((n) => n.body.startsWith(start))!
    const welcome = byBody('# Welcome')
    expect(welcome.body).toBe(
      "# Welcome\n\nA vault's first note, without front matter. It links to [[CECOP]] and to [[Projects/Alpha|the alpha project]].\n",
    )
    expect(welcome).toMatchObject({ target: null, tags: [], updated: '2026-02-03T00:00:00.000Z' })
    const alpha = byBody('# Alpha project')
    expect(alpha).toMatchObject({ tags: ['project/alpha', 'meeting'], created: '2024-03-01T00:00:00.000Z', target: null })
    expect(alpha.body).toContain('See [[Welcome]].')
    const beta = byBody('# Beta')
    // The front matter's tags, then those written in the text, each once; none from code, nor a bare number.
    expect(beta.tags).toEqual(['cicopa', 'research/worker-coops', 'interview'])
    expect(beta.body).toMatch(/^# Beta\n\nBeta has no heading: its title is its file's name\.\n\nTagged in the text #interview/)
  })

  it('reads tags written in the text as Obsidian does, and no more than a note may have', () => {
    expect(inlineTags('#a and (#b/c) x#d #1 #2024-report # heading `#code` #e/')).toEqual(['a', 'b/c', '2024-report', 'e'])
    expect(inlineTags('```js\n#x\n```\n~~~\n#y\n~~~\n#z')).toEqual(['z'])
    expect(inlineTags('#réunion #reunión_2')).toEqual(['réunion', 'reunión_2'])
    expect(inlineTags(`#${'x'.repeat(61)}`)).toEqual([])
    const many = Array.from({ length: 40 }, (_, i) => `#t${i}`).join(' ')
    const { notes } = notesOfMarkdown([{ path: 'many.md', text: `---\ntags: [front]\n---\n${many}` }])
    expect(notes[0]!.tags).toHaveLength(30)
    expect(notes[0]!.tags[0]).toBe('front')
  })

  it('spaces a front matter tag as the editor does (found by the stateful store sequences)', () => {
    const { notes } = notesOfMarkdown([{ path: 'spaced.md', text: '---\ntags: ["A  A", " #board  meeting "]\n---\nText' }])
    expect(notes[0]!.tags).toEqual(['A A', 'board meeting'])
  })

  it('gives each note an id made from its path, so that importing the vault again updates instead of duplicating', async () => {
    const { store } = await openStore()
    const vault = await vaultFiles()
    await importMarkdown(store, vault, true, NOW)
    const ids = [...store.notes.keys()].sort()
    expect(await importMarkdown(store, vault, false, NOW)).toMatchObject({ added: 0, unchanged: 3 })
    const { store: other } = await openStore()
    await importMarkdown(other, vault, true, NOW)
    expect([...other.notes.keys()].sort()).toEqual(ids)
  })

  it('reads a zipped vault as it reads the folder', async () => {
    const { store } = await openStore()
    const vault = (await vaultFiles()) as Extract<MarkdownSource, { from: 'folder' }>
    const summary = await importMarkdown(
      store,
      { from: 'zip', base64: zip(Object.fromEntries(vault.files.map((f) => [f.path, f.text]))) },
      false,
      NOW,
    )
    expect(summary).toMatchObject({ total: 4, added: 3, skipped: 4 })
  })
})

describe('refusing a hostile Markdown import whole, changing nothing', () => {
  const fm = (yaml: string) => `---\n${yaml}\n---\nbody\n`
  const cases: [string, () => MarkdownSource, string][] = [
    ['not a zip', () => ({ from: 'zip', base64: Buffer.from('hello').toString('base64') }), 'import-md-not-zip'],
    ['a name that climbs out', () => ({ from: 'zip', base64: zip({ '../evil.md': 'x' }) }), 'import-md-unsafe-path'],
    ['an absolute name', () => ({ from: 'zip', base64: zip({ '/etc/evil.md': 'x' }) }), 'import-md-unsafe-path'],
    [
      'a folder path that climbs out',
      () => ({ from: 'folder', files: [{ path: 'a/../../b.md', text: 'x' }], skipped: 0 }),
      'import-md-unsafe-path',
    ],
    [
      'a file over the limit',
      () => ({ from: 'zip', base64: zip({ 'big.md': 'x'.repeat(MAX_MARKDOWN_FILE_BYTES + 1) }) }),
      'import-md-file-too-large',
    ],
    [
      'too many Markdown files',
      () => ({ from: 'zip', base64: zip(Object.fromEntries(Array.from({ length: MAX_MARKDOWN_FILES + 1 }, (_, i) => [`n${i}.md`, 'x']))) }),
      'import-md-too-many',
    ],
    [
      'too many entries',
      () => ({ from: 'zip', base64: zip(Object.fromEntries(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => [`f${i}.txt`, '']))) }),
      'import-md-too-many',
    ],
    ['a zip bomb (sizes that lie)', () => ({ from: 'zip', base64: lyingZip() }), 'import-md-damaged'],
  ]
  for (const [label, make, key] of cases)
    it(label, async () => {
      const { store, dir } = await openStore()
      await store.apply({ op: 'put-notes', notes: [aNote(1, 'mine')] })
      const before = await storeBytes(dir)
      await expect(importMarkdown(store, make(), true, NOW)).rejects.toMatchObject({ wording: { key } })
      expect(await storeBytes(dir)).toBe(before)
    })

  it('leaves out alone a note with YAML nested too deep, or too long, and imports the rest', async () => {
    const { store } = await openStore()
    const deep = `tags: ${'['.repeat(40)}x${']'.repeat(40)}`
    const veryDeep = `tags: ${'['.repeat(30_000)}x${']'.repeat(30_000)}`
    const long = `title: "${'x'.repeat(70 * 1024)}"`
    const aliases = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]`
    const summary = await importMarkdown(
      store,
      {
        from: 'folder',
        files: [
          { path: 'deep.md', text: fm(deep) },
          { path: 'very-deep.md', text: fm(veryDeep) },
          { path: 'long.md', text: fm(long) },
          { path: 'aliases.md', text: fm(aliases) },
          { path: 'unclosed.md', text: '---\ntags: [a]\nno end' },
          { path: 'list.md', text: fm('- a\n- b') },
          { path: 'ok.md', text: fm('tags: ok') },
        ],
        skipped: 2,
      },
      true,
      NOW,
    )
    expect(summary.refused.map((r) => [r.file, r.problem])).toEqual([
      ['deep.md', 'depth'],
      ['very-deep.md', 'depth'],
      ['long.md', 'length'],
      ['aliases.md', 'depth'],
      ['unclosed.md', 'syntax'],
      ['list.md', 'syntax'],
    ])
    expect(summary).toMatchObject({ added: 1, skipped: 2 })
  })

  it('leaves out a note whose text is over 1 MB by the note rules', async () => {
    const { store } = await openStore()
    const summary = await importMarkdown(
      store,
      { from: 'folder', files: [{ path: 'huge.md', text: 'é'.repeat(600 * 1024) }], skipped: 0 },
      false,
      NOW,
    )
    expect(summary.refused).toEqual([expect.objectContaining({ file: 'huge.md', code: 'rules', path: 'body' })])
  })
})

/** A zip whose one file says it holds 10 bytes and inflates to 10 MB. */
function lyingZip(): string {
  const bytes = zipSync({ 'bomb.md': strToU8('a'.repeat(10 * 1024 * 1024)) }, { level: 9 })
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let i = 0; i < bytes.length - 4; i++) {
    const sig = view.getUint32(i, true)
    if (sig === 0x04034b50) view.setUint32(i + 22, 10, true)
    if (sig === 0x02014b50) view.setUint32(i + 24, 10, true)
  }
  return Buffer.from(bytes).toString('base64')
}
