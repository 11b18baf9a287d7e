/** The machine the numbers came from: they mean little without it. */
import { execFileSync } from 'node:child_process'
import { readFileSync, statfsSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem } from 'node:os'
import { CHROMIUM } from './browse'

export interface Machine {
  nproc: number
  cpu: string
  memoryGiB: number
  os: string
  kernel: string
  node: string
  chromium: string
  /** The filesystem of the temp folder, where stores are written: fdatasync on tmpfs would cost nothing. */
  tmpFilesystem: string
  loadAverageAtStart: number[]
  /** The share of one core this process got while spinning for a second at the start (1 = an idle machine). */
  cpuShareAtStart: number
}

/**
 * Spins for `ms` of wall time and returns the CPU time this process got, as a share of it: on an idle machine
 * about 1; on a busy one it says how much slower every timing here is than it would be.
 */
export function cpuShare(ms = 1000): number {
  const before = process.cpuUsage()
  const start = performance.now()
  let x = 0
  while (performance.now() - start < ms) x += Math.sqrt(x + 1)
  const used = process.cpuUsage(before)
  const share = Math.round(((used.user + used.system) / 1000 / (performance.now() - start)) * 100) / 100
  return x > 0 ? share : share // reads x, so the loop's work is kept
}

const FS_TYPES: Record<number, string> = {
  0xef53: 'ext4',
  0x01021994: 'tmpfs',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x794c7630: 'overlayfs',
}

export function describeMachine(): Machine {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8')
    } catch {
      return ''
    }
  })()
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown'
  const osRelease = (() => {
    try {
      return /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? process.platform
    } catch {
      return process.platform
    }
  })()
  let chromium = 'not found'
  try {
    chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    // Reported as not found; the renderer section will say why it failed.
  }
  let tmpFilesystem = 'unknown'
  try {
    const type = statfsSync(tmpdir()).type
    tmpFilesystem = FS_TYPES[type] ?? `0x${type.toString(16)}`
  } catch {
    // Older Node: left unknown.
  }
  return {
    nproc: availableParallelism(),
    cpu: model,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: osRelease,
    kernel: release(),
    node: process.version,
    chromium,
    tmpFilesystem: `${tmpFilesystem} (${tmpdir()})`,
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    cpuShareAtStart: cpuShare(),
  }
}
