/**
 * New reference content, offline: a maintainer publishes one pack file (the whole pack, its SHA-256, and a
 * format tag); the user opens it from disk. The app checks the format, the checksum, the schema and integrity,
 * and that the version is newer; shows what changes; and installs it only when the user accepts. Notes are
 * never touched: a note on an id the new pack no longer has is kept and listed as orphaned.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import type { ContentPack } from '../../shared/content/schema'
import type { PackUpdatePreview } from '../../shared/domain'
import { ServiceError } from '../../shared/errors'
import { writeDurably } from '../store/durable-file'
import { PackError, validatePack } from './load-pack'

export const PACK_FILE_FORMAT = 'coop-atlas-pack'
export const INSTALLED_FOLDER = 'content'
export const INSTALLED_FILE = 'pack.json'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** The file a maintainer publishes: the pack as one JSON text, and its checksum. */
export function serialisePackFile(pack: ContentPack): string {
  const packText = JSON.stringify(pack)
  return JSON.stringify({ format: PACK_FILE_FORMAT, sha256: sha256(packText), pack: JSON.parse(packText) as unknown })
}

/** Compares semver strings: >0 when a is newer. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0)
  return 0
}

/** Reads and checks a pack file; anything wrong is refused as a whole with the reason. */
export function parsePackFile(text: string): ContentPack {
  let raw: { format?: unknown; sha256?: unknown; pack?: unknown }
  try {
    raw = JSON.parse(text) as typeof raw
  } catch (error) {
    throw new ServiceError('invalid-input', `The file is not valid JSON (${(error as Error).message}). Nothing was changed.`)
  }
  if (typeof raw !== 'object' || raw === null || raw.format !== PACK_FILE_FORMAT) {
    throw new ServiceError(
      'invalid-input',
      `This is not a Coop Atlas content pack (it has no "format": "${PACK_FILE_FORMAT}"). Nothing was changed.`,
    )
  }
  if (typeof raw.sha256 !== 'string' || sha256(JSON.stringify(raw.pack)) !== raw.sha256) {
    throw new ServiceError(
      'invalid-input',
      'The pack file is damaged or was altered: its checksum does not match its contents. Nothing was changed.',
    )
  }
  try {
    return validatePack(raw.pack)
  } catch (error) {
    if (error instanceof PackError)
      throw new ServiceError('invalid-input', `The pack cannot be used: ${error.message.split('\n')[0]}`, error.problems)
    throw error
  }
}

type Named = { id: string; name: string }
const orgNames = (pack: ContentPack) => new Map(pack.organisations.map((o) => [o.id, o.names.acronym ?? o.names.english]))

/** What installing `next` over `current` would change, and which notes would lose their subject. */
export function previewUpdate(current: ContentPack, next: ContentPack, noteTargets: { kind: string; id: string }[]): PackUpdatePreview {
  const before = orgNames(current)
  const after = orgNames(next)
  const byId = new Map(current.organisations.map((o) => [o.id, JSON.stringify(o)]))
  const added: Named[] = []
  const changed: Named[] = []
  for (const o of next.organisations) {
    const old = byId.get(o.id)
    if (old === undefined) added.push({ id: o.id, name: after.get(o.id)! })
    else if (old !== JSON.stringify(o)) changed.push({ id: o.id, name: after.get(o.id)! })
  }
  const resolve = (id: string) => next.redirects[id] ?? id
  const removed = [...before].filter(([id]) => !after.has(resolve(id))).map(([id, name]) => ({ id, name }))
  const exists = (t: { kind: string; id: string }) => {
    const id = resolve(t.id)
    if (t.kind === 'organisation') return after.has(id)
    if (t.kind === 'event') return next.events.some((e) => e.id === id)
    return next.strategicPlan.pillars.some((p) => p.id === id)
  }
  return {
    current: { packVersion: current.packVersion, date: current.date },
    next: { packVersion: next.packVersion, date: next.date },
    newer: compareVersions(next.packVersion, current.packVersion) > 0,
    added,
    changed,
    removed,
    events: { before: current.events.length, after: next.events.length },
    sources: { before: current.sources.length, after: next.sources.length },
    notesOrphaned: noteTargets.filter((t) => !exists(t)).length,
  }
}

/** Installs a checked pack in the user-data folder, keeping the one it replaces beside it. */
export async function installPack(userDataDir: string, pack: ContentPack): Promise<void> {
  const folder = join(userDataDir, INSTALLED_FOLDER)
  await mkdir(folder, { recursive: true })
  const path = join(folder, INSTALLED_FILE)
  await rename(path, join(folder, 'pack.previous.json')).catch(() => undefined)
  await writeDurably(path, serialisePackFile(pack))
}

/** The pack installed by the user, if it is good and newer than the one that shipped with the app. */
export async function installedPackIfNewer(userDataDir: string, shipped: ContentPack | null): Promise<ContentPack | null> {
  let text: string
  try {
    text = await readFile(join(userDataDir, INSTALLED_FOLDER, INSTALLED_FILE), 'utf8')
  } catch {
    return null
  }
  try {
    const pack = parsePackFile(text)
    return !shipped || compareVersions(pack.packVersion, shipped.packVersion) > 0 ? pack : null
  } catch {
    // A damaged installed pack is ignored in favour of the shipped one; the file stays for inspection.
    return null
  }
}
