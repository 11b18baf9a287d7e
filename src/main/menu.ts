/** The application menu: the standard roles, so copy, paste, zoom and window keys work as on every desktop app. */
import type { MenuItemConstructorOptions } from 'electron'
import type { PackLocale } from '../shared/content/texts'
import { HELP_WORDS } from './about'

/** What the menu's own items do; an item whose action is not given is shown disabled. */
export interface MenuActions {
  about?: () => void
}

/** `locale`: the language of the menu's own items (the standard roles are named by Electron). */
export function menuTemplate(isMac: boolean, actions: MenuActions = {}, locale: PackLocale = 'en'): MenuItemConstructorOptions[] {
  const { about } = actions
  const words = HELP_WORDS[locale]
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: words.web, enabled: false },
        { type: 'separator' },
        { id: 'about', label: words.about, enabled: about !== undefined, click: () => about?.() },
      ],
    },
  ]
}
