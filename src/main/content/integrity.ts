import type { ContentPack } from '../../shared/content/schema'

/** Placeholder: the content helper replaces this with the full set of cross-reference checks. */
export function findIntegrityProblems(_pack: ContentPack): string[] {
  return []
}
