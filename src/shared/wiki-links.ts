/**
 * Wiki-links in notes: [[CECOP]], [[cecop]] or [[CECOP – CICOPA Europe]] name an organisation by acronym, id,
 * English name, native name or alias, whatever the case or accents. Shared by main (backlinks) and the renderer
 * (links in rendered notes, completion, the notes page's "Linked from").
 */
export const WIKI_LINK = /\[\[([^[\]\n]{1,200})\]\]/g

export const foldName = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

export interface NamedOrganisation {
  id: string
  names: { english: string; acronym?: string | undefined; native?: { text: string } | undefined; aliases?: string[] | undefined }
}

/** Folded name → organisation id. An acronym or id wins over a full name that happens to fold alike. */
export function buildNameIndex(organisations: readonly NamedOrganisation[]): Map<string, string> {
  const index = new Map<string, string>()
  const add = (name: string | undefined, id: string) => {
    if (!name) return
    const key = foldName(name)
    if (key && !index.has(key)) index.set(key, id)
  }
  for (const o of organisations) add(o.id, o.id)
  for (const o of organisations) add(o.names.acronym, o.id)
  for (const o of organisations) {
    add(o.names.english, o.id)
    add(o.names.native?.text, o.id)
    for (const alias of o.names.aliases ?? []) add(alias, o.id)
  }
  return index
}

/** The organisation ids a note body links to, in order of first mention. */
export function linkedOrganisations(body: string, index: Map<string, string>): string[] {
  const ids: string[] = []
  for (const match of body.matchAll(WIKI_LINK)) {
    const id = index.get(foldName(match[1]!))
    if (id && !ids.includes(id)) ids.push(id)
  }
  return ids
}
