/** The one place that knows about ipcMain: registers one handler per contract call, each refusing foreign senders. */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { CALL_NAMES, channelOf } from '../shared/call-names'
import type { CallResult } from '../shared/errors'
import type { Dispatch } from './handlers'

/** A sender is ours when it is the main frame of our window, showing our own app origin. */
export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>) => boolean

export const FORBIDDEN: CallResult<never> = {
  ok: false,
  error: { code: 'forbidden-sender', message: 'This request did not come from the Coop Atlas window and was refused.' },
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, isOurs: SenderCheck): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(channelOf(name), (event, input: unknown) => (isOurs(event) ? dispatch(name, input) : FORBIDDEN))
  }
}

/** Builds the sender check for one window: its main frame only, and only while it shows the app's origin. */
export function senderCheckFor(getMainFrame: () => unknown, appOrigin: string): SenderCheck {
  return (event) => {
    const frame = event.senderFrame
    if (!frame || frame !== getMainFrame()) return false
    try {
      // URL.origin is "null" for custom schemes such as app://, so compare scheme and host ourselves.
      const url = new URL(frame.url)
      return `${url.protocol}//${url.host}` === appOrigin
    } catch {
      return false
    }
  }
}
