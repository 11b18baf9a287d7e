/** The main window: its options as a pure function (asserted by a unit test), and the guards on its contents. */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron'
import { isAllowedExternalUrl } from './external-url'

/** The window's first size and the smallest it may become (window-state.ts restores within these). */
export const WINDOW_SIZE = { width: 1280, height: 820, minWidth: 900, minHeight: 600 } as const

/** Where a restored window goes (window-state.ts); without x and y the window is centred. */
export interface WindowPlacement {
  x?: number
  y?: number
  width: number
  height: number
}

export function mainWindowOptions(preloadPath: string, placement?: WindowPlacement): BrowserWindowConstructorOptions {
  return {
    width: WINDOW_SIZE.width,
    height: WINDOW_SIZE.height,
    ...(placement ? { width: placement.width, height: placement.height } : {}),
    ...(placement?.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    minWidth: WINDOW_SIZE.minWidth,
    minHeight: WINDOW_SIZE.minHeight,
    show: false,
    title: 'Coop Atlas',
    backgroundColor: '#faf8f4',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      safeDialogs: true,
    },
  }
}

/**
 * Guards every window's contents: no navigation away from the app, no new windows (an allowed https link is
 * handed to the system browser instead), no webviews.
 */
export function guardContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
}

/** Every permission (camera, notifications, geolocation, …) is refused: a reference app needs none. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}
