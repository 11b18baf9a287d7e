import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { denyAllPermissions, guardContents, mainWindowOptions } from '../../../src/main/window'

describe('mainWindowOptions', () => {
  it('locks the renderer down as Electron’s security checklist asks', () => {
    const prefs = mainWindowOptions('/app/preload/index.cjs').webPreferences
    expect(prefs).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    })
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs).not.toHaveProperty('additionalArguments')
  })
})

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler
  }
}

const navigate = (contents: FakeContents, event: string, url: string) => {
  const preventDefault = vi.fn()
  contents.emit(event, { preventDefault, url }, url)
  return preventDefault
}

describe('guardContents', () => {
  it('blocks every navigation, redirect and webview', () => {
    const contents = new FakeContents()
    guardContents(contents as never, vi.fn())
    for (const url of ['https://cecop.coop', 'file:///etc/passwd', 'javascript:alert(1)', 'app://atlas/index.html']) {
      expect(navigate(contents, 'will-navigate', url)).toHaveBeenCalled()
      expect(navigate(contents, 'will-redirect', url)).toHaveBeenCalled()
    }
    expect(navigate(contents, 'will-attach-webview', 'about:blank')).toHaveBeenCalled()
  })

  it('denies every new window and hands only checked https links to the system browser', () => {
    const contents = new FakeContents()
    const openExternal = vi.fn()
    guardContents(contents as never, openExternal)
    const hostile = [
      'http://cecop.coop',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'https://cecop.coop@evil.example/',
      'https://127.0.0.1/',
    ]
    for (const url of hostile) expect(contents.openHandler!({ url })).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
    expect(contents.openHandler!({ url: 'https://www.cecop.coop/' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://www.cecop.coop/')
  })
})

describe('denyAllPermissions', () => {
  it('refuses every permission request and check', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() }
    denyAllPermissions(session as never)
    const callback = vi.fn()
    session.setPermissionRequestHandler.mock.calls[0]![0]({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(session.setPermissionCheckHandler.mock.calls[0]![0]()).toBe(false)
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]()).toBe(false)
  })
})
