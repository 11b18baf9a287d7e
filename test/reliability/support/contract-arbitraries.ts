/**
 * fast-check arbitraries for the contract, derived from each call's valibot schema, so a call added to the
 * contract is fuzzed without anyone writing a generator for it:
 *
 *  - `validish(schema)`: values shaped as the schema asks (strings that match its regex, picklist members, …),
 *    drawing strings from a pool of known ids where they fit, so that some calls find what they name;
 *  - `oneFieldWrong(schema)`: such a value with one field replaced by something hostile, removed, or with an
 *    extra key beside it;
 *  - `hostile`: anything at all — wrong types, huge strings, deep nesting, `__proto__`/`constructor` keys,
 *    odd Unicode, arrays where objects are expected, Maps, BigInts, typed arrays.
 */
import fc from 'fast-check'
import * as v from 'valibot'

/** The valibot internals we read. Deliberately loose: valibot's own types do not expose these as one shape. */
interface Node {
  type: string
  kind?: string
  entries?: Record<string, Node>
  wrapped?: Node
  options?: unknown[]
  literal?: unknown
  item?: Node
  pipe?: Node[]
  requirement?: unknown
}

const MAX_DEPTH = 6

/** Strings that need care: lone surrogates, bidi overrides, zero-width, NUL, combining marks, ZWJ emoji. */
export const ODD_UNICODE = [
  '\uD800',
  '\uDFFF',
  'a\u202Egnp.exe',
  '\u200B\u200C\u200D\uFEFF',
  '\u0000',
  'e\u0301\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '\u2028\u2029',
  'ﬁ',
  'İı',
  '\uFFFD',
  'Ω'.repeat(1000),
]

const oddString = fc.oneof(
  fc.constantFrom(...ODD_UNICODE),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 64 }),
)

/** Sizes around the contract's limits (1 MB note, 2,048-character URL, 5 MB import) and well past them. */
const hugeString = fc
  .constantFrom(2049, 64 * 1024, 1024 * 1024 + 1, 2 * 1024 * 1024)
  .chain((length) => fc.constantFrom('x', 'é', '😀', '<', '\u0000').map((unit) => unit.repeat(Math.ceil(length / unit.length))))

/** Nesting deep enough to break a naive recursive walker (JSON.parse and structured clone both allow it). */
const deepNesting = fc.tuple(fc.integer({ min: 100, max: 5000 }), fc.boolean()).map(([depth, asArray]) => {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value }
  return value
})

/** Objects that carry `__proto__`, `constructor` and `prototype` as their own keys, as JSON.parse makes them. */
const pollutingObject = fc
  .record({
    key: fc.constantFrom('__proto__', 'constructor', 'prototype'),
    inner: fc.constantFrom(
      '{"polluted":"yes"}',
      '{"prototype":{"polluted":"yes"}}',
      '{"__proto__":{"polluted":"yes"}}',
      '{"toString":"not a function"}',
      '"string"',
      'null',
    ),
    extra: fc.constantFrom('', ',"id":"cecop"', ',"body":"x"', ',"target":{"kind":"organisation","id":"cecop"}'),
  })
  .map(({ key, inner, extra }) => JSON.parse(`{"${key}":${inner}${extra}}`) as unknown)

const primitive = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -0, NaN, Infinity, -Infinity, '', ' ', 'null', 'undefined', '[object Object]'),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  oddString,
)

const exotic = fc.oneof(
  fc.constant(new Map([['id', 'cecop']])),
  fc.constant(new Set(['cecop'])),
  fc.constant(new Date(Number.NaN)),
  fc.constant(new Uint8Array([0, 1, 2])),
  fc.constant(Object.create(null) as unknown),
  fc.constant([{}]),
  fc.constant({ length: 1e9 }),
)

export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: primitive },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepNesting },
  { weight: 3, arbitrary: pollutingObject },
  { weight: 2, arbitrary: exotic },
  {
    weight: 3,
    arbitrary: fc.anything({
      maxDepth: 4,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withTypedArray: true,
      withSparseArray: true,
      key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'body', 'target')),
    }),
  },
)

const rootOf = (schema: Node): Node => (schema.pipe && schema.pipe[0] !== schema ? (schema.pipe[0] ?? schema) : schema)
const actionsOf = (schema: Node): Node[] => (schema.pipe ? schema.pipe.slice(1) : [])
const action = (schema: Node, type: string) => actionsOf(schema).find((a) => a.type === type)

function stringArbitrary(schema: Node, pool: readonly string[]): fc.Arbitrary<string> {
  const max = (action(schema, 'max_length')?.requirement as number | undefined) ?? 200
  const min = (action(schema, 'min_length')?.requirement as number | undefined) ?? 0
  const prefix = (action(schema, 'starts_with')?.requirement as string | undefined) ?? ''
  let generated: fc.Arbitrary<string>
  if (action(schema, 'uuid')) generated = fc.uuid()
  else if (action(schema, 'iso_timestamp')) generated = fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
  else if (action(schema, 'regex')) generated = fc.stringMatching(action(schema, 'regex')!.requirement as RegExp)
  else
    generated = fc
      .oneof(fc.string({ minLength: min, maxLength: Math.min(max, 200) }), fc.string({ unit: 'grapheme', minLength: min, maxLength: 40 }))
      .map((s) => (prefix && !s.startsWith(prefix) ? prefix + s : s).slice(0, max))
  const fits = pool.filter((s) => v.is(schema as unknown as v.GenericSchema, s))
  return fits.length > 0 ? fc.oneof(fc.constantFrom(...fits), generated) : generated
}

/** A value shaped as `schema` asks; strings come from `pool` when one fits, so some calls name what exists. */
export function validish(schema: Node, pool: readonly string[] = [], depth = 0): fc.Arbitrary<unknown> {
  const root = rootOf(schema)
  switch (root.type) {
    case 'object':
    case 'strict_object':
    case 'loose_object': {
      const entries = root.entries ?? {}
      const keys = Object.keys(entries)
      const required = keys.filter((k) => entries[k]!.type !== 'optional')
      const shape = Object.fromEntries(keys.map((k) => [k, validish(entries[k]!, pool, depth + 1)]))
      return fc.record(shape, { requiredKeys: required })
    }
    case 'optional':
      return fc.option(validish(root.wrapped!, pool, depth + 1), { nil: undefined })
    case 'nullable':
      return fc.option(validish(root.wrapped!, pool, depth + 1), { nil: null })
    case 'picklist':
      return fc.constantFrom(...(root.options as unknown[]))
    case 'literal':
      return fc.constant(root.literal)
    case 'boolean':
      return fc.boolean()
    case 'number':
      return fc.integer({ min: -10, max: 1000 })
    case 'array': {
      const maxLength = (action(schema, 'max_length')?.requirement as number | undefined) ?? 5
      return depth > MAX_DEPTH ? fc.constant([]) : fc.array(validish(root.item!, pool, depth + 1), { maxLength: Math.min(maxLength, 5) })
    }
    case 'string':
      return stringArbitrary(schema, pool)
    case 'custom':
      // The contract's one custom schema is a note's version (note-rules.ts): device UUIDs to counters from 1.
      return fc.oneof(fc.dictionary(fc.uuid(), fc.integer({ min: 1, max: 5 }), { minKeys: 1, maxKeys: 3 }), hostile)
    case 'variant':
    case 'union':
      return fc.oneof(...(root.options as Node[]).map((o) => validish(o, pool, depth + 1)))
    default:
      return hostile
  }
}

type Path = (string | number)[]

/** Every path into a plain value, the root included. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix]
  if (value && typeof value === 'object') {
    for (const [k, child] of Object.entries(value)) out.push(...pathsOf(child, [...prefix, Array.isArray(value) ? Number(k) : k]))
  }
  return out
}

function setAt(value: unknown, path: Path, replacement: unknown, how: 'replace' | 'remove' | 'extra'): unknown {
  if (path.length === 0) {
    if (how === 'extra' && value && typeof value === 'object' && !Array.isArray(value)) return { ...value, unexpected: replacement }
    return replacement
  }
  const [head, ...rest] = path
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>
  if (rest.length === 0 && how === 'remove') {
    delete copy[head!]
    return copy
  }
  copy[head!] = setAt(copy[head!], rest, replacement, how)
  return copy
}

/** A valid-looking value with exactly one thing wrong: a field replaced by a hostile value, removed, or an extra key. */
export function oneFieldWrong(schema: Node, pool: readonly string[] = []): fc.Arbitrary<unknown> {
  return validish(schema, pool).chain((valid) => {
    const paths = pathsOf(valid)
    return fc
      .record({
        path: fc.constantFrom(...paths),
        how: fc.constantFrom('replace', 'replace', 'replace', 'remove', 'extra') as fc.Arbitrary<'replace' | 'remove' | 'extra'>,
        replacement: hostile,
      })
      .map(({ path, how, replacement }) => setAt(valid, path, replacement, how))
  })
}

/** The payload mix each call is fed: a quarter valid-looking, most with one field wrong, the rest anything at all. */
export function payloads(schema: v.GenericSchema, pool: readonly string[]): fc.Arbitrary<unknown> {
  const node = schema as unknown as Node
  return fc.oneof(
    { weight: 25, arbitrary: validish(node, pool) },
    { weight: 45, arbitrary: oneFieldWrong(node, pool) },
    { weight: 30, arbitrary: hostile },
  )
}
