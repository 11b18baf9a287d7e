/** What the window around the app does for it: open a checked link outside, save the page as a PDF, pick a folder. */
import { wordedRefusal } from '../../shared/errors'
import { isAllowedExternalUrl } from '../external-url'

export interface ShellActions {
  /** Opens a checked https URL outside the app; returns whether it did (the browse shell leaves it to the page). */
  openExternal: (url: string) => Promise<boolean>
  /** Saves the window's page as a PDF (desktop: a save dialog and printToPDF); returns false where the shell has none. */
  exportPdf: (fileName: string) => Promise<boolean>
  /** The system's folder dialog (desktop); null when the user cancels. Absent where the shell has none (browse). */
  chooseFolder?: (title: string) => Promise<string | null>
  /** Writes text to the system clipboard (desktop). Absent where the page does it itself (browse). */
  copyText?: (text: string) => void
}

export class ShellService {
  constructor(private readonly actions: ShellActions) {}

  async openExternal(url: string): Promise<{ opened: boolean }> {
    if (!isAllowedExternalUrl(url)) {
      throw wordedRefusal(
        'invalid-input',
        'link-refused',
        `Only https links to a named host open outside the app; "${url.slice(0, 100)}" was refused.`,
        { url: url.slice(0, 100) },
      )
    }
    // The URL as checked, not as sent: another parser (the system's) must not read "https://a.coop\@b.example" or a
    // URL with a tab or newline in it differently from the WHATWG parser that checked it.
    return { opened: await this.actions.openExternal(new URL(url).href) }
  }

  async exportPdf(fileName: string): Promise<{ exported: boolean }> {
    return { exported: await this.actions.exportPdf(fileName) }
  }

  copyText(text: string): { copied: boolean } {
    if (!this.actions.copyText) return { copied: false }
    this.actions.copyText(text)
    return { copied: true }
  }

  async chooseFolder(title: string): Promise<{ folder: string | null; available: boolean }> {
    if (!this.actions.chooseFolder) return { folder: null, available: false }
    return { folder: await this.actions.chooseFolder(title), available: true }
  }
}
