/**
 * The stateful suite's child process (test/reliability/stateful-store.test.ts runs it, bundled): the whole app as
 * the browse server runs it — startApp, the store lock, recovery, the handler table — driven one call at a time
 * over stdin/stdout, so that the parent can SIGKILL it between any two calls, or while one is in flight.
 *
 *   node model-driver.mjs <data-dir> <pack-dir>
 *   stdin:  {"seq":1,"name":"notes.create","input":{…}}     one call per line
 *   stdout: {"t":"ready"} once, then {"seq":1,"result":{…}} per call, written synchronously
 */
import { writeSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { startApp } from '../../src/main/app-context'

const [dataDir, packDir] = process.argv.slice(2)
if (!dataDir || !packDir) {
  console.error('usage: model-driver.mjs <data-dir> <pack-dir>')
  process.exit(64)
}
const say = (event: Record<string, unknown>) => writeSync(1, `${JSON.stringify(event)}\n`)

const app = await startApp({ userDataDir: dataDir, packDir, shell: 'browse', version: '0.0.0-model', openExternal: async () => false })
say({ t: 'ready' })
// One call at a time, in order: the parent waits for each answer before it sends the next (or kills).
let queue = Promise.resolve()
for await (const line of createInterface({ input: process.stdin })) {
  const { seq, name, input } = JSON.parse(line) as { seq: number; name: string; input: unknown }
  queue = queue.then(async () => {
    if (name === '__close') {
      await app.close()
      say({ seq, result: { ok: true, value: null } })
      process.exit(0)
    }
    say({ seq, result: await app.dispatch(name, input) })
  })
}
