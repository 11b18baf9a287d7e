/**
 * One writer, always. Beyond the e2e test (a second `npm run browse` is refused):
 *  - a lock left behind by a browse process killed with SIGKILL is recognised as stale and taken over, and the
 *    notes written before the kill are all there;
 *  - two processes that reach for the lock at the same instant (spinning to a shared start time): exactly one wins,
 *    the other is refused with the clear message — with no lock there, and with a stale lock there, 20 times each.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LOCK_FILE } from '../../src/main/store/lock'
import { startBrowse, type BrowseProcess } from '../e2e/support/browse'
import { bundleDriver } from './support/bundle'
import { recordFigures } from './support/figures'

const RACES = Number(process.env['RELIABILITY_RACES'] ?? 20)
const dirs: string[] = []
const servers: BrowseProcess[] = []
const figures: Record<string, string | number> = {}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  recordFigures('one-writer', 'One writer (store lock)', figures)
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'coop-atlas-lock-'))
  dirs.push(dir)
  return dir
}

/** The pid of a process that has certainly exited: a lock naming it is stale. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'])
  await new Promise((done) => child.on('exit', done))
  return child.pid!
}

function lines(child: ChildProcessWithoutNullStreams): { next: () => Promise<string>; all: string[] } {
  const all: string[] = []
  const waiting: ((line: string) => void)[] = []
  let buffer = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk
    let at: number
    while ((at = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, at)
      buffer = buffer.slice(at + 1)
      all.push(line)
      waiting.shift()?.(line)
    }
  })
  let read = 0
  return {
    all,
    next: () => (read < all.length ? Promise.resolve(all[read++]!) : new Promise((done) => waiting.push((l) => (read++, done(l))))),
  }
}

/** Two contenders, loaded once, raced again and again. */
async function contenders(racer: string) {
  const children = [0, 1].map(() => spawn(process.execPath, [racer], { stdio: ['pipe', 'pipe', 'pipe'] }))
  const outputs = children.map(lines)
  expect(await Promise.all(outputs.map((o) => o.next()))).toEqual(['armed', 'armed'])
  return {
    async race(dir: string): Promise<string[]> {
      // Far enough ahead for both to have read the command; close enough that neither spins long (a spinning
      // process on a busy two-core machine gets preempted, and then starts late).
      const startAt = performance.timeOrigin + performance.now() + 25
      for (const child of children) child.stdin.write(`race ${startAt} ${dir}\n`)
      const results = await Promise.all(outputs.map((o) => o.next()))
      for (const [i, result] of results.entries()) {
        if (!result.startsWith('won ')) continue
        children[i]!.stdin.write('release\n')
        expect(await outputs[i]!.next()).toBe('released')
      }
      return results
    },
    async stop() {
      for (const child of children) child.stdin.end()
      await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((done) => c.on('exit', done)))))
    },
  }
}

describe('one writer, always', () => {
  it(
    `lets exactly one of two simultaneous starts take the lock, ${RACES} times with no lock and ${RACES} over a stale one`,
    {
      timeout: 120_000,
    },
    async () => {
      const racer = await bundleDriver('lock-racer.ts')
      const pair = await contenders(racer)
      const outcomes: string[] = []
      const skews: number[] = []
      try {
        for (const stale of [false, true]) {
          let exactlyOne = 0
          for (let i = 0; i < RACES; i++) {
            const dir = await tempDir()
            if (stale) {
              const lock = { pid: await deadPid(), shell: 'desktop', since: '2026-01-01T00:00:00.000Z' }
              await writeFile(join(dir, LOCK_FILE), JSON.stringify(lock))
            }
            const results = await pair.race(dir)
            // How far apart the two calls to acquireStoreLock began: the race is only a race if this is tiny.
            const [a, b] = results.map((r) => Number(r.split(' ')[1]))
            skews.push(Math.abs(a! - b!))
            const won = results.filter((r) => r.startsWith('won ')).length
            const refused = results.filter((r) => r.startsWith('refused ') && r.includes('Only one Coop Atlas can write them at a time'))
            if (won === 1 && refused.length === 1) exactlyOne++
            else outcomes.push(`${stale ? 'stale lock' : 'no lock'}, race ${i}: ${JSON.stringify(results)}`)
            await rm(dir, { recursive: true, force: true })
          }
          figures[stale ? 'racesOverAStaleLockWithExactlyOneWinner' : 'racesWithNoLockWithExactlyOneWinner'] = `${exactlyOne} of ${RACES}`
        }
      } finally {
        await pair.stop()
      }
      skews.sort((x, y) => x - y)
      figures['medianStartSkewBetweenContendersMs'] = skews[Math.floor(skews.length / 2)]!.toFixed(3)
      figures['worstStartSkewBetweenContendersMs'] = skews[skews.length - 1]!.toFixed(3)
      figures['racesWhoseCallsBeganWithin2ms'] = `${skews.filter((x) => x < 2).length} of ${skews.length}`
      expect(outcomes).toEqual([])
    },
  )

  it('takes over the lock of a browse process killed with SIGKILL, with every note it saved', { timeout: 60_000 }, async () => {
    const dataDir = await tempDir()
    const first = await startBrowse({ dataDir })
    const token = new URL(first.url).searchParams.get('token')!
    const call = (server: BrowseProcess, name: string, input: unknown, withToken = token) =>
      fetch(`${server.origin}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-atlas-token': withToken },
        body: JSON.stringify(input),
      }).then((r) => r.json() as Promise<{ ok: boolean; value: unknown }>)
    const target = { kind: 'organisation', id: 'cecop' }
    const saved: string[] = []
    for (let i = 0; i < 5; i++) {
      const result = await call(first, 'notes.create', { target, body: `before the kill ${i}` })
      expect(result.ok).toBe(true)
      saved.push((result.value as { id: string }).id)
    }
    const lockBefore = JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number }
    expect(lockBefore.pid).toBe(first.child.pid)

    // While it runs, a second one is refused, clearly, and the first keeps answering.
    await expect(startBrowse({ dataDir })).rejects.toThrow(/Your notes are open in `npm run browse` \(process \d+.*Only one Coop Atlas/)
    expect((await call(first, 'notes.listFor', { target })).ok).toBe(true)

    first.child.kill('SIGKILL')
    await new Promise((done) => first.child.once('exit', done))
    // The kill left the lock behind, naming a process that is gone.
    expect(JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: first.child.pid })

    const second = await startBrowse({ dataDir })
    servers.push(second)
    const lockAfter = JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number; shell: string }
    expect(lockAfter).toMatchObject({ pid: second.child.pid, shell: 'browse' })
    const secondToken = new URL(second.url).searchParams.get('token')!
    const listed = await call(second, 'notes.listFor', { target }, secondToken)
    expect((listed.value as { notes: { id: string }[] }).notes.map((n) => n.id).sort()).toEqual([...saved].sort())
    figures['staleLockOfSigkilledBrowseTakenOver'] = 'yes'
    figures['notesKeptAcrossThatKill'] = `${saved.length} of ${saved.length}`
  })
})
