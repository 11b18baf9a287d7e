import { execFileSync, spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import shippedKeyList from '../../../../src/main/content/pack-keys.json'
import { loadPack } from '../../../../src/main/content/load-pack'
import { parsePackFile } from '../../../../src/main/content/pack-update'
import { PackFileRefusal, SHIPPED_PACK_KEYS, keyIdOf, parseKeyList, verifyPackFile } from '../../../../src/main/content/pack-signature'
import { makeTestPackKey } from '../../../support/pack-keys'
import { FIXTURE_PACK, useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const maintainer = makeTestPackKey('maintainer')
const stranger = makeTestPackKey('stranger')
const keys = [maintainer.trusted]

/** Runs `fn`, expecting a PackFileRefusal; returns it. */
function refusal(fn: () => unknown): PackFileRefusal {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(PackFileRefusal)
    return error as PackFileRefusal
  }
  throw new Error('not refused')
}

describe('signed pack files', () => {
  it('verifies a file signed by a trusted key and gives back the exact text that was signed', async () => {
    const pack = await loadPack(FIXTURE_PACK)
    const file = maintainer.sign(pack)
    const { packText, keyId } = verifyPackFile(file, keys)
    expect(packText).toBe(JSON.stringify(pack))
    expect(keyId).toBe(maintainer.trusted.id)
    expect(parsePackFile(file, keys)).toEqual(pack)
  })

  it.each<[string, (file: Record<string, unknown>) => unknown, PackFileRefusal['reason'], RegExp]>([
    [
      'an older unsigned file (a bare SHA-256)',
      (f) => ({ format: f['format'], sha256: '00', pack: JSON.parse(f['pack'] as string) }),
      'not-signed',
      /not signed/,
    ],
    ['a file with its signature stripped', (f) => ({ ...f, signature: undefined }), 'not-signed', /not signed/],
    ['a file with an empty signature', (f) => ({ ...f, signature: '' }), 'not-signed', /not signed/],
    ['a file with no key id', (f) => ({ ...f, keyId: undefined }), 'not-signed', /not signed/],
    ['a signature that is not a string', (f) => ({ ...f, signature: 7 }), 'not-a-pack', /signature is not in the expected form/],
    ['a newer format', (f) => ({ ...f, formatVersion: 3 }), 'not-a-pack', /cannot read \(format 3\)/],
    ['no pack text', (f) => ({ ...f, pack: JSON.parse(f['pack'] as string) }), 'not-a-pack', /holds no pack text/],
    ['another file', () => ({ hello: 1 }), 'not-a-pack', /not a Coop Atlas content pack/],
    [
      'a key this app does not know',
      (f) => ({ ...f, keyId: 'feedfacefeedface' }),
      'unknown-key',
      /signed by a key this Coop Atlas does not know \(id feedfacefeedface\)/,
    ],
    [
      'one byte of a name changed',
      (f) => ({ ...f, pack: (f['pack'] as string).replace('"english":"E', '"english":"F') }),
      'bad-signature',
      /signature does not match: the file was altered/,
    ],
    [
      'a signature of another text',
      (f) => ({ ...f, signature: JSON.parse(maintainer.sign({ other: 1 }))['signature'] }),
      'bad-signature',
      /altered/,
    ],
    ['a signature with stray characters', (f) => ({ ...f, signature: `${f['signature'] as string}!!` }), 'bad-signature', /altered/],
    ['a truncated signature', (f) => ({ ...f, signature: (f['signature'] as string).slice(0, 40) }), 'bad-signature', /altered/],
  ])('refuses %s', async (_label, change, reason, message) => {
    const genuine = JSON.parse(maintainer.sign(await loadPack(FIXTURE_PACK))) as Record<string, unknown>
    const error = refusal(() => verifyPackFile(JSON.stringify(change(genuine)), keys))
    expect(error.reason).toBe(reason)
    expect(error.message).toMatch(message)
    expect(error.message).toMatch(/Nothing was changed\.$/)
    // Named for the renderer, which words it in the reader's language.
    expect(error.wording?.key).toMatch(/^pack-/)
  })

  it('names each refusal apart, with what the reader needs to know', async () => {
    const genuine = JSON.parse(maintainer.sign(await loadPack(FIXTURE_PACK))) as Record<string, unknown>
    const wording = (change: (f: Record<string, unknown>) => unknown) =>
      refusal(() => verifyPackFile(JSON.stringify(change(genuine)), keys)).wording
    expect(wording((f) => ({ ...f, formatVersion: 3 }))).toEqual({ key: 'pack-format', values: { format: '3' } })
    expect(wording((f) => ({ ...f, keyId: 'feedfacefeedface' }))).toEqual({
      key: 'pack-unknown-key',
      values: { keyId: 'feedfacefeedface' },
    })
    expect(wording((f) => ({ ...f, signature: '' }))).toEqual({ key: 'pack-not-signed', values: {} })
    expect(wording((f) => ({ format: f['format'], sha256: '00', pack: f['pack'] }))).toEqual({ key: 'pack-old-format', values: {} })
    expect(wording(() => ({ hello: 1 }))).toEqual({ key: 'pack-not-a-pack', values: { format: 'coop-atlas-pack' } })
    expect(refusal(() => verifyPackFile('{"format":', keys)).wording).toEqual({ key: 'pack-not-json', values: {} })
  })

  it('refuses a file re-signed by a key it does not know, naming that key', async () => {
    const file = stranger.sign(await loadPack(FIXTURE_PACK))
    const error = refusal(() => verifyPackFile(file, keys))
    expect(error).toMatchObject({ reason: 'unknown-key', keyId: stranger.trusted.id })
    expect(error.message).toContain(`(id ${stranger.trusted.id})`)
  })

  it('refuses not-JSON, and shows a hostile key id only in safe characters', () => {
    expect(refusal(() => verifyPackFile('{"format":', keys)).message).toMatch(/not valid JSON/)
    const file = JSON.stringify({
      format: 'coop-atlas-pack',
      formatVersion: 2,
      keyId: '<img src=x onerror=alert(1)>',
      signature: 'AA==',
      pack: '{}',
    })
    expect(refusal(() => verifyPackFile(file, keys)).message).toContain('(id ?img?src?x?onerror?alert?1??)')
  })

  it('trusts nothing when given no keys, and the key a file names must also be the key that signed it', async () => {
    const pack = await loadPack(FIXTURE_PACK)
    expect(refusal(() => verifyPackFile(maintainer.sign(pack), [])).reason).toBe('unknown-key')
    const forged = { ...JSON.parse(stranger.sign(pack)), keyId: maintainer.trusted.id }
    expect(refusal(() => verifyPackFile(JSON.stringify(forged), keys)).reason).toBe('bad-signature')
  })
})

describe('the key list', () => {
  it('ships the maintainers’ key, with its id', () => {
    expect(SHIPPED_PACK_KEYS.length).toBeGreaterThanOrEqual(1)
    for (const key of SHIPPED_PACK_KEYS) {
      expect(key.key.asymmetricKeyType).toBe('ed25519')
      expect(keyIdOf(key.key)).toBe(key.id)
    }
    expect(shippedKeyList.keys.map((k) => k.id)).toContain('ddb43e1e6c0c6e27')
  })

  it('refuses a list whose id is not its key’s, or a key that is not Ed25519', () => {
    const [entry] = shippedKeyList.keys
    expect(() => parseKeyList({ keys: [{ ...entry, id: '0000000000000000' }] })).toThrow(/has the id ddb43e1e6c0c6e27/)
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' })
    expect(() => parseKeyList({ keys: [{ id: '0000000000000000', name: 'rsa', publicKey: rsa }] })).toThrow(/not an Ed25519 key/)
  })

  it('holds no private key', async () => {
    expect(await readFile('src/main/content/pack-keys.json', 'utf8')).not.toMatch(/PRIVATE/)
  })
})

describe('the maintainers’ pack-file script', () => {
  it('refuses to write an unsigned file', async () => {
    const dir = await tempDir()
    const run = spawnSync(process.execPath, ['scripts/build-pack-file.mjs', dir], {
      encoding: 'utf8',
      env: { ...process.env, COOP_ATLAS_PACK_KEY: '' },
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/Refusing to write an unsigned pack file/)
  })

  it('signs with a key given by path or in the environment, and the app accepts what it wrote', async () => {
    const dir = await tempDir()
    const keyFile = `${dir}/key.pem`
    await writeFile(keyFile, maintainer.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string)
    const shipped = await loadPack('resources/content')
    const output = execFileSync(process.execPath, ['scripts/build-pack-file.mjs', '--key', keyFile, `${dir}/a`], {
      encoding: 'utf8',
      stdio: 'pipe',
    })
    expect(output).toContain(`signed with key ${maintainer.trusted.id}`)
    const text = await readFile(`${dir}/a/coop-atlas-pack-${shipped.packVersion}.json`, 'utf8')
    expect(parsePackFile(text, keys)).toEqual(shipped)
    // The environment may hold the PEM itself; the same key signs the same bytes the same way (Ed25519 is deterministic).
    execFileSync(process.execPath, ['scripts/build-pack-file.mjs', `${dir}/b`], {
      env: { ...process.env, COOP_ATLAS_PACK_KEY: maintainer.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string },
      stdio: 'pipe',
    })
    expect(await readFile(`${dir}/b/coop-atlas-pack-${shipped.packVersion}.json`, 'utf8')).toBe(text)
    // A key this release does not ship gets a warning: the app will refuse the file.
    const run = spawnSync(process.execPath, ['scripts/build-pack-file.mjs', '--key', keyFile, `${dir}/c`], { encoding: 'utf8' })
    expect(run.stderr).toMatch(/is not in src\/main\/content\/pack-keys\.json/)
  })
})
