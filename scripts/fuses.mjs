// @ts-check
/**
 * The Electron fuses Coop Atlas ships with, as plain data (asserted by test/unit/build/fuses.test.ts and applied
 * to the packaged binary by scripts/after-pack.mjs). Fuses are switches compiled into the Electron binary; they
 * cannot be changed at run time, so a shipped app cannot be turned into a general Node.js runtime or debugger.
 *
 * Names are @electron/fuses' FuseV1Options keys; `true` turns the feature on, `false` off.
 */
export const FUSES = Object.freeze({
  /** ELECTRON_RUN_AS_NODE would turn the app into a plain Node.js interpreter: off. */
  RunAsNode: false,
  /** Cookies and the rest of the session store encrypted with an OS-held key: on. */
  EnableCookieEncryption: true,
  /** NODE_OPTIONS (for example --require of any file) ignored: off. */
  EnableNodeOptionsEnvironmentVariable: false,
  /** --inspect and friends ignored, so no debugger can be attached to the main process: off. */
  EnableNodeCliInspectArguments: false,
  /** The app.asar's hash checked against the one recorded in the binary at build time (macOS and Windows only). */
  EnableEmbeddedAsarIntegrityValidation: true,
  /** Only resources/app.asar is loaded, never a loose resources/app folder someone dropped beside it: on. */
  OnlyLoadAppFromAsar: true,
  /** No custom V8 snapshot for the browser process: off (Electron's default, stated). */
  LoadBrowserProcessSpecificV8Snapshot: false,
  /** file:// pages get no extra privileges (the app is served from app://atlas): off. */
  GrantFileProtocolExtraPrivileges: false,
})

/** Where Electron implements asar integrity validation (electron-builder embeds the hash there too). */
export const ASAR_INTEGRITY_PLATFORMS = Object.freeze(['darwin', 'mas', 'win32'])

/**
 * The fuses for one of electron-builder's platform names ('darwin', 'mas', 'win32', 'linux').
 * @param {string} electronPlatformName
 * @returns {Record<keyof typeof FUSES, boolean>}
 */
export function fusesFor(electronPlatformName) {
  return {
    ...FUSES,
    EnableEmbeddedAsarIntegrityValidation:
      ASAR_INTEGRITY_PLATFORMS.includes(electronPlatformName) && FUSES.EnableEmbeddedAsarIntegrityValidation,
  }
}
