/**
 * Every message of every language as its ICU AST, parsed at build time by scripts/icu-messages.mjs: for each
 * language, the JSON text of `{ [key]: MessageFormatElement[] }`.
 */
declare module 'virtual:icu-messages' {
  const messages: Record<string, string>
  export default messages
}
