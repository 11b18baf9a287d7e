/**
 * The YAML parser behind front matter (js-yaml 4), in one small module so that it can be swapped. It reads YAML 1.2's
 * core schema (plain types: no dates, no custom tags, no code), refuses a repeated key, and refuses what is nested
 * deeper than MAX_YAML_DEPTH or holds more than MAX_YAML_NODES values (aliases make a small text name the same value
 * many times over). js-yaml itself stops at 100 levels, so brackets nested thousands deep end in its error, not in a
 * stack overflow: the `yaml` package, tried first, overflowed at 1,000 and ran out of memory at 30,000.
 */
import { CORE_SCHEMA, load } from 'js-yaml'

export const MAX_YAML_DEPTH = 20
export const MAX_YAML_NODES = 10_000

export type YamlResult = { ok: true; value: unknown } | { ok: false; problem: 'syntax' | 'depth'; message: string }

export function parseYaml(text: string): YamlResult {
  let value: unknown
  try {
    value = load(text, { schema: CORE_SCHEMA, json: false })
  } catch (error) {
    // A stack overflow, should one still come, is a refusal too, not a crash.
    if (error instanceof RangeError) return { ok: false, problem: 'depth', message: `nested deeper than ${MAX_YAML_DEPTH} levels` }
    const reason = error instanceof Error ? (error as { reason?: string }).reason || error.message : String(error)
    if (/nesting exceeded maxDepth/.test(reason))
      return { ok: false, problem: 'depth', message: `nested deeper than ${MAX_YAML_DEPTH} levels` }
    return { ok: false, problem: 'syntax', message: reason.slice(0, 300) }
  }
  let nodes = 0
  const deep = (node: unknown, depth: number): 'depth' | 'nodes' | null => {
    if (++nodes > MAX_YAML_NODES) return 'nodes'
    if (typeof node !== 'object' || node === null) return null
    if (depth >= MAX_YAML_DEPTH) return 'depth'
    for (const child of Object.values(node)) {
      const found = deep(child, depth + 1)
      if (found) return found
    }
    return null
  }
  const found = deep(value, 0)
  if (found === 'depth') return { ok: false, problem: 'depth', message: `nested deeper than ${MAX_YAML_DEPTH} levels` }
  if (found === 'nodes') return { ok: false, problem: 'depth', message: `more than ${MAX_YAML_NODES} values` }
  return { ok: true, value }
}
