/** A CPU profile of some work in this thread (node:inspector), as self time per function: where the time goes. */
import { Session } from 'node:inspector/promises'
import { basename } from 'node:path'

export interface HotFunction {
  fn: string
  selfMs: number
  share: number
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
}
export interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export async function profile(work: () => void, top = 10): Promise<{ totalMs: number; hot: HotFunction[] }> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 200 })
  await session.post('Profiler.start')
  work()
  const { profile: p } = (await session.post('Profiler.stop')) as { profile: Profile }
  session.disconnect()
  return hotFunctions(p, top)
}

/** Self time per distinct frame (function at a script position) of a V8 CPU profile, in ms. */
export function selfTimes(p: Profile): { frame: ProfileNode['callFrame']; ms: number }[] {
  const byId = new Map(p.nodes.map((n) => [n.id, { frame: n.callFrame, ms: 0 }]))
  p.samples.forEach((id, i) => {
    const entry = byId.get(id)
    if (entry) entry.ms += (p.timeDeltas[i] ?? 0) / 1000
  })
  return [...byId.values()].filter((e) => e.ms > 0)
}

/** Self time per function of a V8 CPU profile (Node's inspector or Chromium's CDP), the top `top`. */
export function hotFunctions(p: Profile, top = 10): { totalMs: number; hot: HotFunction[] } {
  const names = new Map(
    p.nodes.map((n) => {
      const { functionName, url, lineNumber } = n.callFrame
      const where = url ? ` ${basename(url)}:${lineNumber + 1}` : ''
      return [n.id, `${functionName || '(anonymous)'}${where}`]
    }),
  )
  const self = new Map<string, number>()
  p.samples.forEach((id, i) => {
    const name = names.get(id) ?? '?'
    self.set(name, (self.get(name) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000)
  })
  // Not the work: the thread idle, or (in a worker) waiting on the inspector's messages ("dispatch", no script).
  for (const outside of ['(idle)', '(program)', 'dispatch']) self.delete(outside)
  const totalMs = [...self.values()].reduce((a, b) => a + b, 0)
  const hot = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, ms]) => ({ fn, selfMs: Math.round(ms), share: Math.round((ms / totalMs) * 1000) / 10 }))
  return { totalMs: Math.round(totalMs), hot }
}
