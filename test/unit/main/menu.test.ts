import { describe, expect, it } from 'vitest'
import { menuTemplate } from '../../../src/main/menu'

describe('menuTemplate', () => {
  it('has the standard roles, and the app menu only on macOS', () => {
    expect(
      menuTemplate(false)
        .map((m) => m.role)
        .filter(Boolean),
    ).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help'])
    expect(menuTemplate(true)[0]?.role).toBe('appMenu')
  })
})
