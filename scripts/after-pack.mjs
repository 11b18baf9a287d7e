// @ts-check
/**
 * electron-builder's afterPack hook: flips the Electron fuses of scripts/fuses.mjs in the packaged binary, then
 * reads them back and fails the build if any is not as asked. It runs after the app is laid out and before it
 * is signed (fuses change the binary, so they must come first) and before the installers are made.
 */
import { join } from 'node:path'
import fusesLib from '@electron/fuses'
import builder from 'electron-builder'
import { fusesFor } from './fuses.mjs'

const { flipFuses, getCurrentFuseWire, FuseV1Options, FuseVersion } = fusesLib

/** The byte @electron/fuses reads for a fuse that is on / off. */
const ENABLED = '1'.charCodeAt(0)
const DISABLED = '0'.charCodeAt(0)

/**
 * The path @electron/fuses wants: the .app bundle on macOS, the .exe on Windows, the executable on Linux.
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { appInfo: { productFilename: string }, executableName?: string } }} context
 */
export function electronBinaryPath({ appOutDir, electronPlatformName, packager }) {
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${packager.appInfo.productFilename}.app`)
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`)
  if (!packager.executableName) throw new Error('after-pack: the Linux packager did not say what the executable is called.')
  return join(appOutDir, packager.executableName)
}

/**
 * The @electron/fuses configuration for one platform and architecture.
 * @param {string} electronPlatformName
 * @param {number} arch electron-builder's Arch
 */
export function flipFusesConfig(electronPlatformName, arch) {
  const isMac = electronPlatformName === 'darwin' || electronPlatformName === 'mas'
  /** @type {import('@electron/fuses').FuseV1Config} */
  const config = {
    version: FuseVersion.V1,
    // Changing the binary breaks the ad-hoc signature Apple silicon requires of every binary; sign it again
    // (a real signature, when configured, is applied after this hook).
    resetAdHocDarwinSignature: isMac && (arch === builder.Arch.arm64 || arch === builder.Arch.universal),
  }
  for (const [name, on] of Object.entries(fusesFor(electronPlatformName))) {
    config[FuseV1Options[/** @type {keyof typeof FuseV1Options} */ (name)]] = on
  }
  return config
}

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterPack(context) {
  const binary = electronBinaryPath(/** @type {any} */ (context))
  const wanted = fusesFor(context.electronPlatformName)
  await flipFuses(binary, flipFusesConfig(context.electronPlatformName, context.arch))

  const wire = /** @type {Record<number, number>} */ (/** @type {unknown} */ (await getCurrentFuseWire(binary)))
  const wrong = Object.entries(wanted).filter(
    ([name, on]) => wire[FuseV1Options[/** @type {keyof typeof FuseV1Options} */ (name)]] !== (on ? ENABLED : DISABLED),
  )
  if (wrong.length > 0) throw new Error(`after-pack: fuses not set in ${binary}: ${wrong.map(([name]) => name).join(', ')}.`)
  console.log(
    `  • fuses set in ${binary}: ${Object.entries(wanted)
      .map(([name, on]) => `${name}=${on ? 'on' : 'off'}`)
      .join(', ')}`,
  )
}
