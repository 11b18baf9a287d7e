/**
 * An import main refuses, as a French or Spanish reader meets it: a whole file refused, and the notes the preview
 * leaves out, each with its reason, in the reader's words. Only the technical path (where a rule is broken) and the
 * file's own facts (ids, the format's name) stay as they are.
 */
import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { i18n, type Locale } from '../../../src/renderer/lib/i18n.svelte'
import NotesView from '../../../src/renderer/views/NotesView.svelte'
import type { ImportSummary } from '../../../src/shared/domain'
import type { ErrorWording } from '../../../src/shared/errors'
import { installFakeAtlas } from '../fake-atlas'

const route = { view: 'notes', id: null, query: {} } as never

/** What main answers for a file whose notes the editor could not all have saved (notes-transfer.ts refusalOf). */
const PREVIEW: ImportSummary = {
  total: 4,
  added: 1,
  updated: 0,
  unchanged: 0,
  keptNewer: 0,
  conflicts: 0,
  applied: false,
  refused: [
    { id: 'n-1', excerpt: 'Réunion du conseil', code: 'rules', detail: 'tags.0: a tag has no comma', path: 'tags.0' },
    { id: 'n-2', excerpt: 'Congrès 2150', code: 'future', detail: '2150-01-01T00:00:00.000Z' },
    {
      id: 'n-3',
      excerpt: 'Dates à l’envers',
      code: 'order',
      detail: 'created 2026-03-09T10:00:00.000Z, edited 2026-03-02T10:00:00.000Z',
      dates: { created: '2026-03-09T10:00:00.000Z', updated: '2026-03-02T10:00:00.000Z', previous: null },
    },
  ],
}

function refusal(message: string, wording: ErrorWording) {
  return Object.assign(new Error(message), { code: 'invalid-input', wording })
}

async function importFile(locale: Locale, answer: () => unknown) {
  i18n.locale = locale
  installFakeAtlas({
    'notes.page': () => ({ notes: [], total: 0, limit: 50, counts: { kept: 0, trashed: 0, orphaned: 0 }, linkedFrom: {} }),
    'notes.tags': () => [],
    'corrections.list': () => [],
    'notes.importPreview': answer as never,
  })
  render(NotesView, { route })
  const picker = document.querySelector<HTMLInputElement>('input[type=file]')!
  await userEvent.upload(picker, new File(['{}'], 'de-lyon.json', { type: 'application/json' }))
}

/** Words of main's English refusals that no French or Spanish sentence has. */
const ENGLISH = /\b(the|this|file|was|not|nothing|imported|breaks|rule|every|dated|after|tomorrow|its|out of order)\b/i

afterEach(() => {
  i18n.locale = 'en'
})

describe('a refused import, in French and Spanish', () => {
  it.each<[Locale, string]>([
    ['fr', 'Ce n’est pas un fichier de notes Coop Atlas (il ne contient pas "format": "coop-atlas-notes"). Rien n’a été importé.'],
    ['es', 'No es un archivo de notas de Coop Atlas (no contiene "format": "coop-atlas-notes"). No se ha importado nada.'],
  ])('in %s: a whole file refused says why in the reader’s words', async (locale, said) => {
    await importFile(locale, () => {
      throw refusal('This is not a Coop Atlas notes file (it has no "format": "coop-atlas-notes"). Nothing was imported.', {
        key: 'import-not-notes-file',
        values: { format: 'coop-atlas-notes' },
      })
    })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe(said)
  })

  it.each<Locale>(['fr', 'es'])('in %s: a refusal main did not name is a plain sentence, never main’s English', async (locale) => {
    await importFile(locale, () => {
      throw Object.assign(new Error('Something went wrong while handling "notes.importPreview". Nothing was changed.'), {
        code: 'internal',
      })
    })
    const text = (await screen.findByRole('alert')).textContent ?? ''
    expect(text).toBe(
      locale === 'fr'
        ? 'Une erreur interne s’est produite dans Coop Atlas. Rien n’a été modifié.'
        : 'Se ha producido un error interno en Coop Atlas. No se ha modificado nada.',
    )
  })

  it.each<[Locale, RegExp[]]>([
    [
      'fr',
      [
        /3 notes du fichier sont écartées/,
        /« Réunion du conseil » : elle enfreint une règle commune à toutes les notes/,
        /« Congrès 2150 » : elle est datée du .*2150.*, après demain/,
        /« Dates à l’envers » : ses dates ne se suivent pas : créée le 9 mars 2026.*, modifiée le 2 mars 2026/,
      ],
    ],
    [
      'es',
      [
        /Se dejan fuera 3 notas del archivo/,
        /«Réunion du conseil»: incumple una regla común a todas las notas/,
        /«Congrès 2150»: está fechada el .*2150.*, después de mañana/,
        /«Dates à l’envers»: sus fechas no van en orden: creada el 9 mar 2026.*, modificada el 2 mar 2026/,
      ],
    ],
  ])('in %s: each note left out, with its reason, and no English', async (locale, said) => {
    await importFile(locale, () => PREVIEW)
    const region = await screen.findByRole('region', { name: locale === 'fr' ? 'Ce que fera l’import' : 'Lo que hará la importación' })
    const list = region.querySelector('.refusals')!
    const text = region.textContent ?? ''
    for (const words of said) expect(text).toMatch(words)
    // The one technical part: where the rule is broken, as the file names it, marked as not the reader's language.
    const path = region.querySelector('code[lang="en"]')
    expect(path?.textContent).toBe('(tags.0)')
    const refusals = list.textContent ?? ''
    const withoutFacts = ['Réunion du conseil', 'Congrès 2150', 'Dates à l’envers', '(tags.0)'].reduce(
      (rest, f) => rest.split(f).join(' '),
      refusals,
    )
    expect(withoutFacts).not.toMatch(ENGLISH)
    expect(text).not.toContain('a tag has no comma')
  })
})
