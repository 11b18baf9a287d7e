/** Reads the run's generated data (see sections/generate.ts). */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Note } from '../../src/shared/domain'
import type { GeneratedOrganisation } from './gen'

export async function readGenerated(folder: string): Promise<{ organisations: GeneratedOrganisation[]; notes: Note[] }> {
  const [organisations, notes] = await Promise.all([
    readFile(join(folder, 'organisations.json'), 'utf8').then((t) => JSON.parse(t) as GeneratedOrganisation[]),
    readFile(join(folder, 'notes.json'), 'utf8').then((t) => JSON.parse(t) as Note[]),
  ])
  return { organisations, notes }
}
