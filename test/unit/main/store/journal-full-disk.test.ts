/**
 * The journal when the disk fills mid-save: the append fails after part of its line was written. The fragment must
 * not stay (the next append would be glued to it: a damaged line mid-journal, and every change after it in doubt).
 * The failure is injected; test/reliability/data-folder-edges.test.ts fills a real tmpfs.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Journal } from '../../../../src/main/store/journal'
import { useTempDirs } from '../../../support/temp-dir'

const inject = vi.hoisted(() => ({
  /** The next appends write this many bytes of their line, then fail with ENOSPC. */
  partialAppends: 0,
  /** The next writes write half their bytes and say so, with no error (as libuv does when the disk fills part way). */
  partialWrites: 0,
  /** Writes that go through whole before the partial ones begin (a disk that fills during a long line). */
  wholeWritesFirst: 0,
  /** The next datasyncs fail with ENOSPC (some file systems only find out at sync). */
  failingSyncs: 0,
  /** The next truncates fail with EIO. */
  failingTruncates: 0,
  /** Datasyncs made (none for a line written whole where the system has O_DSYNC). */
  syncs: 0,
  /** Opening with O_DSYNC fails (a file system that refuses the flag): lines are written, then datasync'ed. */
  refuseSynced: false,
  /** Milliseconds each plain write waits before it is made (a slow disk: a write still under way). */
  slowWrites: 0,
}))

/** The start of a line, then `count` pieces of 50 kB, then an error: a note that could not be written out. */
function* piecesThenFailure(count: number): Generator<string> {
  yield '{"n":2,"text":"'
  for (let k = 0; k < count; k++) yield 'v'.repeat(50_000)
  throw new Error('a piece could not be made')
}

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' })

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  const { constants } = await import('node:fs')
  const open = async (...args: Parameters<typeof real.open>) => {
    const handle = await real.open(...args)
    // The journal's handle whose writes are durable when they return (O_DSYNC): there, the write itself is what
    // fails when the disk fills, after taking part of the line, or all of it when only the sync part fails.
    const synced = typeof args[1] === 'number' && (args[1] & (constants.O_DSYNC ?? 0)) !== 0
    if (synced && inject.refuseSynced) {
      await handle.close()
      throw Object.assign(new Error('EINVAL: invalid argument, open'), { code: 'EINVAL' })
    }
    return new Proxy(handle, {
      get(target, key) {
        if (synced && key === 'write')
          return async (bytes: Buffer) => {
            if (inject.partialAppends > 0) {
              inject.partialAppends--
              await target.write(bytes.subarray(0, Math.ceil(bytes.length / 2)))
              throw enospc()
            }
            if (inject.failingSyncs-- > 0) {
              await target.write(bytes)
              throw enospc()
            }
            if (inject.partialWrites > 0) {
              inject.partialWrites--
              const half = bytes.subarray(0, Math.ceil(bytes.length / 2))
              await target.write(half)
              return { bytesWritten: half.length, buffer: bytes }
            }
            return target.write(bytes)
          }
        if (key === 'appendFile')
          return async (data: string) => {
            if (inject.partialAppends <= 0) return target.appendFile(data, 'utf8')
            inject.partialAppends--
            await target.appendFile(data.slice(0, Math.ceil(data.length / 2)), 'utf8')
            throw enospc()
          }
        if (key === 'write')
          return async (bytes: Buffer) => {
            if (inject.slowWrites > 0) await new Promise((resolve) => setTimeout(resolve, inject.slowWrites))
            if (inject.partialWrites <= 0 || inject.wholeWritesFirst-- > 0) return target.write(bytes)
            inject.partialWrites--
            const half = bytes.subarray(0, Math.ceil(bytes.length / 2))
            await target.appendFile(half)
            return { bytesWritten: half.length, buffer: bytes }
          }
        if (key === 'datasync')
          return async () => {
            inject.syncs++
            if (inject.failingSyncs-- > 0) throw enospc()
            return target.datasync()
          }
        if (key === 'truncate')
          return async (length: number) => {
            if (inject.failingTruncates-- > 0) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' })
            return target.truncate(length)
          }
        const value = Reflect.get(target, key) as unknown
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      },
    })
  }
  return { ...real, open, default: { ...real, open } }
})

const tempDir = useTempDirs()
afterEach(() => {
  inject.partialAppends =
    inject.partialWrites =
    inject.wholeWritesFirst =
    inject.failingSyncs =
    inject.failingTruncates =
    inject.slowWrites =
      0
  inject.syncs = 0
  inject.refuseSynced = false
})

type Entry = { n: number; text?: string }
const parse = (raw: unknown): Entry | null => (typeof (raw as Entry)?.n === 'number' ? (raw as Entry) : null)
const journalAt = (dir: string) => new Journal<Entry>(join(dir, 'j.jsonl'), parse)

describe('the journal on a disk that fills up', () => {
  it('cuts a half-written line back off, so the next append after space is freed is a line of its own', async () => {
    const dir = await tempDir()
    const journal = journalAt(dir)
    await journal.open()
    await journal.append({ n: 1 })
    inject.partialAppends = 1
    await expect(journal.append({ n: 2, text: 'x'.repeat(5000) })).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('{"n":1}\n')
    await journal.append({ n: 3 })
    await journal.close()
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":3}\n')
    const again = journalAt(dir)
    const readout = await again.open()
    await again.close()
    expect(readout.entries).toEqual([{ n: 1 }, { n: 3 }])
    expect(again.entryCount).toBe(2)
  })

  it('says the disk is full when a line written in pieces is taken only in part, and cuts that part off', async () => {
    const dir = await tempDir()
    const journal = journalAt(dir)
    await journal.open()
    await journal.append({ n: 1 })
    const pieces = ['{"n":2,"text":"', 'w'.repeat(5000), '"}\n']
    inject.partialWrites = 1
    inject.partialAppends = 1
    await expect(journal.appendLine(pieces)).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('{"n":1}\n')
    // Taken in part again, with room for the rest this time: the rest follows, and the line is whole.
    inject.partialWrites = 1
    await journal.appendLine(pieces)
    await journal.close()
    const again = journalAt(dir)
    expect((await again.open()).entries).toEqual([{ n: 1 }, { n: 2, text: 'w'.repeat(5000) }])
    await again.close()
  })

  it('cuts off every buffer of a long line already written when the disk fills at a later one', async () => {
    const dir = await tempDir()
    const journal = journalAt(dir)
    await journal.open()
    await journal.append({ n: 1 })
    // About 320 kB in 40 kB pieces, written a buffer at a time: the first two writes taken whole, the third in part.
    const text = Array.from({ length: 8 }, (_, k) => String(k).repeat(40_000)).join('')
    const pieces = ['{"n":2,"text":"', ...text.match(/.{40000}/g)!, '"}\n']
    inject.wholeWritesFirst = 2
    inject.partialWrites = 1
    inject.partialAppends = 1
    await expect(journal.appendLine(pieces)).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('{"n":1}\n')
    await journal.append({ n: 3 })
    await journal.close()
    const again = journalAt(dir)
    expect((await again.open()).entries).toEqual([{ n: 1 }, { n: 3 }])
    await again.close()
  })

  it('cuts off what was written of a line whose pieces stop with an error part way (a note that cannot be written out)', async () => {
    const dir = await tempDir()
    const journal = journalAt(dir)
    await journal.open()
    await journal.append({ n: 1 })
    await expect(journal.appendLine(piecesThenFailure(6))).rejects.toThrow('a piece could not be made')
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('{"n":1}\n')
    await journal.append({ n: 3 })
    await journal.close()
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":3}\n')
  })

  it('cuts off a line whose pieces stop while a buffer of it is still being written, once that write is done', async () => {
    const dir = await tempDir()
    const journal = journalAt(dir)
    await journal.open()
    await journal.append({ n: 1 })
    // 150 kB: one buffer written (slowly), the next being filled when the pieces stop.
    inject.slowWrites = 100
    await expect(journal.appendLine(piecesThenFailure(3))).rejects.toThrow('a piece could not be made')
    inject.slowWrites = 0
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('{"n":1}\n')
    await journal.append({ n: 3 })
    await journal.close()
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":3}\n')
  })

  it('cuts back a whole line whose sync failed: a change not acknowledged is not replayed', async () => {
    const dir = await tempDir()
    const journal = journalAt(dir)
    await journal.open()
    inject.failingSyncs = 1
    await expect(journal.append({ n: 1 })).rejects.toMatchObject({ code: 'ENOSPC' })
    await journal.close()
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('')
  })

  it('when even cutting back fails, cuts back before the next append', async () => {
    const dir = await tempDir()
    const journal = journalAt(dir)
    await journal.open()
    await journal.append({ n: 1 })
    inject.partialAppends = 1
    inject.failingTruncates = 1
    await expect(journal.append({ n: 2, text: 'y'.repeat(100) })).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toMatch(/^\{"n":1\}\n\{"n":2,"text":"y+$/)
    await journal.append({ n: 3 })
    await journal.close()
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":3}\n')
  })

  it('refuses the next append too while the fragment cannot be cut off, and never glues onto it', async () => {
    const dir = await tempDir()
    const journal = journalAt(dir)
    await journal.open()
    await journal.append({ n: 1 })
    inject.partialAppends = 1
    inject.failingTruncates = 2
    await expect(journal.append({ n: 2, text: 'z'.repeat(100) })).rejects.toMatchObject({ code: 'ENOSPC' })
    await expect(journal.append({ n: 3 })).rejects.toMatchObject({ code: 'EIO' })
    await journal.append({ n: 4 })
    await journal.close()
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":4}\n')
  })

  it.runIf(process.platform === 'linux')(
    'writes a line whole with one durable write (O_DSYNC), a long line in pieces with one sync',
    async () => {
      const dir = await tempDir()
      const journal = journalAt(dir)
      await journal.open()
      const opened = inject.syncs
      await journal.append({ n: 1 })
      await journal.append({ n: 2 })
      expect(inject.syncs).toBe(opened)
      await journal.appendLine(['{"n":3,"text":"', 'u'.repeat(300_000), '"}\n'])
      expect(inject.syncs).toBe(opened + 1)
      await journal.close()
      expect((await readFile(join(dir, 'j.jsonl'), 'utf8')).split('\n')).toHaveLength(4)
    },
  )

  it.runIf(process.platform === 'linux')(
    'appends the rest of a line the durable write took only part of, with no error; cuts it off if the rest fails',
    async () => {
      const dir = await tempDir()
      const journal = journalAt(dir)
      await journal.open()
      inject.partialWrites = 1
      await journal.append({ n: 1, text: 'a'.repeat(3000) })
      expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe(`{"n":1,"text":"${'a'.repeat(3000)}"}\n`)
      inject.partialWrites = 1
      inject.partialAppends = 1
      await expect(journal.append({ n: 2, text: 'b'.repeat(3000) })).rejects.toMatchObject({ code: 'ENOSPC' })
      await journal.append({ n: 3 })
      await journal.close()
      const again = journalAt(dir)
      expect((await again.open()).entries).toEqual([{ n: 1, text: 'a'.repeat(3000) }, { n: 3 }])
      await again.close()
    },
  )

  it('where the synced handle cannot be opened, writes each line then datasyncs it, and still cuts a half line off', async () => {
    inject.refuseSynced = true
    const dir = await tempDir()
    const journal = journalAt(dir)
    await journal.open()
    const opened = inject.syncs
    await journal.append({ n: 1 })
    expect(inject.syncs).toBe(opened + 1)
    inject.partialAppends = 1
    await expect(journal.append({ n: 2, text: 'x'.repeat(5000) })).rejects.toMatchObject({ code: 'ENOSPC' })
    inject.failingSyncs = 1
    await expect(journal.append({ n: 3 })).rejects.toMatchObject({ code: 'ENOSPC' })
    await journal.append({ n: 4 })
    await journal.close()
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":4}\n')
  })
})
