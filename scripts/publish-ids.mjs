#!/usr/bin/env node
/**
 * Adds every id of the reference pack (organisations, events, sources, cooperative kinds, the strategic plan
 * and its pillars, challenges and commitments) to resources/content/published-ids.json.
 * Ids are only ever added: an id that leaves the pack must get a redirect in pack.json instead.
 *
 *   node scripts/publish-ids.mjs            update the file
 *   node scripts/publish-ids.mjs --check    exit 1 if the file lacks ids of the pack (for CI)
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'content')
const read = (file) => JSON.parse(readFileSync(join(folder, file), 'utf8'))
const outFile = join(folder, 'published-ids.json')

const plan = read('strategic-plan.json')
const packIds = [
  ...read('organisations.json').map((o) => o.id),
  ...read('events.json').map((e) => e.id),
  ...read('sources.json').map((s) => s.id),
  ...read('cooperative-kinds.json').map((k) => k.id),
  plan.id,
  ...plan.pillars.map((p) => p.id),
  ...plan.challenges.map((c) => c.id),
  ...plan.commitments.map((c) => c.id),
]

const published = existsSync(outFile) ? JSON.parse(readFileSync(outFile, 'utf8')) : []
const missing = [...new Set(packIds)].filter((id) => !published.includes(id))

if (process.argv.includes('--check')) {
  if (missing.length > 0) {
    console.error(`published-ids.json lacks ${missing.length} id(s): ${missing.join(', ')}\nRun: node scripts/publish-ids.mjs`)
    process.exit(1)
  }
  console.log('published-ids.json is up to date.')
} else {
  const all = [...new Set([...published, ...packIds])].sort()
  writeFileSync(outFile, JSON.stringify(all, null, 2) + '\n')
  console.log(`published-ids.json: ${all.length} ids (${missing.length} added).`)
}
