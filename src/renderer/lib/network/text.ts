/** Text in the network drawing: how wide a label is, and how it breaks into lines. */
import { GEOMETRY, type TextStyle } from './geometry'

/** A width estimate for system sans-serif text, on the generous side so labels fit their boxes. */
export function estimateWidth(text: string, style: TextStyle): number {
  const size = GEOMETRY.font[style]
  let em = 0
  for (const ch of text) {
    if (/[iljtf.,:;'’!|()[\]\s-]/.test(ch)) em += ch === ' ' ? 0.29 : 0.32
    else if (/[mwMW]/.test(ch)) em += 0.86
    else if (/[A-Z0-9ÀÁÈÉÎÔÇŠČ–—&]/.test(ch)) em += 0.68
    else em += 0.55
  }
  const bold = style === 'hub' || style === 'heading' ? 1.06 : 1
  const spacing = style === 'caption' ? text.length * 0.08 * size : 0
  // Wide system fonts (DejaVu Sans) run up to a seventh wider than this average: err on their side.
  return (em * size * bold + spacing) * 1.15
}

/** Breaks a label into at most `maxLines` lines no wider than `width`; the last line ends in … if it must. */
export function wrapLabel(
  text: string,
  width: number,
  style: TextStyle,
  measure: (text: string, style: TextStyle) => number = estimateWidth,
  maxLines = 2,
): string[] {
  const fits = (s: string): boolean => measure(s, style) <= width
  const clip = (s: string): string => {
    if (fits(s)) return s
    let cut = s
    while (cut.length > 1 && !fits(`${cut}…`)) cut = cut.slice(0, -1).trimEnd()
    return `${cut}…`
  }
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word
    if (!line || fits(candidate)) line = candidate
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  if (lines.length > maxLines) lines.push(lines.splice(maxLines - 1).join(' '))
  return lines.map(clip)
}

/**
 * Measures text as the diagram draws it (canvas, with the page's own font stacks), where the browser can;
 * undefined elsewhere (jsdom), and the layout falls back on its estimate.
 */
export function textMeasurer(root: Element = document.documentElement): ((text: string, style: TextStyle) => number) | undefined {
  const svgText = (globalThis as { SVGTextContentElement?: { prototype: object } }).SVGTextContentElement
  if (!svgText || !('getComputedTextLength' in svgText.prototype)) return undefined
  const context = document.createElement('canvas').getContext('2d')
  if (!context) return undefined
  const css = getComputedStyle(root)
  const sans = css.getPropertyValue('--sans').trim() || 'sans-serif'
  const serif = css.getPropertyValue('--serif').trim() || 'serif'
  const f = GEOMETRY.font
  const fonts: Record<TextStyle, string> = {
    hub: `600 ${f.hub}px ${serif}`,
    'hub-sub': `400 ${f['hub-sub']}px ${sans}`,
    member: `400 ${f.member}px ${sans}`,
    caption: `600 ${f.caption}px ${sans}`,
    heading: `italic 400 ${f.heading}px ${serif}`,
  }
  const cache = new Map<string, number>()
  return (text, style) => {
    const key = `${style}\u0000${text}`
    let width = cache.get(key)
    if (width === undefined) {
      context.font = fonts[style]
      // Captions are drawn upper-case and letter-spaced.
      width =
        style === 'caption'
          ? context.measureText(text.toLocaleUpperCase()).width + text.length * 0.08 * f.caption
          : context.measureText(text).width
      width = Math.ceil(width * 1.03)
      cache.set(key, width)
    }
    return width
  }
}
