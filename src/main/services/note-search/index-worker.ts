/**
 * The worker thread that builds the notes' index from nothing (index-builder.ts says why and how). Built as
 * out/main/note-index-worker.js beside main's entry points, which give its path to note search.
 */
import { setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import { serveIndexBuilder, type BuilderPort } from './index-builder'

if (!parentPort) throw new Error('the note index builder runs in a worker thread')
// Below main and the threads that write the journal: on two cores a build at full speed delayed saves. On Linux a
// thread's nice value is its own (setpriority of "process" 0 is the calling thread); elsewhere it would be the whole
// app's, so it is left alone there.
if (process.platform === 'linux') {
  try {
    setPriority(10)
  } catch {
    // Not allowed here: built at the same priority.
  }
}
serveIndexBuilder(parentPort as unknown as BuilderPort)
