/**
 * Signed pack files. A maintainer signs the pack's JSON text, byte for byte, with an Ed25519 private key kept off
 * the repository; the app verifies it against the public keys it ships. Signing the text rather than a re-serialised
 * object leaves nothing to canonicalise: the bytes verified are the very bytes then parsed.
 *
 * The trusted keys are `pack-keys.json`, imported here so that the build bundles them into the main process (inside
 * app.asar, which the asar-integrity fuse checks on macOS and Windows) instead of reading them from a folder at run
 * time: no file a user hands over, no user-data folder and no `--pack-dir` can add a key. Tests trust a key of their
 * own through startApp's `trustedPackKeys` option, and `npm run browse` through its `--pack-keys` flag; the desktop
 * entry point passes neither. Key rotation is a release: see the README ("Content updates").
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import * as v from 'valibot'
import type { PackRefusalReason } from '../../shared/domain'
import { ServiceError, type ErrorWording } from '../../shared/errors'
import shippedKeyList from './pack-keys.json'

export const PACK_FILE_FORMAT = 'coop-atlas-pack'
/** 1: the pack and a bare SHA-256 (anyone could make one); 2: the pack text, signed. */
export const PACK_FILE_FORMAT_VERSION = 2

export interface TrustedPackKey {
  /** The first 16 hex digits of the SHA-256 of the raw 32-byte public key. */
  id: string
  name: string
  key: KeyObject
}

/** A refused pack file: a ServiceError (the caller sees the message) that also says why, for the status in Settings. */
export class PackFileRefusal extends ServiceError {
  constructor(
    readonly reason: PackRefusalReason,
    message: string,
    wording: ErrorWording,
    details?: string[],
    readonly keyId?: string,
  ) {
    super(reason === 'too-large' ? 'too-large' : 'invalid-input', message, details, wording)
  }
}

/** The id of a key pair, from either half. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url')
  return createHash('sha256').update(raw).digest('hex').slice(0, 16)
}

const KeyList = v.strictObject({
  keys: v.array(
    v.strictObject({ id: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/)), name: v.pipe(v.string(), v.minLength(1)), publicKey: v.string() }),
  ),
})

/** A key list (`{ keys: [{ id, name, publicKey: PEM }] }`), checked: Ed25519 only, and each id must be its key's. */
export function parseKeyList(raw: unknown): TrustedPackKey[] {
  return v.parse(KeyList, raw).keys.map(({ id, name, publicKey }) => {
    const key = createPublicKey(publicKey)
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`The pack key "${name}" is not an Ed25519 key.`)
    if (keyIdOf(key) !== id) throw new Error(`The pack key "${name}" has the id ${keyIdOf(key)}, not ${id}.`)
    return { id, name, key }
  })
}

/** The maintainers' public keys this build trusts (the current one, and the next one during a rotation). */
export const SHIPPED_PACK_KEYS: readonly TrustedPackKey[] = Object.freeze(parseKeyList(shippedKeyList))

/** The file a maintainer publishes: the pack text and its signature (scripts/build-pack-file.mjs writes the same). */
export function signPackText(packText: string, privateKey: KeyObject | string): string {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey
  const signature = sign(null, Buffer.from(packText, 'utf8'), key).toString('base64')
  return JSON.stringify({
    format: PACK_FILE_FORMAT,
    formatVersion: PACK_FILE_FORMAT_VERSION,
    keyId: keyIdOf(key),
    signature,
    pack: packText,
  })
}

const NOTHING = 'Nothing was changed.'
const clip = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max)}…` : text)
/** A key id as the file gives it, safe to show: 64 characters at most, nothing but letters, digits and dashes. */
const shownKeyId = (id: string) => clip(id.replace(/[^0-9A-Za-z_-]/g, '?'), 64)
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

/**
 * Checks a pack file's envelope and signature against the trusted keys and returns the pack text exactly as it was
 * signed, with the envelope to store; refuses anything else with a PackFileRefusal that says which check failed.
 */
export function verifyPackFile(text: string, keys: readonly TrustedPackKey[]): { packText: string; keyId: string; file: string } {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new PackFileRefusal('not-a-pack', `The file is not valid JSON (${clip((error as Error).message)}). ${NOTHING}`, {
      key: 'pack-not-json',
      values: {},
    })
  }
  if (!isRecord(raw) || raw['format'] !== PACK_FILE_FORMAT) {
    throw new PackFileRefusal(
      'not-a-pack',
      `This is not a Coop Atlas content pack (it has no "format": "${PACK_FILE_FORMAT}"). ${NOTHING}`,
      {
        key: 'pack-not-a-pack',
        values: { format: PACK_FILE_FORMAT },
      },
    )
  }
  const { formatVersion, keyId, signature, pack } = raw
  if (formatVersion === undefined || formatVersion === 1) {
    throw new PackFileRefusal(
      'not-signed',
      `This content pack file is not signed (it is in the older, unsigned format). Coop Atlas installs only packs signed by its maintainers. ${NOTHING}`,
      { key: 'pack-old-format', values: {} },
    )
  }
  if (formatVersion !== PACK_FILE_FORMAT_VERSION) {
    throw new PackFileRefusal(
      'not-a-pack',
      `This content pack file is of a kind this Coop Atlas cannot read (format ${clip(String(formatVersion), 20)}). ${NOTHING}`,
      { key: 'pack-format', values: { format: clip(String(formatVersion), 20) } },
    )
  }
  if (typeof pack !== 'string')
    throw new PackFileRefusal('not-a-pack', `This content pack file holds no pack text. ${NOTHING}`, { key: 'pack-no-text', values: {} })
  if (signature === undefined || signature === null || signature === '' || keyId === undefined || keyId === null || keyId === '') {
    throw new PackFileRefusal(
      'not-signed',
      `This content pack file is not signed. Coop Atlas installs only packs signed by its maintainers. ${NOTHING}`,
      { key: 'pack-not-signed', values: {} },
    )
  }
  if (typeof signature !== 'string' || typeof keyId !== 'string') {
    throw new PackFileRefusal('not-a-pack', `This content pack file's signature is not in the expected form. ${NOTHING}`, {
      key: 'pack-signature-form',
      values: {},
    })
  }
  const trusted = keys.find((k) => k.id === keyId)
  if (!trusted) {
    throw new PackFileRefusal(
      'unknown-key',
      `This content pack file is signed by a key this Coop Atlas does not know (id ${shownKeyId(keyId)}). ${NOTHING}`,
      { key: 'pack-unknown-key', values: { keyId: shownKeyId(keyId) } },
      undefined,
      shownKeyId(keyId),
    )
  }
  const bytes = Buffer.from(pack, 'utf8')
  const signatureBytes = Buffer.from(signature, 'base64')
  // Only the one canonical base64 spelling: Buffer.from skips stray characters, which would let one signature be written many ways.
  const wellFormed = signatureBytes.length === 64 && signatureBytes.toString('base64') === signature
  if (!wellFormed || !verify(null, bytes, trusted.key, signatureBytes)) {
    throw new PackFileRefusal(
      'bad-signature',
      `The signature does not match: the file was altered (or damaged) after it was signed. ${NOTHING}`,
      { key: 'pack-bad-signature', values: {} },
    )
  }
  // Parsed from the verified bytes, not the string: a lone surrogate in the string would encode as U+FFFD and verify.
  const packText = bytes.toString('utf8')
  const file = JSON.stringify({ format: PACK_FILE_FORMAT, formatVersion: PACK_FILE_FORMAT_VERSION, keyId, signature, pack: packText })
  return { packText, keyId, file }
}
