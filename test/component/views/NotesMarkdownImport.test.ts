/**
 * Importing Markdown from the notes page: a folder picked (an Obsidian vault) or a zip, sent as main reads it, the
 * same preview as a notes file (with the files left out and the notes refused, by file name), and the same Import.
 * By keyboard, labelled, in English, French and Spanish.
 */
import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { i18n, type Locale } from '../../../src/renderer/lib/i18n.svelte'
import NotesView from '../../../src/renderer/views/NotesView.svelte'
import type { ImportSummary } from '../../../src/shared/domain'
import { MAX_MARKDOWN_FILES } from '../../../src/shared/markdown-files'
import { installFakeAtlas } from '../fake-atlas'

const route = { view: 'notes', id: null, query: {} } as never

const PREVIEW: ImportSummary = {
  total: 3,
  added: 2,
  updated: 0,
  unchanged: 0,
  keptNewer: 0,
  conflicts: 0,
  applied: false,
  skipped: 2,
  refused: [
    { id: null, excerpt: null, file: 'Broken.md', code: 'front-matter', problem: 'syntax', detail: 'unexpected end of the stream' },
  ],
}

/** A file as a browser gives it from a folder picker: its path starts with the picked folder's name. */
function inFolder(path: string, text: string): File {
  const file = new File([text], path.split('/').pop()!, { lastModified: Date.UTC(2026, 1, 3) })
  Object.defineProperty(file, 'webkitRelativePath', { value: path })
  return file
}

const VAULT = [
  inFolder('My vault/Welcome.md', 'Hello [[CECOP]]'),
  inFolder('My vault/Projects/Alpha.md', '---\ntags: [a]\n---\n# Alpha'),
  inFolder('My vault/Broken.md', '---\ntags: [\n---\n'),
  inFolder('My vault/.obsidian/app.json', '{}'),
  inFolder('My vault/.trash/Old.md', 'gone'),
]

function setUp(locale: Locale = 'en') {
  i18n.locale = locale
  const preview = vi.fn((_input: unknown) => PREVIEW)
  const apply = vi.fn((_input: unknown) => ({ ...PREVIEW, applied: true }))
  installFakeAtlas({
    'notes.page': () => ({ notes: [], total: 0, limit: 50, counts: { kept: 0, trashed: 0, orphaned: 0 }, linkedFrom: {} }),
    'notes.tags': () => [],
    'corrections.list': () => [],
    'notes.importMarkdownPreview': preview as never,
    'notes.importMarkdownApply': apply as never,
  })
  render(NotesView, { route })
  return { preview, apply }
}

afterEach(() => {
  i18n.locale = 'en'
})

describe('importing Markdown on the notes page', () => {
  it('sends a picked folder’s Markdown files with their paths inside it, counts the rest, and shows the preview', async () => {
    const { preview, apply } = setUp()
    const user = userEvent.setup()
    const picker = screen.getByLabelText('Import a folder of Markdown files…')
    expect(picker.hasAttribute('webkitdirectory')).toBe(true)
    await user.upload(picker, VAULT)
    expect(preview).toHaveBeenCalledWith({
      from: 'folder',
      files: [
        { path: 'Welcome.md', text: 'Hello [[CECOP]]', modified: Date.UTC(2026, 1, 3) },
        { path: 'Projects/Alpha.md', text: '---\ntags: [a]\n---\n# Alpha', modified: Date.UTC(2026, 1, 3) },
        { path: 'Broken.md', text: '---\ntags: [\n---\n', modified: Date.UTC(2026, 1, 3) },
      ],
      skipped: 2,
    })
    const region = await screen.findByRole('region', { name: 'What the import will do' })
    expect(region.textContent).toContain('The folder My vault holds 3 notes.')
    expect(region.textContent).toContain('add 2 notes')
    expect(region.textContent).toContain('One file is left out, changing nothing here:')
    expect(region.textContent).toContain('Broken.md: its front matter is not valid YAML')
    expect(region.textContent).toContain('2 files are not notes and are left out')

    // By keyboard: Tab reaches Import, Enter applies.
    const importButton = within(region).getByRole('button', { name: 'Import' })
    importButton.focus()
    await user.keyboard('{Enter}')
    expect(apply).toHaveBeenCalledWith(preview.mock.calls[0]![0])
    expect(await screen.findByText(/Imported: 2 added/)).toBeTruthy()
  })

  it('sends a zip as base64', async () => {
    const { preview } = setUp()
    await userEvent.upload(
      screen.getByLabelText('Import Markdown files from a zip…'),
      new File([new Uint8Array([80, 75, 5, 6])], 'notes.zip'),
    )
    expect(preview).toHaveBeenCalledWith({ from: 'zip', base64: 'UEsFBg==' })
    expect((await screen.findByRole('region', { name: 'What the import will do' })).textContent).toContain('notes.zip holds 3 notes.')
  })

  it('refuses a folder with too many Markdown files before reading them, in the reader’s words', async () => {
    const { preview } = setUp('fr')
    const many = Array.from({ length: MAX_MARKDOWN_FILES + 1 }, (_, i) => inFolder(`v/n${i}.md`, 'x'))
    await userEvent.upload(screen.getByLabelText('Importer un dossier de fichiers Markdown…'), many)
    expect((await screen.findByRole('alert')).textContent).toBe(
      `Il contient trop de fichiers : ${MAX_MARKDOWN_FILES} au plus sont importés à la fois. Rien n’a été importé.`,
    )
    expect(preview).not.toHaveBeenCalled()
  })

  it.each<[Locale, string, string, string]>([
    ['fr', 'Importer des fichiers Markdown d’un zip…', 'Le dossier My vault contient 3 notes.', 'son en-tête n’est pas du YAML valide'],
    ['es', 'Importar archivos Markdown de un zip…', 'La carpeta My vault contiene 3 notas.', 'su cabecera no es YAML válido'],
  ])('in %s: the choices, the preview and the refusals in the reader’s words', async (locale, zipLabel, said, why) => {
    setUp(locale)
    expect(screen.getByLabelText(zipLabel)).toBeTruthy()
    const folder = locale === 'fr' ? 'Importer un dossier de fichiers Markdown…' : 'Importar una carpeta de archivos Markdown…'
    await userEvent.upload(screen.getByLabelText(folder), VAULT)
    await screen.findByText(said, { exact: false })
    const region = document.querySelector('.import-preview')!
    expect(region.textContent).toContain(said)
    expect(region.textContent).toContain(why)
  })
})
