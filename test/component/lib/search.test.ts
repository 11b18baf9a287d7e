import { flushSync } from 'svelte'
import { describe, expect, it } from 'vitest'
import { i18n } from '../../../src/renderer/lib/i18n.svelte'
import { noteEvents } from '../../../src/renderer/lib/note-events'
import { search } from '../../../src/renderer/lib/search.svelte'
import type { NoteSearchResult } from '../../../src/shared/domain'
import { realPack } from '../../support/real-pack'
import { installFakeAtlas } from '../fake-atlas'

const NONE: NoteSearchResult = { hits: [], indexing: false, toIndex: 0 }

describe('the search state', () => {
  it('indexes the pack alone, never asking for the notes themselves', async () => {
    const send = installFakeAtlas({ 'content.pack': () => realPack, 'notes.search': () => NONE })
    const index = await search.ready()
    expect(index.search('cecop')[0]?.id).toBe('organisation:cecop')
    expect(send.mock.calls.map(([name]) => name)).not.toContain('notes.listAll')
  })

  it('asks main for notes in the reader’s language, never more than 500 characters', async () => {
    const send = installFakeAtlas({ 'notes.search': () => NONE })
    i18n.locale = 'fr'
    await search.notes('x'.repeat(700), 5)
    expect(send).toHaveBeenCalledWith('notes.search', { query: 'x'.repeat(500), limit: 5, locale: 'fr' })
    i18n.locale = 'en'
  })

  it('counts note changes so the palette asks again', () => {
    const before = search.version
    noteEvents.emit({ type: 'removed', id: 'x' })
    noteEvents.emit({ type: 'reload' })
    flushSync()
    expect(search.version).toBe(before + 2)
  })
})
