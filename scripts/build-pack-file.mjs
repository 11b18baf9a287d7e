// Builds and signs the single content-pack file users open to update Coop Atlas offline:
//   node scripts/build-pack-file.mjs [--key FILE] [out-folder]  →  <out-folder>/coop-atlas-pack-<version>.json
// The private key (Ed25519, PEM) comes from --key FILE or from COOP_ATLAS_PACK_KEY (the PEM itself, or its path);
// it is never in the repository. The file holds the pack's JSON text as a string and an Ed25519 signature of exactly
// those UTF-8 bytes; the app checks the signature against its own keys, then the schema, integrity and version
// (src/main/content/pack-signature.ts and pack-update.ts, which write the same format in tests).
import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const { values, positionals } = parseArgs({ options: { key: { type: 'string' } }, allowPositionals: true })

/** @param {string} message */
function refuse(message) {
  console.error(message)
  process.exit(1)
}

const given = values.key ?? process.env['COOP_ATLAS_PACK_KEY']
if (!given) {
  refuse(
    'Refusing to write an unsigned pack file: Coop Atlas installs only packs signed by its maintainers.\n' +
      'Give the private signing key (Ed25519, PEM) with --key FILE or in COOP_ATLAS_PACK_KEY (the PEM, or its path).\n' +
      'The key is kept outside the repository; see "Content updates" in the README.',
  )
}
const pem = given.includes('-----BEGIN')
  ? given
  : await readFile(given, 'utf8').catch((e) => refuse(`Cannot read the key file ${given}: ${e.message}`))
let privateKey
try {
  privateKey = createPrivateKey(pem)
} catch (error) {
  refuse(`The signing key cannot be read as a PEM private key: ${error.message}`)
}
if (privateKey.asymmetricKeyType !== 'ed25519') refuse(`The signing key is ${privateKey.asymmetricKeyType}, not Ed25519.`)
const raw = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x, 'base64url')
const keyId = createHash('sha256').update(raw).digest('hex').slice(0, 16)

const folder = new URL('../resources/content/', import.meta.url)
const read = async (file) => JSON.parse(await readFile(new URL(file, folder), 'utf8'))
const header = await read('pack.json')
const pack = {
  ...header,
  sources: await read('sources.json'),
  organisations: await read('organisations.json'),
  relations: await read('relations.json'),
  events: await read('events.json'),
  cooperativeKinds: await read('cooperative-kinds.json'),
  strategicPlan: await read('strategic-plan.json'),
}
const text = JSON.stringify(pack)
const signature = sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64')
const out = positionals[0] ?? 'dist'
await mkdir(out, { recursive: true })
const path = join(out, `coop-atlas-pack-${header.packVersion}.json`)
await writeFile(path, JSON.stringify({ format: 'coop-atlas-pack', formatVersion: 2, keyId, signature, pack: text }))
console.log(`Wrote ${path}, signed with key ${keyId}.`)

const trusted = new URL('../src/main/content/pack-keys.json', import.meta.url)
const known = existsSync(trusted) && JSON.parse(await readFile(trusted, 'utf8')).keys.some((k) => k.id === keyId)
if (!known)
  console.warn(`Warning: key ${keyId} is not in src/main/content/pack-keys.json: this version of Coop Atlas will refuse the file.`)
