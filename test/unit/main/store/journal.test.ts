import { appendFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Journal } from '../../../../src/main/store/journal'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
type Entry = { n: number }
const parse = (raw: unknown): Entry | null => (typeof (raw as Entry)?.n === 'number' ? (raw as Entry) : null)

async function journalIn(dir: string) {
  const journal = new Journal<Entry>(join(dir, 'j.jsonl'), parse)
  return { journal, readout: await journal.open() }
}

describe('the journal', () => {
  it('gives back every appended entry, in order, after a reopen', async () => {
    const dir = await tempDir()
    const { journal } = await journalIn(dir)
    for (let n = 0; n < 5; n++) await journal.append({ n })
    await journal.close()
    const { readout } = await journalIn(dir)
    expect(readout.entries).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })))
    expect(readout.badLines).toEqual([])
  })

  it('appends a line given in pieces as one line, between lines given whole, and counts its bytes', async () => {
    const dir = await tempDir()
    const { journal } = await journalIn(dir)
    await journal.append({ n: 1 })
    await journal.appendLine(['{"n":', '2,"text":"é', ' 🧵"', '}\n'])
    await journal.appendLine('{"n":3}\n')
    expect(journal.byteSize).toBe((await readFile(join(dir, 'j.jsonl'))).length)
    await journal.close()
    const { readout } = await journalIn(dir)
    expect(readout.entries).toEqual([{ n: 1 }, { n: 2, text: 'é 🧵' }, { n: 3 }])
    expect(readout.badLines).toEqual([])
  })

  it('appends a long line in pieces through its buffer: many times its size, pieces across its end, one larger than it', async () => {
    const dir = await tempDir()
    const { journal } = await journalIn(dir)
    await journal.append({ n: 1 })
    // Texts of two-, three- and four-byte characters (the buffer is 128 kB), and one piece of 400 kB.
    const texts = Array.from({ length: 3000 }, (_, i) => `${i} ${'é🧵中'.repeat(i % 40)}`)
    const pieces = [
      '{"n":2,"texts":[',
      ...texts.map((t, i) => `${i === 0 ? '' : ','}${JSON.stringify(t)}`),
      `],"big":"${'b'.repeat(400_000)}"}\n`,
    ]
    await journal.appendLine(pieces)
    await journal.appendLine(['{"n":3}\n'])
    expect(journal.byteSize).toBe((await readFile(join(dir, 'j.jsonl'))).length)
    await journal.close()
    const { readout } = await journalIn(dir)
    expect(readout.entries).toEqual([{ n: 1 }, { n: 2, texts, big: 'b'.repeat(400_000) }, { n: 3 }])
  })

  it('drops a torn last line (a crash mid-append) and truncates it away', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'j.jsonl'), '{"n":1}\n{"n":2}\n{"n":')
    const { journal, readout } = await journalIn(dir)
    expect(readout.entries).toEqual([{ n: 1 }, { n: 2 }])
    expect(readout.badLines).toEqual([])
    await journal.append({ n: 3 })
    await journal.close()
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":3}\n')
  })

  it('keeps every good line around a damaged one, and hands the damaged line back as it was', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'j.jsonl'), '{"n":1}\nGARBAGE\n{"n":3}\n')
    const { journal, readout } = await journalIn(dir)
    await journal.close()
    expect(readout.entries).toEqual([{ n: 1 }, { n: 3 }])
    expect(readout.badLines).toEqual([{ line: 2, text: 'GARBAGE' }])
  })

  it('refuses an entry that does not parse as one', async () => {
    const dir = await tempDir()
    await appendFile(join(dir, 'j.jsonl'), '{"other":1}\n')
    const { journal, readout } = await journalIn(dir)
    await journal.close()
    expect(readout.entries).toEqual([])
    expect(readout.badLines).toEqual([{ line: 1, text: '{"other":1}' }])
  })

  it('is empty after a reset', async () => {
    const dir = await tempDir()
    const { journal } = await journalIn(dir)
    await journal.append({ n: 1 })
    await journal.reset()
    expect(journal.entryCount).toBe(0)
    await journal.close()
    expect(await readFile(join(dir, 'j.jsonl'), 'utf8')).toBe('')
  })

  it('drops the entries a fold took and keeps those appended since, then goes on appending', async () => {
    const dir = await tempDir()
    const { journal } = await journalIn(dir)
    for (let n = 0; n < 3; n++) await journal.append({ n })
    const [count, bytes] = [journal.entryCount, journal.byteSize]
    for (let n = 3; n < 5; n++) await journal.append({ n })
    await journal.dropFirst(count, bytes)
    expect(journal.entryCount).toBe(2)
    await journal.append({ n: 5 })
    await journal.close()
    const { readout } = await journalIn(dir)
    expect(readout.entries).toEqual([3, 4, 5].map((n) => ({ n })))
    // A fold that took more than the journal holds (it was emptied since) changes nothing.
    const { journal: again } = await journalIn(dir)
    await expect(again.dropFirst(9, 1e6)).rejects.toThrow(/fewer entries/)
    expect(again.entryCount).toBe(3)
    await again.close()
  })
})
