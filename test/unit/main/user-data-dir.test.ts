import { describe, expect, it } from 'vitest'
import { defaultUserDataDir } from '../../../src/main/user-data-dir'

// Electron's app.getPath('userData') is <appData>/<app name>; browse must land in the same folder.
describe('defaultUserDataDir', () => {
  it('follows XDG on Linux', () => {
    expect(defaultUserDataDir('Coop Atlas', 'linux', {}, '/home/ana')).toBe('/home/ana/.config/Coop Atlas')
    expect(defaultUserDataDir('Coop Atlas', 'linux', { XDG_CONFIG_HOME: '/x' }, '/home/ana')).toBe('/x/Coop Atlas')
  })
  it('uses Application Support on macOS', () => {
    expect(defaultUserDataDir('Coop Atlas', 'darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Coop Atlas')
  })
  it('uses APPDATA on Windows', () => {
    expect(defaultUserDataDir('Coop Atlas', 'win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toContain(
      'Coop Atlas',
    )
  })
})
