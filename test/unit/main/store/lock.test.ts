import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { acquireStoreLock, LOCK_FILE } from '../../../../src/main/store/lock'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

/** A process that runs for a while: a live holder of a lock. */
function liveProcess() {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' })
}

describe('the store lock', () => {
  it('refuses a second writer while the first holds it, with a clear message', async () => {
    const dir = await tempDir()
    const holder = liveProcess()
    try {
      await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: holder.pid, shell: 'desktop', since: '2026-11-23T10:00:00.000Z' }))
      await expect(acquireStoreLock(dir, 'browse')).rejects.toThrow(
        /open in the Coop Atlas desktop app .*Only one Coop Atlas can write them at a time/,
      )
    } finally {
      holder.kill()
    }
  })

  it('takes over a lock left by a crashed process', async () => {
    const dir = await tempDir()
    const gone = spawn(process.execPath, ['-e', '0'])
    await new Promise((done) => gone.on('exit', done))
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: gone.pid, shell: 'desktop', since: '2026-11-23T10:00:00.000Z' }))
    const lock = await acquireStoreLock(dir, 'browse')
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, shell: 'browse' })
    await lock.release()
  })

  it('is free again once released', async () => {
    const dir = await tempDir()
    const first = await acquireStoreLock(dir, 'desktop')
    await first.release()
    const second = await acquireStoreLock(dir, 'browse')
    await second.release()
  })
})

describe('the store lock on a first start', () => {
  it('creates the user-data folder it locks', async () => {
    const dir = join(await tempDir(), 'not', 'yet', 'there')
    const lock = await acquireStoreLock(dir, 'desktop')
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ shell: 'desktop' })
    await lock.release()
  })
})
