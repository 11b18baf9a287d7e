/**
 * New reference content, offline: a maintainer publishes one signed pack file (pack-signature.ts); the user opens it
 * from disk. The app checks the signature against the keys it ships, then the schema and integrity, and that the
 * version is newer; shows every change; and installs it only when the user accepts. The installed file is the signed
 * file itself, verified again at every start. Notes are never touched: a note on an id the new pack no longer has is
 * kept and listed as orphaned.
 */
import { mkdir, readFile, rename, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { PACK_VERSION_PATTERN, type ContentPack } from '../../shared/content/schema'
import { MAX_PACK_FILE_BYTES } from '../../shared/contract'
import type { InstalledPackIgnored, PackUpdatePreview } from '../../shared/domain'
import { writeDurably } from '../store/durable-file'
import { fileStamp } from '../store/file-stamp'
import { PackError, validatePack } from './load-pack'
import { diffPacks, MAX_PREVIEW_CHANGES } from './pack-diff'
import { PackFileRefusal, verifyPackFile, type TrustedPackKey } from './pack-signature'

export const INSTALLED_FOLDER = 'content'
export const INSTALLED_FILE = 'pack.json'

/** Compares pack versions (plain semver, as the schema allows them): >0 when a is newer. */
export function compareVersions(a: string, b: string): number {
  const pa = PACK_VERSION_PATTERN.exec(a)
  const pb = PACK_VERSION_PATTERN.exec(b)
  if (!pa || !pb) throw new Error(`not a pack version: ${!pa ? a : b}`)
  for (let i = 1; i <= 3; i++) if (Number(pa[i]) !== Number(pb[i])) return Number(pa[i]) - Number(pb[i])
  return 0
}

/** A checked pack file: the pack, and the signed file as it is stored when installed. */
export interface OpenedPackFile {
  pack: ContentPack
  file: string
  keyId: string
}

/** Reads and checks a pack file; anything wrong is refused as a whole with the reason (a PackFileRefusal). */
export function openPackFile(text: string, keys: readonly TrustedPackKey[]): OpenedPackFile {
  const { packText, keyId, file } = verifyPackFile(text, keys)
  let raw: unknown
  try {
    raw = JSON.parse(packText)
  } catch (error) {
    throw new PackFileRefusal(
      'invalid',
      `The signed pack is not valid JSON (${(error as Error).message.slice(0, 200)}). Nothing was changed.`,
      { key: 'pack-text-not-json', values: {} },
    )
  }
  try {
    return { pack: validatePack(raw), file, keyId }
  } catch (error) {
    if (error instanceof PackError)
      throw new PackFileRefusal(
        'invalid',
        `The pack cannot be used: ${error.message.split('\n')[0]?.replace(/\.$/, '')} (${error.problems[0]}). Nothing was changed.`,
        { key: 'pack-invalid', values: { problems: error.problems.length } },
        error.problems,
      )
    throw error
  }
}

export const parsePackFile = (text: string, keys: readonly TrustedPackKey[]): ContentPack => openPackFile(text, keys).pack

/** What installing `next` over `current` would change, and which notes would lose their subject. */
export function previewUpdate(current: ContentPack, next: ContentPack, noteTargets: { kind: string; id: string }[]): PackUpdatePreview {
  const diff = diffPacks(current, next)
  const resolve = (id: string) => next.redirects[id] ?? id
  const exists = (t: { kind: string; id: string }) => {
    const id = resolve(t.id)
    if (t.kind === 'organisation') return next.organisations.some((o) => o.id === id)
    if (t.kind === 'event') return next.events.some((e) => e.id === id)
    return next.strategicPlan.pillars.some((p) => p.id === id)
  }
  return {
    current: { packVersion: current.packVersion, date: current.date },
    next: { packVersion: next.packVersion, date: next.date },
    newer: compareVersions(next.packVersion, current.packVersion) > 0,
    ...diff.organisations,
    events: { before: current.events.length, after: next.events.length },
    sources: { before: current.sources.length, after: next.sources.length },
    notesOrphaned: noteTargets.filter((t) => !exists(t)).length,
    changes: diff.changes.slice(0, MAX_PREVIEW_CHANGES),
    changeCount: diff.changes.length,
  }
}

const folderOf = (userDataDir: string) => join(userDataDir, INSTALLED_FOLDER)

/** Installs a checked, signed pack file in the user-data folder, keeping the one it replaces beside it. */
export async function installPack(userDataDir: string, file: string): Promise<void> {
  const folder = folderOf(userDataDir)
  await mkdir(folder, { recursive: true })
  const path = join(folder, INSTALLED_FILE)
  await rename(path, join(folder, 'pack.previous.json')).catch(() => undefined)
  await writeDurably(path, file)
}

/** Moves the installed file aside (kept, under a dated name) so that the shipped pack is used; its new name, or null if there was none. */
export async function setInstalledAside(userDataDir: string, now = new Date()): Promise<string | null> {
  const folder = folderOf(userDataDir)
  const name = `pack.set-aside-${fileStamp(now)}.json`
  try {
    await rename(join(folder, INSTALLED_FILE), join(folder, name))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  return name
}

/** The installed pack and whether to use it: verified like a file just opened, and used only if newer than the shipped one. */
export async function readInstalledPack(
  userDataDir: string,
  shipped: ContentPack | null,
  keys: readonly TrustedPackKey[],
): Promise<{ pack: ContentPack | null; ignored: InstalledPackIgnored | null }> {
  const path = join(folderOf(userDataDir), INSTALLED_FILE)
  let text: string
  try {
    // The stored file is never larger than the file that was opened, itself at most MAX_PACK_FILE_BYTES: a bigger one is not read at all.
    if ((await stat(path)).size > MAX_PACK_FILE_BYTES) {
      return { pack: null, ignored: { reason: 'too-large', message: 'The installed pack file is larger than any pack file can be.' } }
    }
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { pack: null, ignored: null }
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    return {
      pack: null,
      ignored: {
        reason: 'unreadable',
        message: `The installed pack file cannot be read (${(error as Error).message}).`,
        wording: { key: 'file-unreadable', values: { path, code } },
      },
    }
  }
  let opened: OpenedPackFile
  try {
    opened = openPackFile(text, keys)
  } catch (error) {
    // A damaged, altered or no longer trusted installed pack is ignored in favour of the shipped one; the file
    // stays where it is for inspection, and Settings says why.
    if (!(error instanceof PackFileRefusal)) throw error
    return {
      pack: null,
      ignored: {
        reason: error.reason,
        message: error.message,
        ...(error.wording ? { wording: error.wording } : {}),
        ...(error.keyId ? { keyId: error.keyId } : {}),
      },
    }
  }
  const { pack } = opened
  if (shipped && compareVersions(pack.packVersion, shipped.packVersion) <= 0) {
    return {
      pack: null,
      ignored: {
        reason: 'not-newer',
        message: `The installed pack (${pack.packVersion}) is not newer than the one that shipped with the app (${shipped.packVersion}).`,
        packVersion: pack.packVersion,
      },
    }
  }
  return { pack, ignored: null }
}

/** The pack installed by the user, if it is good, signed by a trusted key and newer than the one that shipped with the app. */
export async function installedPackIfNewer(
  userDataDir: string,
  shipped: ContentPack | null,
  keys: readonly TrustedPackKey[],
): Promise<ContentPack | null> {
  return (await readInstalledPack(userDataDir, shipped, keys)).pack
}
