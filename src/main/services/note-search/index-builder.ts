/**
 * Building the notes' word index from nothing, away from main: the first start with 50,000 notes (no index file, or
 * one that cannot be trusted) reads ~100 MB of text, and done on main — even in 2 ms slices — it made a save wait
 * 19× the disk's floor (bench, saves while the index builds), mostly for the collector. Here a worker thread holds
 * the index while it grows: main sends it the notes a batch at a time, asks it the reader's queries meanwhile,
 * and at the end takes the finished index back (its lists moved, not copied) while the worker writes the file.
 *
 * This file is both sides of that conversation: `serveIndexBuilder` runs in the worker (index-worker.ts), and
 * `IndexBuilderClient` in main. Node's MessagePort and Worker carry it alike, so a test can hold both ends in one
 * thread (a MessageChannel) and the app a real worker.
 */
import { TextIndex, type TextHit, type TextIndexParts } from '../../../shared/text-index'
import { encodeIndex, INDEX_FILE, type IndexHeader } from './index-file'
import { writeDurably } from '../../store/durable-file'
import { join } from 'node:path'
import { MessageChannel, Worker } from 'node:worker_threads'

/**
 * A note as main sends it: id, stamp (note-text.ts noteStamp), the words before its body (searchablePrefix) and its
 * body — or null: the body is the batch's next JSON string in `bodies`, as the store's file holds it, so that main
 * never decodes a body nothing else has read (a build's 100 MB of text was main's collector's work).
 */
export type BuilderNote = [id: string, stamp: string, prefix: string, body: string | null]

/** The bodies of a batch's notes whose body is null, one after another; `ends[k]` where the k-th ends. */
export interface BuilderBodies {
  bytes: Uint8Array
  ends: number[]
}

/** Where and as what the finished index is written; null: not written (a test, or main writes it later). */
export interface BuilderFile {
  folder: string
  storeVersion: number
  packId: string
}

type ToBuilder =
  | { type: 'batch'; seq: number; add: BuilderNote[]; remove: string[]; bodies: BuilderBodies | null }
  | { type: 'search'; seq: number; query: string; limit: number }
  | { type: 'finish'; seq: number; file: BuilderFile | null }

type FromBuilder =
  | { type: 'done'; seq: number }
  | { type: 'hits'; seq: number; hits: TextHit[] }
  // The vocabulary travels as one string, a word a line (words never hold a line break): one copy, not 100,000.
  | { type: 'parts'; seq: number; ids: string[]; vocabulary: string; counts: Uint32Array; postings: Uint16Array | Uint32Array }
  | { type: 'written'; seq: number; bytes: number; header: IndexHeader }
  | { type: 'failed'; seq: number; message: string }

/** What both a Worker and a MessagePort offer (node:worker_threads). */
export interface BuilderPort {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void
  on(event: 'message', listener: (message: never) => void): unknown
  off(event: 'message', listener: (message: never) => void): unknown
}

/** The worker's side: an index, its notes' stamps, and answers. */
export function serveIndexBuilder(port: BuilderPort): void {
  const index = new TextIndex()
  const stamps = new Map<string, string>()
  const reply = (message: FromBuilder, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer)
  port.on('message', (message: ToBuilder) => {
    switch (message.type) {
      case 'batch': {
        for (const id of message.remove) {
          index.remove(id)
          stamps.delete(id)
        }
        let next = 0
        for (const [id, stamp, prefix, body] of message.add) {
          index.add(id, `${prefix}${body ?? nextBody(message.bodies!, next++)}`)
          stamps.set(id, stamp)
        }
        return reply({ type: 'done', seq: message.seq })
      }
      case 'search':
        return reply({ type: 'hits', seq: message.seq, hits: index.search(message.query, message.limit) })
      case 'finish':
        return void finish(message.seq, message.file)
    }
  })

  function nextBody(bodies: BuilderBodies, k: number): string {
    const start = k === 0 ? 0 : bodies.ends[k - 1]!
    return JSON.parse(Buffer.from(bodies.bytes.buffer, bodies.bytes.byteOffset + start, bodies.ends[k]! - start).toString('utf8')) as string
  }

  async function finish(seq: number, file: BuilderFile | null): Promise<void> {
    try {
      const parts = index.parts()
      // Encoded before the lists move to main: the file is exactly the index main takes.
      const encoded = file ? encodeIndex(parts, stamps, file) : null
      const { counts, postings } = parts
      reply({ type: 'parts', seq, ids: parts.ids, vocabulary: parts.vocabulary.join('\n'), counts, postings }, [
        counts.buffer as ArrayBuffer,
        postings.buffer as ArrayBuffer,
      ])
      if (!file || !encoded) return
      await writeDurably(join(file.folder, INDEX_FILE), encoded.bytes)
      reply({ type: 'written', seq, bytes: encoded.bytes.length, header: encoded.header })
    } catch (error) {
      reply({ type: 'failed', seq, message: error instanceof Error ? error.message : String(error) })
    }
  }
}

/** Main's side: each call a promise of the worker's answer; a worker that fails or goes fails every call left. */
export class IndexBuilderClient {
  readonly #port: BuilderPort
  readonly #stop: () => void
  #seq = 0
  readonly #waiting = new Map<number, { resolve: (m: FromBuilder) => void; reject: (e: Error) => void }>()
  #failure: Error | null = null

  /** `stop` ends the worker (or closes the port). */
  constructor(port: BuilderPort, stop: () => void) {
    this.#port = port
    this.#stop = stop
    port.on('message', this.#receive)
  }

  /** The worker broke (an error, an exit): every call waiting, and every later one, fails with this. */
  fail(error: Error): void {
    if (this.#failure) return
    this.#failure = error
    for (const waiting of this.#waiting.values()) waiting.reject(error)
    this.#waiting.clear()
  }

  get failed(): boolean {
    return this.#failure !== null
  }

  /** `bodies` is moved to the worker (its buffer must be its own, not a view of a pool or a file). */
  async batch(add: BuilderNote[], remove: string[], bodies: BuilderBodies | null = null): Promise<void> {
    await this.#call({ type: 'batch', seq: 0, add, remove, bodies }, bodies ? [bodies.bytes.buffer as ArrayBuffer] : undefined)
  }

  async search(query: string, limit: number): Promise<TextHit[]> {
    const answer = await this.#call({ type: 'search', seq: 0, query, limit })
    return answer.type === 'hits' ? answer.hits : []
  }

  /**
   * The finished index, and, when `file` is given, a promise of its file written (durably, by the worker).
   * The worker's lists are moved into main, not copied.
   */
  async finish(
    file: BuilderFile | null,
  ): Promise<{ parts: TextIndexParts; written: Promise<{ bytes: number; header: IndexHeader }> | null }> {
    const seq = ++this.#seq
    const written = file ? this.#answer(seq + 0.5) : null
    // Not left unhandled when the caller never looks (a test without a file, or main closing).
    written?.catch(() => undefined)
    const answer = await this.#send({ type: 'finish', seq, file }, seq)
    if (answer.type !== 'parts') throw new Error('the index builder did not give its index back')
    const parts: TextIndexParts = {
      ids: answer.ids,
      vocabulary: answer.vocabulary === '' ? [] : answer.vocabulary.split('\n'),
      counts: answer.counts,
      postings: answer.postings,
    }
    return {
      parts,
      written: written
        ? written.then((m) => {
            if (m.type !== 'written') throw new Error('the index builder did not write the file')
            return { bytes: m.bytes, header: m.header }
          })
        : null,
    }
  }

  /** Ends the worker; whatever is waiting fails. */
  stop(): void {
    this.#port.off('message', this.#receive)
    this.fail(new Error('the index builder was stopped'))
    this.#stop()
  }

  #call(message: ToBuilder, transfer?: ArrayBuffer[]): Promise<FromBuilder> {
    const seq = ++this.#seq
    return this.#send({ ...message, seq }, seq, transfer)
  }

  #send(message: ToBuilder, seq: number, transfer?: ArrayBuffer[]): Promise<FromBuilder> {
    const answer = this.#answer(seq)
    if (!this.#failure) this.#port.postMessage(message, transfer)
    return answer
  }

  #answer(seq: number): Promise<FromBuilder> {
    if (this.#failure) return Promise.reject(this.#failure)
    return new Promise((resolve, reject) => this.#waiting.set(seq, { resolve, reject }))
  }

  readonly #receive = (message: FromBuilder): void => {
    if (message.type === 'failed') {
      // Before the index came back, the finish failed (and its file with it); after, only the file.
      for (const key of [message.seq, message.seq + 0.5]) {
        const waiting = this.#waiting.get(key)
        this.#waiting.delete(key)
        waiting?.reject(new Error(message.message))
      }
      return
    }
    // The file's answer to a finish is keyed half a step after it (one request, two answers).
    const key = message.type === 'written' ? message.seq + 0.5 : message.seq
    const waiting = this.#waiting.get(key)
    this.#waiting.delete(key)
    waiting?.resolve(message)
  }
}

/** Builders in worker threads started from the built worker file (out/main/note-index-worker.js). */
export function workerBuilder(path: string): () => IndexBuilderClient {
  return () => {
    const worker = new Worker(path)
    const client = new IndexBuilderClient(worker as unknown as BuilderPort, () => void worker.terminate())
    // A file that is not there, or a worker that throws or ends, is a builder given up: main builds instead.
    worker.on('error', (error) => client.fail(error))
    worker.on('exit', (code) => client.fail(new Error(`the note index builder stopped (exit code ${code})`)))
    return client
  }
}

/** A builder in this thread, over a MessageChannel: the same messages, copies and moves as with a worker (tests). */
export function inThreadBuilder(): IndexBuilderClient {
  const { port1, port2 } = new MessageChannel()
  serveIndexBuilder(port2 as unknown as BuilderPort)
  return new IndexBuilderClient(port1 as unknown as BuilderPort, () => {
    port1.close()
    port2.close()
  })
}
