/**
 * Everything recovery kept, within the user's reach: every backup (rotating and kept) and every set-aside file is
 * listed, can be exported exactly as it is on disk, and can be brought back — a backup by replacing the current
 * data (which is first backed up itself), a set-aside file by merging what it holds as an import merges a file.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BackupInfo, ExportedFile, RecoverySummary, SetAsideInfo } from '../../shared/domain'
import { wordedRefusal } from '../../shared/errors'
import { BACKUP_FOLDER } from '../store/backups'
import type { IncomingNote } from '../store/schema'
import { describeSetAside, recoverableFrom, setAsideNames } from '../store/set-aside'
import type { UserStore } from '../store/user-store'
import { decide, mergeNotes } from './notes-transfer'

export class RecoveryService {
  constructor(
    private readonly store: UserStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  backups(): Promise<BackupInfo[]> {
    return this.store.listBackups()
  }

  async restoreBackup(name: string): Promise<{ notes: number }> {
    await this.store.restoreBackup(name)
    return { notes: this.store.notes.size }
  }

  async exportBackup(name: string): Promise<ExportedFile> {
    if (!(await this.store.listBackups()).some((b) => b.name === name))
      throw wordedRefusal('not-found', 'backup-not-found', `There is no backup named "${name}".`, { name })
    return this.#fileAsExport(join(this.store.folder, BACKUP_FOLDER, name), `coop-atlas-backup-${name.replace(/\//g, '-')}`)
  }

  async setAside(): Promise<SetAsideInfo[]> {
    const now = this.now().toISOString()
    const out: SetAsideInfo[] = []
    // A note already here as the file has it, or edited since, has nothing to bring back (the import's own rule).
    const isHere = (note: IncomingNote) =>
      ['unchanged', 'keptNewer'].includes(decide(this.store.notes.get(note.id), note, this.store.device.id).kind)
    for (const name of await setAsideNames(this.store.folder)) out.push(await describeSetAside(this.store.folder, name, now, isHere))
    return out
  }

  async exportSetAside(name: string): Promise<ExportedFile> {
    await this.#known(name)
    return this.#fileAsExport(join(this.store.folder, name), name)
  }

  /**
   * Brings back what a set-aside file holds, merged by note id: a newer edit wins, an edit that diverged is kept
   * as a second note, a note already here unchanged is left alone. The file itself stays where it is.
   */
  async restoreSetAside(name: string, apply: boolean): Promise<RecoverySummary> {
    await this.#known(name)
    const found = await recoverableFrom(this.store.folder, name, this.now().toISOString())
    if (apply && found.notes.length > 0) await this.store.compact() // a backup of the state before, to go back to
    const summary = await mergeNotes(this.store, found.notes, [], apply)
    if (apply)
      for (const correction of found.corrections)
        if (!this.store.corrections.has(correction.id)) await this.store.apply({ op: 'put-correction', correction })
    return { ...summary, leftAside: found.unrecoverable }
  }

  async #known(name: string): Promise<void> {
    if (!(await setAsideNames(this.store.folder)).includes(name))
      throw wordedRefusal('not-found', 'set-aside-not-found', `There is no set-aside file named "${name}".`, { name })
  }

  async #fileAsExport(path: string, fileName: string): Promise<ExportedFile> {
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
      throw wordedRefusal('not-found', 'file-unreadable', `The file ${path} could not be read (${code}).`, { path, code })
    }
    // Exactly the bytes on disk: a damaged file is exported as damaged, for someone to look at.
    return { fileName, mediaType: 'application/octet-stream', content: bytes.toString('base64'), encoding: 'base64' }
  }
}
