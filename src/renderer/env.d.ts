/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { AtlasApi } from '../shared/contract'

declare global {
  interface Window {
    /** The only way to main: the preload (desktop) or the browser bridge (`npm run browse`) provides it. */
    atlas: AtlasApi
  }
}
export {}
