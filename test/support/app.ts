/** The real app for a test: startApp over a data folder with the minimal pack; every app a test starts is closed after it. */
import { afterEach } from 'vitest'
import { startApp, type RunningApp } from '../../src/main/app-context'
import { FIXTURE_PACK } from './temp-dir'

export function useTestApps() {
  const running: RunningApp[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()))
  })
  const start = async (dir: string, packDir = FIXTURE_PACK): Promise<RunningApp> => {
    const app = await startApp({ userDataDir: dir, packDir, shell: 'browse', version: '0.0.0-test', openExternal: async () => true })
    running.push(app)
    return app
  }
  /** Closes an app this test started, as quitting would. */
  const stop = async (app: RunningApp): Promise<void> => {
    running.splice(running.indexOf(app), 1)
    await app.close()
  }
  return { start, stop }
}
