/**
 * Real Syncthing instances for end-to-end tests, strictly on loopback: each with its own home folder (config, keys,
 * index database) under one temporary folder, its GUI/REST API and its sync protocol on 127.0.0.1 ports chosen free,
 * no discovery of any kind (global or local announce), no relays, no NAT traversal (and so no STUN), no usage or crash
 * reports, no upgrades. Of each pair of instances only the first listed dials the other, at its exact address
 * (tcp://127.0.0.1:<port>); the second lists the first as `dynamic`, which with discovery off means "wait to be
 * called". Syncthing dials from its listening port, so two instances dialling each other at once on loopback make one
 * TCP 4-tuple from both ends (a simultaneous open): both Hello exchanges then hung for 20 s and the retry came after
 * the wait had given up (CI, 2026-12-06). Every folder is shared by all of them, send-receive, with the file watcher
 * on and a short rescan.
 *
 *   const cluster = await startSyncthing({ instances: ['a', 'b'], folders: ['sync', 'team'] })
 *   cluster.folder('a', 'sync')        the folder instance a shares as 'sync'
 *   await cluster.waitConnected()      every instance connected to every other
 *   await cluster.waitInSync()         every folder idle, with nothing left to pull on any side
 *   await cluster.pause('b')           b disconnects from every device (an offline period), then resume('b')
 *   await cluster.stop()               every process killed (SIGTERM, then SIGKILL), the temporary folder removed
 *
 * Every wait is bounded, and fails with what it was waiting for and the end of each instance's log.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { accessSync, constants } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * Where Syncthing is: $SYNCTHING_PATH when set (as CHROMIUM_PATH for Chromium; a path that is not there means none),
 * else Debian's /usr/bin/syncthing, else the first on PATH; null when there is none.
 */
export function findSyncthing(): string | null {
  const given = process.env['SYNCTHING_PATH']
  const candidates = given
    ? [given]
    : [
        '/usr/bin/syncthing',
        ...(process.env['PATH'] ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((d) => join(d, 'syncthing')),
      ]
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK)
      return path
    } catch {
      // not there, or not executable: the next one
    }
  }
  return null
}

export interface SyncthingInstance extends Planned {
  child: ChildProcess
  /** The last `lines` lines this instance logged (stdout and stderr). */
  logTail(lines?: number): string
  /** A call to its REST API (X-API-Key), parsed as JSON; throws with the status and body when it is not 2xx. */
  rest<T = unknown>(path: string, init?: { method?: 'GET' | 'POST' | 'PUT' | 'PATCH'; body?: unknown }): Promise<T>
}

export interface SyncthingCluster {
  root: string
  instances: SyncthingInstance[]
  instance(name: string): SyncthingInstance
  /** The folder `instance` shares under `folderId` (made by the harness, empty but for Syncthing's .stfolder marker). */
  folder(instance: string, folderId: string): string
  waitConnected(timeoutMs?: number): Promise<void>
  /** Every folder idle on every instance, nothing to pull here, and every other device complete (twice in a row). */
  waitInSync(timeoutMs?: number): Promise<void>
  /** Pauses every device on `instance` (it disconnects from all of them), and waits until both sides see it. */
  pause(instance: string, timeoutMs?: number): Promise<void>
  resume(instance: string, timeoutMs?: number): Promise<void>
  /** Every log tail, for an error message. */
  logs(lines?: number): string
  stop(): Promise<void>
}

/** Ports free on 127.0.0.1 now, all different (each is held until all are found, then released for Syncthing). */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = []
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer()
      servers.push(server)
      await new Promise<void>((listening, fail) => {
        server.once('error', fail)
        server.listen(0, '127.0.0.1', () => listening())
      })
    }
    return servers.map((s) => (s.address() as { port: number }).port)
  } finally {
    await Promise.all(servers.map((s) => new Promise((closed) => s.close(closed))))
  }
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** One instance before it starts: its name, home, identity and ports. */
interface Planned {
  name: string
  home: string
  deviceId: string
  apiKey: string
  guiPort: number
  listenPort: number
}

/**
 * The whole config.xml of one instance. Folders: send-receive, the watcher on with Syncthing's smallest delay (1 s),
 * a rescan every 5 s, and a retry 2 s after a failed pull instead of 60 s: a file replaced while another device pulls
 * it fails that pull ("no such file": its blocks changed), which Syncthing otherwise retries a minute later.
 *
 * It is written before Syncthing first starts, rather than set through the
 * REST API after it starts: configured over REST, Syncthing would first run with the generated defaults — listening
 * on 0.0.0.0:22000, announcing itself globally and on the LAN, joining relays, probing NAT, with the GUI on the fixed
 * port 8384 that another run may hold — and changing the GUI address needs a restart. Written first, the instance is
 * on loopback from its first packet, and there is nothing to wait for between a start and a working cluster.
 * (reconnectionIntervalS: 5 is the smallest Syncthing 1.19 takes; the default, 60, would slow a resume.)
 */
function configXml(me: Planned, all: Planned[], folders: { id: string; path: string }[], version: string): string {
  const address = (p: Planned) => `tcp://127.0.0.1:${p.listenPort}`
  // Only towards instances listed after this one: see the header on simultaneous dials.
  const dialled = (p: Planned) => (all.indexOf(p) > all.indexOf(me) ? address(p) : 'dynamic')
  const devices = all
    .map(
      (
        p,
      ) => `    <device id="${p.deviceId}" name="${xml(p.name)}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>${dialled(p)}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>`,
    )
    .join('\n')
  const folderXml = folders
    .map(
      (
        f,
      ) => `    <folder id="${xml(f.id)}" label="${xml(f.id)}" path="${xml(f.path)}" type="sendreceive" rescanIntervalS="5" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
${all.map((p) => `        <device id="${p.deviceId}" introducedBy=""><encryptionPassword></encryptionPassword></device>`).join('\n')}
        <markerName>.stfolder</markerName>
        <paused>false</paused>
        <pullerPauseS>2</pullerPauseS>
    </folder>`,
    )
    .join('\n')
  return `<configuration version="${version}">
${folderXml}
${devices}
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:${me.guiPort}</address>
        <apikey>${me.apiKey}</apikey>
        <theme>default</theme>
    </gui>
    <options>
        <listenAddress>${address(me)}</listenAddress>
        <globalAnnounceServer></globalAnnounceServer>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <reconnectionIntervalS>5</reconnectionIntervalS>
        <relaysEnabled>false</relaysEnabled>
        <startBrowser>false</startBrowser>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <urURL></urURL>
        <restartOnWakeup>false</restartOnWakeup>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <releasesURL></releasesURL>
        <crashReportingEnabled>false</crashReportingEnabled>
        <crashReportingURL></crashReportingURL>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <stunServer></stunServer>
        <announceLANAddresses>false</announceLANAddresses>
        <setLowPriority>false</setLowPriority>
        <progressUpdateIntervalS>1</progressUpdateIntervalS>
    </options>
</configuration>
`
}

const ENV = { STNODEFAULTFOLDER: '1', STNOUPGRADE: '1', STNORESTART: '1' }
const LOG_LINES = 400

/** Children still running, killed at exit whatever happens to the test (a crash of the runner, a forgotten stop). */
const running = new Set<ChildProcess>()
let exitHookInstalled = false
function killAtExit(child: ChildProcess): void {
  running.add(child)
  child.once('exit', () => running.delete(child))
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  })
}

function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((stopped) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(kill)
      stopped()
    })
    child.kill('SIGTERM')
  })
}

export async function startSyncthing(options: {
  instances: string[]
  folders: string[]
  binary?: string
  /** How long to wait for each REST API to answer after the start. */
  startTimeoutMs?: number
}): Promise<SyncthingCluster> {
  const binary = options.binary ?? findSyncthing()
  if (!binary) throw new Error('Syncthing is not installed (no /usr/bin/syncthing, none on PATH)')
  const root = await mkdtemp(join(tmpdir(), 'coop-atlas-syncthing-'))
  const instances: SyncthingInstance[] = []
  const children: ChildProcess[] = []
  let stopped = false

  const stop = async () => {
    if (stopped) return
    stopped = true
    await Promise.all(children.map((c) => stopChild(c)))
    await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  }

  try {
    const ports = await freePorts(options.instances.length * 2)
    const planned: Planned[] = []
    for (const [i, name] of options.instances.entries()) {
      const home = join(root, name, 'home')
      await mkdir(home, { recursive: true })
      await run(binary, ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], {
        env: { ...process.env, ...ENV },
        timeout: 30_000,
      })
      const { stdout } = await run(binary, ['serve', `--home=${home}`, '--device-id'], { env: { ...process.env, ...ENV }, timeout: 30_000 })
      const deviceId = stdout.trim()
      if (!/^[A-Z2-7]{7}(-[A-Z2-7]{7}){7}$/.test(deviceId)) throw new Error(`syncthing --device-id gave "${deviceId}"`)
      planned.push({ name, home, deviceId, apiKey: randomBytes(24).toString('hex'), guiPort: ports[2 * i]!, listenPort: ports[2 * i + 1]! })
    }
    for (const me of planned) {
      const generated = await readFile(join(me.home, 'config.xml'), 'utf8')
      const version = /<configuration version="(\d+)"/.exec(generated)?.[1]
      if (!version) throw new Error(`no configuration version in the config.xml that syncthing generated:\n${generated.slice(0, 500)}`)
      const folders = []
      for (const id of options.folders) {
        const path = join(root, me.name, 'folders', id)
        // The marker tells Syncthing the folder is there on purpose (a missing marker stops the folder, as for a
        // drive not mounted).
        await mkdir(join(path, '.stfolder'), { recursive: true })
        folders.push({ id, path })
      }
      await writeFile(join(me.home, 'config.xml'), configXml(me, planned, folders, version), { mode: 0o600 })
    }

    for (const me of planned) {
      const child = spawn(
        binary,
        ['serve', `--home=${me.home}`, '--no-browser', '--no-restart', '--no-default-folder', '--no-upgrade', '--logflags=3'],
        {
          // HOME too: nothing of the user's own Syncthing (~/.config/syncthing, ~/.local/state/syncthing) is read or touched.
          env: { ...process.env, ...ENV, HOME: join(root, me.name) },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      children.push(child)
      killAtExit(child)
      const lines: string[] = []
      let partial = ''
      const collect = (chunk: Buffer) => {
        const parts = (partial + chunk.toString('utf8')).split('\n')
        partial = parts.pop() ?? ''
        lines.push(...parts)
        if (lines.length > LOG_LINES) lines.splice(0, lines.length - LOG_LINES)
      }
      child.stdout!.on('data', collect)
      child.stderr!.on('data', collect)
      child.on('exit', (code, signal) => lines.push(`[harness] syncthing ${me.name} exited (code ${code}, signal ${signal})`))
      const base = `http://127.0.0.1:${me.guiPort}`
      instances.push({
        ...me,
        child,
        logTail: (n = 40) => [...lines, ...(partial ? [partial] : [])].slice(-n).join('\n'),
        async rest<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
          const response = await fetch(`${base}${path}`, {
            method: init.method ?? 'GET',
            headers: { 'X-API-Key': me.apiKey, ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
            ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
            signal: AbortSignal.timeout(5000),
          })
          const text = await response.text()
          if (!response.ok)
            throw new Error(`syncthing ${me.name}: ${init.method ?? 'GET'} ${path} → ${response.status} ${text.slice(0, 300)}`)
          return (text ? JSON.parse(text) : null) as T
        },
      })
    }

    const logs = (n = 25) => instances.map((i) => `--- syncthing ${i.name} (${i.deviceId}), last lines:\n${i.logTail(n)}`).join('\n')
    const find = (name: string) => {
      const found = instances.find((i) => i.name === name)
      if (!found) throw new Error(`no syncthing instance named ${name}`)
      return found
    }

    /** Polls `check` (a reason it is not there yet, or null when it is) until it holds, or fails with the last reason and the logs. */
    const waitFor = async (what: string, timeoutMs: number, check: () => Promise<string | null>, times = 1) => {
      const deadline = Date.now() + timeoutMs
      let reason: string | null = 'not checked yet'
      let inARow = 0
      while (Date.now() < deadline) {
        for (const i of instances)
          if (i.child.exitCode !== null || i.child.signalCode !== null)
            throw new Error(`syncthing ${i.name} stopped while waiting for ${what}\n${logs()}`)
        try {
          reason = await check()
        } catch (error) {
          reason = (error as Error).message
        }
        inARow = reason === null ? inARow + 1 : 0
        if (inARow >= times) return
        await sleep(reason === null ? 300 : 200)
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${reason}\n${logs()}`)
    }

    // Every REST API answers, as the device we configured.
    await waitFor('every syncthing REST API to answer', options.startTimeoutMs ?? 30_000, async () => {
      for (const i of instances) {
        const status = await i.rest<{ myID: string }>('/rest/system/status')
        if (status.myID !== i.deviceId) return `${i.name} says it is ${status.myID}, not ${i.deviceId}`
      }
      return null
    })

    const connectedTo = async (from: SyncthingInstance) =>
      (await from.rest<{ connections: Record<string, { connected: boolean }> }>('/rest/system/connections')).connections

    const cluster: SyncthingCluster = {
      root,
      instances,
      instance: find,
      folder: (instance, folderId) => {
        find(instance)
        if (!options.folders.includes(folderId)) throw new Error(`no folder ${folderId}`)
        return join(root, instance, 'folders', folderId)
      },
      logs,
      stop,
      waitConnected: (timeoutMs = 30_000) =>
        waitFor('every syncthing instance to connect to every other', timeoutMs, async () => {
          for (const from of instances) {
            const connections = await connectedTo(from)
            for (const to of instances)
              if (to !== from && !connections[to.deviceId]?.connected) return `${from.name} is not connected to ${to.name}`
          }
          return null
        }),
      waitInSync: (timeoutMs = 30_000) =>
        waitFor(
          'every folder to be idle and in sync',
          timeoutMs,
          async () => {
            for (const i of instances)
              for (const folder of options.folders) {
                const status = await i.rest<{ state: string; needTotalItems: number; needBytes: number; pullErrors?: number }>(
                  `/rest/db/status?folder=${encodeURIComponent(folder)}`,
                )
                if (status.state !== 'idle') return `${folder} on ${i.name} is ${status.state}`
                if (status.needTotalItems > 0 || status.needBytes > 0)
                  return `${folder} on ${i.name} needs ${status.needTotalItems} items (${status.needBytes} bytes)`
                for (const other of instances) {
                  if (other === i) continue
                  const completion = await i.rest<{ completion: number; needItems: number; needDeletes: number }>(
                    `/rest/db/completion?folder=${encodeURIComponent(folder)}&device=${other.deviceId}`,
                  )
                  if (completion.completion < 100 || completion.needItems > 0 || completion.needDeletes > 0)
                    return `${folder} on ${other.name} is ${completion.completion}% complete as ${i.name} sees it`
                }
              }
            return null
          },
          2,
        ),
      async pause(name, timeoutMs = 15_000) {
        const paused = find(name)
        await paused.rest('/rest/system/pause', { method: 'POST' })
        await waitFor(`${name} to disconnect from every device`, timeoutMs, async () => {
          for (const from of instances) {
            const connections = await connectedTo(from)
            for (const to of instances)
              if (to !== from && (from === paused || to === paused) && connections[to.deviceId]?.connected)
                return `${from.name} is still connected to ${to.name}`
          }
          return null
        })
      },
      // A device that dialled the paused one while it refused may wait 30 s and more before dialling again (seen
      // under load: connected 30.0 s after the resume), so a resume waits longer than a first connection.
      async resume(name, timeoutMs = 90_000) {
        await find(name).rest('/rest/system/resume', { method: 'POST' })
        await cluster.waitConnected(timeoutMs)
      },
    }
    return cluster
  } catch (error) {
    const tails = instances.map((i) => `--- syncthing ${i.name}:\n${i.logTail()}`).join('\n')
    await stop()
    if (tails && error instanceof Error && !error.message.includes('--- syncthing')) error.message += `\n${tails}`
    throw error
  }
}
