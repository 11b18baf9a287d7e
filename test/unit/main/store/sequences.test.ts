/**
 * Data safety proved with sequences, not single calls. An independent test found that a file accepted by one
 * call, then an ordinary edit, then a restart, lost every note — each call alone was fine. These replay that
 * sequence and its cousins through the real handler table and a real store on disk.
 */
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunningApp } from '../../../../src/main/app-context'
import { BACKUP_FOLDER } from '../../../../src/main/store/backups'
import { noticeInEnglish } from '../../../../src/main/store/notice-english'
import { STORE_FILE } from '../../../../src/main/store/snapshot'
import { encodeSnapshot } from '../../../../src/main/store/snapshot-format'
import { defaultSettings } from '../../../../src/main/store/schema'
import type { AppStatus, BackupInfo, ImportSummary, Note, RecoverySummary, SetAsideInfo } from '../../../../src/shared/domain'
import { aNote, minute, noteId } from '../../../support/notes'
import { useTestApps } from '../../../support/app'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()
const { start, stop } = useTestApps()
async function restart(dir: string, app: RunningApp) {
  await stop(app)
  return start(dir)
}
async function call<T>(app: RunningApp, name: string, input: unknown = {}): Promise<T> {
  const result = await app.dispatch(name, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.value as T
}
const cecop = { kind: 'organisation', id: 'cecop' } as const
const notesFile = (notes: unknown[]) => JSON.stringify({ format: 'coop-atlas-notes', version: 1, exported: minute(30), notes })
const bodies = async (app: RunningApp) => (await call<Note[]>(app, 'notes.listAll')).map((n) => n.body).sort()
/** An edit as the editor makes it: from the version it was shown. */
async function edit(app: RunningApp, id: string, body: string) {
  const note = (await call<Note[]>(app, 'notes.listAll')).find((n) => n.id === id)!
  return app.dispatch('notes.update', { id, base: note.versions, body })
}
const editOrFail = async (app: RunningApp, id: string, body: string) => {
  const result = await edit(app, id, body)
  if (!result.ok) throw new Error(`notes.update: ${result.error.message}`)
}

describe('the sequence that once lost every note', () => {
  it('an import with an extreme date, an edit, a restart: the extreme note is refused in the preview, nothing is lost', async () => {
    const dir = await tempDir()
    let app = await start(dir)
    await call(app, 'notes.create', { target: cecop, body: 'written before' })
    const file = notesFile([aNote(1, 'from the file'), aNote(2, 'from the end of time', { updated: '9999-12-31T23:59:59.999Z' })])
    const preview = await call<ImportSummary>(app, 'notes.importPreview', { text: file })
    expect(preview.refused).toEqual([
      { id: noteId(2), excerpt: 'from the end of time', code: 'rules', detail: expect.stringMatching(/^updated: /), path: 'updated' },
    ])
    await call(app, 'notes.importApply', { text: file })
    await editOrFail(app, noteId(1), 'from the file, edited')
    await call(app, 'notes.create', { target: cecop, body: 'written after' })
    app = await restart(dir, app)
    expect(await bodies(app)).toEqual(['from the file, edited', 'written after', 'written before'])
    expect((await call<{ storeNotice: string | null }>(app, 'app.status')).storeNotice).toBeNull()
  })

  it('a note dated late this millennium, edited until its date would pass the limit: the edit is refused, nothing is lost', async () => {
    const dir = await tempDir()
    let app = await start(dir)
    await call(app, 'notes.create', { target: cecop, body: 'an ordinary note' })
    // The store's own rules let it in (an older version's import did); tomorrow's import would not.
    await app.ctx.store.apply({ op: 'put-note', note: aNote(1, 'at the edge', { updated: '2999-12-31T23:59:59.999Z' }) })
    const refused = await edit(app, noteId(1), 'one more edit')
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not saved.*updated.*between the years 2000 and 2999.*Nothing was changed/) },
    })
    await call(app, 'notes.create', { target: cecop, body: 'written after' })
    app = await restart(dir, app)
    expect(await bodies(app)).toEqual(['an ordinary note', 'at the edge', 'written after'])
  })

  it('a store an older version wrote with one unreadable note: every other note stays, edits and restarts go on, the note can be brought back', async () => {
    const dir = await tempDir()
    /** Notes as version 3 kept them: no version, no conflict mark. */
    const older = (n: number, body: string) => {
      const { versions: _v, conflictOf: _c, ...rest } = aNote(n, body)
      return rest
    }
    const good = [older(1, 'one'), older(2, 'two'), older(3, 'three')]
    const unreadable = { ...older(4, 'dated with six digits'), updated: '+010000-01-01T00:00:00.000Z' }
    const oversized = older(5, 'x'.repeat(1024 * 1024 + 1))
    const doc = {
      schemaVersion: 3,
      notes: [...good, unreadable, oversized],
      corrections: [],
      favourites: ['cecop'],
      settings: defaultSettings(),
    }
    await writeFile(join(dir, STORE_FILE), encodeSnapshot(doc as unknown as Parameters<typeof encodeSnapshot>[0]))

    let app = await start(dir)
    const notice = noticeInEnglish((await call<AppStatus>(app, 'app.status')).storeNotice)
    expect(notice).toMatch(
      /1 record of your notes file could not be read and was left out; every other record was kept\. 1 note was mended/,
    )
    // The six-digit year cannot be read as a date: the note is kept, dated when it was mended.
    expect(await bodies(app)).toEqual(['dated with six digits', 'one', 'three', 'two'])
    await editOrFail(app, noteId(1), 'one, edited')
    app = await restart(dir, app)
    app = await restart(dir, app)
    expect(await bodies(app)).toEqual(['dated with six digits', 'one, edited', 'three', 'two'])
    expect(await call<string[]>(app, 'favourites.list')).toEqual(['cecop'])

    const [records] = await call<SetAsideInfo[]>(app, 'setAside.list')
    // The file as it was: its three good notes are here, the mended one is here as mended, the long one cannot come back.
    expect(records).toMatchObject({ kind: 'store', reason: 'partly-read', recoverableNotes: 0, unrecoverable: 1 })
    // What cannot be brought back can still be taken out whole.
    const exported = await call<{ content: string }>(app, 'setAside.export', { name: records!.name })
    expect(Buffer.from(exported.content, 'base64').toString('utf8')).toContain('x'.repeat(1000))
    const brought = await call<RecoverySummary>(app, 'setAside.restore', { name: records!.name })
    expect(brought).toMatchObject({ leftAside: 1, added: 0, updated: 0, conflicts: 0 }) // every note it holds is here, or edited since
  })

  it('a change log with one damaged line in the middle: every change around it is kept, and the line can be brought back', async () => {
    const dir = await tempDir()
    const line = (n: number) => JSON.stringify({ op: 'put-note', note: aNote(n, `change ${n}`) })
    // Something other than the app damaged the second of three acknowledged changes.
    await writeFile(join(dir, 'coop-atlas-changes.jsonl'), `${line(1)}\n${line(2).replace('"put-note"', '"put-nite"')}\n${line(3)}\n`)
    let app = await start(dir)
    const { storeNotice } = await call<AppStatus>(app, 'app.status')
    expect(storeNotice).toMatchObject([{ key: 'changes-set-aside', values: { count: 1, lines: '2' } }])
    expect(noticeInEnglish(storeNotice)).toMatch(
      /One recent change \(line 2 of the change log\) could not be read; every other change was kept\. The log was kept, untouched, as .+damaged-/,
    )
    expect(await bodies(app)).toEqual(['change 1', 'change 3'])
    await editOrFail(app, noteId(3), 'change 3, edited')
    app = await restart(dir, app)
    const [records] = await call<SetAsideInfo[]>(app, 'setAside.list')
    // The damaged line names an operation no version knows: it stays in the copy, exportable; the good lines are here.
    expect(records).toMatchObject({ kind: 'changes', recoverableNotes: 0, unrecoverable: 1 })
    expect(await bodies(app)).toEqual(['change 1', 'change 3, edited'])
  })
})

describe('backups after a recovery', () => {
  it('are never overwritten by the restored state: each one is kept and listed', async () => {
    const dir = await tempDir()
    let app = await start(dir)
    await call(app, 'notes.create', { target: cecop, body: 'in every backup' })
    app = await restart(dir, app)
    await call(app, 'notes.create', { target: cecop, body: 'only in today’s backup' })
    app = await restart(dir, app)
    await stop(app)
    const before = (await readdir(join(dir, BACKUP_FOLDER))).filter((n) => n.endsWith('.json'))
    await writeFile(join(dir, STORE_FILE), '{"damaged')
    app = await start(dir)
    const listed = await call<BackupInfo[]>(app, 'backups.list')
    for (const name of before) expect(listed.some((b) => b.name.endsWith(`/${name}`) && b.kind === 'kept')).toBe(true)
    const kept = listed.filter((b) => b.kind === 'kept')
    expect(Math.max(...kept.map((b) => b.notes ?? 0))).toBe(2)
    expect(await call<SetAsideInfo[]>(app, 'setAside.list')).toMatchObject([{ kind: 'store', reason: 'corrupt' }])
  })
})
