/** The shipped reference pack, read straight from resources/content (synchronously, for any test environment). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ContentPack } from '../../src/shared/content/schema'

const dir = join(process.cwd(), 'resources/content')
const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown

export const realPack = {
  ...(read('pack.json') as object),
  sources: read('sources.json'),
  organisations: read('organisations.json'),
  relations: read('relations.json'),
  events: read('events.json'),
  cooperativeKinds: read('cooperative-kinds.json'),
  strategicPlan: read('strategic-plan.json'),
} as ContentPack
