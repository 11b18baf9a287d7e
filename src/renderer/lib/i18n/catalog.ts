/** Every message group, merged. Add a group here when a view gets its own messages file. */
import type { Locale } from './define'
import cite from './messages/cite'
import common from './messages/common'
import compare from './messages/compare'
import data from './messages/data'
import errors from './messages/errors'
import map from './messages/map'
import network from './messages/network'
import notes from './messages/notes'
import organisations from './messages/organisations'
import plan from './messages/plan'
import recovery from './messages/recovery'
import search from './messages/search'
import sync from './messages/sync'
import timeline from './messages/timeline'

export const GROUPS = { common, organisations, notes, timeline, plan, network, map, compare, data, recovery, search, sync, cite, errors }

type Merge<T> = (T extends unknown ? (x: T) => void : never) extends (x: infer I) => void ? I : never
type English = Merge<(typeof GROUPS)[keyof typeof GROUPS]['en']>
export type MessageKey = keyof English & string

export const CATALOG = Object.fromEntries(
  (['en', 'fr', 'es'] as const).map((locale) => [locale, Object.assign({}, ...Object.values(GROUPS).map((g) => g[locale]))]),
) as Record<Locale, Record<MessageKey, string>>
