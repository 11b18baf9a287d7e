/**
 * The browser bridge: the same typed `window.atlas` as the desktop preload, carried over HTTP to the loopback
 * server. The server writes its per-launch token into the page it serves; every call carries it back.
 */
import { buildApi } from '../../shared/bridge'
import type { CallResult } from '../../shared/errors'

const token = document.querySelector<HTMLMetaElement>('meta[name="atlas-token"]')?.content ?? ''

window.atlas = buildApi(async (name, input) => {
  try {
    const response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-atlas-token': token },
      body: JSON.stringify(input),
    })
    const result = (await response.json()) as CallResult<unknown>
    // The browser is the system browser here: an allowed link opens in a new tab.
    if (name === 'shell.openExternal' && result.ok && !(result.value as { opened: boolean }).opened) {
      window.open((input as { url: string }).url, '_blank', 'noopener,noreferrer')
    }
    return result
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'store-unavailable',
        message: `Coop Atlas's local server did not answer (${(error as Error).message}). Is \`npm run browse\` still running?`,
      },
    }
  }
})
