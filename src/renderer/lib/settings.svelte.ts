/**
 * The user's settings in the renderer: loaded at start, applied to the page (language, theme, text size),
 * and written back through the contract. The last place is remembered so the next start opens there.
 */
import type { Settings } from '../../shared/domain'
import { api } from './api'
import { errorText } from './error-text'
import { takeEarly } from './early-calls'
import { i18n, systemLocale } from './i18n.svelte'

const TEXT_SIZE: Record<Settings['textSize'], string> = { small: '14px', medium: '16px', large: '18px', 'x-large': '20px' }

class SettingsState {
  current = $state<Settings>({ language: null, theme: 'system', textSize: 'medium', lastRoute: null })
  /** Why the last change could not be stored, until the next one is. */
  error = $state<string | null>(null)
  #routeTimer: ReturnType<typeof setTimeout> | null = null

  async load(): Promise<Settings> {
    this.current = await takeEarly('settings.get', () => api().settings.get({}))
    this.apply()
    return this.current
  }

  /** Stores a change; when main refuses it, says why and shows the stored value again (the control had moved). */
  async update(change: Partial<Omit<Settings, 'lastRoute'>>): Promise<void> {
    try {
      this.current = await api().settings.update(change)
      this.error = null
    } catch (e) {
      this.error = errorText(e)
      this.current = { ...this.current }
    }
    this.apply()
  }

  /** Remembers where the user is, a moment after they get there (not on every keystroke of a filter). */
  rememberRoute(route: string): void {
    if (this.#routeTimer) clearTimeout(this.#routeTimer)
    this.#routeTimer = setTimeout(() => {
      if (route !== this.current.lastRoute)
        void api()
          .settings.update({ lastRoute: route })
          .then((s) => (this.current = s))
          // Only a convenience for the next start: a refusal is not worth interrupting the user for.
          .catch(() => undefined)
    }, 800)
  }

  apply(): void {
    i18n.locale = this.current.language ?? systemLocale()
    document.documentElement.lang = i18n.locale
    const root = document.documentElement
    if (this.current.theme === 'system') delete root.dataset['theme']
    else root.dataset['theme'] = this.current.theme
    root.style.fontSize = TEXT_SIZE[this.current.textSize]
  }
}

export const settings = new SettingsState()
