// Builds the single content-pack file users open to update Coop Atlas offline:
//   node scripts/build-pack-file.mjs [out-folder]  →  coop-atlas-pack-<version>.json
// The app checks its format, its SHA-256, its schema and integrity, and that it is newer (src/main/content/pack-update.ts).
import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const folder = new URL('../resources/content/', import.meta.url)
const read = async (file) => JSON.parse(await readFile(new URL(file, folder), 'utf8'))
const header = await read('pack.json')
const pack = {
  ...header,
  sources: await read('sources.json'),
  organisations: await read('organisations.json'),
  relations: await read('relations.json'),
  events: await read('events.json'),
  cooperativeKinds: await read('cooperative-kinds.json'),
  strategicPlan: await read('strategic-plan.json'),
}
const text = JSON.stringify(pack)
const out = process.argv[2] ?? 'dist'
await mkdir(out, { recursive: true })
const path = join(out, `coop-atlas-pack-${header.packVersion}.json`)
await writeFile(path, JSON.stringify({ format: 'coop-atlas-pack', sha256: createHash('sha256').update(text, 'utf8').digest('hex'), pack }))
console.log(`Wrote ${path}`)
