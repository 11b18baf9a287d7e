/**
 * One contender in races for the store lock (test/reliability/one-writer.test.ts runs two of these at once).
 * It prints "armed" once loaded, then obeys one command a line on stdin:
 *
 *   race <start-time-ms> <data-dir>   spin until that instant (so that both contenders call acquireStoreLock
 *                                     at the same moment), then print "won <ms late>" or "refused <ms late> <message>",
 *                                     where "ms late" is how far past the start time the call began
 *   release                           release the lock won last, then print "released"
 *
 *   node lock-racer.mjs
 */
import { createInterface } from 'node:readline'
import { acquireStoreLock, type StoreLock } from '../../src/main/store/lock'

const now = () => performance.timeOrigin + performance.now()
let held: StoreLock | null = null

const say = (line: string) => process.stdout.write(`${line}\n`)

async function obey(command: string): Promise<void> {
  const [verb, startAt, ...rest] = command.split(' ')
  if (verb === 'race') {
    const dir = rest.join(' ')
    while (now() < Number(startAt)) {
      // spin: a timer would add a millisecond of jitter
    }
    const late = (now() - Number(startAt)).toFixed(3)
    try {
      held = await acquireStoreLock(dir, 'browse')
      say(`won ${late}`)
    } catch (error) {
      say(`refused ${late} ${(error as Error).message}`)
    }
  } else if (verb === 'release') {
    await held?.release()
    held = null
    say('released')
  }
}

let queue = Promise.resolve()
createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(() => obey(line))
})
say('armed')
