import { mkdir, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { loadPack } from '../../../../src/main/content/load-pack'
import {
  compareVersions,
  installedPackIfNewer,
  parsePackFile,
  previewUpdate,
  readInstalledPack,
} from '../../../../src/main/content/pack-update'
import { makeTestPackKey, newerPack } from '../../../support/pack-keys'
import { FIXTURE_PACK, useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const maintainer = makeTestPackKey()
const keys = [maintainer.trusted]

describe('pack versions', () => {
  it('compares plain semver numerically', () => {
    expect(compareVersions('1.0.10', '1.0.9')).toBeGreaterThan(0)
    expect(compareVersions('2.0.0', '10.0.0')).toBeLessThan(0)
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0)
    expect(() => compareVersions('01.0.0', '1.0.0')).toThrow(/not a pack version/)
  })

  it.each(['1.0.0-x', '01.0.0', '1.0', '1.0.0.0', 'v1.0.0', '1.0.0 ', '1234567890.0.0'])(
    'refuses the pack version "%s" in a signed pack',
    async (version) => {
      const pack = { ...(await loadPack(FIXTURE_PACK)), packVersion: version }
      expect(() => parsePackFile(maintainer.sign(pack), keys)).toThrow(/packVersion: packVersion is semver/)
    },
  )
})

describe('a pack that breaks the rules', () => {
  it('is refused as pack-invalid, with how many things are wrong and each of them as a detail', async () => {
    const pack = structuredClone({ ...(await loadPack(FIXTURE_PACK)), packVersion: 'v1' })
    pack.sources[0]!.url = 'javascript:alert(1)'
    let error: unknown = null
    try {
      parsePackFile(maintainer.sign(pack), keys)
    } catch (e) {
      error = e
    }
    const { wording, details } = error as { wording: { key: string; values: { problems: number } }; details: string[] }
    expect(wording.key).toBe('pack-invalid')
    expect(wording.values.problems).toBe(details.length)
    expect(details.length).toBeGreaterThan(1)
    expect(details.some((d) => d.startsWith('packVersion: '))).toBe(true)
    expect(details.some((d) => d.startsWith('sources.0.url: '))).toBe(true)
  })
})

describe('links in a pack', () => {
  const hostile = [
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'ftp://cecop.coop/',
    'https://cecop.coop@evil.example/',
    'https://user:pass@cecop.coop/',
    'https://cecop.coop/a b',
    'https://cecop.coop\\@evil.example/',
    'not a url',
  ]
  it.each(hostile)('refuses "%s" as a source address', async (url) => {
    const pack = structuredClone(await loadPack(FIXTURE_PACK))
    pack.sources[0]!.url = url
    expect(() => parsePackFile(maintainer.sign(pack), keys)).toThrow(/sources\.0\.url: a source address is https/)
  })

  it.each([...hostile, 'http://cecop.coop/'])('refuses "%s" as a website', async (url) => {
    const pack = structuredClone(await loadPack(FIXTURE_PACK))
    pack.organisations[0]!.website = { value: url, sources: ['src-a'], status: 'sourced' }
    expect(() => parsePackFile(maintainer.sign(pack), keys)).toThrow(/organisations\.0\.website\.value: a website is an https address/)
  })

  it('keeps http for a source whose only address is http', async () => {
    const pack = structuredClone(await loadPack(FIXTURE_PACK))
    pack.sources[0]!.url = 'http://www.cicopa.coop/What-is-CICOPA.html'
    expect(parsePackFile(maintainer.sign(pack), keys).sources[0]!.url).toBe('http://www.cicopa.coop/What-is-CICOPA.html')
  })
})

describe('the update preview', () => {
  it('names the organisations added, changed and removed, and the notes that would be orphaned', async () => {
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

  it('lists every changed value, with the links marked', async () => {
    const current = await loadPack(FIXTURE_PACK)
    const { changes, changeCount } = previewUpdate(current, await newerPack(), [])
    expect(changeCount).toBe(changes.length)
    expect(changes).toContainEqual(
      expect.objectContaining({
        entity: 'organisation',
        id: 'cecop',
        kind: 'changed',
        path: 'description.en',
        after: 'Rewritten.',
        url: false,
      }),
    )
    expect(changes).toContainEqual(
      expect.objectContaining({ id: 'cecop', path: 'website.value', after: 'https://cecop.example/', url: true }),
    )
    expect(changes).toContainEqual(expect.objectContaining({ entity: 'organisation', id: 'coceta', kind: 'removed' }))
    expect(changes).toContainEqual(
      expect.objectContaining({ id: 'new-member', kind: 'added', path: 'names.english', before: null, after: 'A New Member' }),
    )
  })
})

describe('the installed pack', () => {
  async function installed(dir: string, text: string) {
    await mkdir(`${dir}/content`, { recursive: true })
    await writeFile(`${dir}/content/pack.json`, text)
  }

  it('is used when it is signed, valid and newer than the shipped pack', async () => {
    const dir = await tempDir()
    await installed(dir, maintainer.sign(await newerPack('0.0.2')))
    const shipped = await loadPack(FIXTURE_PACK)
    expect((await installedPackIfNewer(dir, shipped, keys))?.packVersion).toBe('0.0.2')
  })

  it('is passed over when the app shipped with a newer pack, and says so', async () => {
    const dir = await tempDir()
    await installed(dir, maintainer.sign(await newerPack('0.0.2')))
    const shipped = { ...(await loadPack(FIXTURE_PACK)), packVersion: '0.1.0' }
    expect(await installedPackIfNewer(dir, shipped, keys)).toBeNull()
    expect(await readInstalledPack(dir, shipped, keys)).toMatchObject({
      pack: null,
      ignored: { reason: 'not-newer', packVersion: '0.0.2' },
    })
    // The same version as the shipped pack: the shipped one is used.
    expect(await installedPackIfNewer(dir, { ...shipped, packVersion: '0.0.2' }, keys)).toBeNull()
  })

  it.each<[string, (text: string) => string, string]>([
    ['altered on disk', (t) => t.replace('Rewritten.', 'Rewritten!'), 'bad-signature'],
    ['in the old unsigned format', () => '{"format":"coop-atlas-pack","sha256":"00","pack":{}}', 'not-signed'],
    ['not JSON any more', (t) => t.slice(0, 100), 'not-a-pack'],
  ])('is ignored when %s, with the reason', async (_label, damage, reason) => {
    const dir = await tempDir()
    const genuine = maintainer.sign(await newerPack())
    await installed(dir, damage(genuine))
    expect(await readInstalledPack(dir, await loadPack(FIXTURE_PACK), keys)).toMatchObject({ pack: null, ignored: { reason } })
  })

  it('is ignored once its key is dropped from the app (rotation), naming the key', async () => {
    const dir = await tempDir()
    await installed(dir, maintainer.sign(await newerPack()))
    const next = makeTestPackKey('next')
    expect(await readInstalledPack(dir, await loadPack(FIXTURE_PACK), [next.trusted])).toMatchObject({
      pack: null,
      ignored: { reason: 'unknown-key', keyId: maintainer.trusted.id },
    })
    // While both keys are trusted (the release that adds the next key), it is still used.
    expect((await installedPackIfNewer(dir, await loadPack(FIXTURE_PACK), [next.trusted, maintainer.trusted]))?.packVersion).toBe('0.0.2')
  })

  it('is not there: nothing to say', async () => {
    expect(await readInstalledPack(await tempDir(), await loadPack(FIXTURE_PACK), keys)).toEqual({ pack: null, ignored: null })
  })
})
