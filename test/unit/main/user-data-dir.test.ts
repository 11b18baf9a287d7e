import { describe, expect, it } from 'vitest'
import { defaultUserDataDir, dataDirArgument } from '../../../src/main/user-data-dir'

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

describe('the data folder named on the command line', () => {
  it('takes --data-dir DIR or --data-dir=DIR, resolved from the working folder, among Chromium switches', () => {
    expect(dataDirArgument(['/opt/coop-atlas', '--data-dir', '/tmp/notes-a'])).toBe('/tmp/notes-a')
    expect(dataDirArgument(['--no-sandbox', '--data-dir=rel/notes', '.'], '/home/ana')).toBe('/home/ana/rel/notes')
  })

  it('is null when none is named, or the name is empty', () => {
    expect(dataDirArgument(['.', '--no-sandbox'])).toBeNull()
    expect(dataDirArgument(['--data-dir='])).toBeNull()
  })
})
