/**
 * The main window's size, position and maximised state across runs: saved as the window moves and resizes
 * (debounced, and once more when it closes) to window-state.json in the user-data folder, and restored only
 * where it can be seen — a window last shown on a monitor that has since gone comes back centred.
 */
import { renameSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { WINDOW_SIZE, type WindowPlacement } from './window'

export const WINDOW_STATE_FILE = 'window-state.json'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  /** The window's normal (not maximised) bounds. */
  bounds: Rect
  maximized: boolean
}

/** What restoreBounds needs of Electron's Display. */
export interface DisplayArea {
  workArea: Rect
}

export interface RestoredWindow extends WindowPlacement {
  maximized: boolean
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/** A saved state read back from disk, or null when it is missing a part or has an impossible value. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null
  const { bounds, maximized } = value as { bounds?: unknown; maximized?: unknown }
  if (typeof bounds !== 'object' || bounds === null) return null
  const { x, y, width, height } = bounds as Record<string, unknown>
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(width) || !isFiniteNumber(height)) return null
  if (width <= 0 || height <= 0) return null
  return { bounds: { x, y, width, height }, maximized: maximized === true }
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

/**
 * Where to open the window, from what was saved and the displays there are now (`displays[0]` the primary):
 * - on the display the saved bounds overlap most, moved and, if need be, shrunk to lie wholly inside its work area;
 * - sized but without a position (Electron centres it on the primary display) when it overlaps no display;
 * - null when nothing usable was saved or no display is known: the default size, centred.
 * The size never falls below the window's minimum unless the display itself is smaller.
 */
export function restoreBounds(
  saved: WindowState | null,
  displays: readonly DisplayArea[],
  min: { width: number; height: number } = { width: WINDOW_SIZE.minWidth, height: WINDOW_SIZE.minHeight },
): RestoredWindow | null {
  const areas = displays.map((d) => d.workArea).filter((a) => a.width > 0 && a.height > 0)
  if (!saved || areas.length === 0) return null
  let best: Rect | null = null
  let bestOverlap = 0
  for (const area of areas) {
    const overlap = overlapArea(saved.bounds, area)
    if (overlap > bestOverlap) [best, bestOverlap] = [area, overlap]
  }
  const area = best ?? areas[0]!
  const width = Math.floor(Math.min(Math.max(saved.bounds.width, min.width), area.width))
  const height = Math.floor(Math.min(Math.max(saved.bounds.height, min.height), area.height))
  if (!best) return { width, height, maximized: saved.maximized }
  const x = Math.round(Math.min(Math.max(saved.bounds.x, area.x), area.x + area.width - width))
  const y = Math.round(Math.min(Math.max(saved.bounds.y, area.y), area.y + area.height - height))
  return { x, y, width, height, maximized: saved.maximized }
}

/** What trackWindowState needs of a BrowserWindow. */
export interface TrackedWindow {
  on(event: 'resize', listener: () => void): unknown
  on(event: 'move', listener: () => void): unknown
  on(event: 'maximize', listener: () => void): unknown
  on(event: 'unmaximize', listener: () => void): unknown
  on(event: 'close', listener: () => void): unknown
  getNormalBounds(): Rect
  isMaximized(): boolean
}

/**
 * Saves the window's state `debounceMs` after the last move, resize, maximise or restore, and at once when it
 * closes (a pending save is then dropped). Returns `flush` to save now.
 */
export function trackWindowState(win: TrackedWindow, save: (state: WindowState) => void, debounceMs = 500): { flush(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    save({ bounds: win.getNormalBounds(), maximized: win.isMaximized() })
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(flush, debounceMs)
  }
  win.on('resize', schedule)
  win.on('move', schedule)
  win.on('maximize', schedule)
  win.on('unmaximize', schedule)
  win.on('close', flush)
  return { flush }
}

/** The saved state, or null when there is none or it cannot be read (the window then opens at its default). */
export async function readWindowState(file: string): Promise<WindowState | null> {
  try {
    return parseWindowState(JSON.parse(await readFile(file, 'utf8')))
  } catch {
    return null
  }
}

/**
 * Writes the state through a temporary file and a rename, synchronously: the last save happens as the window
 * closes, and the app may quit right after. A failed write only loses the window's position, so it is ignored.
 */
export function writeWindowState(file: string, state: WindowState): void {
  try {
    const temporary = `${file}.tmp`
    writeFileSync(temporary, JSON.stringify(state))
    renameSync(temporary, file)
  } catch {
    // The next start opens the window at its default size instead.
  }
}
