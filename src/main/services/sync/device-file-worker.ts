/**
 * The worker thread that reads and checks other devices' files (device-file-reader.ts says why). Built as
 * out/main/device-file-worker.js beside main's entry points, which give its folder to the app.
 */
import { parentPort } from 'node:worker_threads'
import { serveDeviceFileReads, type ReaderPort } from './device-file-reader'

if (!parentPort) throw new Error('the device file reader runs in a worker thread')
serveDeviceFileReads(parentPort as unknown as ReaderPort)
