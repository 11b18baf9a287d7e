/**
 * The part of js-yaml 3 (a CommonJS module: one default export) that yaml.ts uses. js-yaml 3 ships no types, and
 * @types/js-yaml is not installed: this is the one place that describes it, beside the one module that calls it.
 */
declare module 'js-yaml' {
  interface Schema {
    readonly __jsYamlSchema: true
  }
  const jsYaml: {
    CORE_SCHEMA: Schema
    safeLoad(text: string, options?: { schema?: Schema; json?: boolean; filename?: string }): unknown
  }
  export default jsYaml
}
