/**
 * A note's Markdown as the words a reader sees, for a search result's snippet: "**Vote** on [[CECOP]]'s
 * [plan](https://…)" reads "Vote on CECOP's plan". marked's own lexer reads the syntax (the same parser that renders
 * the note), so nothing is guessed by pattern; HTML a note holds is reduced to its text. Blocks stay on lines of
 * their own, so the first line is still the title's.
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
  return tokens
    .map((token): string => {
      switch (token.type) {
        case 'br':
          return '\n'
        case 'image':
          return (token as Tokens.Image).text
        case 'html':
          return htmlText((token as Tokens.HTML).text)
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

const htmlText = (html: string): string => html.replace(/<[^>]*>/g, '').trim()
