/** The autosaving draft on its own: debounced while typing, flushed at once when asked, never losing a keystroke. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AUTOSAVE_DELAY_MS, NoteDraft } from '../../../src/renderer/lib/note-draft.svelte'
import type { Note } from '../../../src/shared/domain'
import { aNote } from '../../support/notes'
import { installFakeAtlas } from '../fake-atlas'

const target = { kind: 'organisation', id: 'cecop' } as const
const ME = '00000000-0000-4000-8000-00000000d0d1'
const note = (body: string): Note => aNote(1, body, { versions: { [ME]: 1 } })

let saved: { name: string; body: string }[]
/** The version each update named. */
let bases: Record<string, number>[]
let refuse: string | null
/** When set, the next update finds the note changed elsewhere: main keeps that and answers with a copy. */
let changedElsewhere: Note | null
beforeEach(() => {
  vi.useFakeTimers()
  saved = []
  bases = []
  refuse = null
  changedElsewhere = null
  installFakeAtlas({
    'notes.create': ({ body }: { body: string }) => {
      if (refuse)
        throw Object.assign(new Error(refuse), { code: 'invalid-input', wording: { key: 'request-refused', values: { path: 'body' } } })
      saved.push({ name: 'create', body })
      return note(body)
    },
    'notes.update': ({ id, body, base }: { id: string; body: string; base: Record<string, number> }) => {
      if (refuse)
        throw Object.assign(new Error(refuse), { code: 'invalid-input', wording: { key: 'request-refused', values: { path: 'body' } } })
      saved.push({ name: 'update', body })
      bases.push(base)
      if (changedElsewhere) {
        const other = changedElsewhere
        changedElsewhere = null
        return { note: other, conflictCopy: aNote(2, body, { conflictOf: id, versions: { [ME]: 1 } }) }
      }
      return { note: { ...note(body), versions: { [ME]: (base[ME] ?? 0) + 1 } }, conflictCopy: null }
    },
  })
})
afterEach(() => vi.useRealTimers())

describe('NoteDraft', () => {
  it('names the version each edit was made from, the one the last save answered with', async () => {
    const draft = new NoteDraft(target, note('one'))
    draft.body = 'two'
    await draft.flush()
    draft.body = 'three'
    await draft.flush()
    expect(bases).toEqual([{ [ME]: 1 }, { [ME]: 2 }])
    expect(draft.changedElsewhere).toBeNull()
  })

  it('goes on with the conflict copy when the note was changed elsewhere, and keeps the other version to show', async () => {
    const seen: string[] = []
    const draft = new NoteDraft(target, note('one'), (n) => seen.push(`${n.id.slice(-1)}:${n.body}`))
    changedElsewhere = { ...note('changed in another tab'), versions: { [ME]: 2 } }
    draft.body = 'mine'
    await draft.flush()
    expect(draft.changedElsewhere?.body).toBe('changed in another tab')
    expect(draft.note).toMatchObject({ body: 'mine', conflictOf: note('').id })
    expect(draft.status).toBe('saved')
    // The other version is reported first, then the copy (listed first).
    expect(seen).toEqual(['1:changed in another tab', '2:mine'])
    draft.body = 'mine, more'
    await draft.flush()
    expect(saved.at(-1)).toEqual({ name: 'update', body: 'mine, more' })
    expect(bases.at(-1)).toEqual({ [ME]: 1 })
  })

  it('waits for a pause in typing, then creates the note once, then updates it', async () => {
    const draft = new NoteDraft(target, null)
    draft.body = 'Fir'
    draft.changed()
    draft.body = 'First'
    draft.changed()
    expect(draft.status).toBe('pending')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 1)
    expect(saved).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(saved).toEqual([{ name: 'create', body: 'First' }])
    expect(draft.status).toBe('saved')
    draft.body = 'First, then more'
    draft.changed()
    await draft.flush()
    expect(saved.at(-1)).toEqual({ name: 'update', body: 'First, then more' })
  })

  it('saves at once on flush (blur, navigation, closing the window), without waiting for the pause', async () => {
    const draft = new NoteDraft(target, note('old'))
    draft.body = 'typed just before leaving'
    draft.changed()
    await draft.close()
    expect(saved).toEqual([{ name: 'update', body: 'typed just before leaving' }])
  })

  it('flushes every open draft when the page is hidden', async () => {
    const draft = new NoteDraft(target, note('old'))
    draft.body = 'hidden mid-sentence'
    draft.changed()
    window.dispatchEvent(new Event('pagehide'))
    await vi.runAllTimersAsync()
    expect(saved).toEqual([{ name: 'update', body: 'hidden mid-sentence' }])
    await draft.close()
  })

  it('does not create an empty new note', async () => {
    const draft = new NoteDraft(target, null)
    draft.body = '   '
    draft.changed()
    await draft.flush()
    expect(saved).toEqual([])
  })

  it('keeps the text and says why when a save is refused, and saves it once the reason is gone', async () => {
    const draft = new NoteDraft(target, note('old'))
    refuse = 'a note can hold at most 1 MB of text'
    draft.body = 'too much'
    draft.changed()
    await draft.flush()
    expect(draft.status).toBe('error')
    expect(draft.error).toBe('Coop Atlas refused this request: what was sent does not follow its rules (at body). Nothing was changed.')
    expect(draft.body).toBe('too much')
    refuse = null
    draft.changed()
    await draft.flush()
    expect(draft.status).toBe('saved')
    expect(saved).toEqual([{ name: 'update', body: 'too much' }])
  })
})
