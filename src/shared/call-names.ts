/**
 * The names of every call between renderer and main, as plain data. The preload and the browser bridge
 * build `window.atlas` from this list alone, so they bundle no schema library; `contract.ts` is checked
 * against it at compile time, so the two cannot drift.
 */
export const CALL_NAMES = [
  'app.status',
  'shell.openExternal',
  'shell.exportPdf',
  'shell.chooseFolder',
  'shell.copyText',
  'content.pack',
  'organisations.list',
  'organisations.get',
  'notes.listFor',
  'notes.listAll',
  'notes.backlinks',
  'notes.page',
  'notes.tags',
  'notes.search',
  'notes.create',
  'notes.update',
  'notes.trash',
  'notes.restore',
  'notes.setShared',
  'notes.emptyTrash',
  'notes.exportJson',
  'notes.exportMarkdown',
  'notes.importPreview',
  'notes.importApply',
  'notes.importMarkdownPreview',
  'notes.importMarkdownApply',
  'favourites.list',
  'favourites.set',
  'settings.get',
  'settings.update',
  'corrections.list',
  'corrections.create',
  'corrections.delete',
  'corrections.export',
  'pack.previewUpdate',
  'pack.installUpdate',
  'pack.useShipped',
  'backups.list',
  'backups.restore',
  'backups.export',
  'setAside.list',
  'setAside.export',
  'setAside.previewRestore',
  'setAside.restore',
  'sync.status',
  'sync.setFolder',
  'sync.setTeamFolder',
  'sync.exchangeNow',
  'sync.newDeviceId',
  'sync.renameDevice',
] as const

export type CallName = (typeof CALL_NAMES)[number]

/** The IPC channel of a call in the desktop app. */
export const channelOf = (name: CallName): string => `atlas:${name}`
