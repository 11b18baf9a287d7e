/** What a refused call says to the reader: main's named refusal in their words, else a plain sentence; never main's English. */
import { afterEach, describe, expect, it } from 'vitest'
import { AtlasCallError } from '../../../src/renderer/lib/api'
import { errorText, problemText } from '../../../src/renderer/lib/error-text'
import { i18n, type Locale } from '../../../src/renderer/lib/i18n.svelte'
import { ERROR_CODES, ERROR_WORDING_KEYS, type AtlasError } from '../../../src/shared/errors'
import { STORE_PROBLEM_KEYS } from '../../../src/shared/store-notice'

const refused = (error: Partial<AtlasError>) => new AtlasCallError({ code: 'invalid-input', message: 'English for the logs.', ...error })
/** Every value any refusal is given, so that no placeholder is left unfilled. */
const VALUES = {
  role: 'sync',
  folder: '/f',
  why: 'EACCES',
  dataFolder: '/d',
  other: '/o',
  path: 'notes.0',
  what: 'change',
  cause: 'full',
  code: 'EIO',
  kind: 'event',
  id: 'x',
  format: 'coop-atlas-notes',
  name: 'store.json',
  url: 'http://a',
  keyId: 'k',
  next: '2.0.0',
  current: '1.0.0',
  problems: 3,
  target: '/t',
  version: '9',
  known: '7',
  from: '1',
  max: '10',
  first: 'a.md',
  second: 'b.md',
}

afterEach(() => {
  i18n.locale = 'en'
})

describe('errorText', () => {
  it.each<Locale>(['en', 'fr', 'es'])('words every refusal main names in %s, every placeholder filled', (locale) => {
    i18n.locale = locale
    for (const key of ERROR_WORDING_KEYS) {
      const text = errorText(refused({ wording: { key, values: VALUES, problem: { key: 'empty', values: {} } } }))
      expect(text, key).not.toMatch(/[{}]|English for the logs|^error\./)
    }
    for (const key of STORE_PROBLEM_KEYS)
      expect(problemText({ key, values: { ...VALUES, problems: '3' } }), key).not.toMatch(/[{}]|^store\./)
  })

  it('words why a backup cannot be read inside the sentence, in French and Spanish', () => {
    const error = refused({
      wording: {
        key: 'backup-unreadable',
        values: { name: 'store-1.json' },
        problem: { key: 'not-json', values: { detail: 'Unexpected end of JSON input' } },
      },
    })
    i18n.locale = 'fr'
    expect(errorText(error)).toBe(
      'La sauvegarde « store-1.json » ne peut pas être lue : le fichier n’est pas du JSON valide. Rien n’a été modifié.',
    )
    i18n.locale = 'es'
    expect(errorText(error)).toBe(
      'No se puede leer la copia de seguridad «store-1.json»: el archivo no es JSON válido. No se ha modificado nada.',
    )
  })

  it('counts in the reader’s locale', () => {
    i18n.locale = 'fr'
    expect(errorText(refused({ wording: { key: 'pack-invalid', values: { problems: 1200 } } }))).toContain(
      '1\u202f200 éléments enfreignent',
    )
  })

  it.each<Locale>(['fr', 'es'])('says a plain sentence for each code main did not name, in %s, never its English', (locale) => {
    i18n.locale = locale
    for (const code of ERROR_CODES) expect(errorText(refused({ code })), code).not.toMatch(/English for the logs|^error\./)
    expect(errorText(new TypeError('Failed to fetch'))).not.toContain('Failed to fetch')
  })
})
