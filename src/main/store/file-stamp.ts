/** A moment as it stands in a file name (no colons or dots, which some file systems refuse), and back again. */
export const fileStamp = (at: Date = new Date()): string => at.toISOString().replace(/[:.]/g, '-')

/** `2026-12-04T16-06-17-000Z` → `2026-12-04T16:06:17.000Z`; anything else is returned as it is. */
export const stampToIso = (stamp: string): string => stamp.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z')
