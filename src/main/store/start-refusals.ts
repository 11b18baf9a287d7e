/**
 * The store's own reasons Coop Atlas cannot start — another Coop Atlas holds the notes, an unusable notes file that
 * cannot even be moved aside, a rewrite that would not read back — in the three languages of the app. They are shown
 * before any window (the desktop's dialog) or in a terminal (`npm run browse`), so main words them; the data folder's
 * own problems are worded beside these, in data-folder-errors.ts, and both reach the reader through `startErrorText`.
 */
import type { PackLocale } from '../../shared/content/texts'
import { ServiceError } from '../../shared/errors'
import { NOT_REWRITTEN } from '../../shared/store-rewrite-words'

export type StartProblem =
  /** Another process holds the store lock and still runs. */
  | { kind: 'store-locked'; shell: 'desktop' | 'browse'; pid: number; since: string }
  /** The lock kept changing hands while this process tried to take it. */
  | { kind: 'lock-contended'; path: string }
  /** The notes file cannot be used, and moving it aside (to start from a backup) failed: nothing may be written. */
  | { kind: 'not-moved-aside'; path: string; code: string }
  /** The notes folded into a new snapshot would not read back, so it was not written (the change log keeps them). */
  | { kind: 'not-rewritten' }

type Words = { [K in StartProblem['kind']]: (problem: Extract<StartProblem, { kind: K }>, locale: PackLocale) => string }

const when = (iso: string, locale: PackLocale): string => {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

const WORDS: Record<PackLocale, Words> = {
  en: {
    'store-locked': ({ shell, pid, since }, locale) =>
      `Your notes are open in ${shell === 'desktop' ? 'the Coop Atlas desktop app' : '`npm run browse`'} (process ${pid}, since ${when(since, locale)}). Only one Coop Atlas can write them at a time: close it, then start this one again.`,
    'lock-contended': ({ path }) =>
      `Another Coop Atlas was starting on the same notes at the same moment, so this one could not take their lock (${path}). Start it again.`,
    'not-moved-aside': ({ path, code }) =>
      `Your notes file at ${path} cannot be used, and Coop Atlas could not move it aside to start from a backup (the system said ${code}). Nothing was changed. Move that file somewhere else yourself and keep it — it holds your notes — then start Coop Atlas again.`,
    'not-rewritten': () => NOT_REWRITTEN.en,
  },
  fr: {
    'store-locked': ({ shell, pid, since }, locale) =>
      `Vos notes sont ouvertes dans ${shell === 'desktop' ? 'l’application de bureau Coop Atlas' : '`npm run browse`'} (processus ${pid}, depuis le ${when(since, locale)}). Un seul Coop Atlas peut les modifier à la fois : fermez-le, puis relancez celui-ci.`,
    'lock-contended': ({ path }) =>
      `Un autre Coop Atlas démarrait au même moment sur les mêmes notes : celui-ci n’a pas pu prendre leur verrou (${path}). Relancez-le.`,
    'not-moved-aside': ({ path, code }) =>
      `Votre fichier de notes ${path} est inutilisable, et Coop Atlas n’a pas pu le mettre de côté pour repartir d’une sauvegarde (le système a répondu ${code}). Rien n’a été modifié. Déplacez vous-même ce fichier ailleurs et conservez-le — il contient vos notes —, puis relancez Coop Atlas.`,
    'not-rewritten': () => NOT_REWRITTEN.fr,
  },
  es: {
    'store-locked': ({ shell, pid, since }, locale) =>
      `Sus notas están abiertas en ${shell === 'desktop' ? 'la aplicación de escritorio Coop Atlas' : '`npm run browse`'} (proceso ${pid}, desde el ${when(since, locale)}). Solo un Coop Atlas puede modificarlas a la vez: ciérrelo y vuelva a iniciar este.`,
    'lock-contended': ({ path }) =>
      `Otro Coop Atlas se estaba iniciando en ese mismo momento con las mismas notas, así que este no pudo tomar su bloqueo (${path}). Vuelva a iniciarlo.`,
    'not-moved-aside': ({ path, code }) =>
      `Su archivo de notas ${path} no se puede usar, y Coop Atlas no pudo apartarlo para empezar desde una copia de seguridad (el sistema respondió ${code}). No se ha modificado nada. Mueva usted mismo ese archivo a otro lugar y consérvelo —contiene sus notas— y vuelva a iniciar Coop Atlas.`,
    'not-rewritten': () => NOT_REWRITTEN.es,
  },
}

export function startProblemText(problem: StartProblem, locale: PackLocale): string {
  return (WORDS[locale][problem.kind] as (problem: StartProblem, locale: PackLocale) => string)(problem, locale)
}

/** A reason the store cannot be opened: its message in English (logs), `in(locale)` in the reader's language. */
export class StartRefusal extends ServiceError {
  constructor(
    readonly problem: StartProblem,
    /** English detail for the logs only (the parser's or the system's own words). */
    detail?: string,
  ) {
    // Only a rewrite can also fail once the window is open (a backup restored): the renderer words that one.
    const wording = problem.kind === 'not-rewritten' ? { key: 'store-not-rewritten' as const, values: {} } : undefined
    super('store-unavailable', `${startProblemText(problem, 'en')}${detail ? ` (${detail})` : ''}`, undefined, wording)
    this.name = 'StartRefusal'
  }

  in(locale: PackLocale): string {
    return startProblemText(this.problem, locale)
  }
}
