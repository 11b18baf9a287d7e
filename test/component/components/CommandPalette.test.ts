/** The Ctrl+K palette merges the pack's hits (its own index) with the notes main finds (notes.search). */
import { render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import CommandPalette from '../../../src/renderer/components/CommandPalette.svelte'
import { i18n } from '../../../src/renderer/lib/i18n.svelte'
import type { NoteSearchResult } from '../../../src/shared/domain'
import { realPack } from '../../support/real-pack'
import { installFakeAtlas } from '../fake-atlas'

const ID = '00000000-0000-4000-8000-000000000042'

describe('the search palette', () => {
  it('shows main’s note hits beside the pack’s, with the snippet, never asking for every note', async () => {
    // jsdom has no <dialog> methods.
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true
    }
    HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
      this.open = false
    }
    const asked: unknown[] = []
    const send = installFakeAtlas({
      'content.pack': () => realPack,
      'notes.search': (input: never) => {
        asked.push(input)
        const { query } = input as { query: string }
        return {
          hits: query.startsWith('cecop')
            ? [
                {
                  id: ID,
                  score: 3,
                  title: 'Budget meeting',
                  about: 'CECOP',
                  target: { kind: 'organisation', id: 'cecop' },
                  snippet: '…the CECOP board agreed on the budget…',
                },
              ]
            : [],
          indexing: true,
          toIndex: 1234,
        } satisfies NoteSearchResult
      },
    })
    render(CommandPalette, { open: true })
    await userEvent.type(screen.getByRole('combobox'), 'cecop')
    const results = screen.getByRole('listbox')
    // The organisation from the pack's index, and the note from main, each in its group.
    // (The snippet's matched words are marked, so its text is split across elements.)
    await waitFor(() => expect(results.textContent).toContain('…the CECOP board agreed on the budget…'))
    const options = within(results).getAllByRole('option')
    expect(
      options.some(
        (o) => o.textContent?.includes('Budget meeting') && o.querySelector('a')?.getAttribute('href')?.startsWith('#/org/cecop?note='),
      ),
    ).toBe(true)
    expect(options[0]?.textContent).toMatch(/CECOP/)
    expect(within(results).getByText(/1,234 notes to go/)).toBeTruthy()
    expect(asked.at(-1)).toEqual({ query: 'cecop', limit: 5, locale: 'en' })
    expect(send.mock.calls.map(([name]) => name)).not.toContain('notes.listAll')
  })
  it('asks main only for the query the reader stopped at, once its results are on screen, when keys come faster than frames', async () => {
    const asked: string[] = []
    installFakeAtlas({
      'content.pack': () => realPack,
      'notes.search': (input: never) => {
        asked.push((input as { query: string }).query)
        return { hits: [], indexing: false, toIndex: 0 } satisfies NoteSearchResult
      },
    })
    render(CommandPalette, { open: true })
    // No pause between the keys: all five come before the next frame.
    await userEvent.type(screen.getByRole('combobox'), 'cecop', { delay: null })
    // The pack's results are there at once; main has not been asked yet.
    expect(within(screen.getByRole('listbox')).getAllByRole('option')[0]?.textContent).toMatch(/CECOP/)
    expect(asked).toEqual([])
    await waitFor(() => expect(asked).toEqual(['cecop']))
  })
  it('asks main again in the new language when the language changes, the query kept', async () => {
    const asked: unknown[] = []
    installFakeAtlas({
      'content.pack': () => realPack,
      'notes.search': (input: never) => {
        asked.push(input)
        return { hits: [], indexing: false, toIndex: 0 } satisfies NoteSearchResult
      },
    })
    render(CommandPalette, { open: true })
    await userEvent.type(screen.getByRole('combobox'), 'cecop')
    await waitFor(() => expect(asked.at(-1)).toMatchObject({ query: 'cecop', locale: 'en' }))
    i18n.locale = 'fr'
    try {
      await waitFor(() => expect(asked.at(-1)).toMatchObject({ query: 'cecop', locale: 'fr' }))
    } finally {
      i18n.locale = 'en'
    }
  })
  it('asks main again while it is still indexing, so the notes appear without another keystroke', async () => {
    let asked = 0
    installFakeAtlas({
      'content.pack': () => realPack,
      'notes.search': (input: never) => {
        if ((input as { query: string }).query === 'quinoa') asked++
        // The whole word's first two answers come while main is still reading the notes in; the third, once it is done.
        const done = asked >= 3
        return {
          hits: done
            ? [
                {
                  id: ID,
                  score: 1,
                  title: 'Spring assembly',
                  about: 'CECOP',
                  target: { kind: 'organisation', id: 'cecop' },
                  snippet: '…the quinoa fund…',
                },
              ]
            : [],
          indexing: !done,
          // The first answer while main counts what is left; the second from a first build, which has no count.
          toIndex: asked <= 1 ? 3000 : 0,
        } satisfies NoteSearchResult
      },
    })
    render(CommandPalette, { open: true })
    await userEvent.type(screen.getByRole('combobox'), 'quinoa')
    const results = screen.getByRole('listbox')
    await waitFor(() => expect(results.textContent).toContain('3,000 notes to go'))
    await waitFor(() => expect(results.textContent).toContain('Still reading your notes: more may match.'), { timeout: 3000 })
    await waitFor(() => expect(results.textContent).toContain('Spring assembly'), { timeout: 3000 })
    expect(results.textContent).not.toContain('Still reading')
    // Once main has said it is done, nothing more is asked.
    const settled = asked
    await new Promise((wait) => setTimeout(wait, 1000))
    expect(asked).toBe(settled)
  })

  it('chooses, on Enter pressed before the notes of the new query are in, a note of the new query, not one left from the last', async () => {
    const OTHER = '00000000-0000-4000-8000-000000000043'
    const hit = (id: string, title: string, org: string) => ({
      id,
      score: 1,
      title,
      about: org.toUpperCase(),
      target: { kind: 'organisation' as const, id: org },
      snippet: null,
    })
    let answerLate: ((result: NoteSearchResult) => void) | null = null
    installFakeAtlas({
      'content.pack': () => realPack,
      'notes.search': (input: never) => {
        const { query } = input as { query: string }
        if (query === 'assembly')
          return { hits: [hit(ID, 'Old assembly', 'cecop')], indexing: false, toIndex: 0 } satisfies NoteSearchResult
        // The new query's answer comes late: Enter is pressed before it.
        return new Promise<NoteSearchResult>((resolve) => (answerLate = resolve))
      },
    })
    location.hash = '#/'
    render(CommandPalette, { open: true })
    await userEvent.click(screen.getByRole('radio', { name: 'Your notes' }))
    const box = screen.getByRole('combobox')
    await userEvent.type(box, 'assembly')
    const results = screen.getByRole('listbox')
    await waitFor(() => expect(results.textContent).toContain('Old assembly'))
    await userEvent.type(box, ' budget')
    await waitFor(() => expect(answerLate).not.toBeNull())
    await userEvent.keyboard('{Enter}')
    // The row on screen is the last query's: nothing is opened yet.
    expect(location.hash).toBe('#/')
    answerLate!({ hits: [hit(OTHER, 'Budget assembly', 'cicopa')], indexing: false, toIndex: 0 })
    // The new query's note, on its organisation's page, where its notes panel gives it focus (NotesPanel's tests).
    await waitFor(() => expect(location.hash).toBe(`#/org/cicopa?note=${OTHER}`))
  })
})
