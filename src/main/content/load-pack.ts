/**
 * Reads the reference pack from its folder (one JSON file per part, so that people can edit and review it)
 * and validates it. A broken pack is an error with a readable list of what is wrong, never a partial pack.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { ContentPack } from '../../shared/content/schema'
import { findIntegrityProblems } from './integrity'
import type { PackFailure } from '../../shared/domain'

/** The files of a pack folder and the key each fills. `pack.json` holds the header (versions, metrics, redirects). */
export const PACK_FILES = {
  header: 'pack.json',
  sources: 'sources.json',
  organisations: 'organisations.json',
  relations: 'relations.json',
  events: 'events.json',
  cooperativeKinds: 'cooperative-kinds.json',
  strategicPlan: 'strategic-plan.json',
} as const

export class PackError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
    /** Which of the pack's checks failed, for the reader's words (the problems stay technical, in English). */
    readonly reason: PackFailure = 'unreadable',
  ) {
    super(`${message}\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'PackError'
  }
}

/** Joins the parts of a pack folder into one unvalidated object. */
export async function readPackFolder(folder: string): Promise<unknown> {
  const parts: Record<string, unknown> = {}
  for (const [key, file] of Object.entries(PACK_FILES)) {
    const path = join(folder, file)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      throw new PackError('The reference pack cannot be read.', [`${file}: ${(error as Error).message}`])
    }
    try {
      parts[key] = JSON.parse(text)
    } catch (error) {
      throw new PackError('The reference pack is not valid JSON.', [`${file}: ${(error as Error).message}`], 'not-json')
    }
  }
  const { header, ...rest } = parts
  return { ...(header as object), ...rest }
}

/** Validates shape and integrity; returns the typed pack or throws a PackError naming every problem. */
export function validatePack(raw: unknown): ContentPack {
  const parsed = v.safeParse(ContentPack, raw)
  if (!parsed.success) {
    const problems = parsed.issues.slice(0, 20).map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`)
    throw new PackError('The reference pack does not match its schema.', problems, 'schema')
  }
  const problems = findIntegrityProblems(parsed.output)
  if (problems.length > 0) throw new PackError('The reference pack is inconsistent.', problems, 'inconsistent')
  return parsed.output
}

export async function loadPack(folder: string): Promise<ContentPack> {
  return validatePack(await readPackFolder(folder))
}
