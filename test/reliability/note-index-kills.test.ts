/**
 * The note search's index file under SIGKILL. The built browse server (out/main/browse.js) starts over 3,000 notes
 * with no index file: its worker thread builds the index and writes the file. It is killed at random moments of
 * that — while building, while writing, just after — again and again (a temporary file a kill leaves stays there).
 * After every kill, the next start (note search opened in this process, as the app opens it) either trusts the
 * file, and then it must be exactly right, or refuses it and builds again: either way, every note sampled is found
 * by its own word, and only that note.
 *
 * What this does not measure: a power cut (see crash-safety.test.ts): the file is a cache, checked by its SHA-256.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadPack } from '../../src/main/content/load-pack'
import { INDEX_FILE } from '../../src/main/services/note-search/index-file'
import { NoteSearch } from '../../src/main/services/note-search/note-search'
import { UserStore } from '../../src/main/store/user-store'
import { aNote, noteId } from '../support/notes'
import { recordFigures } from './support/figures'
import { runAndKill, timeFromServing } from './support/browse-kills'
import { REAL_PACK } from './support/paths'
import { SEED, seededRandom } from './support/rng'

const KILLS = Number(process.env['RELIABILITY_INDEX_KILLS'] ?? 12)
const NOTES = 3000
const SAMPLE = 40
const word = (n: number) => `kiwi${n.toString(36)}zest`

const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

describe('the note index file, killed while it is built and written', () => {
  it(`is never trusted when wrong: after each of ${KILLS} kills, every note sampled is found by its own word`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'coop-atlas-index-kills-'))
    dirs.push(dataDir)
    const seeding = await UserStore.open(dataDir)
    await seeding.apply({
      op: 'put-notes',
      notes: Array.from({ length: NOTES }, (_, n) =>
        aNote(n + 1, `Meeting ${n}\n\n${word(n)} ${'the assembly voted on the budget of the federation '.repeat(20)}`),
      ),
    })
    await seeding.close()
    const packId = (await loadPack(REAL_PACK)).packVersion
    const toFile = await timeFromServing(dataDir, async () => (await readdir(dataDir)).includes(INDEX_FILE), 'wrote no index file')
    await rm(join(dataDir, INDEX_FILE), { force: true })

    const random = seededRandom(SEED)
    const outcomes: Record<string, number> = {}
    for (let k = 0; k < KILLS; k++) {
      // Each start builds from nothing (what the start before it wrote is removed): a kill in each of KILLS equal
      // stretches of twice the time the file took, so half land while it is built or written, half after.
      await rm(join(dataDir, INDEX_FILE), { force: true })
      const afterMs = Math.round(((k + random()) / KILLS) * toFile * 2)
      const { served } = await runAndKill(dataDir, afterMs)
      const store = await UserStore.open(dataDir)
      const search = new NoteSearch({ store, describe: () => null, packId: () => packId })
      try {
        await search.loaded()
        const outcome = `${served ? '' : 'before serving: '}${search.stats.source}${search.stats.untrusted ? ` (${search.stats.untrusted})` : ''}`
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
        await search.settled()
        for (let s = 0; s < SAMPLE; s++) {
          const n = Math.floor(random() * NOTES)
          const hits = (await search.search(word(n), 5, 'en')).hits.map((h) => h.id)
          expect(hits, `kill ${k} after ${afterMs} ms: ${word(n)}`).toEqual([noteId(n + 1)])
        }
      } finally {
        await search.close()
        await store.close()
      }
    }
    recordFigures('note-index-kills', 'The note index file, killed while built and written (browse, 3,000 notes)', {
      kills: KILLS,
      'file written after (ms, unkilled)': toFile,
      ...outcomes,
    })
    // Every kill was followed by a start that found every sampled note (above); and it was a real test of the file:
    // some kills left a file that the next start trusted.
    expect(Object.keys(outcomes).some((o) => o.startsWith('file'))).toBe(true)
  })
})
