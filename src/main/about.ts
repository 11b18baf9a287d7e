/**
 * Help › About Coop Atlas: the app's version, the reference pack's version and date, and the runtime underneath.
 * The text is a pure function (unit-tested); index.ts shows it with dialog.showMessageBox, so no new window or
 * preload is needed.
 */

/** The reference pack as About reports it: loaded (version and compilation date), failed (why), or not yet read. */
export type AboutPack = { ok: true; packVersion: string; date: string } | { ok: false; message: string } | null

export interface AboutInput {
  appVersion: string
  pack: AboutPack
  /** process.versions: electron, chrome and node are shown when present. */
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>
}

export interface AboutText {
  title: string
  message: string
  detail: string
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** '2026-11-23' → '23 November 2026', '2026-11' → 'November 2026'; anything else is returned as it is. */
export function formatPackDate(date: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date)
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined
  if (!match || !month) return date
  const day = match[3] ? Number(match[3]) : null
  if (day !== null && (day < 1 || day > 31)) return date
  return day === null ? `${month} ${match[1]}` : `${day} ${month} ${match[1]}`
}

/** The pack part of About from what app-context loaded: the pack's header, or the error that refused it. */
export function aboutPack(content: { pack: { packVersion: string; date: string } } | Error | null | undefined): AboutPack {
  if (!content) return null
  if (content instanceof Error) return { ok: false, message: content.message.split('\n')[0] ?? '' }
  return { ok: true, packVersion: content.pack.packVersion, date: content.pack.date }
}

export function aboutText({ appVersion, pack, versions }: AboutInput): AboutText {
  const packLine =
    pack === null
      ? 'The reference pack has not been loaded.'
      : pack.ok
        ? `Reference pack ${pack.packVersion}, compiled on ${formatPackDate(pack.date)}.`
        : `The reference pack could not be loaded: ${pack.message}`
  const runtime = (
    [
      ['Electron', versions.electron],
      ['Chromium', versions.chrome],
      ['Node.js', versions.node],
    ] as const
  )
    .filter(([, version]) => version)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')
  return {
    title: 'About Coop Atlas',
    message: `Coop Atlas ${appVersion}`,
    detail: [
      packLine,
      'An offline reference to CICOPA, CECOP and the international organisations of industrial and service cooperatives, with your own notes.',
      ...(runtime ? [`${runtime}.`] : []),
    ].join('\n\n'),
  }
}
