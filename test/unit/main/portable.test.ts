import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { appLocation, directoryExists, PORTABLE_DATA_FOLDER, portableUserDataDir, type PortableProbe } from '../../../src/main/portable'
import { useTempDirs } from '../../support/temp-dir'

const probe = (overrides: Partial<PortableProbe>): PortableProbe => ({
  isPackaged: true,
  execPath: '/opt/Coop Atlas/coop-atlas',
  platform: 'linux',
  env: {},
  isDirectory: () => true,
  ...overrides,
})

describe('portableUserDataDir', () => {
  it('uses a coop-atlas-data folder beside the Windows executable', () => {
    const isDirectory = vi.fn((path: string) => path === 'E:\\Coop Atlas\\coop-atlas-data')
    expect(portableUserDataDir(probe({ platform: 'win32', execPath: 'E:\\Coop Atlas\\Coop Atlas.exe', isDirectory }))).toBe(
      'E:\\Coop Atlas\\coop-atlas-data',
    )
    expect(isDirectory).toHaveBeenCalledWith('E:\\Coop Atlas\\coop-atlas-data')
  })

  it('is off when there is no such folder (or only a file of that name: isDirectory is false)', () => {
    expect(portableUserDataDir(probe({ isDirectory: () => false }))).toBeNull()
    expect(portableUserDataDir(probe({ platform: 'win32', execPath: 'C:\\Apps\\Coop Atlas.exe', isDirectory: () => false }))).toBeNull()
  })

  it('is never on in development, where the executable is node_modules’ Electron', () => {
    const isDirectory = vi.fn(() => true)
    expect(portableUserDataDir(probe({ isPackaged: false, isDirectory }))).toBeNull()
    expect(isDirectory).not.toHaveBeenCalled()
  })

  it('looks beside an unpacked Linux copy’s executable', () => {
    const isDirectory = (path: string) => path === '/media/stick/Coop Atlas/coop-atlas-data'
    expect(portableUserDataDir(probe({ execPath: '/media/stick/Coop Atlas/coop-atlas', isDirectory }))).toBe(
      '/media/stick/Coop Atlas/coop-atlas-data',
    )
  })

  it('looks beside the .AppImage file, not inside its temporary mount', () => {
    const env = { APPIMAGE: '/home/ana/Apps/Coop-Atlas-0.1.0.AppImage', APPDIR: '/tmp/.mount_CoopAtXYZ' }
    const isDirectory = (path: string) => path === '/home/ana/Apps/coop-atlas-data'
    expect(portableUserDataDir(probe({ execPath: '/tmp/.mount_CoopAtXYZ/coop-atlas', env, isDirectory }))).toBe(
      '/home/ana/Apps/coop-atlas-data',
    )
  })

  it('ignores APPIMAGE passed on by another AppImage (this executable is not inside its mount)', () => {
    const env = { APPIMAGE: '/home/ana/Apps/Editor.AppImage', APPDIR: '/tmp/.mount_EditorABC' }
    expect(appLocation('/opt/Coop Atlas/coop-atlas', 'linux', env)).toBe('/opt/Coop Atlas')
    // A mount whose name is only a prefix of the executable's folder does not count either.
    expect(appLocation('/tmp/.mount_EditorABCD/coop-atlas', 'linux', env)).toBe('/tmp/.mount_EditorABCD')
  })

  it('looks beside Coop Atlas.app on macOS, not inside the bundle', () => {
    const isDirectory = (path: string) => path === '/Volumes/Stick/coop-atlas-data'
    expect(
      portableUserDataDir(probe({ platform: 'darwin', execPath: '/Volumes/Stick/Coop Atlas.app/Contents/MacOS/Coop Atlas', isDirectory })),
    ).toBe('/Volumes/Stick/coop-atlas-data')
  })
})

describe('directoryExists', () => {
  const tempDir = useTempDirs()

  it('is true for a folder only', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, PORTABLE_DATA_FOLDER))
    await writeFile(join(dir, 'portable'), '')
    expect(directoryExists(join(dir, PORTABLE_DATA_FOLDER))).toBe(true)
    expect(directoryExists(join(dir, 'portable'))).toBe(false)
    expect(directoryExists(join(dir, 'missing'))).toBe(false)
  })

  it('drives portableUserDataDir on a real folder', async () => {
    const dir = await tempDir()
    const execPath = join(dir, 'coop-atlas')
    expect(portableUserDataDir(probe({ execPath, isDirectory: directoryExists }))).toBeNull()
    await mkdir(join(dir, PORTABLE_DATA_FOLDER))
    expect(portableUserDataDir(probe({ execPath, isDirectory: directoryExists }))).toBe(join(dir, PORTABLE_DATA_FOLDER))
  })
})
