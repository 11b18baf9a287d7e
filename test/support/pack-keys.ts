/**
 * Signing keys for tests, made afresh for each run: no private key, not even a test one, is ever in the repository.
 * The app trusts one only when a test passes it explicitly (startApp's `trustedPackKeys`, browse's `--pack-keys`).
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { loadPack } from '../../src/main/content/load-pack'
import { keyIdOf, signPackText, type TrustedPackKey } from '../../src/main/content/pack-signature'
import { englishVersion } from '../../src/main/content/translations'
import type { ContentPack } from '../../src/shared/content/schema'

export interface TestPackKey {
  privateKey: KeyObject
  trusted: TrustedPackKey
  /** Signs the pack's JSON text, as `npm run pack:file` does. */
  sign(pack: ContentPack | object): string
  /** Writes a key list (the form of src/main/content/pack-keys.json) trusting this key, for browse's --pack-keys. */
  writeKeyList(path: string): Promise<void>
}

export function makeTestPackKey(name = 'test-key'): TestPackKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const trusted = { id: keyIdOf(publicKey), name, key: publicKey }
  return {
    privateKey,
    trusted,
    sign: (pack) => signPackText(JSON.stringify(pack), privateKey),
    writeKeyList: (path) =>
      writeFile(path, JSON.stringify({ keys: [{ id: trusted.id, name, publicKey: publicKey.export({ format: 'pem', type: 'spki' }) }] })),
  }
}
/** The fixture pack one version on: COCETA gone, a new member added, CECOP's description and website changed. */
export async function newerPack(version = '0.0.2'): Promise<ContentPack> {
  const pack = structuredClone(await loadPack(FIXTURE_PACK_DIR))
  pack.packVersion = version
  pack.organisations = pack.organisations.filter((o) => o.id !== 'coceta')
  pack.relations = pack.relations.filter((r) => r.from !== 'coceta' && r.to !== 'coceta')
  pack.organisations.push({
    ...structuredClone(pack.organisations[0]!),
    id: 'new-member',
    names: { english: 'A New Member', acronym: 'ANM' },
  })
  const cecop = pack.organisations.find((o) => o.id === 'cecop')!
  cecop.description = { en: 'Rewritten.', fr: 'Réécrit.', es: 'Reescrito.', translatedFrom: englishVersion('Rewritten.') }
  cecop.website = { value: 'https://cecop.example/', sources: ['src-a'], status: 'sourced' }
  return pack
}

const FIXTURE_PACK_DIR = fileURLToPath(new URL('../fixtures/pack-minimal/', import.meta.url))
