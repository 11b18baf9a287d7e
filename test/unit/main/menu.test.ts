import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { menuTemplate } from '../../../src/main/menu'

const helpItems = (template: MenuItemConstructorOptions[]) =>
  template.find((m) => m.role === 'help')?.submenu as MenuItemConstructorOptions[]
const aboutItem = (template: MenuItemConstructorOptions[]) => helpItems(template).find((item) => item.id === 'about')

describe('menuTemplate', () => {
  it('has the standard roles, and the app menu only on macOS', () => {
    expect(
      menuTemplate(false)
        .map((m) => m.role)
        .filter(Boolean),
    ).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help'])
    expect(menuTemplate(true)[0]?.role).toBe('appMenu')
  })

  it('keeps the standard roles when given actions', () => {
    expect(
      menuTemplate(true, { about: () => undefined })
        .map((m) => m.role)
        .filter(Boolean),
    ).toEqual(['appMenu', 'fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help'])
  })

  it('has "About Coop Atlas" at the end of the Help menu, on every platform, calling the about action', () => {
    for (const isMac of [false, true]) {
      const about = vi.fn()
      const template = menuTemplate(isMac, { about })
      const item = aboutItem(template)
      expect(item).toMatchObject({ label: 'About Coop Atlas', enabled: true })
      expect(helpItems(template).at(-1)).toBe(item)
      ;(item!.click as () => void)()
      expect(about).toHaveBeenCalledTimes(1)
    }
  })

  it('names its own items in the reader’s language', () => {
    expect(aboutItem(menuTemplate(false, {}, 'fr'))?.label).toBe('À propos de Coop Atlas')
    expect(helpItems(menuTemplate(false, {}, 'es'))[0]).toMatchObject({ label: 'Coop Atlas en la web' })
  })

  it('shows About disabled when no action is given', () => {
    const item = aboutItem(menuTemplate(false))
    expect(item?.enabled).toBe(false)
    expect(() => (item!.click as () => void)()).not.toThrow()
  })
})

describe('the standard menus in the reader’s language', () => {
  const labels = (menu: MenuItemConstructorOptions) => (menu.submenu as MenuItemConstructorOptions[]).map((i) => i.label ?? '—')

  it('names every menu and item, keeping its role (its action and shortcut)', () => {
    const [file, edit, view, window] = menuTemplate(false, {}, 'fr')
    expect([file, edit, view, window].map((m) => m!.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Fenêtre'])
    expect(labels(edit!)).toEqual(['Annuler', 'Rétablir', '—', 'Couper', 'Copier', 'Coller', 'Supprimer', '—', 'Tout sélectionner'])
    expect((edit!.submenu as MenuItemConstructorOptions[])[4]).toEqual({ role: 'copy', label: 'Copier' })
    expect(labels(file!)).toEqual(['Quitter'])
    const spanish = menuTemplate(true, {}, 'es')
    expect(spanish.find((m) => m.role === 'help')?.label).toBe('Ayuda')
    expect(labels(spanish.find((m) => m.role === 'windowMenu')!)).toEqual(['Minimizar', 'Zoom'])
  })

  it('leaves no item to Electron’s English names, in any language', () => {
    for (const locale of ['en', 'fr', 'es'] as const)
      for (const isMac of [false, true])
        for (const menu of menuTemplate(isMac, {}, locale).filter((m) => m.role !== 'appMenu')) {
          expect(menu.label).toBeTruthy()
          for (const item of menu.submenu as MenuItemConstructorOptions[]) if (item.type !== 'separator') expect(item.label).toBeTruthy()
        }
  })
})
