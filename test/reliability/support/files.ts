/** Everything in a folder, as a comparable picture: what each file holds, where each link points. */
import { createHash } from 'node:crypto'
import { lstat, readdir, readFile, readlink } from 'node:fs/promises'
import { join, relative } from 'node:path'

export interface Entry {
  path: string
  kind: 'file' | 'link' | 'dir'
  /** sha256 of a file's bytes, a link's target, or a folder's listing. */
  digest: string
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

export async function picture(root: string): Promise<Entry[]> {
  const out: Entry[] = []
  async function walk(at: string): Promise<void> {
    for (const name of (await readdir(at)).sort()) {
      const path = join(at, name)
      const info = await lstat(path)
      const rel = relative(root, path)
      if (info.isSymbolicLink()) out.push({ path: rel, kind: 'link', digest: sha(`link:${await readlink(path)}`) })
      else if (info.isDirectory()) {
        out.push({ path: rel, kind: 'dir', digest: sha(`dir:${(await readdir(path)).sort().join('\n')}`) })
        await walk(path)
      } else out.push({ path: rel, kind: 'file', digest: sha(await readFile(path)) })
    }
  }
  await walk(root)
  return out
}

/**
 * What was in the folder before and can no longer be found anywhere in it: a file's bytes, a link's target.
 * Moving a file aside keeps it; rewriting it in place does not. (Folders are judged by their contents.)
 */
export function lostSince(before: Entry[], after: Entry[]): Entry[] {
  const present = new Set(after.filter((e) => e.kind !== 'dir').map((e) => `${e.kind}:${e.digest}`))
  return before.filter((e) => e.kind !== 'dir' && !present.has(`${e.kind}:${e.digest}`))
}
