import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
/** Where the suite keeps what it builds (driver bundles, scan copies): inside node_modules, ignored by every tool. */
export const CACHE_DIR = `${PROJECT_ROOT}node_modules/.cache/coop-atlas-reliability`
/** The built app (`npm run build`); ATLAS_OUT_DIR lets parallel work build into separate folders. */
export const OUT_DIR = `${PROJECT_ROOT}${process.env['ATLAS_OUT_DIR'] ?? 'out'}`
export const FIXTURE_PACK = `${PROJECT_ROOT}test/fixtures/pack-minimal`
export const REAL_PACK = `${PROJECT_ROOT}resources/content`
