// @ts-check
/**
 * How Coop Atlas is packaged: `npm run dist` (this platform), `dist:linux`, `dist:win`, `dist:mac`, `dist:dir`.
 * Every script passes `--config electron-builder.config.cjs`: electron-builder would not find this file by itself
 * (it looks for electron-builder.{yml,json,js,cjs,ts}), so run it through the scripts.
 *
 * A CommonJS module rather than YAML: the package is "type": "module", electron-builder loads .cjs as is, the
 * unit tests load the very same object with require(), and the comments sit beside the settings they explain.
 *
 * @type {import('electron-builder').Configuration}
 */
module.exports = {
  appId: 'coop.atlas.desktop',
  productName: 'Coop Atlas',
  copyright: 'Copyright © 2026 the Coop Atlas contributors',
  // Metadata electron-builder needs for the deb (maintainer, homepage) and the Windows version resource
  // (CompanyName). PLACEHOLDERS: set the real project address and contact before the first public release.
  extraMetadata: {
    homepage: 'https://coop-atlas.example/',
    author: { name: 'Coop Atlas maintainers', email: 'maintainers@coop-atlas.example' },
  },
  directories: { output: 'dist' },

  // What goes into app.asar: the built app and package.json. electron-builder adds the production dependencies
  // (package.json "dependencies", with theirs) itself; devDependencies, src/, test/ and resources/ stay out.
  // out/main/browse.js is `npm run browse`, which the desktop app does not use.
  files: ['out/**/*', '!out/main/browse.js', '!**/*.map', 'package.json'],
  asar: true,
  // The reference pack beside app.asar: main reads process.resourcesPath/content when packaged.
  extraResources: [{ from: 'resources/content', to: 'content', filter: ['**/*'] }],
  // Flips the Electron fuses (scripts/fuses.mjs) before signing.
  afterPack: './scripts/after-pack.mjs',

  linux: {
    target: ['AppImage', 'deb'],
    icon: 'resources/icons/png',
    category: 'Education',
    executableName: 'coop-atlas',
    maintainer: 'Coop Atlas maintainers <maintainers@coop-atlas.example>',
    synopsis: 'Offline reference to CICOPA, CECOP and the cooperatives around them',
    description:
      'An offline reference to CICOPA, CECOP and the international organisations of industrial and service cooperatives, with personal notes.',
    desktop: {
      entry: { Comment: 'Offline reference to CICOPA, CECOP and cooperative organisations', Keywords: 'cooperative;CICOPA;CECOP;' },
    },
  },
  deb: { packageCategory: 'education', priority: 'optional' },

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icons/icon.ico',
  },
  nsis: {
    // The assisted installer: welcome, install mode (for me only, the default, or for everyone), folder, progress.
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Coop Atlas',
    // Uninstalling keeps the user's notes (in %APPDATA%\Coop Atlas).
    deleteAppDataOnUninstall: false,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },

  mac: {
    target: [{ target: 'dmg', arch: ['arm64', 'x64'] }],
    icon: 'resources/icons/icon.icns',
    category: 'public.app-category.reference',
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
}
