/**
 * The start-up notice about the notes file (AppStatus.storeNotice), worded in the reader's language: one paragraph
 * per part (messages/errors.ts store.notice.*), with paths, names and counts as main gave them.
 */
import type { StoreNoticeKey, StoreNoticePart } from '../../shared/store-notice'
import { problemText } from './error-text'
import { t, type MessageKey } from './i18n.svelte'

export function noticeText(part: StoreNoticePart): string {
  return t(`store.notice.${part.key}`, {
    ...part.values,
    ...(part.key === 'set-aside' ? { problem: problemText(part.problem) } : {}),
  })
}

const everyPartWorded: `store.notice.${StoreNoticeKey}` extends MessageKey ? true : never = true
void everyPartWorded
