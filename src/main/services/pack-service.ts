/**
 * The reference pack in use, behind one small service: the pack that shipped with the app, or a newer signed file
 * the user installed. It alone swaps the pack (handlers never do); every service asks it for the current one.
 * Installing and going back are queued one after the other, so two clicks cannot interleave their file moves.
 */
import type { ContentPack } from '../../shared/content/schema'
import type { PackLocale } from '../../shared/content/texts'
import type { InstalledPackIgnored, NoteTarget, PackHeader, PackStatus, PackUpdatePreview } from '../../shared/domain'
import { ServiceError, wordedRefusal } from '../../shared/errors'
import { PackError, loadPack } from '../content/load-pack'
import { compareVersions, installPack, openPackFile, previewUpdate, readInstalledPack, setInstalledAside } from '../content/pack-update'
import type { TrustedPackKey } from '../content/pack-signature'
import { ContentService } from './content-service'

export interface PackServiceOptions {
  userDataDir: string
  /** The pack that shipped with the app (resources/content). */
  packDir: string
  trustedKeys: readonly TrustedPackKey[]
  /** What the user's notes are about, for the preview's count of notes that would lose their subject. */
  noteTargets: () => NoteTarget[]
}

const header = (pack: ContentPack): PackHeader => ({ packVersion: pack.packVersion, date: pack.date })

export class PackService {
  #current: ContentService | PackError
  #origin: 'shipped' | 'installed'
  #ignored: InstalledPackIgnored | null
  #queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly options: PackServiceOptions,
    private readonly shipped: ContentPack | PackError,
    installed: ContentPack | null,
    ignored: InstalledPackIgnored | null,
  ) {
    const pack = installed ?? shipped
    this.#current = pack instanceof Error ? pack : new ContentService(pack)
    this.#origin = installed ? 'installed' : 'shipped'
    this.#ignored = ignored
  }

  static async open(options: PackServiceOptions): Promise<PackService> {
    let shipped: ContentPack | PackError
    try {
      shipped = await loadPack(options.packDir)
    } catch (error) {
      shipped = error instanceof PackError ? error : new PackError('The reference pack could not be loaded.', [String(error)])
    }
    // A newer signed pack the user installed from a file wins over the one that shipped with the app; one that is
    // altered, signed by a key no longer trusted, or not newer than the shipped pack is passed over, and status() says why.
    const installed = await readInstalledPack(options.userDataDir, shipped instanceof Error ? null : shipped, options.trustedKeys)
    return new PackService(options, shipped, installed.pack, installed.ignored)
  }

  /** The pack in use, or why there is none. */
  current(): ContentService | PackError {
    return this.#current
  }

  status(): PackStatus {
    const installedIgnored = this.#ignored
    const current = this.#current
    if (current instanceof Error)
      return {
        ok: false,
        reason: current.reason,
        message: current.message.split('\n')[0] ?? '',
        problems: current.problems,
        installedIgnored,
      }
    const shipped = this.shipped instanceof Error ? null : header(this.shipped)
    return { ok: true, ...header(current.pack), origin: this.#origin, shipped, installedIgnored }
  }

  /** The pack in use, for the calls that read it; refused with the reason when the pack could not be loaded. */
  inUse(): ContentService {
    if (this.#current instanceof Error) throw new ServiceError('pack-unavailable', this.#current.message, this.#current.problems)
    return this.#current
  }

  /** The name of a note's subject in the pack in use, or null when it has none (the note is then orphaned). */
  describeTarget(target: NoteTarget, locale: PackLocale = 'en'): string | null {
    return this.#current instanceof Error ? null : this.#current.describeTarget(target, locale)
  }

  /** An organisation's id in the pack in use, through its redirects (the id itself while no pack is loaded). */
  resolveId(id: string): string {
    return this.#current instanceof Error ? id : this.#current.resolveId(id)
  }

  /** Folded organisation names → ids, for wiki-links (empty while no pack is loaded). */
  nameIndex(): Map<string, string> {
    return this.#current instanceof Error ? new Map() : this.#current.nameIndex
  }

  /** The version corrections are made against, or 'unknown' while no pack is loaded. */
  versionInUse(): string {
    return this.#current instanceof Error ? 'unknown' : this.#current.pack.packVersion
  }

  #inUse(): ContentPack {
    return this.inUse().pack
  }

  preview(text: string): PackUpdatePreview {
    const current = this.#inUse()
    return previewUpdate(current, openPackFile(text, this.options.trustedKeys).pack, this.options.noteTargets())
  }

  install(text: string): Promise<PackHeader> {
    return this.#queued(async () => {
      const current = this.#inUse()
      const { pack: next, file } = openPackFile(text, this.options.trustedKeys)
      if (compareVersions(next.packVersion, current.packVersion) <= 0) {
        throw wordedRefusal(
          'invalid-input',
          'pack-not-newer',
          `This pack (${next.packVersion}) is not newer than the one in use (${current.packVersion}). Nothing was changed.`,
          { next: next.packVersion, current: current.packVersion },
        )
      }
      await installPack(this.options.userDataDir, file)
      this.#use(next, 'installed')
      return header(next)
    })
  }

  /** Back to the shipped pack: the installed file (in use, or passed over) is set aside under a dated name, never deleted. */
  useShipped(): Promise<PackHeader> {
    return this.#queued(async () => {
      if (this.shipped instanceof Error) {
        throw wordedRefusal(
          'pack-unavailable',
          'pack-shipped-unusable',
          `The pack that shipped with the app cannot be used: ${this.shipped.message.split('\n')[0]} Nothing was changed.`,
        )
      }
      if (this.#origin === 'shipped' && this.#ignored === null) {
        throw wordedRefusal(
          'invalid-input',
          'pack-shipped-in-use',
          'The pack that shipped with the app is already in use. Nothing was changed.',
        )
      }
      await setInstalledAside(this.options.userDataDir)
      this.#use(this.shipped, 'shipped')
      return header(this.shipped)
    })
  }

  #use(pack: ContentPack, origin: 'shipped' | 'installed'): void {
    this.#current = new ContentService(pack)
    this.#origin = origin
    this.#ignored = null
  }

  #queued<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task)
    this.#queue = run.catch(() => undefined)
    return run
  }
}
