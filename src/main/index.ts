/** App lifecycle only: one instance, the pack and store, the window, and the guards. */
import { app, BrowserWindow, ipcMain, Menu, session, shell } from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp, type RunningApp } from './app-context'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol'
import { isAllowedExternalUrl } from './external-url'
import { registerIpc, senderCheckFor } from './ipc'
import { menuTemplate } from './menu'
import { denyAllPermissions, guardContents, mainWindowOptions } from './window'

const here = fileURLToPath(new URL('.', import.meta.url))
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
let mainWindow: BrowserWindow | null = null
let running: RunningApp | null = null

const openExternal = async (url: string): Promise<boolean> => {
  if (!isAllowedExternalUrl(url)) return false
  await shell.openExternal(url)
  return true
}

if (!app.requestSingleInstanceLock()) {
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
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform === 'darwin')))
  const packDir = app.isPackaged ? join(process.resourcesPath, 'content') : join(app.getAppPath(), 'resources', 'content')
  try {
    running = await startApp({ userDataDir: app.getPath('userData'), packDir, shell: 'desktop', version: app.getVersion(), openExternal })
  } catch (error) {
    const { dialog } = await import('electron')
    dialog.showErrorBox('Coop Atlas cannot start', (error as Error).message)
    app.quit()
    return
  }
  const appOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN
  registerIpc(
    ipcMain,
    running.dispatch,
    senderCheckFor(() => mainWindow?.webContents.mainFrame, appOrigin),
  )
  serveRenderer(join(here, '../renderer'))

  mainWindow = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs')))
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => (mainWindow = null))
  await mainWindow.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
}
