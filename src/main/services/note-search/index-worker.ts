/**
 * The worker thread that builds the notes' index from nothing (index-builder.ts says why and how). Built as
 * out/main/note-index-worker.js beside main's entry points, which give its path to note search.
 */
import { parentPort } from 'node:worker_threads'
import { serveIndexBuilder, type BuilderPort } from './index-builder'

if (!parentPort) throw new Error('the note index builder runs in a worker thread')
serveIndexBuilder(parentPort as unknown as BuilderPort)
