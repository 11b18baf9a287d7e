/**
 * The source panel's Cite action: the chosen style, in the reader's language, goes to the clipboard (mocked here)
 * and is shown as it was copied; a fact is copied with every one of its sources; a refused clipboard leaves the text
 * on screen to copy by hand.
 */
import { render, screen, waitFor, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import SourcePopover from '../../src/renderer/components/SourcePopover.svelte'
import { citing } from '../../src/renderer/lib/cite.svelte'
import { i18n } from '../../src/renderer/lib/i18n.svelte'
import { installFakeAtlas } from './fake-atlas'
import { PACK } from './org-pack'

const sources = Object.fromEntries(PACK.sources.map((s) => [s.id, s]))
const APA_A = 'What is CECOP? (2021, June). CECOP. https://example.org/about'
const APA_B = 'Deep roots, long branches. (n.d.). CECOP.'

let writeText: ReturnType<typeof vi.fn>
let user: ReturnType<typeof userEvent.setup>
beforeEach(() => {
  user = userEvent.setup()
  writeText = vi.fn(async (_text: string) => undefined)
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  // As in npm run browse: main leaves the clipboard to the page.
  installFakeAtlas({ 'shell.copyText': () => ({ copied: false }) })
  citing.style = 'apa'
})
afterEach(() => {
  i18n.locale = 'en'
  vi.restoreAllMocks()
})

/** Opens the panel on src-a, a fact of src-a and src-b; `request` overrides fields of SourcePopover's SourceRequest. */
function open(request: { fact?: string | null } = {}) {
  const anchor = document.body.appendChild(document.createElement('button'))
  render(SourcePopover, {
    props: {
      request: {
        id: 'src-a',
        ids: ['src-a', 'src-b'],
        sources,
        order: ['src-a', 'src-b', 'src-c'],
        status: 'sourced',
        note: null,
        anchor,
        ...request,
      },
    },
  })
  return screen.getByRole('dialog')
}

describe('citing from the source panel', () => {
  it('copies the source in the chosen style and shows what it copied', { timeout: 60_000 }, async () => {
    const dialog = open()
    await user.click(within(dialog).getByRole('button', { name: 'Copy the citation' }))
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(APA_A), { timeout: 30_000 })
    const status = within(dialog).getByRole('status')
    expect(status.textContent).toContain('Copied:')
    expect(status.textContent).toContain(APA_A)

    await user.selectOptions(within(dialog).getByLabelText('Citation style'), 'ISO 690 (author-date)')
    await user.click(within(dialog).getByRole('button', { name: 'Copy the citation' }))
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith(expect.stringContaining('What is CECOP?, 2021. CECOP. Online.')))
    expect(citing.style).toBe('iso690')
  })

  it('cites in the reader’s language', { timeout: 60_000 }, async () => {
    i18n.locale = 'fr'
    citing.style = 'iso690'
    const dialog = open()
    await user.click(within(dialog).getByRole('button', { name: 'Copier la référence' }))
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(expect.stringContaining('CECOP [en\u00a0ligne]. Disponible à l’adresse')), {
      timeout: 30_000,
    })
    expect(within(dialog).getByRole('status').textContent).toContain('Copié :')
  })

  it('copies a fact with every one of its sources', { timeout: 60_000 }, async () => {
    const dialog = open({ fact: 'Founded (CECOP): 1979' })
    await user.click(within(dialog).getByRole('button', { name: 'Copy the fact with its sources' }))
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(`Founded (CECOP): 1979 — ${APA_A}; ${APA_B}`), { timeout: 30_000 })
  })

  it('offers no fact to copy where the view gives none', () => {
    const dialog = open({ fact: null })
    expect(within(dialog).queryByRole('button', { name: 'Copy the fact with its sources' })).toBeNull()
  })

  it('shows the citation to copy by hand when the clipboard is refused', { timeout: 60_000 }, async () => {
    writeText.mockRejectedValue(new DOMException('Write permission denied.', 'NotAllowedError'))
    const dialog = open()
    await user.click(within(dialog).getByRole('button', { name: 'Copy the citation' }))
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toContain('Select the text below and copy it'), {
      timeout: 30_000,
    })
    expect(within(dialog).getByRole('status').textContent).toContain(APA_A)
  })

  it(
    'has main write the clipboard where the shell has one (the desktop app: the page has no clipboard permission)',
    { timeout: 60_000 },
    async () => {
      const copiedByMain: string[] = []
      installFakeAtlas({ 'shell.copyText': ({ text }: { text: string }) => (copiedByMain.push(text), { copied: true }) })
      const dialog = open()
      await user.click(within(dialog).getByRole('button', { name: 'Copy the citation' }))
      await waitFor(() => expect(copiedByMain).toEqual([APA_A]), { timeout: 30_000 })
      expect(writeText).not.toHaveBeenCalled()
      expect(within(dialog).getByRole('status').textContent).toContain('Copied:')
    },
  )
})
