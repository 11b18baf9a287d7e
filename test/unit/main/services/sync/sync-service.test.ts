/**
 * Synchronisation through a shared folder, with real stores in real temp folders: two or three devices share one
 * folder (as a sync tool would make them), each exchanging when told (or by its own timers, where that is tested).
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeDeviceFile, devicesFolder, encodeDeviceFile } from '../../../../../src/main/services/sync/folder-format'
import { recordKey, WRITTEN_RECORD_FILE, WrittenRecord } from '../../../../../src/main/services/sync/written-record'
import { SyncChannel } from '../../../../../src/main/services/sync/channel'
import { inThreadReader, readHere } from '../../../../../src/main/services/sync/device-file-reader'
import { UserStore } from '../../../../../src/main/store/user-store'
import { aNote } from '../../../../support/notes'
import { storeBytes } from '../../../../support/store-files'
import { useTempDirs } from '../../../../support/temp-dir'
import { cecop, picture, settle, useDevices, type Device } from './devices'

const tempDir = useTempDirs()
const { device } = useDevices(tempDir)

/** Two or three devices sharing one sync folder. */
async function sharing(count: number, options: Parameters<typeof device>[0] = {}): Promise<{ folder: string; devices: Device[] }> {
  const folder = await tempDir()
  const devices: Device[] = []
  for (let i = 0; i < count; i++) {
    const d = await device(options)
    await d.sync.setFolder(folder)
    devices.push(d)
  }
  return { folder, devices }
}

const bodies = (d: Device) => [...d.all().values()].map((n) => n.body).sort()
const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('exchanging notes through a sync folder', () => {
  it('takes a note written on one device to the other, with its tags, version and author', async () => {
    const {
      folder,
      devices: [a, b],
    } = await sharing(2)
    const note = await a!.notes.create(cecop, 'Met the board', ['board'])
    await a!.exchange()
    const status = await b!.exchange()
    expect(b!.all().get(note.id)).toEqual(note)
    expect(note.author).toEqual({ device: a!.store.device.id, name: a!.store.device.name })
    expect(status).toMatchObject({ state: 'ok', folder, devices: 1, problem: null, skipped: 0, lastExchange: expect.any(String) })
    expect(status.device).toEqual(b!.store.device)
    // Each device writes only its own file, and no temporary file is left.
    expect((await readdir(devicesFolder(folder))).sort()).toEqual([`${a!.store.device.id}.json`, `${b!.store.device.id}.json`].sort())
    const { note: edited } = await b!.notes.update(note.id, { body: 'Met the board, again' }, note.versions)
    await settle([a!, b!])
    expect(a!.all().get(note.id)).toEqual(edited)
    expect(picture(a!)).toEqual(picture(b!))
  })

  it('keeps both texts of a note edited on two devices at once: one conflict copy, the same on both, however often they exchange', async () => {
    const {
      devices: [a, b, c],
    } = await sharing(3)
    const note = await a!.notes.create(cecop, 'original')
    await settle([a!, b!, c!])
    await a!.notes.update(note.id, { body: 'edited on A' }, note.versions)
    await b!.notes.update(note.id, { body: 'edited on B' }, note.versions)
    await settle([a!, b!, c!])
    for (const d of [a!, b!, c!]) {
      expect(bodies(d)).toEqual(['edited on A', 'edited on B'])
      const copy = [...d.all().values()].find((n) => n.conflictOf !== null)
      expect(copy?.conflictOf).toBe(note.id)
    }
    expect(picture(a!)).toEqual(picture(b!))
    expect(picture(b!)).toEqual(picture(c!))
    await settle([c!, b!, a!], 3)
    expect(a!.all().size).toBe(2)
    // A third concurrent edit, and the conflict met again from another side: still one copy per text.
    const [kept] = [...c!.all().values()].filter((n) => n.id === note.id)
    await c!.notes.update(note.id, { body: 'edited on C' }, kept!.versions)
    await a!.notes.update(note.id, { body: 'edited on A again' }, kept!.versions)
    await settle([a!, b!, c!])
    const firstCopy = kept!.body === 'edited on A' ? 'edited on B' : 'edited on A'
    for (const d of [a!, b!, c!]) expect(bodies(d)).toEqual([firstCopy, 'edited on A again', 'edited on C'].sort())
    expect(picture(a!)).toEqual(picture(c!))
  })

  it('takes trash and restore to the other device', async () => {
    const {
      devices: [a, b],
    } = await sharing(2)
    const note = await a!.notes.create(cecop, 'trash me')
    await settle([a!, b!])
    const trashed = await b!.notes.trash(note.id)
    await settle([a!, b!])
    expect(a!.all().get(note.id)?.trashed).toBe(trashed.trashed)
    await a!.notes.restore(note.id)
    await settle([a!, b!])
    expect(b!.all().get(note.id)?.trashed).toBeNull()
    expect(picture(a!)).toEqual(picture(b!))
  })

  it('deletes for good on every device a note emptied from the trash, but an edit the deletion had not seen brings it back', async () => {
    const {
      devices: [a, b],
    } = await sharing(2)
    const gone = await a!.notes.create(cecop, 'delete me')
    const disputed = await a!.notes.create(cecop, 'delete me too')
    await settle([a!, b!])
    await a!.notes.trash(gone.id)
    await a!.notes.trash(disputed.id)
    await a!.notes.emptyTrash()
    // Meanwhile, before hearing of it, B edits the second note.
    await b!.notes.update(disputed.id, { body: 'but I was still writing this' }, disputed.versions)
    expect(a!.store.tombstones.get(gone.id)).toMatchObject({ id: gone.id, versions: expect.any(Object), deleted: expect.any(String) })
    await settle([a!, b!])
    for (const d of [a!, b!]) {
      expect(d.all().has(gone.id)).toBe(false)
      expect(d.all().get(disputed.id)?.body).toBe('but I was still writing this')
    }
    expect(picture(a!)).toEqual(picture(b!))
  })

  it('brings nothing back after a device empties its trash and another still holds the old version in its file', async () => {
    const {
      devices: [a, b, c],
    } = await sharing(3)
    const note = await a!.notes.create(cecop, 'old')
    await settle([a!, b!, c!])
    await c!.close() // C goes offline holding the note
    await a!.notes.trash(note.id)
    await a!.notes.emptyTrash()
    await settle([a!, b!])
    expect(b!.all().has(note.id)).toBe(false)
    const back = await device({ dir: c!.dir })
    await settle([back, a!, b!])
    for (const d of [a!, b!, back]) expect(d.all().has(note.id)).toBe(false)
  })
})

describe('what goes wrong with a sync folder: a clear problem, and nothing changed here', () => {
  it('a folder that disappears (an unmounted drive): folder-missing, and the store untouched; back again, it goes on', async () => {
    const {
      folder,
      devices: [a],
    } = await sharing(1)
    await a!.notes.create(cecop, 'kept here')
    await a!.exchange()
    await rm(folder, { recursive: true })
    const before = await storeBytes(a!.dir)
    const notes = picture(a!)
    const status = await a!.exchange()
    expect(status).toMatchObject({ state: 'problem', problem: { code: 'folder-missing', message: expect.stringContaining(folder) } })
    expect(picture(a!)).toEqual(notes)
    expect(await storeBytes(a!.dir)).toBe(before)
    // Never made again here: on an unmounted drive that would write to the mount point.
    await expect(readdir(folder)).rejects.toThrow()
    // Back (empty, here): this device's file is written again, and it goes on.
    await mkdir(folder)
    expect(await a!.exchange()).toMatchObject({ state: 'ok', problem: { code: 'folder-emptied' } })
    expect(await a!.exchange()).toMatchObject({ state: 'ok', problem: null })
    expect(picture(a!)).toEqual(notes)
  })

  it('a folder emptied: says so, writes this device file again, deletes nothing here', async () => {
    const {
      folder,
      devices: [a, b],
    } = await sharing(2)
    await a!.notes.create(cecop, 'one')
    await settle([a!, b!])
    await rm(join(folder, 'coop-atlas-sync'), { recursive: true })
    const status = await a!.exchange()
    expect(status).toMatchObject({ state: 'ok', problem: { code: 'folder-emptied' } })
    expect(bodies(a!)).toEqual(['one'])
    expect(await readdir(devicesFolder(folder))).toEqual([`${a!.store.device.id}.json`])
    expect((await a!.exchange()).problem).toBeNull()
    expect((await b!.exchange()).problem).toMatchObject({ code: 'folder-emptied' })
    expect(bodies(b!)).toEqual(['one'])
  })

  it('a crash between recording the first writing and making it: not taken for an emptied folder; a record from before confirmations: as written', async () => {
    const folder = await tempDir()
    const a = await device()
    const key = recordKey(devicesFolder(folder), a.store.device.id)
    // As a crash leaves it: the writing recorded, its file never made.
    await (await WrittenRecord.open(a.dir)).add(key, 'a'.repeat(64))
    expect(await a.sync.setFolder(folder)).toMatchObject({ state: 'ok', problem: null })
    // A record written before confirmations were kept: every folder in it counts as written to.
    const b = await device()
    const bKey = recordKey(devicesFolder(folder), b.store.device.id)
    await writeFile(join(b.dir, WRITTEN_RECORD_FILE), JSON.stringify({ format: 1, written: { [bKey]: ['b'.repeat(64)] } }))
    expect(await b.sync.setFolder(folder)).toMatchObject({ state: 'ok', problem: { code: 'folder-emptied' } })
    expect((await b.exchange()).problem).toBeNull()
  })

  it('a crash between making the file and confirming it: confirmed when the file is next read, so an emptied folder is still told', async () => {
    const folder = await tempDir()
    const a = await device()
    await a.notes.create(cecop, 'one')
    await a.sync.setFolder(folder)
    // As a crash after the file was made and before it was confirmed leaves it: a record that never confirmed it.
    const recordPath = join(a.dir, WRITTEN_RECORD_FILE)
    const record = JSON.parse(await readFile(recordPath, 'utf8')) as { confirmed: string[] }
    await a.sync.close()
    await writeFile(recordPath, JSON.stringify({ ...record, confirmed: [] }))
    const again = await device({ dir: a.dir })
    expect(await again.exchange()).toMatchObject({ state: 'ok', problem: null })
    await rm(join(folder, 'coop-atlas-sync'), { recursive: true })
    expect(await again.exchange()).toMatchObject({ state: 'ok', problem: { code: 'folder-emptied' } })
  })

  it('this device’s file there but unreadable (damaged): written again, not taken for an emptied folder', async () => {
    const folder = await tempDir()
    const a = await device()
    await a.notes.create(cecop, 'one')
    await a.sync.setFolder(folder)
    const own = join(devicesFolder(folder), `${a.store.device.id}.json`)
    await writeFile(own, (await readFile(own)).subarray(0, 100))
    expect(await a.exchange()).toMatchObject({ state: 'ok', problem: null })
    expect(decodeDeviceFile(await readFile(own))).toMatchObject({ kind: 'ok' })
  })

  it('an older writing of this device’s own file brought back (a sync tool’s restore): written again at the next exchange', async () => {
    const {
      folder,
      devices: [a, b],
    } = await sharing(2)
    await a!.notes.create(cecop, 'one')
    await a!.exchange()
    const own = join(devicesFolder(folder), `${a!.store.device.id}.json`)
    const older = await readFile(own)
    await a!.notes.create(cecop, 'two')
    await a!.exchange()
    await writeFile(own, older)
    // Nothing changed here since: still, the file must hold 'two' again, or the other devices never get it.
    await a!.exchange()
    await b!.exchange()
    expect(bodies(b!)).toEqual(['one', 'two'])
  })

  it('a file from a newer Coop Atlas: newer-format, nothing exchanged, nothing changed', async () => {
    const {
      folder,
      devices: [a, b],
    } = await sharing(2)
    await b!.notes.create(cecop, 'from B')
    await b!.exchange()
    await a!.notes.create(cecop, 'from A')
    const newer = join(devicesFolder(folder), '00000000-0000-4000-8000-00000000beef.json')
    await writeFile(newer, JSON.stringify({ format: 2, app: 'coop-atlas', device: { id: 'x', name: 'future' }, whatever: true }))
    const before = await storeBytes(a!.dir)
    const status = await a!.exchange()
    expect(status).toMatchObject({
      state: 'problem',
      problem: { code: 'newer-format', message: expect.stringMatching(/newer Coop Atlas/) },
    })
    expect(bodies(a!)).toEqual(['from A'])
    expect(await storeBytes(a!.dir)).toBe(before)
    await rm(newer)
    expect(await a!.exchange()).toMatchObject({ state: 'ok' })
    expect(bodies(a!)).toEqual(['from A', 'from B'])
  })

  it('a half-copied file of another device is read later, never in part', async () => {
    const {
      folder,
      devices: [a, b],
    } = await sharing(2)
    await b!.notes.create(cecop, 'first')
    await b!.notes.create(cecop, 'second')
    await b!.exchange()
    const path = join(devicesFolder(folder), `${b!.store.device.id}.json`)
    const whole = await readFile(path)
    await b!.close() // B writes no more
    await writeFile(path, whole.subarray(0, Math.floor(whole.length * 0.6)))
    const status = await a!.exchange()
    expect(status).toMatchObject({ state: 'ok', skipped: 1, devices: 0 })
    expect(a!.all().size).toBe(0)
    await writeFile(path, whole)
    expect(await a!.exchange()).toMatchObject({ skipped: 0, devices: 1 })
    expect(bodies(a!)).toEqual(['first', 'second'])
  })

  it('a copied installation (same device id) is found: syncing stops, nothing changes, until this device is made new', async () => {
    const {
      folder,
      devices: [a],
    } = await sharing(1)
    await a!.notes.create(cecop, 'before the copy')
    await a!.exchange()
    // The data folder copied to another machine (or another user account), sync folder and all.
    const copyDir = await tempDir()
    await a!.store.compact()
    await cp(a!.dir, copyDir, { recursive: true })
    await rm(join(copyDir, 'coop-atlas.lock'), { force: true })
    const copy = await device({ dir: copyDir })
    expect(copy.store.device.id).toBe(a!.store.device.id)
    await copy.notes.create(cecop, 'written on the copy')
    await copy.exchange()
    const before = await storeBytes(a!.dir)
    const status = await a!.exchange()
    expect(status).toMatchObject({ state: 'problem', problem: { code: 'same-device-id', message: expect.stringMatching(/copied/) } })
    expect(bodies(a!)).toEqual(['before the copy'])
    expect(await storeBytes(a!.dir)).toBe(before)
    // It stays stopped (it does not write over the copy's file) until asked.
    expect((await a!.exchange()).problem?.code).toBe('same-device-id')
    const oldId = a!.store.device.id
    const renewed = await a!.sync.newDeviceId()
    expect(renewed.device.id).not.toBe(oldId)
    expect(renewed).toMatchObject({ state: 'ok', problem: null, devices: 1 })
    expect(bodies(a!)).toEqual(['before the copy', 'written on the copy'])
    expect(await readdir(devicesFolder(folder))).toHaveLength(2)
  })
})

describe('the shared notebook (team folder)', () => {
  it('sends shared notes only, with their author, and takes colleagues’ shared notes; leaving keeps them', async () => {
    const mine = await tempDir()
    const team = await tempDir()
    const ana = await device()
    const ben = await device()
    await ana.sync.setFolder(mine)
    await ana.sync.setTeamFolder(team)
    await ben.sync.setTeamFolder(team)
    const personal = await ana.notes.create(cecop, 'my own thoughts')
    const shared = await ana.notes.setShared((await ana.notes.create(cecop, 'for the team')).id, true)
    expect(shared).toMatchObject({ shared: true, versions: { [ana.store.device.id]: 2 } })
    const status = await ana.exchange()
    expect(status.team).toMatchObject({ state: 'ok', folder: team })
    // The team folder holds Ana's shared note only.
    const file = decodeDeviceFile(await readFile(join(devicesFolder(team), `${ana.store.device.id}.json`)))
    expect(file.kind === 'ok' && file.file.replica.notes.map((n) => n.body)).toEqual(['for the team'])
    await ben.exchange()
    expect(bodies(ben)).toEqual(['for the team'])
    expect(ben.all().get(shared.id)?.author).toEqual({ device: ana.store.device.id, name: ana.store.device.name })
    // Ben answers in it; Ana gets the edit with Ben as its author.
    const { note: answered } = await ben.notes.update(shared.id, { body: 'for the team — agreed' }, shared.versions)
    await settle([ben, ana])
    expect(ana.all().get(shared.id)).toEqual(answered)
    expect(answered.author?.device).toBe(ben.store.device.id)
    expect(ben.all().has(personal.id)).toBe(false)
    // Ben leaves the team folder: what he has stays.
    expect(await ben.sync.setTeamFolder(null)).toMatchObject({ team: { state: 'off', folder: null } })
    expect(bodies(ben)).toEqual(['for the team — agreed'])
  })

  it('passes what the team wrote on to this person’s other devices in the same exchange', async () => {
    const mine = await tempDir()
    const team = await tempDir()
    const laptop = await device()
    const desktop = await device()
    const ben = await device()
    await laptop.sync.setFolder(mine)
    await laptop.sync.setTeamFolder(team)
    await desktop.sync.setFolder(mine)
    await ben.sync.setTeamFolder(team)
    const note = await ben.notes.setShared((await ben.notes.create(cecop, 'from Ben')).id, true)
    await ben.exchange()
    await laptop.exchange()
    await desktop.exchange()
    expect(desktop.all().get(note.id)).toEqual(note)
  })

  it('never lets a colleague’s file change a personal note, whatever id it names', async () => {
    const team = await tempDir()
    const ana = await device()
    const mallory = await device()
    await ana.sync.setTeamFolder(team)
    const personal = await ana.notes.create(cecop, 'private')
    // A colleague's file that claims a later version of Ana's personal note, marked shared.
    const forged = { ...personal, body: 'overwritten', shared: true, versions: { ...personal.versions, [mallory.store.device.id]: 1 } }
    const body = JSON.stringify({
      notes: [forged],
      tombstones: [{ id: personal.id, versions: forged.versions, deleted: personal.created, shared: true }],
    })
    await writeFile(
      join(devicesFolder(team), `${mallory.store.device.id}.json`),
      encodeDeviceFile(mallory.store.device, body, new Date()).bytes,
    )
    expect(await ana.exchange()).toMatchObject({ team: { state: 'ok', devices: 1 } })
    expect(ana.all().get(personal.id)?.body).toBe('private')
  })
})

describe('choosing folders', () => {
  it.each([
    ['a relative path', () => 'Sync', 'invalid-input', /full path/],
    ['a folder that does not exist', async () => join(await tempDir(), 'nope'), 'not-found', /no folder/],
    ['a file', async () => join(await tempDir(), 'file.txt'), 'invalid-input', /is a file/],
    ['the root of the drive', () => '/', 'invalid-input', /whole drive/],
  ])('refuses %s, and changes nothing', async (_label, given, code, message) => {
    const d = await device()
    const path = await given()
    if (path.endsWith('file.txt')) await writeFile(path, 'x')
    const before = await storeBytes(d.dir)
    await expect(d.sync.setFolder(path)).rejects.toMatchObject({ code, message: expect.stringMatching(message) })
    expect(await storeBytes(d.dir)).toBe(before)
    expect(d.sync.status()).toMatchObject({ state: 'off', folder: null })
  })

  it('refuses the data folder, a folder inside it or around it, and the team folder inside the sync folder', async () => {
    const d = await device()
    const inside = join(d.dir, 'sub')
    await mkdir(inside)
    await expect(d.sync.setFolder(d.dir)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/own data folder/),
    })
    await expect(d.sync.setFolder(inside)).rejects.toMatchObject({ code: 'invalid-input' })
    const mine = await tempDir()
    await d.sync.setFolder(mine)
    await mkdir(join(mine, 'team'))
    await expect(d.sync.setTeamFolder(mine)).rejects.toMatchObject({ message: expect.stringMatching(/apart from the sync folder/) })
    await expect(d.sync.setTeamFolder(join(mine, 'team'))).rejects.toMatchObject({ code: 'invalid-input' })
    expect(d.store.sync).toEqual({ folder: mine, teamFolder: null })
  })

  it('keeps the folders across a restart, and exchanges at start', async () => {
    const folder = await tempDir()
    const a = await device()
    const b = await device()
    await a.sync.setFolder(folder)
    await b.sync.setFolder(folder)
    await b.notes.create(cecop, 'while A was closed')
    await b.exchange()
    const dir = a.dir
    await a.close()
    const again = await device({ dir })
    expect(again.store.sync.folder).toBe(folder)
    // The notes land before the exchange at start reports its end (the status says 'ok' from the start, with no
    // exchange yet): wait for both.
    await until(() => again.all().size === 1 && again.sync.status().lastExchange !== null)
    expect(again.sync.status()).toMatchObject({ state: 'ok', devices: 1 })
  })
})

describe('when it exchanges by itself', () => {
  it('a second after a save here, and when another device writes to the folder (watched)', async () => {
    const folder = await tempDir()
    const a = await device({ debounceMs: 30, watch: true, watchDelayMs: 30 })
    const b = await device({ debounceMs: 30, watch: true, watchDelayMs: 30 })
    await a.sync.setFolder(folder)
    await b.sync.setFolder(folder)
    const note = await a.notes.create(cecop, 'travels by itself')
    await until(() => b.all().has(note.id))
    const { note: edited } = await b.notes.update(note.id, { body: 'and back' }, note.versions)
    await until(() => a.all().get(note.id)?.body === edited.body)
  })

  it('by polling, where no watcher sees the change (a network share)', async () => {
    const folder = await tempDir()
    const a = await device()
    const b = await device({ pollMs: 40 })
    await a.sync.setFolder(folder)
    await b.sync.setFolder(folder)
    await a.notes.create(cecop, 'found by polling')
    await a.exchange()
    await until(() => b.all().size === 1)
  })
})

describe('leaving a folder while an exchange with it runs', () => {
  it('writes nothing into it, even when it is left while this device’s writing is being recorded', async () => {
    const folder = await tempDir()
    const store = await UserStore.open(await tempDir())
    await store.apply({ op: 'put-note', note: aNote(1, 'one') })
    const record = await WrittenRecord.open(store.folder)
    let release: () => void = () => undefined
    let recording: () => void = () => undefined
    const asked = new Promise<void>((resolve) => (recording = resolve))
    const held = new Promise<void>((resolve) => (release = resolve))
    const add = record.add.bind(record)
    record.add = async (key, digest) => {
      recording()
      await held
      return add(key, digest)
    }
    const channel = new SyncChannel('personal', folder)
    const exchanging = channel.exchange({ store, record, now: () => new Date(), read: inThreadReader().read })
    await asked
    channel.setFolder(null)
    release()
    await exchanging
    expect(await readdir(devicesFolder(folder))).toEqual([])
    expect(channel.status).toMatchObject({ state: 'off', problem: null })
    await store.close()
  })

  it('stops that exchange where it is: nothing more is merged from the folder, nor written back into it', async () => {
    const folder = await tempDir()
    const a = await device()
    await a.sync.setFolder(folder)
    await a.notes.create(cecop, 'Written on a')
    await a.exchange()
    // b reads a's file through a reader held until the folder is left.
    let release: () => void = () => undefined
    let reading: () => void = () => undefined
    const asked = new Promise<void>((resolve) => (reading = resolve))
    const held = new Promise<void>((resolve) => (release = resolve))
    // What reading takes is readied as each exchange begins, before its folder is listed and its first read.
    const calls: string[] = []
    const reader = {
      read: async (path: string) => {
        calls.push('read')
        reading()
        await held
        return readHere(path)
      },
      prepare: () => void calls.push('prepare'),
      close: () => undefined,
    }
    const b = await device({ reader })
    const bFile = join(devicesFolder(folder), `${b.store.device.id}.json`)
    const exchanging = b.sync.setFolder(folder)
    await asked
    expect(calls).toEqual(['prepare', 'read'])
    const leaving = b.sync.setFolder(null)
    await until(() => b.sync.status().folder === null)
    release()
    await exchanging
    const status = await leaving
    expect(b.all().size).toBe(0)
    await expect(readFile(bFile)).rejects.toMatchObject({ code: 'ENOENT' })
    expect(status).toMatchObject({ state: 'off', folder: null, problem: null })
  })
})
