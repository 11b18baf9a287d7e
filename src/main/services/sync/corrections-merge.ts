/**
 * The merge of the user's corrections through the personal sync folder (the team folder never carries them: they
 * are personal). A correction is made and withdrawn, never edited, so the corrections are a set by id, with the
 * withdrawn ones remembered (schema.ts, CorrectionTombstone):
 *  - an incoming correction is added unless one of its id is here, or it was withdrawn (its tombstone is here);
 *  - an incoming tombstone removes the correction, and is kept (the later date of two tombstones of one id).
 * Each device ends up with every correction made anywhere and withdrawn nowhere, whatever the order of the files:
 * the union of the corrections less the union of the tombstones. Pure, like merge.ts: the caller saves `changes()`
 * in the same durable step as the notes' (the 'merge' change of the store).
 */
import type { CorrectionTombstone, StoredCorrection as Correction } from '../../store/schema'
import { canonicalCorrection } from './canonical'
import type { Replica } from './merge'

/** Corrections and their tombstones as a merge changes them: a view over the store's maps, the changes on top. */
export class CorrectionWorkspace {
  readonly #corrections: ReadonlyMap<string, Correction>
  readonly #tombstones: ReadonlyMap<string, CorrectionTombstone>
  readonly #put = new Map<string, Correction>()
  readonly #putTombstones = new Map<string, CorrectionTombstone>()

  constructor(corrections: ReadonlyMap<string, Correction>, tombstones: ReadonlyMap<string, CorrectionTombstone>) {
    this.#corrections = corrections
    this.#tombstones = tombstones
  }

  tombstone(id: string): CorrectionTombstone | undefined {
    return this.#putTombstones.get(id) ?? this.#tombstones.get(id)
  }

  /** The correction of that id, unless it was withdrawn. */
  correction(id: string): Correction | undefined {
    if (this.tombstone(id)) return undefined
    return this.#put.get(id) ?? this.#corrections.get(id)
  }

  put(correction: Correction): void {
    this.#put.set(correction.id, correction)
  }

  /** Keeps the tombstone; the correction of its id goes (the store removes it as it saves the tombstone). */
  putTombstone(tombstone: CorrectionTombstone): void {
    this.#put.delete(tombstone.id)
    this.#putTombstones.set(tombstone.id, tombstone)
  }

  get changed(): boolean {
    return this.#put.size > 0 || this.#putTombstones.size > 0
  }

  /** What to save, in the 'merge' change's terms: corrections to put, then tombstones to keep (each removing its correction). */
  changes(): { corrections: Correction[]; correctionTombstones: CorrectionTombstone[] } {
    return { corrections: [...this.#put.values()], correctionTombstones: [...this.#putTombstones.values()] }
  }
}

export interface CorrectionsOutcome {
  added: number
  withdrawn: number
}

const text = (correction: Correction) => JSON.stringify(canonicalCorrection(correction))

/** Merges another device's corrections and their tombstones (tombstones first). */
export function mergeCorrections(ws: CorrectionWorkspace, replica: Replica): CorrectionsOutcome {
  const out: CorrectionsOutcome = { added: 0, withdrawn: 0 }
  for (const incoming of replica.correctionTombstones ?? []) {
    const local = ws.tombstone(incoming.id)
    const here = ws.correction(incoming.id)
    // Two tombstones of one correction (withdrawn on two devices) are one: the later date, on every device.
    if (!local || incoming.deleted > local.deleted) ws.putTombstone({ id: incoming.id, deleted: incoming.deleted })
    if (here) out.withdrawn++
  }
  for (const incoming of replica.corrections ?? []) {
    if (ws.tombstone(incoming.id)) continue
    const here = ws.correction(incoming.id)
    if (!here) {
      ws.put(incoming)
      out.added++
      continue
    }
    // Never edited, a correction has one text under its id; should two differ (a file changed by hand), every
    // device keeps the same one, the first of the two texts, so that they still agree.
    const theirs = text(incoming)
    if (theirs < text(here)) ws.put(incoming)
  }
  return out
}
