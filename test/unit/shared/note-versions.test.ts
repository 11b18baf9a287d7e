import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { isNoteVersions, MAX_VERSION_ENTRIES, NoteVersions } from '../../../src/shared/note-rules'
import {
  bumpVersion,
  compareVersions,
  firstVersion,
  mergeVersions,
  sameVersions,
  type VersionOrder,
  type Versions,
} from '../../../src/shared/note-versions'

const A = '00000000-0000-4000-8000-00000000000a'
const B = '00000000-0000-4000-8000-00000000000b'
const C = '00000000-0000-4000-8000-00000000000c'

/** The opposite order: compare(b, a) is this of compare(a, b). */
const MIRROR: Record<VersionOrder, VersionOrder> = { same: 'same', before: 'after', after: 'before', concurrent: 'concurrent' }

describe('compareVersions', () => {
  it.each<[string, Versions, Versions, VersionOrder]>([
    ['the same vector', { [A]: 2, [B]: 1 }, { [B]: 1, [A]: 2 }, 'same'],
    ['one device, fewer changes', { [A]: 1 }, { [A]: 2 }, 'before'],
    ['one device, more changes', { [A]: 3 }, { [A]: 2 }, 'after'],
    ['a device the other has not seen', { [A]: 1 }, { [A]: 1, [B]: 1 }, 'before'],
    ['a device this one has seen more of', { [A]: 2, [B]: 1 }, { [A]: 1 }, 'after'],
    ['each ahead on one device', { [A]: 2, [B]: 1 }, { [A]: 1, [B]: 2 }, 'concurrent'],
    ['two different devices', { [A]: 1 }, { [B]: 1 }, 'concurrent'],
    ['nothing and something', {}, { [A]: 1 }, 'before'],
    ['nothing and nothing', {}, {}, 'same'],
    ['three devices, one behind', { [A]: 1, [B]: 5, [C]: 2 }, { [A]: 1, [B]: 5, [C]: 3 }, 'before'],
    ['three devices, crossed', { [A]: 2, [B]: 5, [C]: 2 }, { [A]: 1, [B]: 5, [C]: 3 }, 'concurrent'],
  ])('%s', (_label, a, b, order) => {
    expect(compareVersions(a, b)).toBe(order)
    expect(compareVersions(b, a)).toBe(MIRROR[order])
    expect(sameVersions(a, b)).toBe(order === 'same')
  })

  it('counts a device that is not named as 0, never a name from the prototype', () => {
    expect(compareVersions({ constructor: 1 } as Versions, {})).toBe('after')
    expect(compareVersions({}, { toString: 1 } as Versions)).toBe('before')
    expect(compareVersions({ [A]: 1 }, { [A]: 1, hasOwnProperty: 1 } as Versions)).toBe('before')
  })

  it('compares every pair of small vectors over three devices as the definition says', () => {
    // Every vector with counters 0..2 on A, B and C (0 = absent): 27 × 27 pairs, each against the definition.
    const all: Record<string, number>[] = []
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++)
        for (let c = 0; c < 3; c++) {
          const vec: Record<string, number> = {}
          if (a) vec[A] = a
          if (b) vec[B] = b
          if (c) vec[C] = c
          all.push(vec)
        }
    const at = (x: Record<string, number>, d: string) => x[d] ?? 0
    for (const x of all)
      for (const y of all) {
        const le = [A, B, C].every((d) => at(x, d) <= at(y, d))
        const ge = [A, B, C].every((d) => at(x, d) >= at(y, d))
        const expected: VersionOrder = le && ge ? 'same' : le ? 'before' : ge ? 'after' : 'concurrent'
        expect(compareVersions(x, y), `${JSON.stringify(x)} vs ${JSON.stringify(y)}`).toBe(expected)
      }
  })
})

describe('mergeVersions, bumpVersion, firstVersion', () => {
  it('merges pointwise, keeping each device once at its larger counter', () => {
    expect(mergeVersions({ [A]: 2, [B]: 1 }, { [A]: 1, [C]: 4 })).toEqual({ [A]: 2, [B]: 1, [C]: 4 })
    expect(mergeVersions({}, {})).toEqual({})
    expect(mergeVersions({ [A]: 1 }, {})).toEqual({ [A]: 1 })
  })

  it('bumps one device, adding it at 1 when it had not changed the note', () => {
    expect(bumpVersion({ [A]: 2, [B]: 1 }, A)).toEqual({ [A]: 3, [B]: 1 })
    expect(bumpVersion({ [A]: 2 }, B)).toEqual({ [A]: 2, [B]: 1 })
    expect(bumpVersion({}, A)).toEqual({ [A]: 1 })
  })

  it('never changes what it is given', () => {
    const a = Object.freeze({ [A]: 1 })
    const b = Object.freeze({ [B]: 2 })
    expect(() => (mergeVersions(a, b), bumpVersion(a, A), compareVersions(a, b))).not.toThrow()
    expect(a).toEqual({ [A]: 1 })
  })

  it('makes a first version of one change on the device', () => {
    expect(firstVersion(A)).toEqual({ [A]: 1 })
    expect(compareVersions(firstVersion(A), firstVersion(B))).toBe('concurrent')
  })
})

describe('the rules a version obeys (note-rules.ts)', () => {
  it.each<[string, unknown]>([
    ['one device', { [A]: 1 }],
    ['two devices', { [A]: 3, [B]: Number.MAX_SAFE_INTEGER }],
    ['upper-case hex', { [A.toUpperCase()]: 1 }],
    [`${MAX_VERSION_ENTRIES} devices`, Object.fromEntries(Array.from({ length: MAX_VERSION_ENTRIES }, (_, i) => [deviceNumber(i), 1]))],
  ])('accepts %s', (_label, value) => {
    expect(isNoteVersions(value)).toBe(true)
    expect(v.safeParse(NoteVersions, value).success).toBe(true)
  })

  it.each<[string, unknown]>([
    ['no device', {}],
    ['a counter of 0', { [A]: 0 }],
    ['a negative counter', { [A]: -1 }],
    ['a fraction', { [A]: 1.5 }],
    ['an unsafe integer', { [A]: Number.MAX_SAFE_INTEGER + 1 }],
    ['a counter as text', { [A]: '1' }],
    ['NaN', { [A]: Number.NaN }],
    ['Infinity', { [A]: Number.POSITIVE_INFINITY }],
    ['a device id that is not a UUID', { laptop: 1 }],
    ['__proto__ as a device', JSON.parse(`{"__proto__": 1, "${A}": 1}`)],
    [
      `${MAX_VERSION_ENTRIES + 1} devices`,
      Object.fromEntries(Array.from({ length: MAX_VERSION_ENTRIES + 1 }, (_, i) => [deviceNumber(i), 1])),
    ],
    ['a list', [1]],
    ['null', null],
    ['a number', 1],
    ['a Map', new Map([[A, 1]])],
    ['a Date', new Date()],
  ])('refuses %s', (_label, value) => {
    expect(isNoteVersions(value)).toBe(false)
    expect(v.safeParse(NoteVersions, value).success).toBe(false)
  })
})

function deviceNumber(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
}

describe('version vectors are a partial order (fast-check)', () => {
  const device = fc.constantFrom(A, B, C, '00000000-0000-4000-8000-00000000000d')
  const vector = fc.dictionary(device, fc.integer({ min: 1, max: 6 }), { maxKeys: 4 })

  it('is reflexive, antisymmetric and transitive; compare(b, a) mirrors compare(a, b)', () => {
    fc.assert(
      fc.property(vector, vector, vector, (a, b, c) => {
        expect(compareVersions(a, a)).toBe('same')
        expect(compareVersions(b, a)).toBe(MIRROR[compareVersions(a, b)])
        const le = (x: Versions, y: Versions) => ['same', 'before'].includes(compareVersions(x, y))
        if (le(a, b) && le(b, a)) expect(sameVersions(a, b)).toBe(true)
        if (le(a, b) && le(b, c)) expect(le(a, c)).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })

  it('merge is the least upper bound: commutative, associative, idempotent, above both, below any other bound', () => {
    fc.assert(
      fc.property(vector, vector, vector, (a, b, c) => {
        const ab = mergeVersions(a, b)
        expect(sameVersions(ab, mergeVersions(b, a))).toBe(true)
        expect(sameVersions(mergeVersions(ab, c), mergeVersions(a, mergeVersions(b, c)))).toBe(true)
        expect(sameVersions(mergeVersions(a, a), a)).toBe(true)
        expect(['same', 'after']).toContain(compareVersions(ab, a))
        expect(['same', 'after']).toContain(compareVersions(ab, b))
        const upper = mergeVersions(mergeVersions(a, b), c)
        expect(['same', 'before']).toContain(compareVersions(ab, upper))
        expect(isNoteVersions(ab) || Object.keys(ab).length === 0).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })

  it('a bump comes strictly after what it bumped, and after whatever that came after', () => {
    fc.assert(
      fc.property(vector, vector, device, (a, b, d) => {
        const next = bumpVersion(a, d)
        expect(compareVersions(next, a)).toBe('after')
        expect(isNoteVersions(next)).toBe(true)
        if (['same', 'before'].includes(compareVersions(b, a))) expect(compareVersions(next, b)).toBe('after')
        // Two devices that each change the same version make concurrent versions: both texts are kept.
        const other = d === A ? B : A
        expect(compareVersions(bumpVersion(a, d), bumpVersion(a, other))).toBe('concurrent')
      }),
      { numRuns: 3000 },
    )
  })
})
