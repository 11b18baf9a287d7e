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
  /** What memory the process has not touched yet costs at its first touch, at the start. */
  freshMemoryAtStart: FreshMemory
}

/**
 * The first touch of memory a process has not used yet: each 4 kB page is a page fault, which the kernel (and, in a
 * virtual machine, the host) must serve. Here it varied from day to day more than anything else measured, and the
 * steps that read or make large files touch tens of MB of new memory; `again` is the same memory touched again.
 */
export interface FreshMemory {
  firstTouchMsPerMB: number
  againMsPerMB: number
  usPerPageFault: number
}

/** Minor page faults of this process so far (every thread): memory touched for the first time. */
export const pageFaults = (): number => process.resourceUsage().minorPageFault

export function freshMemory(mb = 64): FreshMemory {
  // allocUnsafeSlow: memory of its own, not from Node's pool, and not filled in (calloc would touch it first).
  const bytes = Buffer.allocUnsafeSlow(mb * 2 ** 20)
  const faultsBefore = pageFaults()
  let start = performance.now()
  bytes.fill(1)
  const first = performance.now() - start
  const faults = pageFaults() - faultsBefore
  start = performance.now()
  bytes.fill(2)
  const again = performance.now() - start
  const r = (x: number) => Math.round(x * 100) / 100
  return { firstTouchMsPerMB: r(first / mb), againMsPerMB: r(again / mb), usPerPageFault: r((first * 1000) / Math.max(1, faults)) }
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
    freshMemoryAtStart: freshMemory(),
  }
}
