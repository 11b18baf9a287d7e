/**
 * Help › About Coop Atlas: the app's version, the reference pack's version and date, and the runtime underneath.
 * The text is a pure function (unit-tested), in the reader's language; index.ts shows it with dialog.showMessageBox, so no new window or
 * preload is needed.
 */
import type { PackLocale } from '../shared/content/texts'

/** The reference pack as About reports it: loaded (version and compilation date), failed (why), or not yet read. */
export type AboutPack = { ok: true; packVersion: string; date: string } | { ok: false; message: string } | null

export interface AboutInput {
  appVersion: string
  pack: AboutPack
  /** process.versions: electron, chrome and node are shown when present. */
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>
}

export interface AboutText {
  title: string
  message: string
  detail: string
}

/** Intl's locale for each language: British English writes "23 November 2026", as About always has. */
const INTL_LOCALE: Record<PackLocale, string> = { en: 'en-GB', fr: 'fr', es: 'es' }

/** '2026-11-23' → '23 November 2026' (23 novembre 2026, 23 de noviembre de 2026); anything else as it is. */
export function formatPackDate(date: string, locale: PackLocale = 'en'): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date)
  if (!match) return date
  const [year, month, day] = [Number(match[1]), Number(match[2]), match[3] ? Number(match[3]) : null]
  if (month < 1 || month > 12 || (day !== null && (day < 1 || day > 31))) return date
  const options: Intl.DateTimeFormatOptions = {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
    ...(day === null ? {} : { day: 'numeric' }),
  }
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], options).format(new Date(Date.UTC(year, month - 1, day ?? 1)))
}

/** What About says, in the three languages of the app (the one home of these words). */
const WORDS: Record<
  PackLocale,
  { title: string; notLoaded: string; pack: (version: string, date: string) => string; failed: (why: string) => string; about: string }
> = {
  en: {
    title: 'About Coop Atlas',
    notLoaded: 'The reference pack has not been loaded.',
    pack: (version, date) => `Reference pack ${version}, compiled on ${date}.`,
    failed: (why) => `The reference pack could not be loaded: ${why}`,
    about:
      'An offline reference to CICOPA, CECOP and the international organisations of industrial and service cooperatives, with your own notes.',
  },
  fr: {
    title: 'À propos de Coop Atlas',
    notLoaded: 'Les données de référence n’ont pas encore été chargées.',
    pack: (version, date) => `Données de référence ${version}, compilées le ${date}.`,
    failed: () => 'Les données de référence n’ont pas pu être chargées. Vos notes sont intactes.',
    about:
      'Une référence hors ligne sur la CICOPA, CECOP et les organisations internationales des coopératives de l’industrie et des services, avec vos propres notes.',
  },
  es: {
    title: 'Acerca de Coop Atlas',
    notLoaded: 'Los datos de referencia aún no se han cargado.',
    pack: (version, date) => `Datos de referencia ${version}, compilados el ${date}.`,
    failed: () => 'No se pudieron cargar los datos de referencia. Sus notas están a salvo.',
    about:
      'Una referencia sin conexión sobre CICOPA, CECOP y las organizaciones internacionales de cooperativas de la industria y los servicios, con sus propias notas.',
  },
}

/** The Help menu's own items, in the reader's language. */
export const HELP_WORDS: Record<PackLocale, { web: string; about: string }> = {
  en: { web: 'Coop Atlas on the web', about: WORDS.en.title },
  fr: { web: 'Coop Atlas sur le web', about: WORDS.fr.title },
  es: { web: 'Coop Atlas en la web', about: WORDS.es.title },
}

/** The pack part of About from what app-context loaded: the pack's header, or the error that refused it. */
export function aboutPack(content: { pack: { packVersion: string; date: string } } | Error | null | undefined): AboutPack {
  if (!content) return null
  if (content instanceof Error) return { ok: false, message: content.message.split('\n')[0] ?? '' }
  return { ok: true, packVersion: content.pack.packVersion, date: content.pack.date }
}

export function aboutText({ appVersion, pack, versions }: AboutInput, locale: PackLocale = 'en'): AboutText {
  const words = WORDS[locale]
  const packLine =
    pack === null ? words.notLoaded : pack.ok ? words.pack(pack.packVersion, formatPackDate(pack.date, locale)) : words.failed(pack.message)
  const runtime = (
    [
      ['Electron', versions.electron],
      ['Chromium', versions.chrome],
      ['Node.js', versions.node],
    ] as const
  )
    .filter(([, version]) => version)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')
  return {
    title: words.title,
    message: `Coop Atlas ${appVersion}`,
    detail: [packLine, words.about, ...(runtime ? [`${runtime}.`] : [])].join('\n\n'),
  }
}
