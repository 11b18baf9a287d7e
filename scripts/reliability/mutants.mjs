// @ts-check
/**
 * Tests of the tests: removes one protection at a time and checks that the reliability suite then fails. A test
 * that cannot fail is a defect.
 *
 *   node scripts/reliability/mutants.mjs [name-filter]
 *
 * Works on a copy of the project in a temp folder (node_modules linked), never on this tree: each mutant edits one
 * file of the copy, rebuilds it when the test needs the built app, runs the one test that should catch it, and
 * restores the file. A mutant whose target text is no longer in the code is reported as "stale" (the code moved
 * on; update the mutant). Takes several minutes; not part of `npm run test:reliability`.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const filter = process.argv[2] ?? ''

/**
 * A mutant edits one file (find → replace), or several (`also`), or puts back a file as it was at a commit from
 * before a fix (`revision`, read with git from this repository).
 * @typedef {{ file: string, find: string, replace: string }} Edit
 * @typedef {{ name: string, file: string, find?: string, replace?: string, revision?: string, also?: Edit[],
 *   test: string, only?: string, build?: boolean }} Mutant
 * @type {Mutant[]}
 */
const MUTANTS = [
  // Crash safety
  {
    name: 'acknowledge a save before it is written (a write-behind cache)',
    file: 'src/main/store/user-store.ts',
    find: '      await this.journal.append(entry)',
    replace: '      setTimeout(() => void this.journal.append(entry).catch(() => undefined), 20)',
    test: 'crash-safety',
  },
  {
    name: 'empty the journal before the new snapshot is on disk',
    file: 'src/main/store/user-store.ts',
    find: '    await this.#snapshot.write()',
    replace: '    await this.journal.reset()\n    await new Promise((done) => setTimeout(done, 5))\n    await this.#snapshot.write()',
    test: 'crash-safety',
  },
  {
    name: 'write the snapshot in place instead of atomically',
    file: 'src/main/store/durable-file.ts',
    find: "  await writeFileAtomic(path, data, { encoding: 'utf8', fsync: true })",
    replace:
      "  const { writeFile } = await import('node:fs/promises')\n  await writeFile(path, data.slice(0, data.length >> 1))\n  await new Promise((done) => setTimeout(done, 3))\n  await writeFile(path, data)",
    test: 'crash-safety',
  },
  // Corrupt stores
  {
    name: 'overwrite a corrupt snapshot instead of keeping it aside',
    file: 'src/main/store/snapshot.ts',
    find: '    await rename(path, aside)',
    replace: '    void aside',
    test: 'corrupt-stores',
    only: 'truncated JSON:',
    build: true,
  },
  {
    name: 'start empty instead of restoring the last good backup',
    file: 'src/main/store/snapshot.ts',
    find: 'for (const name of await listBackups(folder)) {',
    replace: 'for (const name of [] as string[]) {',
    test: 'corrupt-stores',
    only: 'NUL bytes',
    build: true,
  },
  {
    name: 'treat a dangling link as "no store yet" (before the fix)',
    file: 'src/main/store/snapshot.ts',
    find: '      return target === null ? null :',
    replace: '      return target === null || true ? null :',
    test: 'corrupt-stores',
    only: 'not mounted',
    build: true,
  },
  {
    name: 'decode the snapshot leniently (before the fix)',
    file: 'src/main/store/snapshot.ts',
    find: "  if (!isUtf8(bytes)) return { ok: false, why: 'it is not valid UTF-8 text', tag: 'corrupt' }",
    replace: '',
    test: 'corrupt-stores',
    only: 'not UTF-8',
    build: true,
  },
  {
    name: "trust the notes' text without its checksum",
    file: 'src/main/store/snapshot-format.ts',
    find: '  if (sha256(bytes.subarray(CHECKSUM_LENGTH)) !== checksum) return damaged',
    replace: '',
    test: 'corrupt-stores',
    only: 'changed letter',
    build: true,
  },
  {
    name: 'do not tell the user',
    file: 'src/main/app-context.ts',
    find: 'storeNotice: store.notice,',
    replace: 'storeNotice: null,',
    test: 'corrupt-stores',
    only: 'an empty file',
    build: true,
  },
  // Fuzzing
  {
    name: 'run handlers on unparsed input',
    file: 'src/main/handlers.ts',
    find: '    if (!parsed.success) {',
    replace: '    if (!parsed.success && name === "never") {',
    test: 'fuzz-contract',
    only: 'notes.create:',
  },
  {
    name: 'echo the whole input back in refusals (before the fix)',
    file: 'src/main/handlers.ts',
    find: 'const clip = (text: string, max = 500) => (text.length > max ?',
    replace: 'const clip = (text: string, max = 500) => (text.length > max * 1e9 ?',
    test: 'fuzz-contract',
    only: 'notes.listFor:',
  },
  {
    name: 'merge input naively (prototype pollution)',
    file: 'src/main/handlers.ts',
    find: '    const parsed = v.safeParse(contract[name].input, input)',
    replace:
      '    const merge = (t: any, s: any): any => { for (const k in s) { if (s[k] && typeof s[k] === "object") merge((t[k] ??= {}), s[k]); else t[k] = s[k] } return t }\n    try { merge({}, input) } catch { /* ignore */ }\n    const parsed = v.safeParse(contract[name].input, input)',
    test: 'fuzz-contract',
    only: 'notes.update:',
  },
  {
    name: 'a handler that never answers',
    file: 'src/main/handlers.ts',
    find: "    'notes.tags': () => ctx.notes.tags(),",
    replace: "    'notes.tags': () => new Promise(() => undefined),",
    test: 'fuzz-contract',
    only: 'notes.tags:',
  },
  {
    name: 'write before refusing',
    file: 'src/main/handlers.ts',
    find: "    'notes.trash': ({ id, base }) => ctx.notes.trash(id, base),",
    replace: "    'notes.trash': async ({ id, base }) => (await ctx.store.compact(), ctx.notes.trash(id, base)),",
    test: 'fuzz-contract',
    only: 'notes.trash:',
  },
  // Markup
  {
    name: 'render notes without the sanitiser',
    file: 'src/renderer/lib/markdown.ts',
    find: '  return DOMPurify.sanitize(html, {',
    replace: '  return html || DOMPurify.sanitize(html, {',
    test: 'markup',
    only: 'inert',
    build: true,
  },
  {
    name: 'let any URL scheme through the sanitiser',
    file: 'src/renderer/lib/markdown.ts',
    find: '    ALLOWED_URI_REGEXP: /^(?:https:|http:|mailto:|#\\/)/i,',
    replace: '    ALLOWED_URI_REGEXP: /.*/,',
    test: 'markup',
    only: 'inert',
    build: true,
  },
  {
    name: 'ship the page without its Content-Security-Policy',
    file: 'src/renderer/index.html',
    find: 'http-equiv="Content-Security-Policy"',
    replace: 'http-equiv="X-Removed"',
    test: 'markup',
    only: 'guarded twice',
    build: true,
  },
  // The Electron shell
  {
    name: 'allow navigation',
    file: 'src/main/window.ts',
    find: "  contents.on('will-navigate', (event) => event.preventDefault())",
    replace: "  contents.on('will-navigate', () => undefined)",
    test: 'electron-shell',
    only: 'limits navigation',
    build: true,
  },
  {
    // Two checks guard this path (the window-open handler's and openExternal's own): both must go.
    name: 'hand any new-window URL to the system browser',
    file: 'src/main/window.ts',
    find: '    if (isAllowedExternalUrl(url)) openExternal(url)',
    replace: '    openExternal(url)',
    also: [{ file: 'src/main/index.ts', find: '  if (!isAllowedExternalUrl(url)) return false\n', replace: '' }],
    test: 'electron-shell',
    only: 'limits new windows',
    build: true,
  },
  {
    name: 'grant permissions',
    file: 'src/main/window.ts',
    find: 'callback(false))',
    replace: 'callback(true))',
    test: 'electron-shell',
    only: 'permission',
    build: true,
  },
  {
    name: 'accept IPC from any frame',
    file: 'src/main/ipc.ts',
    find: '    if (!frame || frame !== getMainFrame()) return false',
    replace: '    if (!frame) return false',
    test: 'electron-shell',
    only: 'sender',
    build: true,
  },
  {
    name: 'serve files outside the renderer folder',
    file: 'src/main/resolve-inside.ts',
    find: '  return target.startsWith(base + sep) ? target : null',
    replace: '  return sep ? target : null',
    test: 'electron-shell',
    only: 'custom protocol',
    build: true,
  },
  {
    name: 'hand the raw URL to the system (before the fix)',
    file: 'src/main/services/shell-service.ts',
    find: 'this.actions.openExternal(new URL(url).href)',
    replace: 'this.actions.openExternal(url)',
    test: 'electron-shell',
    only: 'untrusted content',
    build: true,
  },
  {
    name: 'turn context isolation off',
    file: 'src/main/window.ts',
    find: '      contextIsolation: true,',
    replace: '      contextIsolation: false,',
    test: 'electron-shell',
    only: 'Node integration',
    build: true,
  },
  {
    name: 'a window with Node integration that electronegativity should see',
    file: 'src/main/window.ts',
    find: '/** Every permission',
    replace:
      'export const debugWindow = (BrowserWindow: new (o: object) => unknown) => new BrowserWindow({ webPreferences: { nodeIntegration: true } })\n\n/** Every permission',
    test: 'electron-shell',
    only: 'in src/',
  },
  // Hostile pack files (no build: the suite drives src/ through startApp)
  {
    name: 'accept a pack whose signature does not match (check only its form)',
    file: 'src/main/content/pack-signature.ts',
    find: '  if (!wellFormed || !verify(null, bytes, trusted.key, signatureBytes)) {',
    replace: '  if (!wellFormed) {',
    test: 'hostile-packs',
    only: 'tampered',
  },
  {
    name: 'accept a pack signed by a key the app does not know',
    file: 'src/main/content/pack-signature.ts',
    find: '  if (!trusted) {',
    replace: '  if (!trusted) return { packText: pack, keyId, file: text }\n  if (!trusted) {',
    test: 'hostile-packs',
    only: 'unknown key',
  },
  {
    name: 'accept a pack file with its signature stripped',
    file: 'src/main/content/pack-signature.ts',
    find: "  if (signature === undefined || signature === null || signature === '' || keyId === undefined || keyId === null || keyId === '') {",
    replace:
      "  if (signature === undefined || keyId === undefined) return { packText: pack, keyId: '', file: text }\n  if (signature === null || signature === '' || keyId === null || keyId === '') {",
    test: 'hostile-packs',
    only: 'stripped',
  },
  {
    name: 'accept the old unsigned pack format (a bare SHA-256)',
    file: 'src/main/content/pack-signature.ts',
    find: '  if (formatVersion === undefined || formatVersion === 1) {',
    replace:
      "  if (formatVersion === undefined) return { packText: JSON.stringify(pack), keyId: '', file: text }\n  if (formatVersion === 1) {",
    test: 'hostile-packs',
    only: 'old format',
  },
  {
    name: 'let a pack link use any scheme that has a host (ftp:)',
    file: 'src/shared/content/schema.ts',
    find: '(schemes as readonly string[]).includes(url.protocol) && ',
    replace: '',
    test: 'hostile-packs',
    only: 'ftp:',
  },
  {
    name: 'let a pack link carry user-info (https://cecop.coop@evil.example)',
    file: 'src/shared/content/schema.ts',
    find: " && url.username === '' && url.password === ''",
    replace: '',
    test: 'hostile-packs',
    only: 'evil.example|user:secret',
  },
  {
    name: 'no size limit on pack files',
    file: 'src/shared/contract.ts',
    find: 'utf8Length(text) <= MAX_PACK_FILE_BYTES,',
    replace: 'utf8Length(text) <= Infinity,',
    test: 'hostile-packs',
    only: 'oversized',
  },
  {
    name: 'install a pack that is not newer than the one in use',
    file: 'src/main/services/pack-service.ts',
    find: '      if (compareVersions(next.packVersion, current.packVersion) <= 0) {',
    replace: '      if (compareVersions(next.packVersion, current.packVersion) < -1e9) {',
    test: 'hostile-packs',
    only: 'lower version|same version',
  },
  {
    name: 'accept any spelling of a pack version (01.0.2)',
    file: 'src/shared/content/schema.ts',
    find: 'export const PACK_VERSION_PATTERN = /^(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})$/',
    replace: 'export const PACK_VERSION_PATTERN = /^(\\d+)\\.(\\d+)\\.(\\d+)$/',
    test: 'hostile-packs',
    only: 'leading zero',
  },
  {
    name: 'use the installed pack without verifying it at start',
    file: 'src/main/content/pack-update.ts',
    find: '    opened = openPackFile(text, keys)',
    replace: "    opened = { pack: validatePack(JSON.parse(JSON.parse(text).pack)), file: text, keyId: '' }",
    test: 'hostile-packs',
    only: 'installed file',
  },
  {
    name: 'write the pack file before checking it',
    file: 'src/main/services/pack-service.ts',
    find: '      const { pack: next, file } = openPackFile(text, this.options.trustedKeys)',
    replace:
      '      await installPack(this.options.userDataDir, text)\n      const { pack: next, file } = openPackFile(text, this.options.trustedKeys)',
    test: 'hostile-packs',
    only: 'tampered',
  },
  // One writer
  {
    name: 'the store lock as it was before the fix (delete a stale lock by name; create it empty, then write)',
    file: 'src/main/store/lock.ts',
    revision: 'b7eb16b',
    test: 'one-writer',
    only: 'exactly one',
  },
  {
    name: 'take every lock for stale',
    file: 'src/main/store/lock.ts',
    find: 'isRunning(holder.pid)) {',
    replace: 'isRunning(holder.pid) && false) {',
    test: 'one-writer',
    only: 'SIGKILL',
    build: true,
  },
  // One schema for every way in, and recovery that keeps every good record (issue 13)
  {
    name: 'append a change without checking it against the rules it is read back with',
    file: 'src/main/store/user-store.ts',
    find: '    const checked = parseEntry(entry)',
    replace: '    const checked = { success: true } as ReturnType<typeof parseEntry>',
    test: 'write-checks',
  },
  {
    name: 'fold a snapshot without checking it reads back',
    file: 'src/main/store/user-store.ts',
    find: '    const problem = checkBeforeWrite(data)',
    replace: '    const problem = null as string | null',
    test: 'write-checks',
  },
  {
    name: 'let an import in with an edit dated past tomorrow',
    file: 'src/main/services/notes-transfer.ts',
    find: '.find((d) => d !== null && d > latest)',
    replace: '.find(() => false)',
    test: 'hostile-imports',
  },
  {
    name: "let a tag in that the editor refuses (the old store schema's tags)",
    file: 'src/main/store/schema.ts',
    find: '  tags: Tags,',
    replace: '  tags: v.array(v.string()),',
    test: 'hostile-imports',
  },
  {
    name: 'take any day up to the 31st for a real date',
    file: 'src/shared/note-rules.ts',
    find: '    day <= days &&',
    replace: '    day <= 31 &&',
    test: 'hostile-imports',
  },
  {
    name: 'set a whole store aside for one bad record',
    file: 'src/main/store/snapshot.ts',
    find: '  const salvage = salvageStore(migrated.doc, new Date().toISOString())',
    replace: '  const salvage = null as ReturnType<typeof salvageStore>',
    test: 'corrupt-stores',
    only: 'one unreadable note',
    build: true,
  },
  {
    name: 'stop reading the change log at its first damaged line (before the fix)',
    file: 'src/main/store/journal.ts',
    find: '      if (entry === null) badLines.push({ line, text: lineText })',
    replace: '      if (entry === null) {\n        badLines.push({ line, text: lineText })\n        break\n      }',
    test: 'corrupt-stores',
    only: 'change journal',
    build: true,
  },
  {
    name: 'let the rotation overwrite the backups after a recovery (before the fix)',
    file: 'src/main/store/snapshot.ts',
    find: '      const kept = await keepBackupsAside(folder)',
    replace: '      const kept = join(folder, BACKUP_FOLDER)',
    test: 'corrupt-stores',
    only: 'truncated JSON:',
    build: true,
  },
  {
    name: 'restore a backup over the current notes instead of in their place',
    file: 'src/main/store/user-store.ts',
    find: '      this.notes.clear()',
    replace: '      void 0',
    test: 'stateful-store',
    only: 'in this process',
  },
  {
    name: 'let an edit made from an older version overwrite the note (the lost update, issue 16)',
    file: 'src/main/services/notes-service.ts',
    find: '    if (!sameVersions(note.versions, base)) {',
    replace: '    if (base === null) {',
    test: 'stateful-store',
    only: 'in this process',
  },
  {
    name: 'keep the device id when the notes go back to a backup',
    file: 'src/main/store/user-store.ts',
    find: '      this.device = newDevice(this.device.name)',
    replace: '      void newDevice',
    test: 'stateful-store',
    only: 'in this process',
  },
  // Clear words at the edges (issue 13)
  {
    name: 'show the raw error when the data folder cannot be used',
    file: 'src/main/app-context.ts',
    find: '    throw dataFolderError(options.userDataDir, error, options.shell) ?? error',
    replace: '    throw error',
    test: 'data-folder-edges',
    only: 'a file where the folder should be',
    build: true,
  },
  {
    name: 'leave behind what a failed start created',
    file: 'src/main/app-context.ts',
    find: '    await undoFailedStart(before, [JOURNAL_FILE])',
    replace: '    void before',
    test: 'data-folder-edges',
    only: 'room for the lock',
    build: true,
  },
  {
    name: 'leave a torn line in the change log when the disk is full',
    file: 'src/main/store/journal.ts',
    find: '      this.#cutBack = true\n      await this.#handle.truncate(this.#size).then(',
    replace: '      await Promise.resolve().then(',
    test: 'data-folder-edges',
    only: 'keeps no half line',
    build: true,
  },
]

const sandbox = mkdtempSync(join(tmpdir(), 'coop-atlas-mutants-'))
const skip = /^(node_modules|\.git|out[^/]*|test-results|dist)(\/|$)/
cpSync(root, sandbox, { recursive: true, filter: (src) => !skip.test(relative(root, src)) })
symlinkSync(join(root, 'node_modules'), join(sandbox, 'node_modules'))

/** @param {string} command @param {string[]} args @param {Record<string, string>} [env] */
const run = (command, args, env = {}) =>
  spawnSync(command, args, { cwd: sandbox, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 })

/** @param {Mutant} m */
const vitestArgs = (m) => ['run', '--project', 'reliability', `test/reliability/${m.test}.test.ts`, ...(m.only ? ['-t', m.only] : [])]
const ENV = { RELIABILITY_KILLS: '60', RELIABILITY_FUZZ_RUNS: '300', RELIABILITY_RACES: '20', RELIABILITY_SEQUENCES: '300', NO_COLOR: '1' }
const vitest = join(sandbox, 'node_modules', '.bin', 'vitest')
const chosen = MUTANTS.filter((m) => m.name.includes(filter) || m.test.includes(filter))

/** @type {string[]} */
const rows = []
let failures = 0

// First the baseline: every selected test must pass on the unchanged copy, or a "caught" below would mean nothing.
if (run('npx', ['electron-vite', 'build']).status !== 0) throw new Error('the unchanged copy does not build')
const selections = [...new Map(chosen.map((m) => [vitestArgs(m).join(' '), m])).values()]
for (const m of selections) {
  const result = run(vitest, vitestArgs(m), ENV)
  if (result.status !== 0) {
    rows.push(`BASELINE FAILS  ${m.test}${m.only ? ` (${m.only})` : ''}: the unchanged code fails this test`)
    failures++
  }
}

for (const mutant of chosen) {
  /** @type {{ path: string, original: string }[]} */
  const touched = []
  /** @param {string} file @param {(text: string) => string | null} change */
  const edit = (file, change) => {
    const path = join(sandbox, file)
    const original = readFileSync(path, 'utf8')
    const changed = change(original)
    if (changed === null) return false
    touched.push({ path, original })
    writeFileSync(path, changed)
    return true
  }
  /** @param {Edit} e */
  const replaceOnce = (e) =>
    edit(e.file, (text) => {
      const at = text.indexOf(e.find)
      return at === -1 || text.indexOf(e.find, at + 1) !== -1 ? null : text.slice(0, at) + e.replace + text.slice(at + e.find.length)
    })
  const applied = mutant.revision
    ? edit(
        mutant.file,
        () => spawnSync('git', ['-C', root, 'show', `${mutant.revision}:${mutant.file}`], { encoding: 'utf8' }).stdout || null,
      )
    : [{ file: mutant.file, find: mutant.find ?? '', replace: mutant.replace ?? '' }, ...(mutant.also ?? [])].every(replaceOnce)
  if (!applied) {
    for (const { path, original } of touched) writeFileSync(path, original)
    rows.push(`STALE   ${mutant.name} (target text not found exactly once, or no such revision)`)
    failures++
    continue
  }
  const started = Date.now()
  try {
    if (mutant.build) {
      const built = run('npx', ['electron-vite', 'build'])
      if (built.status !== 0) {
        rows.push(`NOBUILD ${mutant.name} (the mutant does not build)`)
        failures++
        continue
      }
    }
    const result = run(vitest, vitestArgs(mutant), ENV)
    const caught = result.status !== 0
    const secs = Math.round((Date.now() - started) / 1000)
    // What failed, in the test's own words: the first assertion message.
    const output = `${result.stdout}\n${result.stderr}`
    const why = caught ? (/"(kill \d+[^"]{0,140})|(?:AssertionError|Error): ([^\n]{0,140})/.exec(output)?.slice(1).find(Boolean) ?? '') : ''
    rows.push(
      `${caught ? 'CAUGHT ' : 'MISSED '} ${mutant.name} — ${mutant.test}${mutant.only ? ` (${mutant.only})` : ''}, ${secs} s${why ? `\n           ${why}` : ''}`,
    )
    if (!caught) failures++
  } finally {
    for (const { path, original } of touched) writeFileSync(path, original)
  }
}
rmSync(sandbox, { recursive: true, force: true })
const caught = rows.filter((r) => r.startsWith('CAUGHT')).length
console.log(
  ['', `Mutants (a protection removed; the suite must fail): ${caught} of ${chosen.length} caught`, ...rows.map((r) => `  ${r}`), ''].join(
    '\n',
  ),
)
process.exit(failures === 0 ? 0 : 1)
