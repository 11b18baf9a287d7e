import { describe, expect, it, vi } from 'vitest'
import { noteEvents } from '../../../src/renderer/lib/note-events'
import { search } from '../../../src/renderer/lib/search.svelte'
import type { NoteListing } from '../../../src/shared/domain'
import { aNote } from '../../support/notes'
import { realPack } from '../../support/real-pack'
import { installFakeAtlas } from '../fake-atlas'

const WORDS = 'assembly statute member worker federation budget vote congress delegate training'.split(' ')
const note = (n: number, body: string): NoteListing => ({ ...aNote(n, body), targetLabel: 'CECOP', orphaned: false })
const NOTES = Array.from({ length: 4000 }, (_, n) =>
  note(n, `${Array.from({ length: 60 }, (_, w) => WORDS[(n + w) % WORDS.length]).join(' ')} marker${n}`),
)

describe('the search state', () => {
  it('is usable at once, reads many notes in slices, and keeps what changed meanwhile', async () => {
    installFakeAtlas({ 'content.pack': () => realPack, 'notes.listAll': () => NOTES })
    const index = await search.ready()
    // The reference content is in at once; the notes follow in slices that let the page breathe.
    expect(index.search('cecop')[0]?.id).toBe('organisation:cecop')
    expect(search.notesToIndex).toBeGreaterThan(0)
    // Saved while the older copy still waits its turn: the newer text wins.
    noteEvents.emit({ type: 'saved', note: note(3999, 'rewritten entirely') })
    noteEvents.emit({ type: 'removed', id: NOTES[3997]!.id })
    await vi.waitFor(() => expect(search.notesToIndex).toBe(0), { timeout: 20_000 })
    expect(index.search('marker3998').map((h) => h.id)).toEqual([`note:${NOTES[3998]!.id}`])
    expect(index.search('marker3999')).toEqual([])
    expect(index.search('marker3997')).toEqual([])
    expect(index.search('rewritten').map((h) => h.id)).toEqual([`note:${NOTES[3999]!.id}`])
  })
})
