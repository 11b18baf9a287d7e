import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { noteEvents } from '../../../src/renderer/lib/note-events'
import { search } from '../../../src/renderer/lib/search.svelte'
import type { NoteListing } from '../../../src/shared/domain'
import { installFakeAtlas } from '../fake-atlas'

const dir = join(process.cwd(), 'resources/content')
const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown
const pack = {
  ...(read('pack.json') as object),
  sources: read('sources.json'),
  organisations: read('organisations.json'),
  relations: read('relations.json'),
  events: read('events.json'),
  cooperativeKinds: read('cooperative-kinds.json'),
  strategicPlan: read('strategic-plan.json'),
}

const WORDS = 'assembly statute member worker federation budget vote congress delegate training'.split(' ')
const note = (n: number, body: string): NoteListing => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  target: { kind: 'organisation', id: 'cecop' },
  body,
  tags: [],
  created: '2026-01-01T00:00:00.000Z',
  updated: '2026-01-01T00:00:00.000Z',
  trashed: null,
  previous: null,
  targetLabel: 'CECOP',
  orphaned: false,
})
const NOTES = Array.from({ length: 4000 }, (_, n) =>
  note(n, `${Array.from({ length: 60 }, (_, w) => WORDS[(n + w) % WORDS.length]).join(' ')} marker${n}`),
)

describe('the search state', () => {
  it('is usable at once, reads many notes in slices, and keeps what changed meanwhile', async () => {
    installFakeAtlas({ 'content.pack': () => pack, 'notes.listAll': () => NOTES })
    const index = await search.ready()
    // The reference content is in at once; the notes follow in slices that let the page breathe.
    expect(index.search('cecop')[0]?.id).toBe('organisation:cecop')
    expect(search.notesToIndex).toBeGreaterThan(0)
    // Saved while the older copy still waits its turn: the newer text wins.
    noteEvents.emit({ type: 'saved', note: note(3999, 'rewritten entirely') })
    noteEvents.emit({ type: 'removed', id: NOTES[3997]!.id })
    await vi.waitFor(() => expect(search.notesToIndex).toBe(0), { timeout: 20_000 })
    expect(index.search('marker3998', 40, 10).map((h) => h.id)).toEqual([`note:${NOTES[3998]!.id}`])
    expect(index.search('marker3999', 40, 10)).toEqual([])
    expect(index.search('marker3997', 40, 10)).toEqual([])
    expect(index.search('rewritten', 40, 10).map((h) => h.id)).toEqual([`note:${NOTES[3999]!.id}`])
  })
})
