import { fireEvent, render, screen, waitFor } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import NotesPanel from '../../src/renderer/components/NotesPanel.svelte'
import type { Note } from '../../src/shared/domain'
import { installFakeAtlas } from './fake-atlas'

const target = { kind: 'organisation', id: 'cecop' } as const

/** An in-memory notes backend behind the fake window.atlas. */
function backend(initial: Note[] = []) {
  const notes = [...initial]
  let n = 0
  const at = () => new Date(Date.UTC(2026, 0, 1, 0, n++)).toISOString()
  const handlers = {
    'content.pack': () => ({
      organisations: [{ id: 'cicopa', names: { english: 'CICOPA', acronym: 'CICOPA' } }],
      relations: [],
      events: [],
      sources: [],
    }),
    'notes.tags': () => [{ tag: 'board', count: 2 }],
    'notes.backlinks': () => [],
    'notes.listFor': () => notes.filter((x) => !x.trashed),
    'notes.create': ({ body, tags }: { body: string; tags?: string[] }) => {
      const note: Note = {
        id: `00000000-0000-4000-8000-${String(notes.length).padStart(12, '0')}`,
        target,
        body,
        tags: tags ?? [],
        created: at(),
        updated: at(),
        trashed: null,
        previous: null,
      }
      notes.push(note)
      return note
    },
    'notes.update': ({ id, body, tags }: { id: string; body?: string; tags?: string[] }) => {
      const note = notes.find((x) => x.id === id)!
      Object.assign(note, { body: body ?? note.body, tags: tags ?? note.tags, previous: note.updated, updated: at() })
      return { ...note }
    },
    'notes.trash': ({ id }: { id: string }) =>
      Object.assign(
        notes.find((x) => x.id === id)!,
        { trashed: at() },
      ),
    'notes.restore': ({ id }: { id: string }) => ({
      ...Object.assign(
        notes.find((x) => x.id === id)!,
        { trashed: null },
      ),
    }),
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
      'notes.listFor': () => [],
      'notes.tags': () => [],
      'notes.backlinks': () => [],
      'content.pack': () => ({ organisations: [], relations: [], events: [], sources: [] }),
      'notes.create': () => {
        throw new Error('a note can hold at most 1 MB of text')
      },
    })
    render(NotesPanel, { props: { target, title: 'CECOP' } })
    await userEvent.click(screen.getByRole('button', { name: 'New note' }))
    const editor = screen.getByLabelText('New note on CECOP')
    await fireEvent.input(editor, { target: { value: 'too long' } })
    await fireEvent.blur(editor)
    expect((await screen.findByRole('alert')).textContent).toContain('at most 1 MB')
    expect((editor as HTMLTextAreaElement).value).toBe('too long')
    expect(screen.getByRole('status').textContent).toContain('Not saved')
  })
})
