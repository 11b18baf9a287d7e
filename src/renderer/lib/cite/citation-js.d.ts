/** citation.js ships no types: the little of its API the app and its tests use. */
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown)
    /** CSL-JSON items, as citation.js read them. */
    data: Record<string, unknown>[]
    format(format: string, options?: Record<string, unknown>): unknown
  }
  export const plugins: {
    config: { get(plugin: string): unknown }
  }
}
declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-csl'
declare module '@citation-js/plugin-ris'
