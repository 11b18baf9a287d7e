/** The fuses Coop Atlas ships with, and the afterPack hook that sets them, run on stand-in binaries. */
import { join } from 'node:path'
import fuses from '@electron/fuses'
import builder from 'electron-builder'
import { describe, expect, it } from 'vitest'
import afterPack, { electronBinaryPath, flipFusesConfig } from '../../../scripts/after-pack.mjs'
import { ASAR_INTEGRITY_PLATFORMS, FUSES, fusesFor } from '../../../scripts/fuses.mjs'
import { writeFakeElectron } from '../../support/fake-electron'
import { useTempDirs } from '../../support/temp-dir'

const { FuseV1Options, getCurrentFuseWire } = fuses
const { Arch } = builder
const ON = '1'.charCodeAt(0)
const OFF = '0'.charCodeAt(0)

describe('FUSES', () => {
  it('is the shipped-app set the security checklist asks for', () => {
    expect(FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    })
    expect(Object.isFrozen(FUSES)).toBe(true)
  })

  it('names only fuses @electron/fuses knows', () => {
    for (const name of Object.keys(FUSES)) expect(FuseV1Options, name).toHaveProperty(name)
  })

  it('validates the asar’s integrity on macOS and Windows only, where Electron implements it', () => {
    expect([...ASAR_INTEGRITY_PLATFORMS].sort()).toEqual(['darwin', 'mas', 'win32'])
    for (const platform of ['darwin', 'mas', 'win32']) expect(fusesFor(platform)).toEqual(FUSES)
    expect(fusesFor('linux')).toEqual({ ...FUSES, EnableEmbeddedAsarIntegrityValidation: false })
  })
})

describe('flipFusesConfig', () => {
  it('maps every fuse to its place on the wire', () => {
    const config = flipFusesConfig('win32', Arch.x64) as unknown as Record<number, boolean>
    expect(config[FuseV1Options.RunAsNode]).toBe(false)
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true)
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false)
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true)
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true)
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false)
    expect(
      (flipFusesConfig('linux', Arch.x64) as unknown as Record<number, boolean>)[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
    ).toBe(false)
  })

  it('re-signs ad hoc only on Apple silicon (or universal) macOS builds', () => {
    expect(flipFusesConfig('darwin', Arch.arm64).resetAdHocDarwinSignature).toBe(true)
    expect(flipFusesConfig('darwin', Arch.universal).resetAdHocDarwinSignature).toBe(true)
    expect(flipFusesConfig('darwin', Arch.x64).resetAdHocDarwinSignature).toBe(false)
    expect(flipFusesConfig('win32', Arch.arm64).resetAdHocDarwinSignature).toBe(false)
    expect(flipFusesConfig('linux', Arch.arm64).resetAdHocDarwinSignature).toBe(false)
  })
})

describe('electronBinaryPath', () => {
  const packager = { appInfo: { productFilename: 'Coop Atlas' }, executableName: 'coop-atlas' }
  it('finds the binary electron-builder laid out on each platform', () => {
    expect(electronBinaryPath({ appOutDir: '/d/mac-arm64', electronPlatformName: 'darwin', packager })).toBe('/d/mac-arm64/Coop Atlas.app')
    expect(electronBinaryPath({ appOutDir: '/d/win-unpacked', electronPlatformName: 'win32', packager })).toBe(
      '/d/win-unpacked/Coop Atlas.exe',
    )
    expect(electronBinaryPath({ appOutDir: '/d/linux-unpacked', electronPlatformName: 'linux', packager })).toBe(
      '/d/linux-unpacked/coop-atlas',
    )
  })
})

describe('afterPack on stand-in binaries', () => {
  const tempDir = useTempDirs()
  const context = (appOutDir: string, electronPlatformName: string, arch = Arch.x64) =>
    ({
      appOutDir,
      electronPlatformName,
      arch,
      packager: { appInfo: { productFilename: 'Coop Atlas' }, executableName: 'coop-atlas' },
    }) as never

  const expectWire = async (binary: string, platform: string) => {
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>
    for (const [name, on] of Object.entries(fusesFor(platform))) {
      expect(wire[FuseV1Options[name as keyof typeof FuseV1Options]], name).toBe(on ? ON : OFF)
    }
  }

  it('sets every fuse in a Linux executable', async () => {
    const dir = await tempDir()
    await writeFakeElectron(join(dir, 'coop-atlas'))
    await afterPack(context(dir, 'linux'))
    await expectWire(join(dir, 'coop-atlas'), 'linux')
  })

  it('sets every fuse in a Windows .exe', async () => {
    const dir = await tempDir()
    await writeFakeElectron(join(dir, 'Coop Atlas.exe'))
    await afterPack(context(dir, 'win32'))
    await expectWire(join(dir, 'Coop Atlas.exe'), 'win32')
  })

  it('sets every fuse in the Electron Framework of a macOS .app (Intel: no re-signing)', async () => {
    const dir = await tempDir()
    const framework = join(dir, 'Coop Atlas.app/Contents/Frameworks/Electron Framework.framework/Electron Framework')
    await writeFakeElectron(framework)
    await afterPack(context(dir, 'darwin', Arch.x64))
    await expectWire(join(dir, 'Coop Atlas.app'), 'darwin')
  })

  it('fails the build when the binary has no fuse wire, or too short a one', async () => {
    const dir = await tempDir()
    await writeFakeElectron(join(dir, 'coop-atlas'), '10110001', 'not-the-sentinel-at-all-xxxxxxxxx')
    await expect(afterPack(context(dir, 'linux'))).rejects.toThrow(/sentinel/)
    await writeFakeElectron(join(dir, 'coop-atlas'), '1011')
    await expect(afterPack(context(dir, 'linux'))).rejects.toThrow(/not long enough/)
  })
})
