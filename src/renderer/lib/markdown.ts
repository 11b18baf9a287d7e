/**
 * Notes are Markdown written by the user, and may contain anything pasted from anywhere. They are rendered
 * with marked and then sanitised with DOMPurify, so markup in a note is shown, never run. Wiki-links such as
 * [[CECOP]] become links to the organisation's profile where the name is known.
 */
import DOMPurify from 'dompurify'
import { Marked } from 'marked'
import { foldName, WIKI_LINK } from '../../shared/wiki-links'

/** Escapes text for the Markdown source, so a wiki-link's label cannot smuggle Markdown or HTML in. */
const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!<>|&"']/g, (c) => `\\${c}`)

export function linkWikiNames(source: string, nameIndex: Map<string, string> | null): string {
  return source.replace(WIKI_LINK, (whole, name: string) => {
    const id = nameIndex?.get(foldName(name))
    return id ? `[${escapeMarkdown(name)}](#/org/${id})` : whole
  })
}

/**
 * A note sits under a heading of the page ("Your notes"): its own headings step down two levels (# is shown as a
 * third-level heading), so that a note's title never outranks the page's, in size or in the outline a screen reader
 * lists.
 */
const HEADING_STEP = 2
const notes = new Marked({
  gfm: true,
  breaks: true,
  walkTokens: (token) => {
    if (token.type === 'heading') token.depth = Math.min(6, token.depth + HEADING_STEP)
  },
})

export function renderMarkdown(source: string, nameIndex: Map<string, string> | null = null): string {
  const html = notes.parse(linkWikiNames(source, nameIndex), { async: false })
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'img', 'video', 'audio', 'iframe', 'svg', 'math'],
    FORBID_ATTR: ['style', 'srcset', 'id', 'name'],
    ALLOWED_URI_REGEXP: /^(?:https:|http:|mailto:|#\/)/i,
  })
}
