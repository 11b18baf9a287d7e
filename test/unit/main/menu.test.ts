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
