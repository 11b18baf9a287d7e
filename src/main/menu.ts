/** The application menu: the standard roles, so copy, paste, zoom and window keys work as on every desktop app. */
import type { MenuItemConstructorOptions } from 'electron'

/** What the menu's own items do; an item whose action is not given is shown disabled. */
export interface MenuActions {
  about?: () => void
}

export function menuTemplate(isMac: boolean, actions: MenuActions = {}): MenuItemConstructorOptions[] {
  const { about } = actions
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Coop Atlas on the web', enabled: false },
        { type: 'separator' },
        { id: 'about', label: 'About Coop Atlas', enabled: about !== undefined, click: () => about?.() },
      ],
    },
  ]
}
