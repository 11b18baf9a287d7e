import { render, screen, waitFor } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import NotesPanel from '../../src/renderer/components/NotesPanel.svelte'
import type { Note } from '../../src/shared/domain'
import { installFakeAtlas } from './fake-atlas'

const target = { kind: 'organisation', id: 'cecop' } as const

function noteStore(initial: Note[] = []) {
  const notes = [...initial]
  let n = 0
  const at = () => new Date(Date.UTC(2026, 0, 1, 0, n++)).toISOString()
  return {
    notes,
    handlers: {
      'notes.listFor': () => notes,
      'notes.create': ({ body }: { body: string }) => {
        const note: Note = {
          id: `00000000-0000-4000-8000-00000000000${notes.length}`,
          target,
          body,
          tags: [],
          created: at(),
          updated: at(),
        }
        notes.push(note)
        return note
      },
      'notes.update': ({ id, body }: { id: string; body: string }) => {
        const note = notes.find((x) => x.id === id)!
        note.body = body
        note.updated = at()
        return note
      },
      'notes.delete': ({ id }: { id: string }) => {
        notes.splice(
          notes.findIndex((x) => x.id === id),
          1,
        )
        return { id }
      },
    },
  }
}

describe('NotesPanel', () => {
  it('adds a note through the contract and shows it rendered', async () => {
    const store = noteStore()
    const send = installFakeAtlas(store.handlers)
    render(NotesPanel, { props: { target, title: 'CECOP' } })
    await userEvent.type(screen.getByLabelText('New note on CECOP'), 'Met **the board**')
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }))
    await waitFor(() => expect(screen.getByText('the board').tagName).toBe('STRONG'))
    expect(send).toHaveBeenCalledWith('notes.create', { target, body: 'Met **the board**' })
  })

  it('edits and deletes a note, asking before it deletes', async () => {
    const store = noteStore()
    installFakeAtlas(store.handlers)
    store.handlers['notes.create']({ body: 'Old text' })
    render(NotesPanel, { props: { target, title: 'CECOP' } })
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }))
    const editor = screen.getByLabelText('Edit note')
    await userEvent.clear(editor)
    await userEvent.type(editor, 'New text')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('New text')
    expect(store.notes[0]!.body).toBe('New text')

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }))
    expect(store.notes).toHaveLength(1)
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(screen.queryByText('New text')).toBeNull())
    expect(store.notes).toHaveLength(0)
  })

  it('shows markup in a note as inert text', async () => {
    const store = noteStore()
    installFakeAtlas(store.handlers)
    store.handlers['notes.create']({
      body: '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>[click](javascript:alert(1))',
    })
    const { container } = render(NotesPanel, { props: { target, title: 'CECOP' } })
    await screen.findByText('click')
    const body = container.querySelector('.note-body')!
    expect(body.querySelector('img, script')).toBeNull()
    expect(body.querySelector('a')?.getAttribute('href') ?? null).toBeNull()
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined()
  })

  it('shows a refusal from main as a message', async () => {
    installFakeAtlas({
      'notes.listFor': () => [],
      'notes.create': () => {
        throw new Error('a note can hold at most 1 MB of text')
      },
    })
    render(NotesPanel, { props: { target, title: 'CECOP' } })
    await userEvent.type(screen.getByLabelText('New note on CECOP'), 'x')
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }))
    expect((await screen.findByRole('alert')).textContent).toContain('at most 1 MB')
  })
})
