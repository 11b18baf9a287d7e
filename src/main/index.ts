/** App lifecycle only: one instance, the pack and store, the window, and the guards. */
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, screen, session, shell } from 'electron'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { aboutPack, aboutText } from './about'
import { pickLocale } from '../shared/content/texts'
import { cannotStartTitle, checkDataFolder, startErrorText } from './data-folder-errors'
import { startApp, type RunningApp } from './app-context'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol'
import { isAllowedExternalUrl } from './external-url'
import { registerIpc, senderCheckFor } from './ipc'
import { menuTemplate } from './menu'
import { noticeInEnglish } from './store/notice-english'
import { directoryExists, portableUserDataDir } from './portable'
import { dataDirArgument } from './user-data-dir'
import { denyAllPermissions, guardContents, mainWindowOptions } from './window'
import { readWindowState, restoreBounds, trackWindowState, WINDOW_STATE_FILE, writeWindowState } from './window-state'

const here = fileURLToPath(new URL('.', import.meta.url))
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
let mainWindow: BrowserWindow | null = null
let running: RunningApp | null = null

const openExternal = async (url: string): Promise<boolean> => {
  if (!isAllowedExternalUrl(url)) return false
  await shell.openExternal(url)
  return true
}

/** The briefing sheet as a PDF: the window's own export, with the page's print CSS, to a file the user picks. */
const exportPdf = async (fileName: string): Promise<boolean> => {
  if (!mainWindow) return false
  const { canceled, filePath } = await dialog.showSaveDialog(mainWindow, {
    defaultPath: join(app.getPath('documents'), fileName),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  })
  if (canceled || !filePath) return true
  const pdf = await mainWindow.webContents.printToPDF({ printBackground: false, pageSize: 'A4', preferCSSPageSize: true })
  await writeFile(filePath, pdf)
  return true
}

/** The system's folder dialog, for the sync and team folders; a folder can be made from it. */
const chooseFolder = async (title: string): Promise<string | null> => {
  const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const, 'promptToCreate' as const] }
  const { canceled, filePaths } = await (mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options))
  return canceled ? null : (filePaths[0] ?? null)
}

// A folder named with --data-dir (as browse takes it), else portable mode (portable.ts): before anything reads the
// user-data folder, the single-instance lock included (one instance per data folder).
const chosenDir =
  dataDirArgument(process.argv.slice(1)) ??
  portableUserDataDir({
    isPackaged: app.isPackaged,
    execPath: process.execPath,
    platform: process.platform,
    env: process.env,
    isDirectory: directoryExists,
  })
if (chosenDir) {
  app.setPath('userData', chosenDir)
  app.setPath('sessionData', chosenDir)
}

/** The language of what main says before any window: the system's preferred languages, as the renderer chooses. */
const systemLocale = () => pickLocale([...app.getPreferredSystemLanguages(), app.getLocale()])
/** The language the reader chose in Settings, once the store is open; else the system's. */
const readerLocale = () => running?.ctx.store.settings.language ?? systemLocale()

// A data folder that cannot be written (read-only, a file, a path through a file) would make the single-instance
// lock below fail as if another instance ran, and the app would quit without a word: say what and where instead.
const folderProblem = checkDataFolder(app.getPath('userData'), 'desktop')
if (folderProblem) {
  void app.whenReady().then(() => {
    const locale = systemLocale()
    dialog.showErrorBox(cannotStartTitle(locale), folderProblem.in(locale))
    app.quit()
  })
} else if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => guardContents(contents, (url) => void openExternal(url)))
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => void running?.close())
  void app.whenReady().then(start)
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession)
  setMenu()
  const packDir = app.isPackaged ? join(process.resourcesPath, 'content') : join(app.getAppPath(), 'resources', 'content')
  try {
    running = await startApp({
      userDataDir: app.getPath('userData'),
      packDir,
      shell: 'desktop',
      version: app.getVersion(),
      openExternal,
      exportPdf,
      chooseFolder,
      // "Copy the citation": written here, so the page needs no clipboard permission (every one is refused).
      copyText: (text: string) => clipboard.writeText(text),
      workersDir: here,
    })
  } catch (error) {
    const locale = systemLocale()
    dialog.showErrorBox(cannotStartTitle(locale), startErrorText(error, locale))
    app.quit()
    return
  }
  setMenu() // now in the language the reader chose, if they chose one
  // …and again whenever they choose another in Settings (the menu is built by main, not by the page).
  let menuLocale = readerLocale()
  running.ctx.store.onChange(() => {
    if (readerLocale() === menuLocale) return
    menuLocale = readerLocale()
    setMenu()
  })
  // The reader is told in the window, in their language; the log keeps it in English.
  if (running.ctx.storeNotice) console.log(`Notice: ${noticeInEnglish(running.ctx.storeNotice)}`)
  const appOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN
  registerIpc(
    ipcMain,
    running.dispatch,
    senderCheckFor(() => mainWindow?.webContents.mainFrame, appOrigin),
  )
  serveRenderer(join(here, '../renderer'))

  const windowStateFile = join(app.getPath('userData'), WINDOW_STATE_FILE)
  const restored = restoreBounds(await readWindowState(windowStateFile), [screen.getPrimaryDisplay(), ...screen.getAllDisplays()])
  mainWindow = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs'), restored ?? undefined))
  trackWindowState(mainWindow, (state) => writeWindowState(windowStateFile, state))
  mainWindow.once('ready-to-show', () => {
    if (restored?.maximized) mainWindow?.maximize()
    mainWindow?.show()
  })
  mainWindow.on('closed', () => (mainWindow = null))
  await mainWindow.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
}

/** The application menu (menu.ts), its own items in the reader's language. */
function setMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform === 'darwin', { about: showAbout }, readerLocale())))
}

/** Help › About Coop Atlas (about.ts): a message box over the window, so no extra window or preload is needed. */
function showAbout(): void {
  const text = aboutText(
    { appVersion: app.getVersion(), pack: aboutPack(running?.ctx.packs.current()), versions: process.versions },
    readerLocale(),
  )
  const options = { type: 'info' as const, title: text.title, message: text.message, detail: text.detail, buttons: ['OK'], noLink: true }
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options))
}
