/**
 * A note's Markdown as the words a reader sees, for a search result's snippet: "**Vote** on [[CECOP]]'s
 * [plan](https://…)" reads "Vote on CECOP's plan". marked's own lexer reads the syntax (the same parser that renders
 * the note), so nothing is guessed by pattern; HTML a note holds is reduced to the text it shows (a script's or a
 * style's is not shown). Blocks stay on lines of their own, so the first line is still the title's.
 */
import { marked, type Token, type Tokens } from 'marked'
import { WIKI_LINK } from './wiki-links'

export function markdownText(source: string): string {
  const tokens = marked.lexer(
    source.replace(WIKI_LINK, (_whole, name: string) => name),
    { gfm: true },
  )
  return blocksText(tokens).trim()
}

function blocksText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => blockText(token))
    .filter((text) => text !== '')
    .join('\n')
}

function blockText(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'hr':
      return ''
    case 'code':
      return (token as Tokens.Code).text
    case 'list':
      return (token as Tokens.List).items.map((item) => blocksText(item.tokens)).join('\n')
    case 'table': {
      const table = token as Tokens.Table
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inlineText(cell.tokens)).join(' ')
      return [row(table.header), ...table.rows.map(row)].join('\n')
    }
    case 'html':
      return htmlText((token as Tokens.HTML).text)
    default:
      return 'tokens' in token && token.tokens ? (token.type === 'blockquote' ? blocksText(token.tokens) : inlineText(token.tokens)) : ''
  }
}

function inlineText(tokens: readonly Token[]): string {
  // Inline HTML comes a tag at a time: what stands between a hidden element's tags is skipped with them.
  let hiddenUntil: RegExp | null = null
  return tokens
    .map((token): string => {
      if (hiddenUntil) {
        if (token.type === 'html' && hiddenUntil.test((token as Tokens.HTML).text.trim())) hiddenUntil = null
        return ''
      }
      switch (token.type) {
        case 'br':
          return '\n'
        case 'image':
          return (token as Tokens.Image).text
        case 'html': {
          const html = (token as Tokens.HTML).text
          const opened = HIDDEN_OPENING_TAG.exec(html.trim())
          if (opened) hiddenUntil = new RegExp(`^</${opened[1]}\\s*>$`, 'i')
          return htmlText(html)
        }
        case 'codespan':
          return (token as Tokens.Codespan).text
        case 'text':
        case 'escape':
          return 'tokens' in token && token.tokens ? inlineText(token.tokens) : (token as Tokens.Text).text
        default:
          return 'tokens' in token && token.tokens ? inlineText(token.tokens) : 'text' in token ? String(token.text) : ''
      }
    })
    .join('')
}

/**
 * Elements whose content a reader never sees: the note's sanitiser (DOMPurify, renderer/lib/markdown.ts) drops them
 * with everything inside (its FORBID_CONTENTS, and the tags the app forbids). Their text is no snippet's.
 */
const HIDDEN = 'script|style|template|noscript|iframe|textarea|title|select|svg|math|video|audio|xmp|noembed|noframes|head'
const HIDDEN_ELEMENT = new RegExp(`<(${HIDDEN})\\b[^>]*>[\\s\\S]*?(?:</\\1\\s*>|$)`, 'gi')
/** One inline HTML token that opens such an element (inline, its tags come one token each). */
const HIDDEN_OPENING_TAG = new RegExp(`^<(${HIDDEN})\\b[^>]*>$`, 'i')

const htmlText = (html: string): string =>
  html
    .replace(HIDDEN_ELEMENT, '')
    .replace(/<[^>]*>/g, '')
    .trim()
