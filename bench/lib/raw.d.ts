/** Vite's `?raw` imports: a file's text (the bench bundles with Vite). */
declare module '*?raw' {
  const text: string
  export default text
}
