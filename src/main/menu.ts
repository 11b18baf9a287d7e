/** The application menu: the standard roles, so copy, paste, zoom and window keys work as on every desktop app. */
import type { MenuItemConstructorOptions } from 'electron'

export function menuTemplate(isMac: boolean): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Coop Atlas on the web', enabled: false }] },
  ]
}
