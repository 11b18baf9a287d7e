/**
 * Which source modules a built file's bytes come from, by its source map: every mapped segment's generated
 * characters are counted to the segment's source (unmapped ones to "(unmapped)").
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DIGIT = new Map([...B64].map((c, i) => [c, i]))

function decodeSegment(segment: string): number[] {
  const out: number[] = []
  let value = 0
  let shift = 0
  for (const c of segment) {
    const d = DIGIT.get(c)!
    value += (d & 31) << shift
    if (d & 32) shift += 5
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1)
      value = 0
      shift = 0
    }
  }
  return out
}

export interface SourceMapJson {
  sources: string[]
  mappings: string
}

export function bytesBySource(code: string, map: SourceMapJson): Map<string, number> {
  const totals = new Map<string, number>()
  const add = (source: string, n: number) => totals.set(source, (totals.get(source) ?? 0) + n)
  const lines = code.split('\n')
  let source = 0
  map.mappings.split(';').forEach((line, index) => {
    const text = lines[index] ?? ''
    const segments = line === '' ? [] : line.split(',').map(decodeSegment)
    let column = 0
    const starts: { column: number; source: number | null }[] = []
    for (const s of segments) {
      column += s[0]!
      if (s.length >= 4) {
        source += s[1]!
        starts.push({ column, source })
      } else starts.push({ column, source: null })
    }
    if (starts.length === 0 || starts[0]!.column > 0) add('(unmapped)', Math.min(text.length, starts[0]?.column ?? text.length))
    starts.forEach((s, i) => {
      const end = starts[i + 1]?.column ?? text.length
      add(s.source === null ? '(unmapped)' : (map.sources[s.source] ?? '(unmapped)'), Math.max(0, end - s.column))
    })
    add('(unmapped)', 1) // the newline
  })
  return totals
}

/** node_modules/<package> or the source file, relative to the project. */
export function moduleGroup(source: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)
  if (nm) return `node_modules/${nm[1]}`
  const src = /(src\/.*)$/.exec(source)
  return src ? src[1]! : source
}

/** The source of a generated position (0-based line and column), by the source map; null where unmapped. */
export class SourceLookup {
  readonly #lines: { column: number; source: number | null }[][] = []
  constructor(readonly map: SourceMapJson) {
    let source = 0
    for (const line of map.mappings.split(';')) {
      let column = 0
      const starts: { column: number; source: number | null }[] = []
      for (const s of line === '' ? [] : line.split(',').map(decodeSegment)) {
        column += s[0]!
        if (s.length >= 4) {
          source += s[1]!
          starts.push({ column, source })
        } else starts.push({ column, source: null })
      }
      this.#lines.push(starts)
    }
  }
  sourceAt(line: number, column: number): string | null {
    let found: number | null = null
    for (const s of this.#lines[line] ?? []) {
      if (s.column > column) break
      found = s.source
    }
    return found === null ? null : (this.map.sources[found] ?? null)
  }
}
