/**
 * Where focus goes as a note's editor opens and closes in a list of notes (a profile's, the notes page): into its
 * text on opening; on closing, back on the Edit button of the note it edited, once the page has drawn the change.
 */
import { tick } from 'svelte'

const later = (root: HTMLElement | null, find: (root: HTMLElement) => HTMLElement | null | undefined): void =>
  void tick().then(() => (root ? find(root)?.focus() : undefined))

/** The text of the editor open in `root`. */
export const focusEditor = (root: HTMLElement | null): void => later(root, (r) => r.querySelector<HTMLElement>('.note-editor textarea'))

/** The item of the note `noteId` in a list of notes under `root` (marked `data-note-id`), if it is there. */
export const noteItem = (root: HTMLElement | null, noteId: string): HTMLElement | undefined =>
  [...(root?.querySelectorAll<HTMLElement>('[data-note-id]') ?? [])].find((item) => item.dataset['noteId'] === noteId)

/** The Edit button (marked `data-edit`) of the note `noteId` in `root` (its item marked `data-note-id`); else `fallback`. */
export const focusEditButton = (root: HTMLElement | null, noteId: string | null, fallback: string | null = null): void =>
  later(
    root,
    (r) =>
      (noteId ? noteItem(r, noteId)?.querySelector<HTMLElement>('button[data-edit]') : null) ??
      (fallback ? r.querySelector<HTMLElement>(fallback) : null),
  )
