import { fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import NotesPanel from '../../src/renderer/components/NotesPanel.svelte'
import { noteEvents } from '../../src/renderer/lib/note-events'
import { router } from '../../src/renderer/lib/router.svelte'
import { parseRoute } from '../../src/renderer/lib/routes'
import { sync } from '../../src/renderer/lib/sync.svelte'
import type { Note, NoteListing } from '../../src/shared/domain'
import { BACKLINK_GIST_LENGTH, linkingNote, listPage } from '../../src/shared/notes-page'
import { installFakeAtlas } from './fake-atlas'
import { folderStatus, ME, syncStatus as teamStatus } from './sync-status'

const target = { kind: 'organisation', id: 'cecop' } as const

const same = (a: Record<string, number>, b: Record<string, number>) => JSON.stringify(a) === JSON.stringify(b)

/** An in-memory notes backend behind the fake window.atlas: versions and conflict copies as main keeps them. */
function backend(initial: Note[] = []) {
  const notes = [...initial]
  let n = 0
  const at = () => new Date(Date.UTC(2026, 0, 1, 0, n++)).toISOString()
  const newNote = (body: string, tags: string[], conflictOf: string | null = null): Note => {
    const note: Note = {
      id: `00000000-0000-4000-8000-${String(notes.length).padStart(12, '0')}`,
      target,
      body,
      tags,
      created: at(),
      updated: at(),
      trashed: null,
      previous: null,
      versions: { [ME]: 1 },
      conflictOf,
      shared: false,
      author: null,
    }
    notes.push(note)
    return note
  }
  const bump = (note: Note) => ({ [ME]: (note.versions[ME] ?? 0) + 1 })
  const conflict = () => {
    throw Object.assign(new Error('changed elsewhere'), { code: 'conflict' })
  }
  const handlers = {
    'content.pack': () => ({
      organisations: [
        { id: 'cicopa', names: { english: 'CICOPA', acronym: 'CICOPA' } },
        { id: 'ica', names: { english: 'International Cooperative Alliance', acronym: 'ICA' } },
      ],
      relations: [],
      events: [],
      sources: [],
      redirects: {},
    }),
    'notes.tags': () => [{ tag: 'board', count: 2 }],
    'notes.backlinks': () => ({ notes: [], total: 0, limit: 0 }),
    // Copies, as main answers: the page's notes are not the backend's; a page of them (shared/notes-page.ts).
    'notes.listFor': ({ limit, through }: { limit?: number; through?: string }) =>
      listPage(
        notes.filter((x) => !x.trashed).map((x) => structuredClone(x)),
        limit,
        through,
      ),
    'notes.create': ({ body, tags }: { body: string; tags?: string[] }) => ({ ...newNote(body, tags ?? []) }),
    'notes.update': ({ id, base, body, tags }: { id: string; base: Record<string, number>; body?: string; tags?: string[] }) => {
      const note = notes.find((x) => x.id === id)!
      if (!same(note.versions, base)) {
        const copy = newNote(body ?? note.body, tags ?? note.tags, note.id)
        return { note: { ...note }, conflictCopy: { ...copy } }
      }
      Object.assign(note, { body: body ?? note.body, tags: tags ?? note.tags, previous: note.updated, updated: at(), versions: bump(note) })
      return { note: { ...note }, conflictCopy: null }
    },
    'notes.trash': ({ id, base }: { id: string; base?: Record<string, number> }) => {
      const note = notes.find((x) => x.id === id)!
      if (base && !same(note.versions, base)) conflict()
      return { ...Object.assign(note, { trashed: at(), versions: bump(note) }) }
    },
    'notes.restore': ({ id, base }: { id: string; base?: Record<string, number> }) => {
      const note = notes.find((x) => x.id === id)!
      if (base && !same(note.versions, base)) conflict()
      return { ...Object.assign(note, { trashed: null, versions: bump(note) }) }
    },
  }
  return { notes, handlers, send: installFakeAtlas(handlers) }
}

describe('NotesPanel', () => {
  it('saves a new note as it is typed, without a save button', async () => {
    const { notes, send } = backend()
    render(NotesPanel, { props: { target, title: 'CECOP' } })
    await userEvent.click(screen.getByRole('button', { name: 'New note' }))
    await userEvent.type(screen.getByLabelText('New note on CECOP'), 'Met **the board**')
    await waitFor(() => expect(notes.map((n) => n.body)).toEqual(['Met **the board**']), { timeout: 2000 })
    expect(send.mock.calls.filter(([name]) => name === 'notes.create')).toHaveLength(1)
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Saved'))
  })

  it('saves at once when the editor loses focus, and when it goes away (quick navigation)', async () => {
    const { notes } = backend()
    const view = render(NotesPanel, { props: { target, title: 'CECOP' } })
    await userEvent.click(screen.getByRole('button', { name: 'New note' }))
    const editor = screen.getByLabelText('New note on CECOP')
    await fireEvent.input(editor, { target: { value: 'typed then blurred' } })
    await fireEvent.blur(editor)
    await waitFor(() => expect(notes[0]?.body).toBe('typed then blurred'))
    await userEvent.click(screen.getByRole('button', { name: 'Done' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }))
    await fireEvent.input(screen.getByLabelText('Edit note'), { target: { value: 'typed then left' } })
    view.unmount()
    await waitFor(() => expect(notes[0]?.body).toBe('typed then left'))
  })

  it('adds tags and completes [[organisation]] links', async () => {
    const { notes } = backend()
    render(NotesPanel, { props: { target, title: 'CECOP' } })
    await userEvent.click(screen.getByRole('button', { name: 'New note' }))
    const editor = screen.getByLabelText('New note on CECOP')
    await waitFor(() => expect(document.querySelector('[data-status]')).toBeTruthy())
    await userEvent.type(editor, 'See [[[[cic') // '[[' types one '['
    await userEvent.keyboard('{Enter}')
    expect((editor as HTMLTextAreaElement).value).toBe('See [[CICOPA]]')
    await userEvent.type(screen.getByLabelText('Add a tag'), '#board{Enter}')
    await waitFor(() => expect(notes[0]).toMatchObject({ body: 'See [[CICOPA]]', tags: ['board'] }), { timeout: 2000 })
  })

  it('scrolls to the note the address names and gives it focus, once, when its notes are in', async () => {
    const { handlers } = backend()
    handlers['notes.create']({ body: 'First' })
    const wanted = handlers['notes.create']({ body: 'The one chosen in the palette' })
    handlers['notes.create']({ body: 'Third' })
    const href = `#/org/cecop?note=${wanted.id}`
    history.replaceState(null, '', href)
    router.route = parseRoute(href)
    try {
      render(NotesPanel, { props: { target, title: 'CECOP' } })
      const item = (await screen.findByText('The one chosen in the palette')).closest('li')!
      await waitFor(() => expect(document.activeElement).toBe(item))
      expect(item.dataset['noteId']).toBe(wanted.id)
      // A reload of the list (a save) leaves focus where the reader put it.
      const button = screen.getAllByRole('button', { name: 'Edit' })[0]!
      button.focus()
      noteEvents.emit({ type: 'arrived' })
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(document.activeElement).toBe(button)
    } finally {
      history.replaceState(null, '', '#/')
      router.route = parseRoute('#/')
    }
  })

  it('shows many notes a page at a time, focus on the first added, and the note the address names wherever it is', async () => {
    const { handlers } = backend()
    const made = Array.from({ length: 60 }, (_, i) => handlers['notes.create']({ body: `Note ${i}` }))
    const shownCount = () => document.querySelectorAll('ul.note-list > li.note').length
    const view = render(NotesPanel, { props: { target, title: 'CECOP' } })
    await waitFor(() => expect(shownCount()).toBe(50))
    await userEvent.click(screen.getByRole('button', { name: 'Show the last 10 notes' }))
    expect(shownCount()).toBe(60)
    await waitFor(() => expect(document.activeElement).toBe(document.querySelector(`[data-note-id="${made[50]!.id}"]`)))
    expect(screen.queryByRole('button', { name: /^Show / })).toBeNull()
    view.unmount()

    const href = `#/org/cecop?note=${made[59]!.id}`
    history.replaceState(null, '', href)
    router.route = parseRoute(href)
    try {
      render(NotesPanel, { props: { target, title: 'CECOP' } })
      await waitFor(() => expect(document.activeElement).toBe(document.querySelector(`[data-note-id="${made[59]!.id}"]`)))
      expect(shownCount()).toBe(60)
    } finally {
      history.replaceState(null, '', '#/')
      router.route = parseRoute('#/')
    }
  })

  it('lists the notes elsewhere that link here by their words, a page at a time', async () => {
    const { handlers } = backend()
    const elsewhere = (i: number) => ({
      ...handlers['notes.create']({ body: i === 0 ? '# Congress\n\nVote with **[[CECOP]]**' : `Link ${i} to [[CECOP]]` }),
      target: { kind: 'organisation', id: 'cicopa' } as const,
      targetLabel: 'CICOPA',
      orphaned: false,
    })
    const linking = Array.from({ length: 55 }, (_, i) => elsewhere(i))
    ;(handlers as Record<string, unknown>)['notes.backlinks'] = ({ limit }: { limit?: number }) =>
      listPage(
        linking.map((n: NoteListing) => linkingNote(n, BACKLINK_GIST_LENGTH)),
        limit,
      )
    ;(handlers as Record<string, unknown>)['notes.listFor'] = () => ({ notes: [], total: 0, limit: 0 })
    render(NotesPanel, { props: { target, title: 'CECOP' } })
    const list = await screen.findByRole('heading', { name: 'Notes elsewhere that link here' })
    const items = () => list.nextElementSibling!.querySelectorAll(':scope > li')
    expect(items()).toHaveLength(50)
    // The note's Markdown read as words, not its markup.
    expect(items()[0]!.textContent).toContain('— Congress — Vote with CECOP')
    await userEvent.click(screen.getByRole('button', { name: 'Show the last 5 notes' }))
    expect(items()).toHaveLength(55)
    expect(document.activeElement).toBe(items()[50])
  })

  it('moves a note to the trash with an undo', async () => {
    const { notes, handlers } = backend()
    handlers['notes.create']({ body: 'Keep me' })
    render(NotesPanel, { props: { target, title: 'CECOP' } })
    await userEvent.click(await screen.findByRole('button', { name: 'Move to trash' }))
    await waitFor(() => expect(screen.queryByText('Keep me')).toBeNull())
    expect(notes[0]?.trashed).not.toBeNull()
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }))
    await screen.findByText('Keep me')
    expect(notes[0]?.trashed).toBeNull()
  })

  it('keeps an edit of a note changed elsewhere as a separate note, says so in plain words, and shows both', async () => {
    const { notes, handlers, send } = backend()
    const original = handlers['notes.create']({ body: 'The first text' })
    render(NotesPanel, { props: { target, title: 'CECOP' } })
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }))
    // Meanwhile another tab saves its own edit of the same note.
    handlers['notes.update']({ id: original.id, base: original.versions, body: 'Written in the other tab' })
    const editor = screen.getByLabelText('Edit note')
    await fireEvent.input(editor, { target: { value: 'Written here' } })
    await fireEvent.blur(editor)

    const message = await screen.findByRole('alert')
    expect(message.textContent).toContain('This note was changed elsewhere (in another window or tab)')
    expect(message.textContent).toContain('your text was kept as a separate note')
    // Both texts are kept, and both shown: the other tab's in the list, this one's in the editor, marked as a copy.
    expect(notes.map((n) => [n.body, n.conflictOf])).toEqual([
      ['Written in the other tab', null],
      ['Written here', original.id],
    ])
    expect(await screen.findByText('Written in the other tab')).toBeTruthy()
    expect((screen.getByLabelText('Edit note') as HTMLTextAreaElement).value).toBe('Written here')
    expect(screen.getByRole('status').textContent).toContain('Saved')

    // Typing on goes to the copy, from the copy's version: no second copy, the other text untouched.
    await fireEvent.input(screen.getByLabelText('Edit note'), { target: { value: 'Written here, and more' } })
    await fireEvent.blur(screen.getByLabelText('Edit note'))
    await waitFor(() => expect(notes[1]?.body).toBe('Written here, and more'))
    expect(notes).toHaveLength(2)
    expect(notes[0]?.body).toBe('Written in the other tab')
    const updates = send.mock.calls.filter(([name]) => name === 'notes.update').map(([, input]) => input as { id: string })
    expect(updates.map((u) => u.id)).toEqual([original.id, notes[1]!.id])
    await userEvent.click(screen.getByRole('button', { name: 'Done' }))
    expect(
      await screen.findByText('A separate copy: written while this note was changed elsewhere, and kept beside the other version.'),
    ).toBeTruthy()
  })

  it('does not trash a note changed elsewhere since it was shown, and shows it as it is now', async () => {
    const { notes, handlers } = backend()
    const original = handlers['notes.create']({ body: 'Shown here' })
    render(NotesPanel, { props: { target, title: 'CECOP' } })
    const trash = await screen.findByRole('button', { name: 'Move to trash' })
    handlers['notes.update']({ id: original.id, base: original.versions, body: 'Changed in the other tab' })
    await userEvent.click(trash)
    expect((await screen.findByRole('alert')).textContent).toContain('so nothing was done')
    expect(notes[0]?.trashed).toBeNull()
    expect(await screen.findByText('Changed in the other tab')).toBeTruthy()
  })

  it('names the other subjects of a note about several, each a link, and not this page again', async () => {
    const { notes, handlers } = backend()
    handlers['notes.create']({ body: 'Joint meeting' })
    notes[0]!.alsoAbout = [target, { kind: 'organisation', id: 'cicopa' }, { kind: 'organisation', id: 'ica' }]
    const { container } = render(NotesPanel, { props: { target, title: 'CECOP' } })
    await screen.findByText('Joint meeting')
    const also = await waitFor(() => {
      const line = container.querySelector('.also-about')
      expect(line?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Also about CICOPA, ICA')
      return line!
    })
    expect(also.querySelector('a')?.getAttribute('href')).toBe('#/org/cicopa')
  })

  it('shows markup in a note as inert text', async () => {
    const { handlers } = backend()
    handlers['notes.create']({ body: '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>[click](javascript:alert(1))' })
    const { container } = render(NotesPanel, { props: { target, title: 'CECOP' } })
    await screen.findByText('click')
    const body = container.querySelector('.note-body')!
    expect(body.querySelector('img, script')).toBeNull()
    expect(body.querySelector('a')?.getAttribute('href') ?? null).toBeNull()
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined()
  })

  it('keeps the text and says so when main refuses it', async () => {
    installFakeAtlas({
      'notes.listFor': () => ({ notes: [], total: 0, limit: 0 }),
      'notes.tags': () => [],
      'notes.backlinks': () => ({ notes: [], total: 0, limit: 0 }),
      'content.pack': () => ({ organisations: [], relations: [], events: [], sources: [] }),
      // As main refuses what breaks the contract's rules: named, for the page to word (shared/errors.ts).
      'notes.create': () => {
        throw Object.assign(new Error('The request "notes.create" was refused: body: a note can hold at most 1 MB of text.'), {
          code: 'invalid-input',
          wording: { key: 'request-refused', values: { path: 'body' } },
        })
      },
    })
    render(NotesPanel, { props: { target, title: 'CECOP' } })
    await userEvent.click(screen.getByRole('button', { name: 'New note' }))
    const editor = screen.getByLabelText('New note on CECOP')
    await fireEvent.input(editor, { target: { value: 'too long' } })
    await fireEvent.blur(editor)
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Coop Atlas refused this request: what was sent does not follow its rules (at body).',
    )
    expect((editor as HTMLTextAreaElement).value).toBe('too long')
    expect(screen.getByRole('status').textContent).toContain('Not saved')
  })

  describe('the shared notebook', () => {
    const syncStatus = (team: string | null) => teamStatus(null, null, folderStatus(team))
    afterEach(() => void sync.take(syncStatus(null)))

    it('offers to share a note only once a team folder is chosen, and marks it shared when it is', async () => {
      const { notes, handlers } = backend()
      handlers['notes.create']({ body: 'For the team' })
      Object.assign(handlers, {
        'notes.setShared': ({ id, shared }: { id: string; shared: boolean }) => ({
          ...Object.assign(
            notes.find((x) => x.id === id)!,
            { shared },
          ),
        }),
      })
      installFakeAtlas(handlers)
      sync.take(syncStatus(null))
      render(NotesPanel, { props: { target, title: 'CECOP' } })
      await screen.findByText('For the team')
      expect(screen.queryByRole('button', { name: 'Share with the team' })).toBeNull()
      sync.take(syncStatus('/home/ana/Team'))
      await userEvent.click(await screen.findByRole('button', { name: 'Share with the team' }))
      await waitFor(() => expect(notes[0]?.shared).toBe(true))
      expect(await screen.findByText('Shared')).toBeTruthy()
      // Written here: no "by …" for the user's own notes.
      expect(document.querySelector('.note-author')).toBeNull()
      await userEvent.click(screen.getByRole('button', { name: 'Stop sharing' }))
      await waitFor(() => expect(notes[0]?.shared).toBe(false))
    })

    it('names the author of a note written on another device, and shows notes that arrive without a reload', async () => {
      const { notes, handlers } = backend()
      sync.take(syncStatus('/home/ana/Team'))
      render(NotesPanel, { props: { target, title: 'CECOP' } })
      await screen.findByText(/^No notes yet\./)
      const colleague = handlers['notes.create']({ body: 'From Marta' })
      Object.assign(
        notes.find((x) => x.id === colleague.id)!,
        {
          shared: true,
          author: { device: '00000000-0000-4000-8000-0000000000aa', name: 'Marta’s desktop' },
        },
      )
      noteEvents.emit({ type: 'arrived' })
      expect(await screen.findByText('From Marta')).toBeTruthy()
      expect((await screen.findByText('by Marta’s desktop')).className).toContain('note-author')
    })
  })
})
