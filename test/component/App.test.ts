/**
 * The start-up notice, when the notes file had to be recovered: worded in the reader's language from the parts main
 * gives (shared/store-notice.ts), with every path, name and count, and no English sentence left in French or Spanish.
 */
import { render, screen } from '@testing-library/svelte'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../../src/renderer/App.svelte'
import { i18n, type Locale } from '../../src/renderer/lib/i18n.svelte'
import type { AppStatus } from '../../src/shared/domain'
import type { StoreNoticePart } from '../../src/shared/store-notice'
import { installFakeAtlas } from './fake-atlas'

const ASIDE = '/home/ana/.config/Coop Atlas/coop-atlas-store.corrupt-2026-12-05T10-00-00-000Z.json'
const BACKUP = 'store-2026-12-04T18-30-00-000Z.json'
const KEPT = '/home/ana/.config/Coop Atlas/backups/kept-2026-12-05T10-00-00-000Z'
const LOG = '/home/ana/.config/Coop Atlas/coop-atlas-changes.jsonl.damaged-2026-12-05T10-00-00-000Z'

/** What main says after it set a corrupt file aside, restored a backup with bad records, and met a damaged change log. */
const NOTICE: StoreNoticePart[] = [
  { key: 'set-aside', values: { aside: ASIDE }, problem: { key: 'newer-version', values: { version: '9', known: '7' } } },
  { key: 'backup-restored', values: { backup: BACKUP, keptIn: KEPT } },
  { key: 'records-set-aside', values: { apart: 1234, mended: 1, aside: `${KEPT}/${BACKUP}` } },
  { key: 'changes-set-aside', values: { count: 2, lines: '4, 9', aside: LOG } },
]

function start(locale: Locale, storeNotice: StoreNoticePart[]): void {
  i18n.locale = locale
  const status: AppStatus = {
    version: '0.1.0',
    shell: 'browse',
    pack: { ok: true, packVersion: '1.0.0', date: '2026-11-01', origin: 'shipped', shipped: null, installedIgnored: null } as never,
    storeNotice,
    device: { id: '00000000-0000-4000-8000-000000000001', name: 'laptop' } as AppStatus['device'],
  }
  installFakeAtlas({
    'app.status': () => status,
    'organisations.list': () => [],
    'favourites.list': () => [],
    'settings.get': () => ({ language: locale, theme: 'system', textSize: 'medium', lastRoute: null }),
  })
  render(App)
}

/** The notice's text with the paths and names main gave taken out: what is left is the sentences around them. */
const sentences = (text: string) => [ASIDE, BACKUP, KEPT, LOG].reduce((rest, fact) => rest.split(fact).join(' '), text)

/** Words of the English notice that no French or Spanish sentence has. */
const ENGLISH = /\b(your|could|was|were|kept|untouched|backup|earlier|records?|Settings|lists|change log|every)\b/

afterEach(() => {
  i18n.locale = 'en'
})

describe('the notice after a recovery', () => {
  it.each<[Locale, RegExp[]]>([
    [
      'fr',
      [
        /Votre fichier de notes n’a pas pu être ouvert : le fichier a été écrit par une version plus récente de Coop Atlas \(format 9 ; celle-ci ne connaît que le 7\)\./,
        /La dernière sauvegarde valide \(store-2026-12-04T18-30-00-000Z\.json\) a été restaurée/,
        /1\u202f234 éléments de votre fichier de notes n’ont pas pu être lus/,
        /Une note a été réparée/,
        /2 modifications récentes \(lignes 4, 9 du journal des modifications\)/,
      ],
    ],
    [
      'es',
      [
        /No se pudo abrir su archivo de notas: el archivo lo escribió una versión más reciente de Coop Atlas \(formato 9; esta solo conoce el 7\)\./,
        /Se ha restaurado la última copia de seguridad válida \(store-2026-12-04T18-30-00-000Z\.json\)/,
        /1234 registros de su archivo de notas no se pudieron leer/,
        /Se ha reparado y conservado una nota/,
        /2 cambios recientes \(líneas 4, 9 del registro de cambios\)/,
      ],
    ],
  ])('in %s: every part in the reader’s words, with every path, name and count, and no English', async (locale, said) => {
    start(locale, NOTICE)
    const notice = await screen.findByRole('alert')
    const text = notice.textContent ?? ''
    for (const words of said) expect(text).toMatch(words)
    for (const fact of [ASIDE, BACKUP, KEPT, `${KEPT}/${BACKUP}`, LOG]) expect(text).toContain(fact)
    expect(notice.querySelectorAll('p')).toHaveLength(NOTICE.length)
    expect(sentences(text)).not.toMatch(ENGLISH)
  })

  it('in English, as the logs say it', async () => {
    start('en', NOTICE.slice(0, 2))
    const text = (await screen.findByRole('alert')).textContent ?? ''
    expect(text).toContain(
      `Your notes file could not be opened because it was written by a newer Coop Atlas (store version 9; this one knows 7). It was kept, untouched, as ${ASIDE}; Settings lists it and can bring back what it holds.`,
    )
    expect(text).toContain(`The last good backup (${BACKUP}) was restored; every earlier backup was kept in ${KEPT}.`)
  })

  it('says when no backup was good, in French and Spanish', async () => {
    start('fr', [
      { key: 'set-aside', values: { aside: ASIDE }, problem: { key: 'empty', values: {} } },
      { key: 'no-backup', values: {} },
    ])
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Aucune sauvegarde valide n’a été trouvée : Coop Atlas a donc démarré sans aucune note.',
    )
  })
})
