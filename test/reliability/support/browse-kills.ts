/**
 * The built browse server (out/main/browse.js) started over a data folder and killed with SIGKILL, as the kill tests
 * (note-index-kills, sync-merge-kills) do it: after it says it serves, at a chosen moment or once something is done.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { OUT_DIR } from './paths'

export function startBrowse(dataDir: string): ChildProcess & { stdout: NodeJS.ReadableStream; stderr: NodeJS.ReadableStream } {
  return spawn(process.execPath, [join(OUT_DIR, 'main/browse.js'), '--data-dir', dataDir, '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1' },
  })
}

/** Starts browse over `dataDir`, and kills it `afterMs` after it said it serves (or after 30 s, if it never does). */
export function runAndKill(dataDir: string, afterMs: number): Promise<{ served: boolean }> {
  return new Promise((done, fail) => {
    const child = startBrowse(dataDir)
    let served = false
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.stdout.on('data', (chunk: Buffer) => {
      if (served || !chunk.toString().includes('http://')) return
      served = true
      setTimeout(() => child.kill('SIGKILL'), afterMs)
    })
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.on('exit', (code, signal) => {
      clearTimeout(guard)
      if (signal !== 'SIGKILL') fail(new Error(`browse ended by itself (code ${code}): ${stderr}`))
      else done({ served })
    })
  })
}

/** The time from browse saying it serves to `done()` holding (polled every 10 ms), once, without a kill before it. */
export async function timeFromServing(dataDir: string, done: () => Promise<boolean>, what: string): Promise<number> {
  const child = startBrowse(dataDir)
  try {
    await new Promise<void>((resolve) => child.stdout.on('data', (c: Buffer) => c.toString().includes('http://') && resolve()))
    const start = Date.now()
    while (!(await done())) {
      if (Date.now() - start > 30_000) throw new Error(`browse ${what} within 30 s`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return Date.now() - start
  } finally {
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
  }
}
