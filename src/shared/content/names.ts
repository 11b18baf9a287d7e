/**
 * What an organisation is called, in short and in full: one rule for the main process (note titles, the list, the
 * pack's diff) and every view. The short name is the acronym where the pack gives one ("CICOPA"), else the English
 * name ("Co-operatives UK").
 */

/** The names that matter here: a pack organisation's `names`, or `listedNames` of a summary. */
export interface Names {
  english: string
  acronym?: string | null | undefined
}

/** The short name people use: the acronym where there is one, else the English name. */
export const shortName = (names: Names): string => names.acronym ?? names.english

/** The name in full: the English name, followed by the acronym where it does not already hold it ("… (ICA)"). */
export function fullName(names: Names): string {
  const acronym = acronymAfter(names)
  return acronym ? `${names.english} (${acronym})` : names.english
}

/** The acronym to show after the English name, or null where there is none or the name already holds it ("CECOP – CICOPA Europe"). */
export const acronymAfter = (names: Names): string | null =>
  names.acronym && !names.english.includes(names.acronym) ? names.acronym : null

/** The English name to show beside the short name, or null where the short name already is it. */
export const fullNameBeside = (names: Names): string | null => (names.acronym && names.acronym !== names.english ? names.english : null)

/** An organisation as the contract lists it (a summary, the other end of a relation), where `name` is the English name. */
export const listedNames = (listed: { name: string; acronym: string | null }): Names => ({ english: listed.name, acronym: listed.acronym })
