/**
 * A note's exact version: a version vector, one counter per device that changed it ({ "<device id>": 3 }). A
 * device counts its own changes of the note (a create is 1, each edit, trash or restore one more), so two versions
 * can be compared exactly, whatever the clocks say: one came before the other, they are the same, or each holds a
 * change the other has not seen (concurrent: both texts must be kept). A device missing from a vector counts 0.
 *
 * Pure functions of plain objects; the rules a stored vector obeys (ids, counters, size) are in note-rules.ts.
 */

/** Device id → how many changes of the note that device made. */
export type Versions = Readonly<Record<string, number>>

/** How `a` stands to `b`: 'before' means b has seen everything a has, and more. */
export type VersionOrder = 'same' | 'before' | 'after' | 'concurrent'

const own = (versions: Versions, device: string): number =>
  Object.prototype.hasOwnProperty.call(versions, device) ? (versions[device] ?? 0) : 0

export function compareVersions(a: Versions, b: Versions): VersionOrder {
  let aAhead = false
  let bAhead = false
  for (const device of Object.keys(a)) {
    const x = own(a, device)
    const y = own(b, device)
    if (x > y) aAhead = true
    else if (y > x) bAhead = true
  }
  for (const device of Object.keys(b)) {
    if (own(b, device) > own(a, device)) bAhead = true
  }
  if (aAhead && bAhead) return 'concurrent'
  if (aAhead) return 'after'
  if (bAhead) return 'before'
  return 'same'
}

export const sameVersions = (a: Versions, b: Versions): boolean => compareVersions(a, b) === 'same'

/** The version that has seen everything either has seen: each device's larger counter. */
export function mergeVersions(a: Versions, b: Versions): Record<string, number> {
  const out: Record<string, number> = {}
  for (const device of [...Object.keys(a), ...Object.keys(b)]) {
    const counter = Math.max(own(a, device), own(b, device))
    if (counter > 0) out[device] = counter
  }
  return out
}

/** The version after one more change on `device`. */
export function bumpVersion(versions: Versions, device: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const key of Object.keys(versions)) if (own(versions, key) > 0) out[key] = own(versions, key)
  out[device] = own(versions, device) + 1
  return out
}

/** The version of a note just made on `device`. */
export const firstVersion = (device: string): Record<string, number> => ({ [device]: 1 })
