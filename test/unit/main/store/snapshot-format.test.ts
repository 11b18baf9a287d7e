import { createHash } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  NOTE_KEYS_WITHOUT_BODY,
  notesPlainlyValid,
  STORE_VERSION,
  StoredNote,
  defaultSettings,
  defaultSync,
  type UserData,
} from '../../../../src/main/store/schema'
import { noticeInEnglish } from '../../../../src/main/store/notice-english'
import { readSnapshot, readStoreFile, STORE_FILE } from '../../../../src/main/store/snapshot'
import { encodeSnapshot, encodeSnapshotInSlices } from '../../../../src/main/store/snapshot-format'
import { UserStore } from '../../../../src/main/store/user-store'
import { aNote, minute } from '../../../support/notes'
import { useTempDirs } from '../../../support/temp-dir'
import { MAX_NOTE_BYTES } from '../../../../src/shared/note-rules'

const tempDir = useTempDirs()

const note = (n: number, body: string) => aNote(n, body, { tags: ['t'], updated: minute(1) })
const store = (bodies: string[]): UserData => ({
  schemaVersion: STORE_VERSION,
  device: { id: '00000000-0000-4000-8000-00000000d0d1', name: 'test machine' },
  notes: bodies.map((b, i) => note(i, b)),
  tombstones: [],
  corrections: [],
  correctionTombstones: [],
  favourites: ['cecop'],
  settings: defaultSettings(),
  sync: defaultSync(),
})
const AWKWARD = ['plain', 'two\nlines, "quoted", \\ back', 'emoji 🧵 and ß, é, 中文', 'line\u2028separator', '', '[[cecop]] ]}\n"bodies":[']

async function written(data: UserData): Promise<string> {
  const dir = await tempDir()
  await writeFile(join(dir, STORE_FILE), encodeSnapshot(data))
  return dir
}

describe('the snapshot layout', () => {
  it('is one JSON document that any JSON tool reads, with the bodies after the rest, in order', async () => {
    const dir = await written(store(AWKWARD))
    const doc = JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')) as { notes: object[]; bodies: string[] }
    expect(doc.bodies).toEqual(AWKWARD)
    expect(doc.notes[0]).not.toHaveProperty('body')
  })

  it('reads back every note exactly, bodies included, and decodes a body only when it is read', async () => {
    const dir = await written(store(AWKWARD))
    const outcome = await readStoreFile(join(dir, STORE_FILE))
    if (!outcome?.ok) throw new Error('not read')
    expect(Object.getOwnPropertyDescriptor(outcome.data.notes[1], 'body')?.get).toBeTypeOf('function')
    expect(outcome.data).toEqual(store(AWKWARD))
    expect(Object.getOwnPropertyDescriptor(outcome.data.notes[1], 'body')).toMatchObject({ value: AWKWARD[1] })
  })

  it('keeps a body through a spread (trash, restore) and lets it be replaced', async () => {
    const outcome = await readStoreFile(join(await written(store(AWKWARD)), STORE_FILE))
    if (!outcome?.ok) throw new Error('not read')
    const [first, second] = outcome.data.notes
    expect({ ...first!, trashed: '2026-02-01T00:00:00.000Z' }.body).toBe('plain')
    second!.body = 'changed'
    expect(encodeSnapshot({ ...outcome.data }).toString()).toContain('"changed"')
  })

  it('writes unread bodies back byte for byte, without decoding them', async () => {
    const dir = await written(store(AWKWARD))
    const before = await readFile(join(dir, STORE_FILE))
    const outcome = await readStoreFile(join(dir, STORE_FILE))
    if (!outcome?.ok) throw new Error('not read')
    expect(encodeSnapshot(outcome.data).equals(before)).toBe(true)
    expect(Object.getOwnPropertyDescriptor(outcome.data.notes[2], 'body')?.get).toBeTypeOf('function')
  })

  it('writes the same bytes in slices as in one piece, and lets other work run between the slices', async () => {
    const many = store(Array.from({ length: 3000 }, (_, i) => `${AWKWARD[i % AWKWARD.length]} ${i}`))
    const outcome = await readStoreFile(join(await written(many), STORE_FILE))
    if (!outcome?.ok) throw new Error('not read')
    // Some bodies read and one changed since the open; the rest copied as the file holds them.
    outcome.data.notes[7]!.body = 'changed'
    expect(outcome.data.notes[8]!.body).toBe(many.notes[8]!.body)
    let turns = 0
    let encoding = true
    const count = async () => {
      while (encoding) await new Promise((resolve) => setImmediate(resolve)).then(() => turns++)
    }
    const counted = count()
    const inSlices = await encodeSnapshotInSlices(outcome.data, 0)
    encoding = false
    await counted
    expect(turns).toBeGreaterThan(10)
    expect(inSlices.equals(encodeSnapshot(outcome.data))).toBe(true)
    expect(inSlices.equals(asWrittenBefore(outcome.data))).toBe(true)
  })

  it('reads an empty store', async () => {
    const outcome = await readStoreFile(join(await written(store([])), STORE_FILE))
    expect(outcome).toMatchObject({ ok: true, data: { notes: [], favourites: ['cecop'] } })
  })

  it('still reads the file once a person has reformatted it', async () => {
    const dir = await written(store(AWKWARD))
    const path = join(dir, STORE_FILE)
    await writeFile(path, JSON.stringify(JSON.parse(await readFile(path, 'utf8')), null, 2))
    const outcome = await readStoreFile(path)
    expect(outcome).toMatchObject({ ok: true })
    if (outcome?.ok) expect(outcome.data.notes.map((n) => n.body)).toEqual(AWKWARD)
  })

  it.each([
    ['with a byte-order mark in front (as some editors save)', (s: string) => `\ufeff${s}`],
    ['with Windows line endings', (s: string) => s.replace(/\n/g, '\r\n')],
    ['without its last line break', (s: string) => s.slice(0, -1)],
  ])('still reads the file %s', async (_name, change) => {
    const dir = await written(store(AWKWARD))
    const path = join(dir, STORE_FILE)
    await writeFile(path, change(await readFile(path, 'utf8')))
    const outcome = await readStoreFile(path)
    expect(outcome).toMatchObject({ ok: true })
    if (outcome?.ok) expect(outcome.data.notes.map((n) => n.body)).toEqual(AWKWARD)
  })

  it('reads a version-2 store (bodies inline) and says it must be written anew', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, STORE_FILE), JSON.stringify({ ...store(['old']), schemaVersion: 2 }, null, 1))
    const outcome = await readStoreFile(join(dir, STORE_FILE))
    expect(outcome).toMatchObject({ ok: true, migratedFrom: 2 })
    if (outcome?.ok) expect(outcome.data.notes[0]?.body).toBe('old')
  })

  it('reads a version-4 store in this layout (as version 4 wrote it) and gives each note a version', async () => {
    const dir = await tempDir()
    const { device: _device, ...rest } = store(AWKWARD)
    const v4 = {
      ...rest,
      schemaVersion: 4,
      notes: rest.notes.map(({ versions: _versions, conflictOf: _conflictOf, ...n }) => n),
    } as unknown as UserData
    await writeFile(join(dir, STORE_FILE), encodeSnapshot(v4))
    expect((await readFile(join(dir, STORE_FILE), 'utf8')).split('\n')[0]).not.toContain('versions')
    const outcome = await readStoreFile(join(dir, STORE_FILE))
    if (!outcome?.ok) throw new Error('not read')
    expect(outcome.migratedFrom).toBe(4)
    expect(outcome.data.notes.map((n) => n.body)).toEqual(AWKWARD)
    expect(outcome.data.notes.every((n) => JSON.stringify(n.versions) === JSON.stringify({ [outcome.data.device.id]: 1 }))).toBe(true)
  })

  it.each([
    ['a changed letter in a note', (s: string) => s.replace('emoji', 'emojj'), /match the checksum/],
    ['a body line removed', (s: string) => s.replace('"plain",\n', ''), /match the checksum/],
    [
      'a newer schema version (its checksum unknown to us)',
      (s: string) => s.replace(`"schemaVersion":${STORE_VERSION}`, `"schemaVersion":${STORE_VERSION + 1}`),
      /newer Coop Atlas/,
    ],
    [
      'a newer schema version, reformatted',
      (s: string) => JSON.stringify({ ...JSON.parse(s), schemaVersion: STORE_VERSION + 1 }),
      /newer Coop Atlas/,
    ],
    ['a changed tag on line 1', (s: string) => s.replace('"tags":["t"]', '"tags":["u"]'), /match the checksum/],
    ['other line endings, then a changed letter', (s: string) => s.replace(/\n/g, '\r\n').replace('emoji', 'emojj'), /match the checksum/],
    ['a note without its text, checksum and all', (s: string) => rewritten(s, (d) => d.bodies.pop()), /do not match up/],
    [
      'a missing comma between two texts, checksum and all',
      (s: string) => resealed(s.replace('"plain",\n', '"plain"\n')),
      /do not match up/,
    ],
  ])('sets the file aside, and restores the backup, for %s', async (_name, damage, why) => {
    const dir = await tempDir()
    const opened = await UserStore.open(dir)
    for (const n of store(AWKWARD).notes) await opened.apply({ op: 'put-note', note: n })
    await opened.close() // writes the snapshot and backs it up
    const path = join(dir, STORE_FILE)
    const bad = damage(await readFile(path, 'utf8'))
    await writeFile(path, bad)
    const readout = await readSnapshot(dir)
    expect(noticeInEnglish(readout.notice)).toMatch(why)
    expect(noticeInEnglish(readout.notice)).toMatch(/last good backup .* was restored/)
    expect(readout.data.notes.map((n) => n.body)).toEqual(AWKWARD)
    const aside = (await readdir(dir)).find((n) => n.startsWith('coop-atlas-store.'))!
    expect(await readFile(join(dir, aside), 'utf8')).toBe(bad)
  })
})

describe('a store with one bad record', () => {
  it('keeps every other record, sets the bad one aside as it was, and says where', async () => {
    const dir = await tempDir()
    const opened = await UserStore.open(dir)
    for (const n of store(AWKWARD).notes) await opened.apply({ op: 'put-note', note: n })
    await opened.close()
    const path = join(dir, STORE_FILE)
    // Checksum and all: only the rules can tell.
    await writeFile(path, resealed((await readFile(path, 'utf8')).replace('"kind":"organisation"', '"kind":"planet"')))
    const readout = await readSnapshot(dir)
    expect(noticeInEnglish(readout.notice)).toMatch(
      /1 record of your notes file could not be read and was left out; every other record was kept/,
    )
    expect(readout.data.notes.map((n) => n.body)).toEqual(AWKWARD.slice(1))
    // The file as it was, byte for byte, is kept aside for the record that was left out.
    const aside = (await readdir(dir)).find((n) => n.startsWith('coop-atlas-store.partly-read-'))!
    expect(await readFile(join(dir, aside), 'utf8')).toContain('"kind":"planet"')
  })

  it('sets aside a note whose text is over the limit, checksum and all, and keeps the others', async () => {
    const dir = await tempDir()
    const opened = await UserStore.open(dir)
    for (const n of store(AWKWARD).notes) await opened.apply({ op: 'put-note', note: n })
    await opened.close()
    const path = join(dir, STORE_FILE)
    // One byte over the limit in UTF-8 (each 'é' is two bytes), though under it counted in letters.
    const tooLong = 'é'.repeat(MAX_NOTE_BYTES / 2) + 'x'
    await writeFile(
      path,
      rewritten(await readFile(path, 'utf8'), (d) => (d.bodies[2] = tooLong)),
    )
    const readout = await readSnapshot(dir)
    expect(noticeInEnglish(readout.notice)).toMatch(/1 record of your notes file could not be read/)
    expect(readout.data.notes.map((n) => n.body)).toEqual(AWKWARD.filter((_, i) => i !== 2))
  })
})

const CHECKSUM_LENGTH = '{"sha256":"",'.length + 64

/** The file with its checksum made to match again, whatever was done to it. */
function resealed(text: string): string {
  const rest = text.slice(CHECKSUM_LENGTH)
  return `{"sha256":"${createHash('sha256').update(rest).digest('hex')}",${rest}`
}

/** Re-encodes the file after `change` to its parsed document, keeping the layout and a matching checksum. */
function rewritten(text: string, change: (doc: { notes: unknown[]; bodies: string[] }) => void): string {
  const doc = JSON.parse(text) as { notes: unknown[]; bodies: string[]; sha256?: string }
  change(doc)
  const lines = doc.bodies.map((b, i) => `${JSON.stringify(b)}${i === doc.bodies.length - 1 ? '' : ','}\n`).join('')
  const { bodies: _b, sha256: _s, ...head } = doc
  return resealed(`{"sha256":"${'0'.repeat(64)}",${JSON.stringify(head).slice(1, -1)},"bodies":[\n${lines}]}\n`)
}

describe('notesPlainlyValid (the hand check valibot stands behind)', () => {
  const valibotSays = (notes: unknown) => v.safeParse(v.array(v.omit(StoredNote, ['body'])), notes).success

  it('accepts well-formed notes', () => {
    const notes = store(AWKWARD).notes.map(({ body: _body, ...meta }) => meta)
    expect(notesPlainlyValid(notes)).toBe(true)
    expect(valibotSays(notes)).toBe(true)
  })

  it('never says yes where valibot says no', () => {
    /** Mostly what a note holds, sometimes anything: the hand check must then say no, or agree with valibot. */
    const often = <T>(valid: fc.Arbitrary<T>, ...others: fc.Arbitrary<unknown>[]) =>
      fc.oneof({ weight: 15, arbitrary: valid as fc.Arbitrary<unknown> }, ...others.map((arbitrary) => ({ weight: 1, arbitrary })))
    const timestamp = fc.oneof(
      { weight: 6, arbitrary: fc.constant('2026-01-01T00:00:00.000Z') },
      fc.string(),
      fc.date().map((d) => (isNaN(d.getTime()) ? 'x' : d.toISOString())),
    )
    const meta = fc.record(
      {
        id: often(fc.uuid(), fc.string()),
        target: often(
          fc.constantFrom({ kind: 'organisation', id: 'cecop' }, null),
          fc.record({ kind: fc.constantFrom('organisation', 'event', 'pillar', 'planet'), id: fc.oneof(fc.string(), fc.integer()) }),
          fc.anything(),
        ),
        // Other subjects: each once, 19 at most; a repeat, a bad one or too many must be refused.
        alsoAbout: often(
          fc
            .uniqueArray(fc.constantFrom('cecop', 'cicopa', 'ica'), { maxLength: 3 })
            .map((ids) => ids.map((id) => ({ kind: 'organisation', id }))),
          fc.constant([
            { kind: 'event', id: 'x' },
            { kind: 'event', id: 'x' },
          ]),
          fc.constant(Array.from({ length: 20 }, (_, i) => ({ kind: 'pillar', id: `p${i}` }))),
          fc.array(fc.record({ kind: fc.constantFrom('organisation', 'planet'), id: fc.oneof(fc.string(), fc.integer()) }), {
            maxLength: 2,
          }),
          fc.anything(),
        ),
        tags: often(fc.constant(['t']), fc.array(fc.string()), fc.array(fc.anything())),
        created: timestamp,
        updated: timestamp,
        trashed: fc.oneof(fc.constant(null), timestamp),
        previous: fc.oneof(fc.constant(null), timestamp),
        versions: often(
          fc.dictionary(fc.uuid(), fc.integer({ min: 1, max: 3 }), { minKeys: 1, maxKeys: 2 }),
          fc.dictionary(fc.oneof(fc.uuid(), fc.string()), fc.oneof(fc.integer({ min: -1, max: 3 }), fc.double(), fc.anything())),
          fc.anything(),
        ),
        conflictOf: often(fc.constant(null), fc.uuid(), fc.string(), fc.anything()),
        shared: often(fc.boolean(), fc.anything()),
        author: often(
          fc.oneof(fc.constant(null), fc.record({ device: fc.uuid(), name: fc.string({ minLength: 1, maxLength: 20 }) })),
          fc.record({ device: fc.oneof(fc.uuid(), fc.string()), name: fc.oneof(fc.string({ maxLength: 210 }), fc.anything()) }),
          fc.record({ device: fc.uuid(), name: fc.string({ maxLength: 3 }), extra: fc.anything() }),
          fc.anything(),
        ),
        extra: fc.anything(),
      },
      {
        requiredKeys: ['id', 'target', 'tags', 'created', 'updated', 'trashed', 'previous', 'versions', 'conflictOf', 'shared', 'author'],
      },
    )
    let accepted = 0
    let acceptedNonEmpty = 0
    fc.assert(
      fc.property(fc.array(fc.oneof({ arbitrary: meta, weight: 8 }, fc.anything()), { maxLength: 3 }), (notes) => {
        if (!notesPlainlyValid(notes)) return
        accepted++
        if (notes.length > 0) acceptedNonEmpty++
        expect(valibotSays(notes)).toBe(true)
      }),
      { numRuns: 5000 },
    )
    // The property means something only if the hand check said yes often enough, and to notes, not only to none.
    expect(accepted).toBeGreaterThan(50)
    expect(acceptedNonEmpty).toBeGreaterThan(10)
  })
})

/** The layout as encodeSnapshot wrote it in one piece before it was made in steps: the head by one JSON.stringify. */
function asWrittenBefore(data: UserData): Buffer {
  const head: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data))
    head[key] = key === 'notes' ? data.notes.map((n) => Object.fromEntries(NOTE_KEYS_WITHOUT_BODY.map((f) => [f, n[f]]))) : value
  const lines = data.notes.map((n, i) => `${JSON.stringify(n.body)}${i === data.notes.length - 1 ? '' : ','}\n`).join('')
  const rest = `${JSON.stringify(head).slice(1, -1)},"bodies":[\n${lines}]}\n`
  return Buffer.from(`{"sha256":"${createHash('sha256').update(rest).digest('hex')}",${rest}`)
}
