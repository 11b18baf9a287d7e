/**
 * The source panel's door: App provides one panel for every view (components/SourcePopover.svelte, loaded the first
 * time a mark is clicked), and every source mark opens it — the source, how sure the fact is, and the citations.
 * Kept apart from the panel itself so that the marks and App do not pull the panel into the first view's code.
 */
import { getContext, setContext } from 'svelte'
import type { FactStatus, LocalisedText, Source } from '../../shared/content/schema'
import { t } from './i18n.svelte'

export interface SourceRequest {
  /** The source shown. */
  id: string
  /** Every source of the fact, so that the panel can step to the others. */
  ids: string[]
  sources: Record<string, Source>
  /** The view's numbering of its sources. */
  order: string[]
  status: FactStatus | null
  note: LocalisedText | null
  /** The fact in words ("Founded (CECOP): 1979"), where the view gives it: then it can be cited with its sources. */
  fact?: string | null
  /** The mark that opened the panel: focus returns to it. */
  anchor: HTMLElement
}

const KEY = Symbol('source-popover')
type Open = (request: SourceRequest) => void

/** Makes the source marks inside the calling component open the panel. */
export function provideSourcePopover(open: Open): void {
  setContext(KEY, open)
}

/** The panel's opener, where one is provided (App provides it; a component tested alone may have none). */
export function sourcePopover(): Open | undefined {
  return getContext<Open | undefined>(KEY)
}

/** The page's own entry for a source (its numbered list of sources), or null where the page lists none. */
export const sourceEntry = (id: string): HTMLElement | null => document.getElementById(`source-${id}`)

/** Scrolls to a source's entry in the page's list, marks it for a moment and moves focus there. */
export function revealSource(id: string): void {
  const entry = sourceEntry(id)
  if (!entry) return
  entry.scrollIntoView({ block: 'center', behavior: 'smooth' })
  entry.classList.add('flash')
  entry.focus({ preventScroll: true })
  setTimeout(() => entry.classList.remove('flash'), 1600)
}

/** A fact in words, for citing it with its sources, the same on every page: "Founded (CECOP): 1979". */
export const factInWords = (label: string, subject: string, value: string): string => t('cite.fact', { label, subject, value })
