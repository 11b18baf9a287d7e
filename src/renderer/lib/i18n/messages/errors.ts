import { NOT_REWRITTEN } from '../../../../shared/store-rewrite-words'
import { defineMessages } from '../define'

/**
 * What main tells the reader as keys and values, worded here (lib/error-text.ts, lib/store-notice.ts):
 *  - store.problem.*: why a notes file (the store, a backup) cannot be used (shared/store-notice.ts). In English it
 *    ends "…because ___"; in French and Spanish it stands after a colon, so it names the file itself.
 *  - store.notice.*: the start-up notice when the notes file had to be recovered, one sentence group per part.
 *  - error.*: refusals main names (shared/errors.ts ERROR_WORDING_KEYS; the folder-* ones are in sync.ts).
 *  - import.*: a note the import preview leaves out, quoted, and why, where main gives the facts apart
 *    (ImportRefusals.svelte).
 *  - error.code.*: a refusal main did not name, by its code: a plain sentence, never main's English.
 * Paths, file names, ids and versions are given as they are.
 */
export default defineMessages({
  en: {
    'import.quoted': '“{text}”',
    'import.because': ': {why}',
    'import.refusedFrontMatter':
      '{problem, select, depth {its front matter is nested too deeply} length {its front matter is too long} other {its front matter is not valid YAML}}',
    'import.refusedFiles':
      '{count, plural, one {One file is left out, changing nothing here:} other {# files are left out, changing nothing here:}}',
    'import.refusedOrderDates':
      '{previous, select, none {its dates are out of order: created {created}, edited {updated}} other {its dates are out of order: created {created}, edited {updated} from the version of {previous}}}',
    'store.problem.link-missing': 'it is a link to {target}, which cannot be found',
    'store.problem.cannot-read': 'it could not be read ({code})',
    'store.problem.not-utf8': 'it is not valid UTF-8 text',
    'store.problem.empty': 'it was empty',
    'store.problem.not-json': 'it is not valid JSON',
    'store.problem.checksum': 'its contents do not match the checksum written with them',
    'store.problem.texts-mismatch': 'its notes and their texts do not match up',
    'store.problem.not-a-store': 'it does not hold Coop Atlas notes',
    'store.problem.no-version': 'it has no valid format version',
    'store.problem.newer-version': 'it was written by a newer Coop Atlas (store version {version}; this one knows {known})',
    'store.problem.no-migration': 'this Coop Atlas cannot convert it from store version {from}',
    'store.problem.invalid-contents': 'its contents are not a valid store (at {path})',
    'store.problem.missing': 'it is missing',
    'store.notice.set-aside':
      'Your notes file could not be opened because {problem}. It was kept, untouched, as {aside}; Settings lists it and can bring back what it holds.',
    'store.notice.backup-restored': 'The last good backup ({backup}) was restored; every earlier backup was kept in {keptIn}.',
    'store.notice.no-backup': 'No good backup was found, so an empty store was started.',
    'store.notice.records-set-aside':
      '{apart, plural, =0 {} one {# record of your notes file could not be read and was left out; every other record was kept. } other {# records of your notes file could not be read and were left out; every other record was kept. }}{mended, plural, =0 {} one {# note was mended (dates or tags in a form this version does not accept) and kept. } other {# notes were mended (dates or tags in a form this version does not accept) and kept. }}The file as it was is kept, untouched, as {aside}; Settings lists it and can bring back what it holds.',
    'store.notice.changes-set-aside':
      '{count, plural, one {One recent change (line {lines} of the change log) could not be read; every other change was kept.} other {# recent changes (lines {lines} of the change log) could not be read; every other change was kept.}} The log was kept, untouched, as {aside}; Settings lists it.',
    'error.request-refused': 'Coop Atlas refused this request: what was sent does not follow its rules (at {path}). Nothing was changed.',
    'error.save-failed':
      '{what, select, import {The import could not be saved} other {Your change could not be saved}}: {cause, select, full {the disk that holds your notes ({folder}) is full. Free some space on it, then try again.} quota {your disk quota on the disk that holds your notes ({folder}) is used up. Free some space, then try again.} readonly {the folder that holds your notes ({folder}) has become read-only (a disk or share mounted read-only). Make it writable again, then try again.} permission {Coop Atlas is no longer allowed to write in the folder that holds your notes ({folder}). Give your account write permission on it again, then try again.} io {the disk that holds your notes ({folder}) reported an error (it may be failing or have been removed).} other {writing to {folder} failed{code, select, none {} other { ({code})}}.}} What was saved before is safe.{what, select, import { Nothing was imported.} other {}}',
    'error.note-not-found': 'This note is no longer here; it may have been deleted.',
    'error.note-conflict':
      'This note was changed elsewhere (in another window or tab) since it was shown here, so your change was not made. Look at it as it is now, then try again.',
    'error.note-target-missing':
      'There is no {kind, select, event {event} pillar {pillar} other {organisation}} with the id “{id}” to attach a note to.',
    'error.correction-target-missing':
      'There is no {kind, select, event {event} pillar {pillar} other {organisation}} with the id “{id}” to correct.',
    'error.organisation-not-found': 'No organisation has the id “{id}”.',
    'error.correction-not-found': 'This correction is no longer here (id “{id}”).',
    'error.import-not-json': 'The file is not valid JSON. Nothing was imported.',
    'error.import-not-notes-file': 'This is not a Coop Atlas notes file (it has no "format": "{format}"). Nothing was imported.',
    'error.import-invalid': 'The file cannot be imported: something in it is not as a notes file has it (at {path}). Nothing was imported.',
    'error.import-newer': 'This notes file was written by a newer Coop Atlas: update this one to import it. Nothing was imported.',
    'error.import-duplicate': 'The file holds the note {id} twice. Nothing was imported.',
    'error.import-md-not-zip': 'This is not a zip file that can be read. Nothing was imported.',
    'error.import-md-unsafe-path': 'It holds a file named “{name}”, which points outside it. Nothing was imported.',
    'error.import-md-too-many': 'It holds too many files: at most {max} are imported at once. Nothing was imported.',
    'error.import-md-file-too-large': '“{name}” is larger than {max}, more than a note can hold. Nothing was imported.',
    'error.import-md-total-too-large': 'Its Markdown files hold more than {max} of text together. Nothing was imported.',
    'error.import-md-zip-too-large': 'This zip is larger than {max}. Nothing was imported.',
    'error.import-md-damaged':
      '“{name}” does not unpack to the size the zip declares: the zip is damaged or hostile. Nothing was imported.',
    'error.import-md-not-text': '“{name}” is not text (UTF-8). Nothing was imported.',
    'error.import-md-duplicate': '“{first}” and “{second}” are the same note ({id}). Nothing was imported.',
    'error.backup-not-found': 'There is no backup named “{name}”.',
    'error.backup-unreadable': 'The backup “{name}” cannot be read: {problem}. Nothing was changed.',
    'error.backup-empty':
      'The backup “{name}” holds no notes, corrections or favourites: restoring it would only empty Coop Atlas. Nothing was changed.',
    'error.store-not-rewritten': NOT_REWRITTEN.en,
    'error.set-aside-not-found': 'There is no set-aside file named “{name}”.',
    'error.file-unreadable': 'The file {path} could not be read ({code}).',
    'error.change-unreadable':
      'This change was not saved: it holds a value your notes file could not be read back with (at {path}). Nothing was changed.',
    'error.link-refused': 'Only https links to a named host open outside the app; “{url}” was refused.',
    'error.pack-not-json': 'The file is not valid JSON. Nothing was changed.',
    'error.pack-not-a-pack': 'This is not a Coop Atlas content pack (it has no "format": "{format}"). Nothing was changed.',
    'error.pack-old-format':
      'This content pack file is not signed (it is in the older, unsigned format). Coop Atlas installs only packs signed by its maintainers. Nothing was changed.',
    'error.pack-format': 'This content pack file is of a kind this Coop Atlas cannot read (format {format}). Nothing was changed.',
    'error.pack-no-text': 'This content pack file holds no pack text. Nothing was changed.',
    'error.pack-not-signed':
      'This content pack file is not signed. Coop Atlas installs only packs signed by its maintainers. Nothing was changed.',
    'error.pack-signature-form': 'This content pack file’s signature is not in the expected form. Nothing was changed.',
    'error.pack-unknown-key': 'This content pack file is signed by a key this Coop Atlas does not know (id {keyId}). Nothing was changed.',
    'error.pack-bad-signature': 'The signature does not match: the file was altered (or damaged) after it was signed. Nothing was changed.',
    'error.pack-text-not-json': 'The signed pack is not valid JSON. Nothing was changed.',
    'error.pack-invalid':
      '{problems, plural, one {The pack cannot be used: one thing in it breaks the rules of a pack (below).} other {The pack cannot be used: # things in it break the rules of a pack (below).}} Nothing was changed.',
    'error.pack-not-newer': 'This pack ({next}) is not newer than the one in use ({current}). Nothing was changed.',
    'error.pack-shipped-unusable': 'The pack that shipped with the app cannot be used. Nothing was changed.',
    'error.pack-shipped-in-use': 'The pack that shipped with the app is already in use. Nothing was changed.',
    'error.code.invalid-input': 'Coop Atlas refused this request. Nothing was changed.',
    'error.code.forbidden-sender': 'Something went wrong inside Coop Atlas. Nothing was changed.',
    'error.code.unauthorised': 'This page is no longer connected to Coop Atlas: reload it, or open it again from the link Coop Atlas gave.',
    'error.code.unknown-call': 'Something went wrong inside Coop Atlas. Nothing was changed.',
    'error.code.not-found': 'What you asked for is no longer here. Nothing was changed.',
    'error.code.conflict':
      'This was changed elsewhere in the meantime, so your change was not made. Look at it as it is now, then try again.',
    'error.code.too-large': 'This is too large for Coop Atlas to take. Nothing was changed.',
    'error.code.pack-unavailable': 'The reference pack could not be loaded. Your notes are safe.',
    'error.code.store-unavailable': 'Your notes cannot be reached just now. What was saved before is safe.',
    'error.code.internal': 'Something went wrong inside Coop Atlas. Nothing was changed.',
  },
  fr: {
    'import.quoted': '« {text} »',
    'import.because': ' : {why}',
    'import.refusedFrontMatter':
      '{problem, select, depth {son en-tête YAML est imbriqué trop profondément} length {son en-tête YAML est trop long} other {son en-tête n’est pas du YAML valide}}',
    'import.refusedFiles':
      '{count, plural, one {Un fichier est écarté, sans rien changer ici :} other {# fichiers sont écartés, sans rien changer ici :}}',
    'import.refusedOrderDates':
      '{previous, select, none {ses dates ne se suivent pas : créée le {created}, modifiée le {updated}} other {ses dates ne se suivent pas : créée le {created}, modifiée le {updated} à partir de la version du {previous}}}',
    'store.problem.link-missing': 'c’est un lien vers {target}, qui est introuvable',
    'store.problem.cannot-read': 'le fichier n’a pas pu être lu ({code})',
    'store.problem.not-utf8': 'le fichier n’est pas un texte UTF-8 valide',
    'store.problem.empty': 'le fichier était vide',
    'store.problem.not-json': 'le fichier n’est pas du JSON valide',
    'store.problem.checksum': 'son contenu ne correspond pas à la somme de contrôle enregistrée avec lui',
    'store.problem.texts-mismatch': 'ses notes et leurs textes ne concordent pas',
    'store.problem.not-a-store': 'le fichier ne contient pas de notes Coop Atlas',
    'store.problem.no-version': 'le fichier n’indique aucune version de format valide',
    'store.problem.newer-version':
      'le fichier a été écrit par une version plus récente de Coop Atlas (format {version} ; celle-ci ne connaît que le {known})',
    'store.problem.no-migration': 'cette version de Coop Atlas ne sait pas le convertir depuis le format {from}',
    'store.problem.invalid-contents': 'son contenu n’est pas valide (à l’emplacement {path})',
    'store.problem.missing': 'le fichier est introuvable',
    'store.notice.set-aside':
      'Votre fichier de notes n’a pas pu être ouvert : {problem}. Il a été conservé tel quel sous le nom {aside} ; les Réglages l’affichent et permettent d’en récupérer le contenu.',
    'store.notice.backup-restored':
      'La dernière sauvegarde valide ({backup}) a été restaurée ; toutes les sauvegardes plus anciennes ont été mises à l’abri dans {keptIn}.',
    'store.notice.no-backup': 'Aucune sauvegarde valide n’a été trouvée : Coop Atlas a donc démarré sans aucune note.',
    'store.notice.records-set-aside':
      '{apart, plural, =0 {} one {Un élément de votre fichier de notes n’a pas pu être lu et a été laissé de côté ; tous les autres ont été gardés. } other {# éléments de votre fichier de notes n’ont pas pu être lus et ont été laissés de côté ; tous les autres ont été gardés. }}{mended, plural, =0 {} one {Une note a été réparée (des dates ou des étiquettes sous une forme que cette version n’accepte pas) et gardée. } other {# notes ont été réparées (des dates ou des étiquettes sous une forme que cette version n’accepte pas) et gardées. }}Le fichier d’origine est conservé tel quel sous le nom {aside} ; les Réglages l’affichent et permettent d’en récupérer le contenu.',
    'store.notice.changes-set-aside':
      '{count, plural, one {Une modification récente (ligne {lines} du journal des modifications) n’a pas pu être lue ; toutes les autres ont été gardées.} other {# modifications récentes (lignes {lines} du journal des modifications) n’ont pas pu être lues ; toutes les autres ont été gardées.}} Le journal a été conservé tel quel sous le nom {aside} ; les Réglages l’affichent.',
    'error.request-refused':
      'Coop Atlas a refusé cette demande : ce qui a été envoyé ne respecte pas ses règles (à l’emplacement {path}). Rien n’a été modifié.',
    'error.save-failed':
      '{what, select, import {L’importation n’a pas pu être enregistrée} other {Votre modification n’a pas pu être enregistrée}} : {cause, select, full {le disque qui contient vos notes ({folder}) est plein. Libérez de la place sur ce disque, puis réessayez.} quota {votre quota sur le disque qui contient vos notes ({folder}) est épuisé. Libérez de la place, puis réessayez.} readonly {le dossier qui contient vos notes ({folder}) est passé en lecture seule (un disque ou un partage monté en lecture seule). Rendez-le de nouveau accessible en écriture, puis réessayez.} permission {Coop Atlas n’a plus le droit d’écrire dans le dossier qui contient vos notes ({folder}). Redonnez à votre compte le droit d’y écrire, puis réessayez.} io {le disque qui contient vos notes ({folder}) a signalé une erreur (il est peut-être défaillant ou a été retiré).} other {l’écriture dans {folder} a échoué{code, select, none {} other { ({code})}}.}} Ce qui avait été enregistré auparavant est intact.{what, select, import { Rien n’a été importé.} other {}}',
    'error.note-not-found': 'Cette note n’est plus là ; elle a peut-être été supprimée.',
    'error.note-conflict':
      'Cette note a été modifiée ailleurs (dans une autre fenêtre ou un autre onglet) depuis son affichage ici : votre modification n’a donc pas été faite. Regardez-la telle qu’elle est maintenant, puis réessayez.',
    'error.note-target-missing':
      '{kind, select, event {Aucun événement} pillar {Aucun pilier} other {Aucune organisation}} ne porte l’identifiant « {id} » : impossible d’y rattacher une note.',
    'error.correction-target-missing':
      '{kind, select, event {Aucun événement} pillar {Aucun pilier} other {Aucune organisation}} ne porte l’identifiant « {id} » : impossible d’y proposer une correction.',
    'error.organisation-not-found': 'Aucune organisation ne porte l’identifiant « {id} ».',
    'error.correction-not-found': 'Cette correction n’est plus là (identifiant « {id} »).',
    'error.import-not-json': 'Le fichier n’est pas du JSON valide. Rien n’a été importé.',
    'error.import-not-notes-file':
      'Ce n’est pas un fichier de notes Coop Atlas (il ne contient pas "format": "{format}"). Rien n’a été importé.',
    'error.import-invalid':
      'Le fichier ne peut pas être importé : une partie ne correspond pas à un fichier de notes (à l’emplacement {path}). Rien n’a été importé.',
    'error.import-newer':
      'Ce fichier de notes a été écrit par une version plus récente de Coop Atlas : mettez celle-ci à jour pour l’importer. Rien n’a été importé.',
    'error.import-duplicate': 'Le fichier contient deux fois la note {id}. Rien n’a été importé.',
    'error.import-md-not-zip': 'Ce n’est pas un fichier zip lisible. Rien n’a été importé.',
    'error.import-md-unsafe-path': 'Il contient un fichier nommé « {name} », qui pointe hors de lui. Rien n’a été importé.',
    'error.import-md-too-many': 'Il contient trop de fichiers : {max} au plus sont importés à la fois. Rien n’a été importé.',
    'error.import-md-file-too-large': '« {name} » dépasse {max}, plus qu’une note ne peut contenir. Rien n’a été importé.',
    'error.import-md-total-too-large': 'Ses fichiers Markdown contiennent plus de {max} de texte en tout. Rien n’a été importé.',
    'error.import-md-zip-too-large': 'Ce zip dépasse {max}. Rien n’a été importé.',
    'error.import-md-damaged':
      '« {name} » ne se décompresse pas à la taille annoncée par le zip : le zip est abîmé ou malveillant. Rien n’a été importé.',
    'error.import-md-not-text': '« {name} » n’est pas du texte (UTF-8). Rien n’a été importé.',
    'error.import-md-duplicate': '« {first} » et « {second} » sont la même note ({id}). Rien n’a été importé.',
    'error.backup-not-found': 'Il n’existe aucune sauvegarde nommée « {name} ».',
    'error.backup-unreadable': 'La sauvegarde « {name} » ne peut pas être lue : {problem}. Rien n’a été modifié.',
    'error.backup-empty':
      'La sauvegarde « {name} » ne contient ni notes, ni corrections, ni favoris : la restaurer ne ferait que vider Coop Atlas. Rien n’a été modifié.',
    'error.store-not-rewritten': NOT_REWRITTEN.fr,
    'error.set-aside-not-found': 'Il n’existe aucun fichier mis de côté nommé « {name} ».',
    'error.file-unreadable': 'Le fichier {path} n’a pas pu être lu ({code}).',
    'error.change-unreadable':
      'Cette modification n’a pas été enregistrée : elle contient une valeur avec laquelle votre fichier de notes ne pourrait plus être relu (à l’emplacement {path}). Rien n’a été modifié.',
    'error.link-refused': 'Seuls les liens https vers un hôte nommé s’ouvrent hors de l’application ; « {url} » a été refusé.',
    'error.pack-not-json': 'Le fichier n’est pas du JSON valide. Rien n’a été modifié.',
    'error.pack-not-a-pack':
      'Ce n’est pas un fichier de données Coop Atlas (il ne contient pas "format": "{format}"). Rien n’a été modifié.',
    'error.pack-old-format':
      'Ce fichier de données n’est pas signé (il est dans l’ancien format, sans signature). Coop Atlas n’installe que des données signées par ses responsables. Rien n’a été modifié.',
    'error.pack-format':
      'Ce fichier de données est d’un type que cette version de Coop Atlas ne sait pas lire (format {format}). Rien n’a été modifié.',
    'error.pack-no-text': 'Ce fichier ne contient pas de données de référence. Rien n’a été modifié.',
    'error.pack-not-signed':
      'Ce fichier de données n’est pas signé. Coop Atlas n’installe que des données signées par ses responsables. Rien n’a été modifié.',
    'error.pack-signature-form': 'La signature de ce fichier de données n’a pas la forme attendue. Rien n’a été modifié.',
    'error.pack-unknown-key':
      'Ce fichier de données est signé par une clé que cette version de Coop Atlas ne connaît pas (identifiant {keyId}). Rien n’a été modifié.',
    'error.pack-bad-signature':
      'La signature ne correspond pas : le fichier a été modifié (ou endommagé) après sa signature. Rien n’a été modifié.',
    'error.pack-text-not-json': 'Les données signées ne sont pas du JSON valide. Rien n’a été modifié.',
    'error.pack-invalid':
      '{problems, plural, one {Ces données ne peuvent pas être utilisées : un élément enfreint leurs règles (voir ci-dessous).} other {Ces données ne peuvent pas être utilisées : # éléments enfreignent leurs règles (voir ci-dessous).}} Rien n’a été modifié.',
    'error.pack-not-newer': 'Ces données ({next}) ne sont pas plus récentes que celles en service ({current}). Rien n’a été modifié.',
    'error.pack-shipped-unusable': 'Les données fournies avec l’application ne peuvent pas être utilisées. Rien n’a été modifié.',
    'error.pack-shipped-in-use': 'Les données fournies avec l’application sont déjà en service. Rien n’a été modifié.',
    'error.code.invalid-input': 'Coop Atlas a refusé cette demande. Rien n’a été modifié.',
    'error.code.forbidden-sender': 'Une erreur interne s’est produite dans Coop Atlas. Rien n’a été modifié.',
    'error.code.unauthorised':
      'Cette page n’est plus reliée à Coop Atlas : rechargez-la, ou rouvrez-la depuis le lien que Coop Atlas a donné.',
    'error.code.unknown-call': 'Une erreur interne s’est produite dans Coop Atlas. Rien n’a été modifié.',
    'error.code.not-found': 'Ce que vous avez demandé n’est plus là. Rien n’a été modifié.',
    'error.code.conflict':
      'Cet élément a été modifié ailleurs entre-temps : votre modification n’a donc pas été faite. Regardez-le tel qu’il est maintenant, puis réessayez.',
    'error.code.too-large': 'C’est trop volumineux pour Coop Atlas. Rien n’a été modifié.',
    'error.code.pack-unavailable': 'Les données de référence n’ont pas pu être chargées. Vos notes sont intactes.',
    'error.code.store-unavailable': 'Vos notes sont inaccessibles pour le moment. Ce qui avait été enregistré est intact.',
    'error.code.internal': 'Une erreur interne s’est produite dans Coop Atlas. Rien n’a été modifié.',
  },
  es: {
    'import.quoted': '«{text}»',
    'import.because': ': {why}',
    'import.refusedFrontMatter':
      '{problem, select, depth {su cabecera YAML está anidada a demasiada profundidad} length {su cabecera YAML es demasiado larga} other {su cabecera no es YAML válido}}',
    'import.refusedFiles':
      '{count, plural, one {Se deja fuera un archivo, sin cambiar nada aquí:} other {Se dejan fuera # archivos, sin cambiar nada aquí:}}',
    'import.refusedOrderDates':
      '{previous, select, none {sus fechas no van en orden: creada el {created}, modificada el {updated}} other {sus fechas no van en orden: creada el {created}, modificada el {updated} a partir de la versión del {previous}}}',
    'store.problem.link-missing': 'es un enlace a {target}, que no se encuentra',
    'store.problem.cannot-read': 'no se pudo leer el archivo ({code})',
    'store.problem.not-utf8': 'el archivo no es un texto UTF-8 válido',
    'store.problem.empty': 'el archivo estaba vacío',
    'store.problem.not-json': 'el archivo no es JSON válido',
    'store.problem.checksum': 'su contenido no coincide con la suma de verificación guardada con él',
    'store.problem.texts-mismatch': 'sus notas y sus textos no concuerdan',
    'store.problem.not-a-store': 'el archivo no contiene notas de Coop Atlas',
    'store.problem.no-version': 'el archivo no indica ninguna versión de formato válida',
    'store.problem.newer-version':
      'el archivo lo escribió una versión más reciente de Coop Atlas (formato {version}; esta solo conoce el {known})',
    'store.problem.no-migration': 'esta versión de Coop Atlas no puede convertirlo desde el formato {from}',
    'store.problem.invalid-contents': 'su contenido no es válido (en {path})',
    'store.problem.missing': 'el archivo no se encuentra',
    'store.notice.set-aside':
      'No se pudo abrir su archivo de notas: {problem}. Se ha conservado intacto con el nombre {aside}; Ajustes lo muestra y permite recuperar su contenido.',
    'store.notice.backup-restored':
      'Se ha restaurado la última copia de seguridad válida ({backup}); todas las copias anteriores se han guardado aparte en {keptIn}.',
    'store.notice.no-backup': 'No se encontró ninguna copia de seguridad válida, así que Coop Atlas se ha iniciado sin notas.',
    'store.notice.records-set-aside':
      '{apart, plural, =0 {} one {Un registro de su archivo de notas no se pudo leer y se ha dejado fuera; se han conservado todos los demás. } other {# registros de su archivo de notas no se pudieron leer y se han dejado fuera; se han conservado todos los demás. }}{mended, plural, =0 {} one {Se ha reparado y conservado una nota (fechas o etiquetas en una forma que esta versión no acepta). } other {Se han reparado y conservado # notas (fechas o etiquetas en una forma que esta versión no acepta). }}El archivo original se conserva intacto con el nombre {aside}; Ajustes lo muestra y permite recuperar su contenido.',
    'store.notice.changes-set-aside':
      '{count, plural, one {Un cambio reciente (línea {lines} del registro de cambios) no se pudo leer; se han conservado todos los demás.} other {# cambios recientes (líneas {lines} del registro de cambios) no se pudieron leer; se han conservado todos los demás.}} El registro se ha conservado intacto con el nombre {aside}; Ajustes lo muestra.',
    'error.request-refused':
      'Coop Atlas ha rechazado esta solicitud: lo enviado no cumple sus reglas (en {path}). No se ha modificado nada.',
    'error.save-failed':
      '{what, select, import {No se pudo guardar la importación} other {No se pudo guardar su cambio}}: {cause, select, full {el disco que contiene sus notas ({folder}) está lleno. Libere espacio en él y vuelva a intentarlo.} quota {se ha agotado su cuota en el disco que contiene sus notas ({folder}). Libere espacio y vuelva a intentarlo.} readonly {la carpeta que contiene sus notas ({folder}) ha pasado a ser de solo lectura (un disco o recurso compartido montado en solo lectura). Vuelva a permitir la escritura y vuelva a intentarlo.} permission {Coop Atlas ya no tiene permiso para escribir en la carpeta que contiene sus notas ({folder}). Devuelva a su cuenta el permiso de escritura y vuelva a intentarlo.} io {el disco que contiene sus notas ({folder}) ha informado de un error (puede estar fallando o haberse retirado).} other {no se pudo escribir en {folder}{code, select, none {} other { ({code})}}.}} Lo que se guardó antes está a salvo.{what, select, import { No se ha importado nada.} other {}}',
    'error.note-not-found': 'Esta nota ya no está; puede que se haya eliminado.',
    'error.note-conflict':
      'Esta nota se modificó en otro lugar (en otra ventana o pestaña) después de mostrarse aquí, así que su cambio no se ha hecho. Mírela tal como está ahora y vuelva a intentarlo.',
    'error.note-target-missing':
      'No hay {kind, select, event {ningún acontecimiento} pillar {ningún pilar} other {ninguna organización}} con el identificador «{id}» al que añadir una nota.',
    'error.correction-target-missing':
      'No hay {kind, select, event {ningún acontecimiento} pillar {ningún pilar} other {ninguna organización}} con el identificador «{id}» que corregir.',
    'error.organisation-not-found': 'Ninguna organización tiene el identificador «{id}».',
    'error.correction-not-found': 'Esta corrección ya no está (identificador «{id}»).',
    'error.import-not-json': 'El archivo no es JSON válido. No se ha importado nada.',
    'error.import-not-notes-file': 'No es un archivo de notas de Coop Atlas (no contiene "format": "{format}"). No se ha importado nada.',
    'error.import-invalid':
      'No se puede importar el archivo: una parte no corresponde a un archivo de notas (en {path}). No se ha importado nada.',
    'error.import-newer':
      'Este archivo de notas lo escribió una versión más reciente de Coop Atlas: actualice esta para importarlo. No se ha importado nada.',
    'error.import-duplicate': 'El archivo contiene dos veces la nota {id}. No se ha importado nada.',
    'error.import-md-not-zip': 'No es un archivo zip legible. No se ha importado nada.',
    'error.import-md-unsafe-path': 'Contiene un archivo llamado «{name}», que apunta fuera de él. No se ha importado nada.',
    'error.import-md-too-many': 'Contiene demasiados archivos: se importan como máximo {max} a la vez. No se ha importado nada.',
    'error.import-md-file-too-large': '«{name}» supera {max}, más de lo que cabe en una nota. No se ha importado nada.',
    'error.import-md-total-too-large': 'Sus archivos Markdown suman más de {max} de texto. No se ha importado nada.',
    'error.import-md-zip-too-large': 'Este zip supera {max}. No se ha importado nada.',
    'error.import-md-damaged':
      '«{name}» no se descomprime al tamaño que declara el zip: el zip está dañado o es malicioso. No se ha importado nada.',
    'error.import-md-not-text': '«{name}» no es texto (UTF-8). No se ha importado nada.',
    'error.import-md-duplicate': '«{first}» y «{second}» son la misma nota ({id}). No se ha importado nada.',
    'error.backup-not-found': 'No hay ninguna copia de seguridad llamada «{name}».',
    'error.backup-unreadable': 'No se puede leer la copia de seguridad «{name}»: {problem}. No se ha modificado nada.',
    'error.backup-empty':
      'La copia de seguridad «{name}» no contiene notas, correcciones ni favoritos: restaurarla solo vaciaría Coop Atlas. No se ha modificado nada.',
    'error.store-not-rewritten': NOT_REWRITTEN.es,
    'error.set-aside-not-found': 'No hay ningún archivo apartado llamado «{name}».',
    'error.file-unreadable': 'No se pudo leer el archivo {path} ({code}).',
    'error.change-unreadable':
      'Este cambio no se ha guardado: contiene un valor con el que su archivo de notas ya no podría volver a leerse (en {path}). No se ha modificado nada.',
    'error.link-refused': 'Solo los enlaces https a un servidor con nombre se abren fuera de la aplicación; se ha rechazado «{url}».',
    'error.pack-not-json': 'El archivo no es JSON válido. No se ha modificado nada.',
    'error.pack-not-a-pack': 'No es un archivo de datos de Coop Atlas (no contiene "format": "{format}"). No se ha modificado nada.',
    'error.pack-old-format':
      'Este archivo de datos no está firmado (tiene el formato antiguo, sin firma). Coop Atlas solo instala datos firmados por sus responsables. No se ha modificado nada.',
    'error.pack-format':
      'Este archivo de datos es de un tipo que esta versión de Coop Atlas no sabe leer (formato {format}). No se ha modificado nada.',
    'error.pack-no-text': 'Este archivo no contiene datos de referencia. No se ha modificado nada.',
    'error.pack-not-signed':
      'Este archivo de datos no está firmado. Coop Atlas solo instala datos firmados por sus responsables. No se ha modificado nada.',
    'error.pack-signature-form': 'La firma de este archivo de datos no tiene la forma esperada. No se ha modificado nada.',
    'error.pack-unknown-key':
      'Este archivo de datos está firmado con una clave que esta versión de Coop Atlas no conoce (identificador {keyId}). No se ha modificado nada.',
    'error.pack-bad-signature': 'La firma no coincide: el archivo se modificó (o se dañó) después de firmarse. No se ha modificado nada.',
    'error.pack-text-not-json': 'Los datos firmados no son JSON válido. No se ha modificado nada.',
    'error.pack-invalid':
      '{problems, plural, one {No se pueden usar estos datos: un elemento incumple sus reglas (véase abajo).} other {No se pueden usar estos datos: # elementos incumplen sus reglas (véase abajo).}} No se ha modificado nada.',
    'error.pack-not-newer': 'Estos datos ({next}) no son más recientes que los que están en uso ({current}). No se ha modificado nada.',
    'error.pack-shipped-unusable': 'No se pueden usar los datos incluidos con la aplicación. No se ha modificado nada.',
    'error.pack-shipped-in-use': 'Los datos incluidos con la aplicación ya están en uso. No se ha modificado nada.',
    'error.code.invalid-input': 'Coop Atlas ha rechazado esta solicitud. No se ha modificado nada.',
    'error.code.forbidden-sender': 'Se ha producido un error interno en Coop Atlas. No se ha modificado nada.',
    'error.code.unauthorised':
      'Esta página ya no está conectada a Coop Atlas: vuelva a cargarla o ábrala de nuevo desde el enlace que dio Coop Atlas.',
    'error.code.unknown-call': 'Se ha producido un error interno en Coop Atlas. No se ha modificado nada.',
    'error.code.not-found': 'Lo que ha pedido ya no está. No se ha modificado nada.',
    'error.code.conflict':
      'Esto se modificó en otro lugar mientras tanto, así que su cambio no se ha hecho. Mírelo tal como está ahora y vuelva a intentarlo.',
    'error.code.too-large': 'Es demasiado grande para Coop Atlas. No se ha modificado nada.',
    'error.code.pack-unavailable': 'No se pudieron cargar los datos de referencia. Sus notas están a salvo.',
    'error.code.store-unavailable': 'Ahora mismo no se puede acceder a sus notas. Lo que se guardó antes está a salvo.',
    'error.code.internal': 'Se ha producido un error interno en Coop Atlas. No se ha modificado nada.',
  },
})
