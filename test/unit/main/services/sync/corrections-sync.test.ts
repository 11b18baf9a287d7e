/**
 * The user's corrections through the personal sync folder, with real stores in real temp folders (as the notes'
 * tests in sync-service.test.ts): made on one device, they reach the others; withdrawn on one, they go everywhere
 * and no older file brings them back; they never reach the team folder.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeDeviceFile, devicesFolder, encodeDeviceFile } from '../../../../../src/main/services/sync/folder-format'
import { UserService } from '../../../../../src/main/services/user-service'
import { STORE_FILE } from '../../../../../src/main/store/snapshot'
import type { Correction } from '../../../../../src/shared/domain'
import { aNote, deviceId, minute, noteId } from '../../../../support/notes'
import { useTempDirs } from '../../../../support/temp-dir'
import { cecop, settle, useDevices, type Device } from './devices'

const tempDir = useTempDirs()
const { device } = useDevices(tempDir)

const user = (d: Device) => new UserService(d.store, () => true)
const correct = (d: Device, correction = 'It was founded in 1979.') =>
  user(d).addCorrection({ target: cecop, fact: 'Founded', kind: 'wrong', correction, source: 'https://example.org' })
const corrections = (d: Device) => [...d.store.corrections.values()].sort((a, b) => a.id.localeCompare(b.id))
const withdrawn = (d: Device) => [...d.store.correctionTombstones.keys()].sort()

async function sharing(count: number): Promise<{ folder: string; devices: Device[] }> {
  const folder = await tempDir()
  const devices: Device[] = []
  for (let i = 0; i < count; i++) {
    const d = await device()
    await d.sync.setFolder(folder)
    devices.push(d)
  }
  return { folder, devices }
}

const fileOf = async (folder: string, d: Device) => {
  const reading = decodeDeviceFile(await readFile(join(devicesFolder(folder), `${d.store.device.id}.json`)))
  if (reading.kind !== 'ok') throw new Error(`unreadable: ${JSON.stringify(reading)}`)
  return reading.file
}

describe("the user's corrections through the sync folder", () => {
  it('takes a correction made on one device to the others, as it was made; an exchange that brought only it says so', async () => {
    const {
      folder,
      devices: [a, b, c],
    } = await sharing(3)
    const made = await correct(a!)
    await a!.exchange()
    const status = await b!.exchange()
    expect(corrections(b!)).toEqual([made])
    // Only a correction came: still a change of what this device holds (open views read it again).
    expect(status.notesChanged).toEqual(expect.any(String))
    await settle([a!, b!, c!])
    for (const d of [a!, b!, c!]) expect(corrections(d)).toEqual([made])
    expect((await fileOf(folder, a!)).replica.corrections).toEqual([made])
  })

  it('withdrawn on one device, it is gone on every other, and no older file brings it back', async () => {
    const {
      folder,
      devices: [a, b, c],
    } = await sharing(3)
    const made = await correct(a!)
    const kept = await correct(a!, 'It has 12 members, not 10.')
    await a!.exchange()
    await settle([a!, b!, c!])
    const aPath = join(devicesFolder(folder), `${a!.store.device.id}.json`)
    const aOld = await readFile(aPath) // A's file holding the correction
    await c!.close() // C goes offline holding it
    await user(b!).deleteCorrection(made.id)
    await b!.exchange()
    await settle([a!, b!])
    for (const d of [a!, b!]) {
      expect(corrections(d)).toEqual([kept])
      expect(withdrawn(d)).toEqual([made.id])
    }
    // A sync tool brings back A's older file (it held the correction): B reads it, and takes nothing from it.
    await writeFile(aPath, aOld)
    expect((await b!.exchange()).state).toBe('ok')
    expect(corrections(b!)).toEqual([kept])
    // C comes back, its file still holding the correction: it learns of the withdrawal, and brings nothing back.
    const back = await device({ dir: c!.dir })
    expect(corrections(back)).toEqual([kept, made].sort((x, y) => x.id.localeCompare(y.id)))
    await settle([back, a!, b!])
    for (const d of [a!, b!, back]) {
      expect(corrections(d)).toEqual([kept])
      expect(withdrawn(d)).toEqual([made.id])
    }
    expect((await fileOf(folder, back)).replica.correctionTombstones).toEqual([
      { id: made.id, deleted: b!.store.correctionTombstones.get(made.id)!.deleted },
    ])
  })

  it('never writes a correction to the team folder, nor takes one (or a withdrawal) from it', async () => {
    const mine = await tempDir()
    const team = await tempDir()
    const ana = await device()
    const ben = await device()
    await ana.sync.setFolder(mine)
    await ana.sync.setTeamFolder(team)
    await ben.sync.setTeamFolder(team)
    const made = await correct(ana)
    await ana.notes.setShared((await ana.notes.create(cecop, 'for the team')).id, true)
    await ana.exchange()
    const teamFile = await fileOf(team, ana)
    expect(teamFile.replica.notes.map((n) => n.body)).toEqual(['for the team'])
    expect(teamFile.replica).not.toHaveProperty('corrections')
    expect(teamFile.replica).not.toHaveProperty('correctionTombstones')
    expect((await fileOf(mine, ana)).replica.corrections).toEqual([made])
    await ben.exchange()
    expect(corrections(ben)).toEqual([])
    // A colleague's file that carries a correction, and the withdrawal of Ana's: passed over.
    const forged: Correction = { ...made, id: noteId(77), correction: 'planted' }
    const body = JSON.stringify({
      notes: [],
      tombstones: [],
      corrections: [forged],
      correctionTombstones: [{ id: made.id, deleted: minute(30) }],
    })
    await writeFile(
      join(devicesFolder(team), `${deviceId(9)}.json`),
      encodeDeviceFile({ id: deviceId(9), name: 'Mallory' }, body, new Date()).bytes,
    )
    expect(await ana.exchange()).toMatchObject({ team: { state: 'ok', devices: 2 } })
    expect(corrections(ana)).toEqual([made])
    expect(withdrawn(ana)).toEqual([])
  })

  it('reads a file written before corrections travelled (no corrections in it), and takes its notes', async () => {
    const { folder, devices } = await sharing(1)
    const a = devices[0]!
    const made = await correct(a)
    const note = aNote(5, 'from an older engine', { versions: { [deviceId(3)]: 1 } })
    const body = JSON.stringify({ notes: [note], tombstones: [] })
    await writeFile(
      join(devicesFolder(folder), `${deviceId(3)}.json`),
      encodeDeviceFile({ id: deviceId(3), name: 'old' }, body, new Date()).bytes,
    )
    expect(await a.exchange()).toMatchObject({ state: 'ok', devices: 1, skipped: 0 })
    expect(a.all().get(note.id)?.body).toBe('from an older engine')
    expect(corrections(a)).toEqual([made])
  })

  it('sends, at its first exchange, the corrections a store from before (version 6) held', async () => {
    const { folder, devices } = await sharing(1)
    const b = devices[0]!
    const dir = await tempDir()
    const old: Correction = {
      id: noteId(60),
      target: cecop,
      fact: 'Members',
      kind: 'outdated',
      correction: 'About 40 now.',
      source: '',
      created: minute(3),
    }
    await writeFile(
      join(dir, STORE_FILE),
      JSON.stringify({
        schemaVersion: 6,
        device: { id: deviceId(6), name: 'older' },
        notes: [],
        tombstones: [],
        corrections: [old],
        favourites: [],
        settings: { language: null, theme: 'system', textSize: 'medium', lastRoute: null },
        sync: { folder, teamFolder: null },
      }),
    )
    const a = await device({ dir })
    expect(corrections(a)).toEqual([old])
    await a.exchange()
    await b.exchange()
    expect(corrections(b)).toEqual([old])
  })

  // sync-service.ts's store listener counts 'put-correction' and 'delete-correction' among the changes to send.
  it('writes a correction made or withdrawn here at the next exchange, as a note change', async () => {
    const {
      devices: [a, b],
    } = await sharing(2)
    const made = await correct(a!)
    await a!.exchange()
    await b!.exchange()
    expect(corrections(b!)).toEqual([made])
    await user(b!).deleteCorrection(made.id)
    await b!.exchange()
    await a!.exchange()
    expect(corrections(a!)).toEqual([])
  })
})
