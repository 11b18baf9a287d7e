/**
 * Hostile content-pack files, through the real dispatcher over a real data folder (startApp, as the browse server
 * and the desktop app wire it), with the shipped reference pack and a genuine signed update already installed.
 * The app trusts one test key, made for this run (startApp's `trustedPackKeys`; the shipped keys are not involved).
 *
 * For every file: `pack.previewUpdate` and `pack.installUpdate` both refuse it with a message that names the reason;
 * every file in the data folder is byte for byte what it was; the pack in use and the status are unchanged; and after
 * a restart the same pack is still in use. Then installed files damaged on disk: each is passed over at the next
 * start, the shipped pack is used, Settings' status says why, and the file is left exactly as it was.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../../src/main/app-context'
import { loadPack } from '../../src/main/content/load-pack'
import type { ContentPack } from '../../src/shared/content/schema'
import { MAX_PACK_FILE_BYTES } from '../../src/shared/contract'
import { makeTestPackKey } from '../support/pack-keys'
import { recordFigures } from './support/figures'
import { lostSince, picture } from './support/files'
import { REAL_PACK } from './support/paths'
import { SEED, seededRandom } from './support/rng'

const maintainer = makeTestPackKey('maintainer')
const stranger = makeTestPackKey('stranger')
const random = seededRandom(SEED)
const dirs: string[] = []
const outcomes: Record<string, string> = {}
let filesChanged = 0
let packChanged = 0
const started = Date.now()

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  const refused = Object.values(outcomes).filter((o) => o.startsWith('refused')).length
  recordFigures('hostile-packs', 'Hostile content-pack files (createDispatch over a real data folder, a test signing key)', {
    seed: SEED,
    files: Object.keys(outcomes).length,
    refusedWithTheRightReason: refused,
    accepted: Object.keys(outcomes).length - refused,
    dataFoldersChanged: filesChanged,
    packInUseChanged: packChanged,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    ...outcomes,
  })
})

const shipped = await loadPack(REAL_PACK)
/** One patch on from the shipped pack: the version of the genuine update. */
const NEXT = shipped.packVersion.replace(/\d+$/, (patch) => String(Number(patch) + 1))
/** The shipped pack at another version, optionally edited. */
function packAt(version: string, edit: (pack: ContentPack) => void = () => undefined): ContentPack {
  const pack = structuredClone(shipped)
  pack.packVersion = version
  edit(pack)
  return pack
}
/** The genuine update every case starts from: one patch on from the shipped pack, signed by the trusted key. */
const GENUINE = maintainer.sign(packAt(NEXT, (p) => (p.organisations[0]!.description.en = 'The genuine update.')))

async function start(dir: string): Promise<RunningApp> {
  return startApp({
    userDataDir: dir,
    packDir: REAL_PACK,
    shell: 'browse',
    version: '0',
    openExternal: async () => false,
    trustedPackKeys: [maintainer.trusted],
  })
}

/** A data folder with a note and the genuine update installed, and the app running over it. */
async function prepared(): Promise<{ dir: string; app: RunningApp }> {
  const dir = await mkdtemp(join(tmpdir(), 'coop-atlas-hostile-'))
  dirs.push(dir)
  const app = await start(dir)
  const note = await app.dispatch('notes.create', { target: { kind: 'organisation', id: 'cecop' }, body: 'Mine.' })
  const installed = await app.dispatch('pack.installUpdate', { text: GENUINE })
  if (!note.ok || !installed.ok) throw new Error('the genuine update did not install')
  return { dir, app }
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex')
async function state(app: RunningApp, dir: string) {
  const pack = await app.dispatch('content.pack', {})
  const status = await app.dispatch('app.status', {})
  return { files: await picture(dir), pack: digest(pack), status: digest(status) }
}

/** A genuine signed file with one byte of one organisation's name changed, its signature kept. */
function oneByteOfANameChanged(file: string): string {
  const envelope = JSON.parse(file) as { pack: string }
  const names = [...envelope.pack.matchAll(/"english":"([^"]{4,})"/g)]
  const match = names[Math.floor(random() * names.length)]!
  const at = match.index + '"english":"'.length + Math.floor(random() * match[1]!.length)
  const char = envelope.pack[at] === 'x' ? 'y' : 'x'
  return JSON.stringify({ ...envelope, pack: envelope.pack.slice(0, at) + char + envelope.pack.slice(at + 1) })
}
const withEnvelope = (file: string, change: (e: Record<string, unknown>) => Record<string, unknown>) =>
  JSON.stringify(change(JSON.parse(file) as Record<string, unknown>))
const hostileUrl = (where: 'source' | 'website', url: string) =>
  maintainer.sign(
    packAt('1.0.2', (p) => {
      if (where === 'source') p.sources[0]!.url = url
      else p.organisations[0]!.website = { value: url, sources: [p.sources[0]!.id], status: 'sourced' }
    }),
  )
const HOSTILE_URLS = [
  'javascript:alert(document.domain)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'ftp://cecop.coop/',
  'http://user:secret@cecop.coop/',
  'https://cecop.coop@evil.example/',
]

/** Files that are signed and valid but not newer: the preview shows what they hold (and says "not newer"); installing refuses. */
const NOT_NEWER = /is not newer than the one in use/

const CASES: [string, () => string, RegExp][] = [
  [
    'tampered: one byte of a name changed',
    () => oneByteOfANameChanged(maintainer.sign(packAt('1.0.2'))),
    /signature does not match: the file was altered/,
  ],
  [
    're-signed with an unknown key',
    () => stranger.sign(packAt('1.0.2')),
    new RegExp(`signed by a key this Coop Atlas does not know \\(id ${stranger.trusted.id}\\)`),
  ],
  ['signature stripped', () => withEnvelope(maintainer.sign(packAt('1.0.2')), ({ signature: _s, ...rest }) => rest), /is not signed/],
  ['key id stripped', () => withEnvelope(maintainer.sign(packAt('1.0.2')), ({ keyId: _k, ...rest }) => rest), /is not signed/],
  [
    'signature of another file',
    () => withEnvelope(maintainer.sign(packAt('1.0.2')), (e) => ({ ...e, signature: JSON.parse(GENUINE).signature })),
    /signature does not match/,
  ],
  ...HOSTILE_URLS.flatMap((url): [string, () => string, RegExp][] => [
    [`hostile source URL ${url}`, () => hostileUrl('source', url), /sources\.0\.url: a source address is https/],
    [`hostile website ${url}`, () => hostileUrl('website', url), /organisations\.0\.website\.value: a website is an https address/],
  ]),
  [
    `oversized (> ${MAX_PACK_FILE_BYTES} bytes), otherwise genuine`,
    () => withEnvelope(maintainer.sign(packAt('1.0.2')), (e) => ({ ...e, padding: 'x'.repeat(MAX_PACK_FILE_BYTES) })),
    /a content pack file can be at most 16 MB/,
  ],
  [
    'version 999.0.0, unsigned (the old format)',
    () => JSON.stringify({ format: 'coop-atlas-pack', sha256: '0'.repeat(64), pack: packAt('999.0.0') }),
    /is not signed/,
  ],
  [
    'version 999.0.0, unsigned',
    () => withEnvelope(maintainer.sign(packAt('999.0.0')), ({ signature: _s, ...rest }) => rest),
    /is not signed/,
  ],
  ['version 999.0.0, signed by an unknown key', () => stranger.sign(packAt('999.0.0')), /does not know/],
  [
    'a lower version, signed',
    () => maintainer.sign(packAt('1.0.0', (p) => (p.organisations[0]!.description.en = 'Older.'))),
    new RegExp(`\\(1\\.0\\.0\\) is not newer than the one in use \\(${NEXT.replaceAll('.', '\\.')}\\)`),
  ],
  [
    'the same version, other content, signed',
    () => maintainer.sign(packAt(NEXT, (p) => (p.organisations[0]!.description.en = 'Other.'))),
    new RegExp(`\\(${NEXT.replaceAll('.', '\\.')}\\) is not newer than the one in use \\(${NEXT.replaceAll('.', '\\.')}\\)`),
  ],
  ['non-semver version 1.0.0-x, signed', () => maintainer.sign(packAt('1.0.0-x')), /packVersion: packVersion is semver/],
  ['leading zero 01.0.2, signed', () => maintainer.sign(packAt('01.0.2')), /packVersion: packVersion is semver/],
]

describe('hostile pack files are refused, and nothing changes', () => {
  it.each(CASES)('%s', async (label, make, message) => {
    const { dir, app } = await prepared()
    try {
      const before = await state(app, dir)
      const text = make()
      for (const call of ['pack.previewUpdate', 'pack.installUpdate'] as const) {
        const answer = await app.dispatch(call, { text })
        if (call === 'pack.previewUpdate' && NOT_NEWER.test(message.source)) {
          expect(answer, 'the preview of a pack that is not newer').toMatchObject({ ok: true, value: { newer: false } })
          continue
        }
        expect(answer.ok, `${call} accepted it`).toBe(false)
        if (!answer.ok) expect(answer.error.message, call).toMatch(message)
      }
      const after = await state(app, dir)
      if (JSON.stringify(after.files) !== JSON.stringify(before.files)) filesChanged++
      if (after.pack !== before.pack || after.status !== before.status) packChanged++
      expect(after.files).toEqual(before.files)
      expect(after.pack).toBe(before.pack)
      expect(after.status).toBe(before.status)
      outcomes[label] = `refused: ${message.source.slice(0, 60)}`
    } finally {
      await app.close()
    }
    const again = await start(dir)
    try {
      expect(await again.dispatch('app.status', {})).toMatchObject({
        value: { pack: { packVersion: NEXT, origin: 'installed', installedIgnored: null } },
      })
    } finally {
      await again.close()
    }
  })
})

const ON_DISK: [string, (file: string) => string, string][] = [
  ['installed file: one byte of a name changed on disk', oneByteOfANameChanged, 'bad-signature'],
  ['installed file: re-signed with an unknown key', () => stranger.sign(packAt(NEXT)), 'unknown-key'],
  ['installed file: signature stripped', (f) => withEnvelope(f, ({ signature: _s, ...rest }) => rest), 'not-signed'],
  [
    'installed file: replaced by an unsigned 999.0.0',
    () => JSON.stringify({ format: 'coop-atlas-pack', sha256: '00', pack: packAt('999.0.0') }),
    'not-signed',
  ],
]

describe('an installed pack damaged on disk is passed over at start, and left as it is', () => {
  it.each(ON_DISK)('%s', async (label, damage, reason) => {
    const { dir, app } = await prepared()
    await app.close()
    const path = join(dir, 'content', 'pack.json')
    await writeFile(path, damage(await readFile(path, 'utf8')))
    const content = (entries: Awaited<ReturnType<typeof picture>>) => entries.filter((e) => e.path.startsWith('content'))
    const before = await picture(dir)
    const again = await start(dir)
    try {
      const status = await again.dispatch('app.status', {})
      expect(status).toMatchObject({
        value: { pack: { ok: true, packVersion: shipped.packVersion, origin: 'shipped', installedIgnored: { reason } } },
      })
      expect(await again.dispatch('content.pack', {})).toMatchObject({ value: { packVersion: shipped.packVersion } })
      // A start makes a backup of the notes; nothing else may change, and nothing may be lost.
      const after = await picture(dir)
      if (JSON.stringify(content(after)) !== JSON.stringify(content(before)) || lostSince(before, after).length > 0) filesChanged++
      expect(content(after)).toEqual(content(before))
      expect(lostSince(before, after)).toEqual([])
      outcomes[label] = `refused: passed over (${reason}), shipped pack in use`
    } finally {
      await again.close()
    }
  })
})
