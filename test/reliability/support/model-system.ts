/**
 * The system under the stateful suite's test: the real app over a real data folder, reached only through the
 * contract's calls. Two ways to run it, one interface:
 *
 *  - in this process (fast: thousands of sequences), where a crash is the folder as a SIGKILL leaves it — every
 *    acknowledged write on disk, nothing folded or closed, the lock left by a process that is gone;
 *  - in a child process (scripts/reliability/model-driver.ts), where a crash is a real SIGKILL.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { startApp, type RunningApp } from '../../../src/main/app-context'
import { LOCK_FILE } from '../../../src/main/store/lock'
import type { CallResult } from '../../../src/shared/errors'

export interface ModelSystem {
  readonly dir: string
  call(name: string, input?: unknown): Promise<CallResult<unknown>>
  /** Closes the app as a user quitting would, and starts it again on the same folder. */
  restartClean(): Promise<void>
  /** Ends the app as a crash would (no fold, no close, the lock left behind), and starts it again. */
  restartCrash(): Promise<void>
  dispose(): Promise<void>
}

const start = (dir: string, packDir: string) =>
  startApp({ userDataDir: dir, packDir, shell: 'browse', version: '0.0.0-model', openExternal: async () => false })

export async function inProcessSystem(parent: string, packDir: string): Promise<ModelSystem> {
  let dir = await mkdtemp(join(parent, 'model-'))
  const dirs = [dir]
  let app: RunningApp = await start(dir, packDir)
  return {
    get dir() {
      return dir
    },
    call: (name, input = {}) => app.dispatch(name, input),
    async restartClean() {
      await app.close()
      app = await start(dir, packDir)
    },
    async restartCrash() {
      // What a SIGKILL leaves after the last acknowledged call: the folder as it is now (the page cache survives a
      // killed process). Work the app runs in the background (the backup after an open) is awaited first, so
      // that the copy is not torn by this test; the child-process system kills with work in flight.
      await app.dispatch('backups.list', {})
      const copy = await mkdtemp(join(parent, 'model-'))
      await cp(dir, copy, { recursive: true, filter: (source) => !source.endsWith(LOCK_FILE) })
      dirs.push(copy)
      const abandoned = app
      dir = copy
      app = await start(dir, packDir)
      await abandoned.close() // it writes only to the folder left behind
    },
    async dispose() {
      await app.close().catch(() => undefined)
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
    },
  }
}

export async function childSystem(parent: string, packDir: string, driver: string, random: () => number): Promise<ModelSystem> {
  const dir = await mkdtemp(join(parent, 'model-child-'))
  let child: ChildProcessWithoutNullStreams
  let seq = 0
  const waiting = new Map<number, (result: CallResult<unknown>) => void>()

  const launch = () =>
    new Promise<void>((ready, fail) => {
      child = spawn(process.execPath, [driver, dir, packDir])
      let buffer = ''
      let stderr = ''
      child.stderr.on('data', (chunk) => (stderr += chunk))
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') fail(new Error(`the driver exited (${code ?? signal}): ${stderr}`))
      })
      child.stdout.on('data', (chunk) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n')) >= 0) {
          const message = JSON.parse(buffer.slice(0, end)) as { t?: string; seq?: number; result?: CallResult<unknown> }
          buffer = buffer.slice(end + 1)
          if (message.t === 'ready') ready()
          else waiting.get(message.seq!)?.(message.result!)
        }
      })
    })

  const call = (name: string, input: unknown = {}) =>
    new Promise<CallResult<unknown>>((answer) => {
      seq += 1
      waiting.set(seq, answer)
      child.stdin.write(`${JSON.stringify({ seq, name, input })}\n`)
    })

  const exited = () =>
    new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())))

  await launch()
  return {
    dir,
    call,
    async restartClean() {
      await call('__close')
      await exited()
      await launch()
    },
    async restartCrash() {
      // Killed a few milliseconds after the last answer: the backup after an open, or a fold, may be in flight.
      await new Promise((r) => setTimeout(r, Math.floor(random() * 15)))
      child.kill('SIGKILL')
      await exited()
      await launch()
    },
    async dispose() {
      child.kill('SIGKILL')
      await exited()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
