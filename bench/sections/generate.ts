/**
 * Generates the run's scale data once, for every section: 9,930 organisations (beside the pack's 70, 10,000 in all)
 * and 50,000 notes of ~300 words on them, deterministically (seeded), as JSON in the run's data folder.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadPack } from '../../src/main/content/load-pack'
import { notes, organisations } from '../lib/gen'
import { log, PACK_DIR, sectionArgs, writeResult } from '../lib/section'
import type { GenerateResult } from '../lib/results'
import { round } from '../lib/stats'

const { out, quick, rest } = sectionArgs()
const folder = rest[0]
if (!folder) throw new Error('usage: generate.mjs --out result.json DATA_FOLDER')
const pack = await loadPack(PACK_DIR)
const start = performance.now()
const orgCount = quick ? 1_000 : 10_000
const noteCount = quick ? 2_000 : 50_000
const orgs = organisations(orgCount - pack.organisations.length)
// Notes are about the pack's organisations and the generated ones alike (the saves use only the pack's: the app
// refuses a note on an organisation the pack does not have).
const generated = notes(noteCount, { targets: [...pack.organisations.map((o) => o.id), ...orgs.map((o) => o.id)] })
const words = generated.reduce((sum, n) => sum + n.body.split(/\s+/).length, 0)
await writeFile(join(folder, 'organisations.json'), JSON.stringify(orgs))
await writeFile(join(folder, 'notes.json'), JSON.stringify(generated))
const ms = performance.now() - start
log(`generated ${orgCount} organisations and ${noteCount} notes (~${Math.round(words / noteCount)} words each) in ${round(ms)} ms`)
writeResult(out, {
  organisations: orgCount,
  notes: noteCount,
  wordsPerNote: Math.round(words / noteCount),
  ms: round(ms),
} satisfies GenerateResult)
