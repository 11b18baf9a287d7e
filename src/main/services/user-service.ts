/** Settings, favourites and the corrections queue: small, and all written through the durable store. */
import { randomUUID } from 'node:crypto'
import type { Correction, ExportedFile, NoteTarget, Settings } from '../../shared/domain'
import { wordedRefusal } from '../../shared/errors'
import { saveFailure } from '../data-folder-errors'
import type { UserStore } from '../store/user-store'

export class UserService {
  constructor(
    private readonly store: UserStore,
    private readonly targetExists: (target: NoteTarget) => boolean,
    private readonly now: () => Date = () => new Date(),
  ) {}

  settings(): Settings {
    return { ...this.store.settings }
  }

  async updateSettings(change: Partial<Settings>): Promise<Settings> {
    const settings = { ...this.store.settings, ...change }
    await this.#write(() => this.store.apply({ op: 'set-settings', settings }))
    return { ...settings }
  }

  favourites(): string[] {
    return [...this.store.favourites]
  }

  async setFavourite(id: string, favourite: boolean): Promise<string[]> {
    if (favourite && !this.targetExists({ kind: 'organisation', id }))
      throw wordedRefusal('not-found', 'organisation-not-found', `No organisation has the id "${id}".`, { id })
    const without = this.store.favourites.filter((f) => f !== id)
    const favourites = favourite ? [...without, id] : without
    await this.#write(() => this.store.apply({ op: 'set-favourites', favourites }))
    return [...favourites]
  }

  corrections(): Correction[] {
    return [...this.store.corrections.values()].sort((a, b) => b.created.localeCompare(a.created))
  }

  async addCorrection(input: Omit<Correction, 'id' | 'created'>): Promise<Correction> {
    if (!this.targetExists(input.target))
      throw wordedRefusal(
        'not-found',
        'correction-target-missing',
        `There is no ${input.target.kind} with the id "${input.target.id}" to correct.`,
        { kind: input.target.kind, id: input.target.id },
      )
    const correction: Correction = { ...input, target: { ...input.target }, id: randomUUID(), created: this.now().toISOString() }
    await this.#write(() => this.store.apply({ op: 'put-correction', correction }))
    return correction
  }

  async deleteCorrection(id: string): Promise<{ id: string }> {
    if (!this.store.corrections.has(id))
      throw wordedRefusal('not-found', 'correction-not-found', `No correction has the id "${id}".`, { id })
    // The withdrawal leaves a tombstone (when), so that it travels and no other device's file brings it back.
    await this.#write(() => this.store.apply({ op: 'delete-correction', id, deleted: this.now().toISOString() }))
    return { id }
  }

  /** The queue as a file for the content maintainers: each correction with the pack version it was made against. */
  exportCorrections(packVersion: string): ExportedFile {
    const now = this.now().toISOString()
    const file = { format: 'coop-atlas-corrections', version: 1, exported: now, packVersion, corrections: this.corrections() }
    return {
      fileName: `coop-atlas-corrections-${now.slice(0, 10)}.json`,
      mediaType: 'application/json',
      content: JSON.stringify(file, null, 1),
      encoding: 'utf8',
    }
  }

  async #write(write: () => Promise<void>): Promise<void> {
    try {
      await write()
    } catch (error) {
      throw saveFailure(this.store.folder, error)
    }
  }
}
