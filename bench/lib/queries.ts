/**
 * Realistic queries, each typed one character at a time (every prefix is one keystroke): an acronym, an accented
 * name typed with its accents, a name, the same name with a typo, two words, a name and a year (a fact of the
 * profile), a quoted phrase, and a word from notes' prose.
 * `expect`: a document the whole query must rank in the top 10 (a check that the engines find the same thing).
 */
export const QUERIES: { label: string; text: string; expect: string | null }[] = [
  { label: 'acronym', text: 'cecop', expect: 'organisation:cecop' },
  { label: 'accented name', text: 'confédération', expect: null },
  { label: 'name', text: 'mondragon', expect: 'organisation:mondragon' },
  { label: 'typo', text: 'mondragn', expect: 'organisation:mondragon' },
  { label: 'two words', text: 'worker coop', expect: null },
  { label: 'name and year', text: 'cecop 1979', expect: 'organisation:cecop' },
  { label: 'quoted phrase', text: '"worker cooperatives"', expect: null },
  { label: 'note word', text: 'democratic', expect: null },
]

/** Every keystroke of every query, in typing order. */
export const keystrokes = (): string[] => QUERIES.flatMap((q) => Array.from(q.text, (_, i) => q.text.slice(0, i + 1)))
