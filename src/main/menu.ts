/**
 * The application menu: the standard roles, so copy, paste, zoom and window keys work as on every desktop app, each
 * named in the reader's language. Electron names its role menus in English on Windows and Linux and gives no way to
 * translate them, so every menu lists its role items with our own labels (a role keeps its action and shortcut).
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { PackLocale } from '../shared/content/texts'
import { HELP_WORDS } from './about'

/** What the menu's own items do; an item whose action is not given is shown disabled. */
export interface MenuActions {
  about?: () => void
}

type Label =
  | 'file'
  | 'edit'
  | 'view'
  | 'window'
  | 'help'
  | 'quit'
  | 'closeWindow'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'close'

/** The menus' words, as each system's own applications name them in that language. */
export const MENU_WORDS: Record<PackLocale, Record<Label, string>> = {
  en: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    quit: 'Quit',
    closeWindow: 'Close Window',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    pasteAndMatchStyle: 'Paste and Match Style',
    delete: 'Delete',
    selectAll: 'Select All',
    reload: 'Reload',
    toggleDevTools: 'Toggle Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    togglefullscreen: 'Toggle Full Screen',
    minimize: 'Minimize',
    zoom: 'Zoom',
    close: 'Close',
  },
  fr: {
    file: 'Fichier',
    edit: 'Édition',
    view: 'Affichage',
    window: 'Fenêtre',
    help: 'Aide',
    quit: 'Quitter',
    closeWindow: 'Fermer la fenêtre',
    undo: 'Annuler',
    redo: 'Rétablir',
    cut: 'Couper',
    copy: 'Copier',
    paste: 'Coller',
    pasteAndMatchStyle: 'Coller en adaptant le style',
    delete: 'Supprimer',
    selectAll: 'Tout sélectionner',
    reload: 'Actualiser',
    toggleDevTools: 'Outils de développement',
    resetZoom: 'Taille réelle',
    zoomIn: 'Zoom avant',
    zoomOut: 'Zoom arrière',
    togglefullscreen: 'Plein écran',
    minimize: 'Réduire',
    zoom: 'Agrandir',
    close: 'Fermer',
  },
  es: {
    file: 'Archivo',
    edit: 'Edición',
    view: 'Ver',
    window: 'Ventana',
    help: 'Ayuda',
    quit: 'Salir',
    closeWindow: 'Cerrar ventana',
    undo: 'Deshacer',
    redo: 'Rehacer',
    cut: 'Cortar',
    copy: 'Copiar',
    paste: 'Pegar',
    pasteAndMatchStyle: 'Pegar con el mismo estilo',
    delete: 'Eliminar',
    selectAll: 'Seleccionar todo',
    reload: 'Volver a cargar',
    toggleDevTools: 'Herramientas de desarrollo',
    resetZoom: 'Tamaño real',
    zoomIn: 'Ampliar',
    zoomOut: 'Reducir',
    togglefullscreen: 'Pantalla completa',
    minimize: 'Minimizar',
    zoom: 'Zoom',
    close: 'Cerrar',
  },
}

const SEPARATOR: MenuItemConstructorOptions = { type: 'separator' }

/** `locale`: the language of every label; the macOS app menu stays the system's own (it names the app and its services). */
export function menuTemplate(isMac: boolean, actions: MenuActions = {}, locale: PackLocale = 'en'): MenuItemConstructorOptions[] {
  const { about } = actions
  const words = MENU_WORDS[locale]
  const help = HELP_WORDS[locale]
  const item = (role: Label & MenuItemConstructorOptions['role']): MenuItemConstructorOptions => ({ role, label: words[role] })
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu', label: words.file, submenu: [isMac ? { role: 'close', label: words.closeWindow } : item('quit')] },
    {
      role: 'editMenu',
      label: words.edit,
      submenu: [
        item('undo'),
        item('redo'),
        SEPARATOR,
        item('cut'),
        item('copy'),
        item('paste'),
        ...(isMac ? [item('pasteAndMatchStyle')] : []),
        item('delete'),
        SEPARATOR,
        item('selectAll'),
      ],
    },
    {
      role: 'viewMenu',
      label: words.view,
      submenu: [
        item('reload'),
        item('toggleDevTools'),
        SEPARATOR,
        item('resetZoom'),
        item('zoomIn'),
        item('zoomOut'),
        SEPARATOR,
        item('togglefullscreen'),
      ],
    },
    { role: 'windowMenu', label: words.window, submenu: isMac ? [item('minimize'), item('zoom')] : [item('minimize'), item('close')] },
    {
      role: 'help',
      label: words.help,
      submenu: [
        { label: help.web, enabled: false },
        SEPARATOR,
        { id: 'about', label: help.about, enabled: about !== undefined, click: () => about?.() },
      ],
    },
  ]
}
