/**
 * The notes page reads and edits notes as the profile does: the same rendering (Markdown, [[links]] to the
 * organisation, markup shown and never run), the same editor and saving rules in place, and "Linked from".
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import NotesView from '../../../src/renderer/views/NotesView.svelte'
import type { NoteListing, NoteTarget } from '../../../src/shared/domain'
import { notesPage, type NotesPageRequest } from '../../../src/shared/notes-page'
import { subjectsOf } from '../../../src/shared/note-rules'
import { buildNameIndex, linkedOrganisations } from '../../../src/shared/wiki-links'
import { installFakeAtlas } from '../fake-atlas'
import { PACK } from '../org-pack'
import { ME } from '../sync-status'

const route = (id: string | null = null) => ({ view: 'notes', id, query: {} }) as never

const same = (a: Record<string, number>, b: Record<string, number>) => JSON.stringify(a) === JSON.stringify(b)

/** An in-memory store of notes behind the fake window.atlas, answering as main does (copies, versions, conflicts). */
function backend(seed: { on: string; body: string; trashed?: boolean }[]) {
  let n = 0
  const at = () => new Date(Date.UTC(2026, 0, 1, 0, n++)).toISOString()
  const make = (target: NoteTarget, body: string, conflictOf: string | null = null): NoteListing => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    target,
    targetLabel: target.id.toUpperCase(),
    orphaned: false,
    body,
    tags: [],
    created: at(),
    updated: at(),
    trashed: null,
    previous: null,
    versions: { [ME]: 1 },
    conflictOf,
    shared: false,
    author: null,
  })
  const notes = seed.map((s) => ({ ...make({ kind: 'organisation', id: s.on }, s.body), trashed: s.trashed ? at() : null }))
  const handlers = {
    'content.pack': () => PACK,
    // Main's rule for a page (shared/notes-page.ts) over these notes, the pack's names for links.
    'notes.page': (request: NotesPageRequest) => {
      const index = buildNameIndex(PACK.organisations)
      const linkedFrom = new Map<string, NoteListing[]>()
      for (const note of notes.filter((x) => !x.trashed))
        for (const id of linkedOrganisations(note.body, index)) linkedFrom.set(id, [...(linkedFrom.get(id) ?? []), note])
      return structuredClone(
        notesPage(notes, request, {
          subject: (x) => x.targetLabel ?? '',
          listing: (x) => x,
          organisations: (x) => subjectsOf(x).flatMap((t) => (t.kind === 'organisation' ? [t.id] : [])),
          linkedFrom,
        }),
      )
    },
    'notes.tags': () => [],
    'corrections.list': () => [],
    'notes.update': ({ id, base, body, tags }: { id: string; base: Record<string, number>; body?: string; tags?: string[] }) => {
      const note = notes.find((x) => x.id === id)!
      if (!same(note.versions, base)) {
        const copy = make(note.target!, body ?? note.body, note.id)
        notes.push(copy)
        return { note: structuredClone(note), conflictCopy: structuredClone(copy) }
      }
      Object.assign(note, {
        body: body ?? note.body,
        tags: tags ?? note.tags,
        updated: at(),
        versions: { [ME]: (note.versions[ME] ?? 0) + 1 },
      })
      return { note: structuredClone(note), conflictCopy: null }
    },
  }
  const send = installFakeAtlas(handlers)
  return { notes, handlers, send }
}

const item = (id: string) => document.querySelector<HTMLElement>(`[data-note-id="${id}"]`)!
/** The Edit button of a note, once the list is in. */
const editButton = (id: string) => waitFor(() => within(item(id)).getByRole('button', { name: 'Edit' }))

describe('the notes page', () => {
  it('renders a note’s Markdown and [[links]] as the profile does, and shows its markup without running it', async () => {
    const { notes } = backend([
      { on: 'cecop', body: 'Met **the board** of [[CICOPA]]; see [[Nobody Known]].' },
      { on: 'ica', body: '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>[click](javascript:alert(1))' },
    ])
    render(NotesView, { route: route() })
    const link = await screen.findByRole('link', { name: 'CICOPA' })
    expect(link.getAttribute('href')).toBe('#/org/cicopa')
    const body = item(notes[0]!.id).querySelector('.note-body')!
    expect(body.querySelector('strong')?.textContent).toBe('the board')
    // An unknown name stays as it was written.
    expect(body.textContent).toContain('[[Nobody Known]]')

    const inert = item(notes[1]!.id).querySelector('.note-body')!
    await waitFor(() => expect(inert.textContent).toContain('click'))
    expect(inert.querySelector('img, script')).toBeNull()
    expect(inert.querySelector('a')?.getAttribute('href') ?? null).toBeNull()
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined()
  })

  it('edits a note in place with the profile’s editor, saving as it is typed, and shows the saved text', async () => {
    const { notes, send } = backend([{ on: 'cecop', body: 'First words' }])
    render(NotesView, { route: route() })
    const note = notes[0]!
    await userEvent.click(await editButton(note.id))
    const editor = screen.getByLabelText('Edit note') as HTMLTextAreaElement
    await waitFor(() => expect(document.activeElement).toBe(editor))
    expect(editor.value).toBe('First words')
    await fireEvent.input(editor, { target: { value: 'Second words, on [[CICOPA]]' } })
    await fireEvent.blur(editor)
    await waitFor(() => expect(notes[0]!.body).toBe('Second words, on [[CICOPA]]'))
    // From the version it started from, as on the profile.
    expect(send.mock.calls.find(([name]) => name === 'notes.update')?.[1]).toMatchObject({ id: note.id, base: { [ME]: 1 } })
    await userEvent.click(screen.getByRole('button', { name: 'Done' }))
    await waitFor(() => expect(screen.queryByLabelText('Edit note')).toBeNull())
    expect(item(note.id).querySelector('.note-body')!.textContent).toContain('Second words, on CICOPA')
    expect(within(item(note.id)).getByRole('link', { name: 'CICOPA' }).getAttribute('href')).toBe('#/org/cicopa')
    expect(document.activeElement).toBe(within(item(note.id)).getByRole('button', { name: 'Edit' }))
  })

  it('opens a note with Enter on it, moves between notes with the arrows, and Escape puts focus back on Edit', async () => {
    const { notes } = backend([
      { on: 'cecop', body: 'One' },
      { on: 'cicopa', body: 'Two' },
    ])
    render(NotesView, { route: route() })
    await screen.findByText('One')
    // The list is one Tab stop: the first note shown (newest first), the other reached with the arrows.
    const first = item(notes[1]!.id)
    expect(first.tabIndex).toBe(0)
    expect(item(notes[0]!.id).tabIndex).toBe(-1)
    first.focus()
    await userEvent.keyboard('{ArrowDown}')
    expect(document.activeElement).toBe(item(notes[0]!.id))
    await userEvent.keyboard('{Enter}')
    const editor = await screen.findByLabelText('Edit note')
    await waitFor(() => expect(document.activeElement).toBe(editor))
    expect((editor as HTMLTextAreaElement).value).toBe('One')
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByLabelText('Edit note')).toBeNull())
    expect(document.activeElement).toBe(within(item(notes[0]!.id)).getByRole('button', { name: 'Edit' }))
  })

  it('keeps an edit of a note changed elsewhere as a separate copy, and says so as the profile does', async () => {
    const { notes, handlers } = backend([{ on: 'cecop', body: 'The first text' }])
    render(NotesView, { route: route() })
    const original = notes[0]!
    await userEvent.click(await editButton(original.id))
    handlers['notes.update']({ id: original.id, base: original.versions, body: 'Written in the other tab' })
    const editor = screen.getByLabelText('Edit note')
    await fireEvent.input(editor, { target: { value: 'Written here' } })
    await fireEvent.blur(editor)
    expect((await screen.findByRole('alert')).textContent).toContain('This note was changed elsewhere')
    expect(notes.map((n) => [n.body, n.conflictOf])).toEqual([
      ['Written in the other tab', null],
      ['Written here', original.id],
    ])
    expect(await screen.findByText('Written in the other tab')).toBeTruthy()
    expect((screen.getByLabelText('Edit note') as HTMLTextAreaElement).value).toBe('Written here')
    await userEvent.click(screen.getByRole('button', { name: 'Done' }))
    expect(await screen.findByText('Written here')).toBeTruthy()
    expect(screen.getByText(/^A separate copy/)).toBeTruthy()
  })

  it('lists the other notes that link to a note’s organisation, each a link to that note, and goes to it', async () => {
    const { notes } = backend([
      { on: 'cecop', body: 'About CECOP, linking [[CECOP]] itself' },
      { on: 'cicopa', body: 'Congress with [[CECOP]] in Brussels' },
      { on: 'ica', body: 'A word on [[cecop]] and [[CICOPA]]' },
      { on: 'jwcu', body: 'Trashed, about [[CECOP]]', trashed: true },
    ])
    const view = render(NotesView, { route: route() })
    const [cecop, cicopa, ica] = notes
    const linked = await waitFor(() => within(item(cecop!.id)).getByRole('list', { name: 'Linked from' }))
    const links = within(linked).getAllByRole('link')
    // Newest first, as main lists them.
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['A word on cecop and CICOPA', `#/notes/${ica!.id}`],
      ['Congress with CECOP in Brussels', `#/notes/${cicopa!.id}`],
    ])
    // CICOPA's note is linked from ICA's; ICA's from none.
    expect(within(within(item(cicopa!.id)).getByRole('list', { name: 'Linked from' })).getAllByRole('link')).toHaveLength(1)
    expect(within(item(ica!.id)).queryByRole('list', { name: 'Linked from' })).toBeNull()

    // #/notes/<id>: that note, with focus.
    await view.rerender({ route: route(ica!.id) })
    await waitFor(() => expect(document.activeElement).toBe(item(ica!.id)))
    expect(item(ica!.id).classList.contains('arrived')).toBe(true)
  })

  it('names a few of many linking notes under a note, and counts the rest', async () => {
    const { notes } = backend([
      { on: 'cecop', body: 'About CECOP' },
      ...['one', 'two', 'three', 'four', 'five'].map((word) => ({ on: 'cicopa', body: `Meeting ${word} with [[CECOP]]` })),
    ])
    render(NotesView, { route: route() })
    const linked = await waitFor(() => within(item(notes[0]!.id)).getByRole('list', { name: 'Linked from' }))
    expect(
      within(linked)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Meeting five with CECOP', 'Meeting four with CECOP', 'Meeting three with CECOP'])
    expect(linked.parentElement!.textContent).toContain('and 2 more')
  })

  it('shows a long list a page at a time, focus on the first note added, and a note a link leads to wherever it is', async () => {
    const { notes } = backend(Array.from({ length: 120 }, (_, i) => ({ on: 'cecop', body: `Note ${i}` })))
    const shownCount = () => document.querySelectorAll('ul.all-notes > li.note').length
    const view = render(NotesView, { route: route() })
    await waitFor(() => expect(shownCount()).toBe(50))
    expect(screen.getByText('120 notes')).toBeTruthy()
    // Newest first: the 51st shown is the 70th written.
    await userEvent.click(screen.getByRole('button', { name: 'Show 50 more (70 not shown)' }))
    expect(shownCount()).toBe(100)
    await waitFor(() => expect(document.activeElement).toBe(item(notes[69]!.id)))
    await userEvent.click(screen.getByRole('button', { name: 'Show the last 20 notes' }))
    expect(shownCount()).toBe(120)
    expect(screen.queryByRole('button', { name: /^Show / })).toBeNull()

    // Another search starts from the first page again.
    await view.rerender({ route: { view: 'notes', id: null, query: { q: 'Note 1' } } as never })
    await waitFor(() => expect(shownCount()).toBe(31))
    await view.rerender({ route: { view: 'notes', id: null, query: { q: 'Note' } } as never })
    await waitFor(() => expect(shownCount()).toBe(50))
    view.unmount()

    // #/notes/<id> of the oldest note, last in the list: the pages down to it are shown, and it has focus.
    render(NotesView, { route: route(notes[0]!.id) })
    await waitFor(() => expect(document.activeElement).toBe(item(notes[0]!.id)))
    expect(shownCount()).toBe(120)
  })

  it('asks main for one page at a time, and shows the answer to the latest search when answers come out of order', async () => {
    const { handlers, send } = backend([
      { on: 'cecop', body: 'Congress in Brussels' },
      { on: 'cicopa', body: 'Board in Lisbon' },
    ])
    const answer = handlers['notes.page']
    const held: (() => void)[] = []
    // The answer to the first search ('b') is held back until the second ('bo') has been answered.
    Object.assign(handlers, {
      'notes.page': (request: NotesPageRequest) =>
        request.filter.text === 'b' ? new Promise((done) => held.push(() => done(answer(request)))) : answer(request),
    })
    const view = render(NotesView, { route: route() })
    await screen.findByText('Board in Lisbon')
    expect(send.mock.calls.map(([name]) => name)).not.toContain('notes.listAll')
    expect(send.mock.calls.find(([name]) => name === 'notes.page')?.[1]).toMatchObject({ limit: 50, locale: 'en' })
    await view.rerender({ route: { view: 'notes', id: null, query: { q: 'b' } } as never })
    await view.rerender({ route: { view: 'notes', id: null, query: { q: 'bo' } } as never })
    await waitFor(() => expect(screen.queryByText('Congress in Brussels')).toBeNull())
    held.forEach((release) => release())
    await new Promise((settle) => setTimeout(settle, 50))
    expect(screen.queryByText('Congress in Brussels')).toBeNull()
    expect(screen.getByText('1 note')).toBeTruthy()
  })

  it('writes a free-standing note from the notes page, then gives it subjects, saved with its text', async () => {
    const created: unknown[] = []
    const updated: unknown[] = []
    const { handlers } = backend([])
    let stored: NoteListing | null = null
    Object.assign(handlers, {
      'notes.create': (input: { target: NoteTarget | null; body: string }) => {
        created.push(structuredClone(input))
        stored = {
          id: '00000000-0000-4000-8000-0000000000ff',
          target: input.target,
          targetLabel: null,
          orphaned: false,
          body: input.body,
          tags: [],
          created: '2026-02-01T00:00:00.000Z',
          updated: '2026-02-01T00:00:00.000Z',
          trashed: null,
          previous: null,
          versions: { [ME]: 1 },
          conflictOf: null,
          shared: false,
          author: null,
        }
        return structuredClone(stored)
      },
      'notes.update': (input: { subjects?: NoteTarget[]; body?: string; base: Record<string, number> }) => {
        updated.push(structuredClone(input))
        const [first = null, ...others] = input.subjects ?? []
        stored = {
          ...stored!,
          body: input.body ?? stored!.body,
          target: first,
          ...(others.length ? { alsoAbout: others } : {}),
          versions: { [ME]: 2 },
        }
        return { note: structuredClone(stored), conflictCopy: null }
      },
    })
    installFakeAtlas(handlers)
    const user = userEvent.setup()
    render(NotesView, { route: route() })
    await user.click(await screen.findByRole('button', { name: 'New note' }))
    // About nothing yet, said so; the text has focus.
    expect(screen.getByText('Nothing in particular (a free note)')).toBeTruthy()
    await waitFor(() => expect(document.activeElement?.tagName).toBe('TEXTAREA'))
    await user.keyboard('Questions for the Lisbon trip')
    await user.keyboard('{Control>}{Enter}{/Control}')
    await waitFor(() => expect(created).toEqual([{ target: null, body: 'Questions for the Lisbon trip', tags: [] }]))
    // Two subjects, by the names the app shows; a name nothing has is refused and changes nothing.
    const add = screen.getByRole('combobox', { name: 'Add a subject' })
    await user.type(add, 'Nobody Known{Enter}')
    expect(screen.getByRole('alert').textContent).toContain('Nothing in the reference is called “Nobody Known”.')
    await user.clear(add)
    await user.type(add, 'CECOP{Enter}')
    await user.type(add, 'CICOPA{Enter}')
    await user.keyboard('{Control>}{Enter}{/Control}')
    await waitFor(() =>
      expect(updated.at(-1)).toMatchObject({
        subjects: [
          { kind: 'organisation', id: 'cecop' },
          { kind: 'organisation', id: 'cicopa' },
        ],
      }),
    )
    // Removing one is saved too.
    await user.click(screen.getByRole('button', { name: 'Remove CECOP from this note’s subjects' }))
    await user.keyboard('{Control>}{Enter}{/Control}')
    await waitFor(() => expect(updated.at(-1)).toMatchObject({ subjects: [{ kind: 'organisation', id: 'cicopa' }] }))
  })
})
