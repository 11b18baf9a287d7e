/**
 * The one sentence for a rewrite of the notes file that would not read back, in the three languages: main words it
 * when that stops a start (before any window, start-refusals.ts), the renderer when it refuses a call once the window
 * is open (error.store-not-rewritten). One home, so the two never drift apart. Plain text, valid as an ICU message.
 */
export const NOT_REWRITTEN = {
  en: 'Your notes could not be written into a new notes file: it would not have read back correctly, so it was not written. Your changes are safe in the change log beside it. Nothing was changed.',
  fr: 'Vos notes n’ont pas pu être réécrites dans un nouveau fichier : il n’aurait pas pu être relu correctement, il n’a donc pas été écrit. Vos modifications sont en sécurité dans le journal des modifications, à côté. Rien n’a été modifié.',
  es: 'Sus notas no se pudieron escribir en un archivo nuevo: no se habría podido volver a leer correctamente, así que no se escribió. Sus cambios están a salvo en el registro de cambios que hay a su lado. No se ha modificado nada.',
} as const
