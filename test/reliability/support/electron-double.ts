/**
 * A test double of the `electron` module, good enough to run the built main process (out/main/index.js) under
 * plain Node: it records what the app asks of Electron — the window it creates and with which options, the
 * handlers it installs on every webContents and on the session, the IPC channels, the app:// protocol — so that
 * the tests can drive those very handlers. Anything the app uses that is not modelled here is a harmless no-op
 * (the main process is being extended in parallel; a new call must not break this double).
 */
import { EventEmitter } from 'node:events'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

type Fn = (...args: never[]) => unknown

/** Returns the object's own members, and a no-op function for anything else. */
export function lenient<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      if (key in obj) return Reflect.get(obj, key, receiver) as unknown
      if (key === 'then' || typeof key === 'symbol') return undefined
      return () => undefined
    },
  })
}

export interface Frame {
  url: string
}

export class FakeWebContents extends EventEmitter {
  static next = 1
  readonly id = FakeWebContents.next++
  readonly mainFrame: Frame = { url: 'about:blank' }
  openHandler: ((details: { url: string; disposition?: string }) => { action: string }) | null = null
  setWindowOpenHandler(handler: FakeWebContents['openHandler']) {
    this.openHandler = handler
  }
  /** Emits a cancellable event as Electron does; returns whether a listener prevented it. */
  attempt(event: string, url: string): boolean {
    let prevented = false
    const e = { url, preventDefault: () => (prevented = true), defaultPrevented: false }
    this.emit(event, e, url, {}, {})
    return prevented
  }
}

export interface ElectronRecord {
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[]
  protocolHandlers: Map<string, (request: Request) => Promise<Response> | Response>
  /** Every URL the app's protocol handler fetched. */
  fetched: string[]
  windows: { options: Record<string, unknown>; contents: FakeWebContents; loaded: string[] }[]
  ipc: Map<string, (event: unknown, input: unknown) => unknown>
  openedExternally: string[]
  permissionRequest: Fn | null
  permissionCheck: Fn | null
  devicePermission: Fn | null
  singleInstanceLockRequested: boolean
  errors: string[]
}

export function createElectronDouble(paths: { userData: string; appPath: string }) {
  const record: ElectronRecord = {
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    fetched: [],
    windows: [],
    ipc: new Map(),
    openedExternally: [],
    permissionRequest: null,
    permissionCheck: null,
    devicePermission: null,
    singleInstanceLockRequested: false,
    errors: [],
  }
  const appEvents = new EventEmitter()
  let ready!: () => void
  const whenReady = new Promise<void>((done) => (ready = done))

  const app = lenient({
    isPackaged: false,
    on: (event: string, listener: (...args: unknown[]) => void) => (appEvents.on(event, listener), app),
    once: (event: string, listener: (...args: unknown[]) => void) => (appEvents.once(event, listener), app),
    whenReady: () => whenReady,
    requestSingleInstanceLock: () => ((record.singleInstanceLockRequested = true), true),
    getPath: (name: string) => (name === 'userData' || name === 'sessionData' ? paths.userData : `${paths.userData}/${name}`),
    getAppPath: () => paths.appPath,
    getVersion: () => '0.0.0-double',
    getName: () => 'Coop Atlas',
    // The system's languages, best first (main words what it says before any window in the first one it has).
    getPreferredSystemLanguages: () => ['en-US'],
    getLocale: () => 'en-US',
    quit: () => undefined,
  })

  class BrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents()
    readonly entry: ElectronRecord['windows'][number]
    constructor(options: Record<string, unknown>) {
      super()
      this.entry = { options, contents: this.webContents, loaded: [] }
      record.windows.push(this.entry)
      // As Electron does for every new webContents.
      appEvents.emit('web-contents-created', {}, this.webContents)
      return lenient(this)
    }
    async loadURL(url: string) {
      this.entry.loaded.push(url)
      this.webContents.mainFrame.url = url
    }
    async loadFile(path: string) {
      this.entry.loaded.push(`file://${path}`)
    }
    getBounds() {
      return { x: 0, y: 0, width: 1280, height: 820 }
    }
    isMaximized() {
      return false
    }
    isMinimized() {
      return false
    }
  }

  const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }
  const module = {
    app,
    BrowserWindow,
    ipcMain: lenient({ handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => void record.ipc.set(channel, fn) }),
    session: {
      defaultSession: lenient({
        setPermissionRequestHandler: (fn: Fn) => void (record.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => void (record.permissionCheck = fn),
        setDevicePermissionHandler: (fn: Fn) => void (record.devicePermission = fn),
      }),
    },
    protocol: lenient({
      registerSchemesAsPrivileged: (schemes: ElectronRecord['privilegedSchemes']) => void record.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void record.protocolHandlers.set(scheme, handler),
    }),
    net: {
      // As Electron's: a missing file is a network error, not a response.
      fetch: async (url: string) => {
        record.fetched.push(url)
        if (!url.startsWith('file:')) throw new Error(`net.fetch of ${url}: the double serves file: URLs only`)
        const body = await readFile(fileURLToPath(url)).catch(() => null)
        if (body === null) throw new Error('net::ERR_FILE_NOT_FOUND')
        return new Response(body)
      },
    },
    shell: lenient({ openExternal: async (url: string) => void record.openedExternally.push(url) }),
    clipboard: lenient({ writeText: () => undefined }),
    dialog: lenient({ showErrorBox: (title: string, message: string) => void record.errors.push(`${title}: ${message}`) }),
    screen: lenient({ getPrimaryDisplay: () => display, getAllDisplays: () => [display] }),
    Menu: lenient({ buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => undefined }),
    nativeTheme: lenient({}),
    contextBridge: lenient({}),
    ipcRenderer: lenient({}),
  }
  return { module: module as Record<string, unknown>, record, appEvents, ready: () => ready() }
}
