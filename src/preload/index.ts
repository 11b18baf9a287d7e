/**
 * Runs sandboxed: imports nothing but electron at run time (the shared call list is bundled in).
 * Exposes exactly the contract as `window.atlas` — one function per call, no raw IPC.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from '../shared/bridge'
import { channelOf } from '../shared/call-names'

contextBridge.exposeInMainWorld(
  'atlas',
  buildApi((name, input) => ipcRenderer.invoke(channelOf(name), input)),
)
