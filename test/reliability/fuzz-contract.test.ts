/**
 * Every contract call, fuzzed through the real dispatcher over a real store in a temp folder. Payloads come from
 * support/contract-arbitraries.ts, derived from each call's own schema, so a new call is fuzzed as soon as it is
 * added to CALL_NAMES. For every payload:
 *
 *  - the answer is `{ ok: true, value }` or `{ ok: false, error: { code, message } }` with a code from ERROR_CODES
 *    — never `internal` (that would be a handler crashing on input the schema let through);
 *  - the answer survives JSON and structured clone (the browse server and Electron IPC carry it);
 *  - a refused call leaves every file of the store folder untouched (names, sizes, inodes, modification times);
 *  - the call settles within a time limit (no hang), and nothing rejects unhandled;
 *  - Object.prototype (and Array's, Function's) is the same afterwards: nothing was polluted.
 */
import { existsSync } from 'node:fs'
import { lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from '../../src/main/app-context'
import { CALL_NAMES } from '../../src/shared/call-names'
import { contract } from '../../src/shared/contract'
import { ERROR_CODES } from '../../src/shared/errors'
import { payloads } from './support/contract-arbitraries'
import { recordFigures } from './support/figures'
import { FIXTURE_PACK } from './support/paths'
import { SEED } from './support/rng'

const RUNS = Number(process.env['RELIABILITY_FUZZ_RUNS'] ?? 1000)
const CALL_TIMEOUT_MS = 15_000
/** The fuzz is about logic, not durability: a RAM disk, where there is one, spares 29,000 calls their fsyncs. */
const FUZZ_TMP = existsSync('/dev/shm') ? '/dev/shm' : tmpdir()

const dirs: string[] = []
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
const prototypeNames = () => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort().join(),
  array: Object.getOwnPropertyNames(Array.prototype).sort().join(),
  fn: Object.getOwnPropertyNames(Function.prototype).sort().join(),
})
const pristine = prototypeNames()
const stats: Record<string, { runs: number; accepted: number; refused: Record<string, number> }> = {}
const started = Date.now()

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled)
})
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  const total = Object.values(stats).reduce((n, s) => n + s.runs, 0)
  const figures: Record<string, string | number> = {
    seed: SEED,
    calls: Object.keys(stats).length,
    payloads: total,
    minimumRunsPerCall: Math.min(...Object.values(stats).map((s) => s.runs)),
    internalErrors: Object.values(stats).reduce((n, s) => n + (s.refused['internal'] ?? 0), 0),
    unhandledRejections: unhandled.length,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  }
  for (const [name, s] of Object.entries(stats)) {
    const refused = Object.entries(s.refused)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ')
    figures[name] = `${s.runs} runs: ${s.accepted} accepted; refused ${refused || 'none'}`
  }
  recordFigures('fuzz', 'Contract fuzzing (fast-check, through createDispatch over a real store)', figures)
})

/** Names, kinds, sizes, inodes and modification times of everything in the folder: any write changes it. */
async function fingerprint(dir: string): Promise<string> {
  const out: string[] = []
  async function walk(at: string): Promise<void> {
    for (const name of (await readdir(at)).sort()) {
      const path = join(at, name)
      const info = await lstat(path, { bigint: true })
      out.push(`${path.slice(dir.length)} ${info.mode} ${info.size} ${info.ino} ${info.mtimeNs} ${info.ctimeNs}`)
      if (info.isDirectory()) await walk(path)
    }
  }
  await walk(dir)
  return out.join('\n')
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what()} did not answer within ${ms} ms`)), ms))),
  ])
}

const describeValue = (value: unknown) => {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))
    return (text ?? String(value)).slice(0, 300)
  } catch {
    // Too deep for JSON.stringify (and for String() of nested arrays): say what it is instead.
    return `(${Array.isArray(value) ? 'array' : typeof value} too deep to print)`
  }
}

/**
 * fc.assert, but with a short report: fast-check would print the whole counterexample, megabytes of it for a huge
 * string. No shrinking either: the store is stateful, and the first failing payload is the one that matters.
 */
async function check(property: fc.IAsyncProperty<[unknown]> | fc.IAsyncProperty<[string]>, seed: number): Promise<void> {
  const out = await fc.check(property as fc.IAsyncProperty<[unknown]>, { numRuns: RUNS, seed, endOnFailure: true })
  if (!out.failed) return
  const error = out.errorInstance as Error | undefined
  throw new Error(
    `failed after ${out.numRuns} payloads (seed ${seed}, replay path ${out.counterexamplePath}):\n` +
      `payload: ${describeValue(out.counterexample?.[0])}\n${(error?.message ?? String(out.errorInstance)).slice(0, 1500)}`,
  )
}

/** Ids the pack and the store know, so that some generated calls name things that exist. */
async function knownStrings(app: RunningApp, dir: string): Promise<string[]> {
  const pack = await Promise.all((await readdir(FIXTURE_PACK)).map((f) => readFile(join(FIXTURE_PACK, f), 'utf8').catch(() => '')))
  const ids = new Set(pack.flatMap((text) => [...text.matchAll(/"id":\s*"([a-z0-9-]+)"/g)].map((m) => m[1]!)))
  const cecop = { kind: 'organisation', id: 'cecop' }
  for (let i = 0; i < 3; i++) {
    const note = await app.dispatch('notes.create', { target: cecop, body: `seed note ${i}` })
    if (note.ok) ids.add((note.value as { id: string }).id)
  }
  if ((CALL_NAMES as readonly string[]).includes('corrections.create')) {
    const correction = await app.dispatch('corrections.create', {
      target: cecop,
      fact: 'Founded',
      kind: 'wrong',
      correction: 'x',
      source: 'y',
    })
    if (correction.ok) ids.add((correction.value as { id: string }).id)
  }
  for (const name of await readdir(join(dir, 'backups')).catch(() => [])) ids.add(name)
  for (const url of ['https://www.cecop.coop/', 'https://cicopa.coop/about/', 'https://cecop.coop@evil.example/', 'http://cecop.coop/'])
    ids.add(url)
  // A real notes file (an export) and hostile ones, for whatever string field takes a file's text.
  if ((CALL_NAMES as readonly string[]).includes('notes.exportJson')) {
    const exported = await app.dispatch('notes.exportJson', {})
    if (exported.ok) {
      const file = JSON.parse((exported.value as { content: string }).content) as { notes: Record<string, unknown>[] }
      ids.add(JSON.stringify(file))
      ids.add(JSON.stringify({ ...file, notes: file.notes.map((n) => ({ ...n, body: `${n['body'] as string} (edited elsewhere)` })) }))
      ids.add(JSON.stringify({ ...file, notes: [...file.notes, ...file.notes] }))
      ids.add(JSON.stringify({ ...file, version: 99 }))
      ids.add(JSON.stringify(file).replace('"notes":[', '"notes":[{"__proto__":{"polluted":"yes"}},'))
      ids.add(JSON.stringify(file).replace('"format"', '"__proto__":{"polluted":"yes"},"format"'))
      ids.add(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)
    }
  }
  return [...ids]
}

describe('the contract under fuzzing', () => {
  for (const [index, name] of CALL_NAMES.entries()) {
    it(
      `${name}: ${RUNS} generated payloads, each answered with a typed result, refusals writing nothing`,
      { timeout: 240_000 },
      async () => {
        const dir = await mkdtemp(join(FUZZ_TMP, 'coop-atlas-fuzz-'))
        dirs.push(dir)
        const opened: string[] = []
        const app = await startApp({
          userDataDir: dir,
          packDir: FIXTURE_PACK,
          shell: 'browse',
          version: '0.0.0-fuzz',
          openExternal: async (url) => (opened.push(url), false),
        })
        const s = (stats[name] = { runs: 0, accepted: 0, refused: {} as Record<string, number> })
        try {
          const pool = await knownStrings(app, dir)
          // As below: the writes the start and the seeding set going, done before the folder is fingerprinted.
          await app.ctx.store.idle()
          await app.ctx.noteSearch.settled()
          await app.ctx.store.idle()
          let before = await fingerprint(dir)
          await check(
            fc.asyncProperty(payloads(contract[name].input, pool), async (payload) => {
              s.runs++
              // Messages are built only on failure: describing a 2 MB payload on every run would cost more than the call.
              const result = await withTimeout(app.dispatch(name, payload), CALL_TIMEOUT_MS, () => `${name}(${describeValue(payload)})`)
              JSON.stringify(result) // the browse server sends it as JSON…
              structuredClone(result) // …and Electron's IPC as a structured clone: neither may throw
              if (result.ok === true) {
                s.accepted++
                if (result.value === undefined) throw new Error(`${name} answered ok without a value`)
                before = await fingerprint(dir)
                return
              }
              if (result.ok !== false) throw new Error(`${name} answered neither ok nor refused: ${describeValue(result)}`)
              const { code, message } = result.error
              s.refused[code] = (s.refused[code] ?? 0) + 1
              if (!ERROR_CODES.includes(code)) throw new Error(`${name} answered with an unknown error code "${code}"`)
              if (code === 'internal') throw new Error(`${name} crashed on ${describeValue(payload)}: ${message}`)
              // A refusal explains itself in a few lines; it does not echo a megabyte of input back.
              if (typeof message !== 'string' || message.length === 0 || message.length > 1100)
                throw new Error(`${name} refused with a message of ${String(message?.length)} characters`)
              if ((await fingerprint(dir)) !== before)
                throw new Error(`${name} was refused (${code}) yet changed the store: ${describeValue(payload)}`)
            }),
            SEED + index,
          )
          // Still answering, and answering right, after all that.
          expect(await app.dispatch('app.status', {})).toMatchObject({ ok: true })
          expect(await app.dispatch('notes.listFor', { target: { kind: 'organisation', id: 'cecop' } })).toMatchObject({ ok: true })
          expect(opened.every((url) => url.startsWith('https://'))).toBe(true)
        } finally {
          await app.close()
        }
        expect(prototypeNames()).toEqual(pristine)
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
        expect(unhandled).toEqual([])
      },
    )
  }

  it('keeps a refusal short whatever it was sent (it used to echo the whole input back)', async () => {
    const dir = await mkdtemp(join(FUZZ_TMP, 'coop-atlas-fuzz-'))
    dirs.push(dir)
    const app = await startApp({ userDataDir: dir, packDir: FIXTURE_PACK, shell: 'browse', version: '0', openExternal: async () => false })
    try {
      const huge = '<'.repeat(2 * 1024 * 1024)
      for (const [name, input] of [
        ['notes.listFor', huge],
        ['organisations.get', { id: huge }],
        ['notes.create', { target: { kind: huge, id: 'cecop' }, body: 'x' }],
        ['app.status', { [huge]: 1 }],
      ] as const) {
        const result = await app.dispatch(name, input)
        expect(result.ok).toBe(false)
        const { message, details = [] } = (result as { error: { message: string; details?: string[] } }).error
        expect(message.length, name).toBeLessThan(1100)
        expect(details.every((d) => d.length < 600)).toBe(true)
      }
    } finally {
      await app.close()
    }
  })

  it(`refuses ${RUNS} unknown or hostile call names with "unknown-call"`, async () => {
    const dir = await mkdtemp(join(FUZZ_TMP, 'coop-atlas-fuzz-'))
    dirs.push(dir)
    const app = await startApp({ userDataDir: dir, packDir: FIXTURE_PACK, shell: 'browse', version: '0', openExternal: async () => false })
    const s = (stats['(unknown names)'] = { runs: 0, accepted: 0, refused: {} as Record<string, number> })
    try {
      // The start's own writes first (the day's backup, note search's index file): taken mid-write, the folder's
      // fingerprint changed under refusals that wrote nothing (seen once in CI: a backup's temporary file, then renamed).
      await app.ctx.store.idle()
      await app.ctx.noteSearch.settled()
      await app.ctx.store.idle()
      const before = await fingerprint(dir)
      const names = fc.oneof(
        fc.constantFrom(
          '__proto__',
          'constructor',
          'toString',
          'hasOwnProperty',
          'notes',
          'notes.',
          '.create',
          'notes.create ',
          'NOTES.CREATE',
        ),
        fc.string({ maxLength: 40 }),
        fc.constantFrom(...CALL_NAMES).map((n) => `${n}\u0000`),
      )
      await check(
        fc.asyncProperty(names, async (callName) => {
          s.runs++
          fc.pre(!(CALL_NAMES as readonly string[]).includes(callName))
          const result = await app.dispatch(callName, { target: { kind: 'organisation', id: 'cecop' }, body: 'x' })
          expect(result).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
          s.refused['unknown-call'] = (s.refused['unknown-call'] ?? 0) + 1
        }),
        SEED,
      )
      expect(await fingerprint(dir)).toBe(before)
    } finally {
      await app.close()
    }
  })
})
