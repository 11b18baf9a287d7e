import { defineMessages } from '../define'

/**
 * Settings › Sync (views/settings/SyncSettings.svelte), the shared notebook's marks on notes, and the refusals main
 * names for the reader to word (shared/errors.ts ERROR_WORDING_KEYS: error.*). A problem's `detail` is the
 * system's code (EACCES…) or 'none'.
 */
export default defineMessages({
  en: {
    'sync.heading': 'Sync with your other devices',
    'sync.intro':
      'Coop Atlas never goes online. To have your notes on another computer, choose a folder that a sync tool you already use copies between your machines: Syncthing, the Nextcloud or ownCloud client, Dropbox, OneDrive or a network share. Coop Atlas writes only its own file there and reads the files of your other devices.',
    'sync.travels':
      'What travels: your notes with their tags, the trash, notes deleted for good, shared marks, and your corrections. Settings, favourites and backups stay on each device. When one note was changed on two devices before they met, both texts are kept, one of them as a separate copy beside the other.',
    'sync.device': 'This device',
    'sync.deviceName': 'Name shown to your other devices and your team',
    'sync.rename': 'Rename',
    'sync.renamed': 'This device is now called “{name}”.',
    'sync.folder': 'Sync folder',
    'sync.teamFolder': 'Team folder',
    'sync.path': 'Folder (full path)',
    'sync.choose': 'Choose…',
    'sync.chooseTitle': '{role, select, team {Choose the team folder} other {Choose the sync folder}}',
    'sync.use': 'Use this folder',
    'sync.stop': 'Stop syncing',
    'sync.leaveTeam': 'Leave the team folder',
    'sync.now': 'Sync now',
    'sync.off': 'Not synchronised: no folder chosen.',
    'sync.notYet': 'Chosen; not exchanged yet.',
    'sync.ok':
      '{devices, plural, =0 {Last exchanged {when}. No other device has written to this folder yet.} one {Last exchanged {when}, with one other device.} other {Last exchanged {when}, with # other devices.}}',
    'sync.skipped':
      '{count, plural, one {One file from another device could not be read whole (still being copied?): it will be read later.} other {# files from other devices could not be read whole (still being copied?): they will be read later.}}',
    'sync.stopped': 'Synchronisation with this folder stopped. Nothing was deleted, here or in the folder.',
    'sync.teamIntro':
      'A notebook shared with colleagues: choose a folder your team shares (a Nextcloud or Syncthing folder, a network share). Only the notes you mark “Shared” go there, each with this device’s name as its author, and colleagues’ shared notes come here. Personal notes never go there. Leaving keeps every note here.',
    'sync.teamLeft': 'You left the team folder. The shared notes stay here.',
    'sync.newDevice': 'Make this device new',
    'sync.problem.folder-missing':
      'The folder {folder} cannot be found (a drive not connected, a share offline?). Nothing was changed here; Coop Atlas tries again by itself.',
    'sync.problem.folder-unreadable':
      'The folder {folder} cannot be read{detail, select, none {} other { ({detail})}}. Nothing was changed here; Coop Atlas tries again by itself.',
    'sync.problem.folder-unwritable':
      'This device’s notes could not be written to {folder}{detail, select, none {} other { ({detail})}}: is it read-only or full? Nothing was changed here; Coop Atlas tries again by itself.',
    'sync.problem.newer-format':
      'Another device writes to {folder} with a newer Coop Atlas. Update Coop Atlas on this device to go on; until then nothing is exchanged, and nothing was changed here.',
    'sync.problem.same-device-id':
      'Another installation writes to {folder} under this device’s identity: it was probably copied from this one, data folder and all. Synchronisation stopped and nothing was changed here. Make this device new (it takes a new identity and keeps every note), and it goes on.',
    'sync.problem.save-failed':
      'The notes from other devices could not be saved here{detail, select, none {} other { ({detail})}}. Nothing was changed; Coop Atlas tries again by itself.',
    'sync.problem.folder-emptied':
      'This device’s file had gone from {folder} (the folder was emptied, or restored from an older copy). It was written again; nothing was deleted here.',
    'notes.share': 'Share with the team',
    'notes.unshare': 'Stop sharing',
    'notes.shared': 'Shared',
    'notes.sharedHelp': 'In the team’s shared notebook: colleagues using the team folder read it.',
    'notes.by': 'by {name}',
    'error.folder-not-absolute':
      '{role, select, team {The team folder} other {The sync folder}} must be given as a full path (such as /home/ana/Sync or C:\\Users\\Ana\\Sync); “{folder}” is not one.',
    'error.folder-whole-drive':
      '{role, select, team {The team folder} other {The sync folder}} cannot be a whole drive ({folder}): choose or make a folder on it for Coop Atlas.',
    'error.folder-is-file': '{folder} is a file, not a folder. Choose a folder.',
    'error.folder-missing': 'There is no folder at {folder}. Make it (or let your sync tool make it) first, then choose it.',
    'error.folder-cannot-open': 'The folder {folder} cannot be opened ({why}).',
    'error.folder-data-folder':
      '{role, select, team {The team folder} other {The sync folder}} cannot be Coop Atlas’s own data folder ({dataFolder}), a folder inside it, or a folder that holds it: your sync tool would copy the notes file itself. Choose a folder of its own.',
    'error.folder-overlap':
      '{role, select, team {The team folder must be apart from the sync folder} other {The sync folder must be apart from the team folder}} ({other}), not the same folder nor one inside the other: personal notes must never reach the team. Choose another folder.',
  },
  fr: {
    'sync.heading': 'Synchroniser avec vos autres appareils',
    'sync.intro':
      'Coop Atlas ne se connecte jamais. Pour retrouver vos notes sur un autre ordinateur, choisissez un dossier qu’un outil de synchronisation que vous utilisez déjà copie entre vos machines : Syncthing, le client Nextcloud ou ownCloud, Dropbox, OneDrive ou un partage réseau. Coop Atlas n’y écrit que son propre fichier et lit ceux de vos autres appareils.',
    'sync.travels':
      'Ce qui circule : vos notes avec leurs étiquettes, la corbeille, les notes supprimées définitivement, les marques de partage et vos corrections. Les réglages, les favoris et les sauvegardes restent sur chaque appareil. Si une note a été modifiée sur deux appareils avant qu’ils ne se synchronisent, les deux textes sont gardés, l’un des deux en copie à part, à côté de l’autre.',
    'sync.device': 'Cet appareil',
    'sync.deviceName': 'Nom montré à vos autres appareils et à votre équipe',
    'sync.rename': 'Renommer',
    'sync.renamed': 'Cet appareil s’appelle désormais « {name} ».',
    'sync.folder': 'Dossier de synchronisation',
    'sync.teamFolder': 'Dossier d’équipe',
    'sync.path': 'Dossier (chemin complet)',
    'sync.choose': 'Choisir…',
    'sync.chooseTitle': '{role, select, team {Choisir le dossier d’équipe} other {Choisir le dossier de synchronisation}}',
    'sync.use': 'Utiliser ce dossier',
    'sync.stop': 'Arrêter la synchronisation',
    'sync.leaveTeam': 'Quitter le dossier d’équipe',
    'sync.now': 'Synchroniser maintenant',
    'sync.off': 'Pas de synchronisation : aucun dossier choisi.',
    'sync.notYet': 'Dossier choisi ; aucun échange encore.',
    'sync.ok':
      '{devices, plural, =0 {Dernier échange {when}. Aucun autre appareil n’a encore écrit dans ce dossier.} one {Dernier échange {when}, avec un autre appareil.} other {Dernier échange {when}, avec # autres appareils.}}',
    'sync.skipped':
      '{count, plural, one {Un fichier d’un autre appareil n’a pas pu être lu en entier (copie en cours ?) : il sera lu plus tard.} other {# fichiers d’autres appareils n’ont pas pu être lus en entier (copie en cours ?) : ils seront lus plus tard.}}',
    'sync.stopped': 'La synchronisation avec ce dossier est arrêtée. Rien n’a été supprimé, ni ici ni dans le dossier.',
    'sync.teamIntro':
      'Un carnet partagé avec vos collègues : choisissez un dossier que votre équipe partage (un dossier Nextcloud ou Syncthing, un partage réseau). Seules les notes marquées « Partagée » y vont, chacune avec le nom de cet appareil comme auteur, et les notes partagées de vos collègues arrivent ici. Les notes personnelles n’y vont jamais. En quittant le dossier, vous gardez toutes les notes ici.',
    'sync.teamLeft': 'Vous avez quitté le dossier d’équipe. Les notes partagées restent ici.',
    'sync.newDevice': 'Faire de cet appareil un nouvel appareil',
    'sync.problem.folder-missing':
      'Le dossier {folder} est introuvable (disque non branché, partage hors ligne ?). Rien n’a été modifié ici ; Coop Atlas réessaiera de lui-même.',
    'sync.problem.folder-unreadable':
      'Le dossier {folder} ne peut pas être lu{detail, select, none {} other { ({detail})}}. Rien n’a été modifié ici ; Coop Atlas réessaiera de lui-même.',
    'sync.problem.folder-unwritable':
      'Les notes de cet appareil n’ont pas pu être écrites dans {folder}{detail, select, none {} other { ({detail})}} : est-il en lecture seule ou plein ? Rien n’a été modifié ici ; Coop Atlas réessaiera de lui-même.',
    'sync.problem.newer-format':
      'Un autre appareil écrit dans {folder} avec une version plus récente de Coop Atlas. Mettez Coop Atlas à jour sur cet appareil pour continuer ; d’ici là, rien n’est échangé et rien n’a été modifié ici.',
    'sync.problem.same-device-id':
      'Une autre installation écrit dans {folder} sous l’identité de cet appareil : elle a sans doute été copiée depuis celui-ci, avec son dossier de données. La synchronisation est arrêtée et rien n’a été modifié ici. Faites de cet appareil un nouvel appareil (il prend une nouvelle identité et garde toutes les notes), et elle reprendra.',
    'sync.problem.save-failed':
      'Les notes des autres appareils n’ont pas pu être enregistrées ici{detail, select, none {} other { ({detail})}}. Rien n’a été modifié ; Coop Atlas réessaiera de lui-même.',
    'sync.problem.folder-emptied':
      'Le fichier de cet appareil avait disparu de {folder} (dossier vidé, ou restauré depuis une copie plus ancienne). Il a été réécrit ; rien n’a été supprimé ici.',
    'notes.share': 'Partager avec l’équipe',
    'notes.unshare': 'Ne plus partager',
    'notes.shared': 'Partagée',
    'notes.sharedHelp': 'Dans le carnet partagé de l’équipe : les collègues qui utilisent le dossier d’équipe la lisent.',
    'notes.by': 'par {name}',
    'error.folder-not-absolute':
      '{role, select, team {Le dossier d’équipe} other {Le dossier de synchronisation}} doit être donné par son chemin complet (comme /home/ana/Sync ou C:\\Users\\Ana\\Sync) ; « {folder} » n’en est pas un.',
    'error.folder-whole-drive':
      '{role, select, team {Le dossier d’équipe} other {Le dossier de synchronisation}} ne peut pas être un disque entier ({folder}) : choisissez ou créez-y un dossier pour Coop Atlas.',
    'error.folder-is-file': '{folder} est un fichier, pas un dossier. Choisissez un dossier.',
    'error.folder-missing':
      'Il n’y a pas de dossier à l’emplacement {folder}. Créez-le d’abord (ou laissez votre outil de synchronisation le créer), puis choisissez-le.',
    'error.folder-cannot-open': 'Le dossier {folder} ne peut pas être ouvert ({why}).',
    'error.folder-data-folder':
      '{role, select, team {Le dossier d’équipe} other {Le dossier de synchronisation}} ne peut pas être le dossier de données de Coop Atlas ({dataFolder}), un dossier qu’il contient ni un dossier qui le contient : votre outil de synchronisation copierait le fichier des notes lui-même. Choisissez un dossier à part.',
    'error.folder-overlap':
      '{role, select, team {Le dossier d’équipe doit être distinct du dossier de synchronisation} other {Le dossier de synchronisation doit être distinct du dossier d’équipe}} ({other}) : ni le même dossier, ni l’un dans l’autre, pour que les notes personnelles n’arrivent jamais à l’équipe. Choisissez un autre dossier.',
  },
  es: {
    'sync.heading': 'Sincronizar con sus otros dispositivos',
    'sync.intro':
      'Coop Atlas nunca se conecta a la red. Para tener sus notas en otro ordenador, elija una carpeta que una herramienta de sincronización que ya utilice copie entre sus equipos: Syncthing, el cliente de Nextcloud u ownCloud, Dropbox, OneDrive o una carpeta de red. Coop Atlas solo escribe allí su propio archivo y lee los de sus otros dispositivos.',
    'sync.travels':
      'Lo que se sincroniza: sus notas con sus etiquetas, la papelera, las notas eliminadas definitivamente, las marcas de compartido y sus correcciones. Los ajustes, los favoritos y las copias de seguridad se quedan en cada dispositivo. Si una nota se modificó en dos dispositivos antes de que se sincronizaran, se conservan ambos textos, uno de ellos como copia aparte, junto al otro.',
    'sync.device': 'Este dispositivo',
    'sync.deviceName': 'Nombre que ven sus otros dispositivos y su equipo',
    'sync.rename': 'Cambiar el nombre',
    'sync.renamed': 'Este dispositivo se llama ahora «{name}».',
    'sync.folder': 'Carpeta de sincronización',
    'sync.teamFolder': 'Carpeta del equipo',
    'sync.path': 'Carpeta (ruta completa)',
    'sync.choose': 'Elegir…',
    'sync.chooseTitle': '{role, select, team {Elegir la carpeta del equipo} other {Elegir la carpeta de sincronización}}',
    'sync.use': 'Usar esta carpeta',
    'sync.stop': 'Dejar de sincronizar',
    'sync.leaveTeam': 'Salir de la carpeta del equipo',
    'sync.now': 'Sincronizar ahora',
    'sync.off': 'Sin sincronizar: no se ha elegido ninguna carpeta.',
    'sync.notYet': 'Carpeta elegida; todavía sin intercambios.',
    'sync.ok':
      '{devices, plural, =0 {Último intercambio: {when}. Ningún otro dispositivo ha escrito todavía en esta carpeta.} one {Último intercambio: {when}, con otro dispositivo.} other {Último intercambio: {when}, con # dispositivos más.}}',
    'sync.skipped':
      '{count, plural, one {Un archivo de otro dispositivo no se pudo leer entero (¿se está copiando aún?): se leerá más tarde.} other {# archivos de otros dispositivos no se pudieron leer enteros (¿se están copiando aún?): se leerán más tarde.}}',
    'sync.stopped': 'Se ha detenido la sincronización con esta carpeta. No se ha borrado nada, ni aquí ni en la carpeta.',
    'sync.teamIntro':
      'Un cuaderno compartido con sus colegas: elija una carpeta que comparta su equipo (una carpeta de Nextcloud o Syncthing, una carpeta de red). Solo van allí las notas que marque como «Compartida», cada una con el nombre de este dispositivo como autor, y las notas compartidas de sus colegas llegan aquí. Las notas personales nunca van allí. Al salir, conserva aquí todas las notas.',
    'sync.teamLeft': 'Ha salido de la carpeta del equipo. Las notas compartidas se quedan aquí.',
    'sync.newDevice': 'Convertir este dispositivo en uno nuevo',
    'sync.problem.folder-missing':
      'No se encuentra la carpeta {folder} (¿un disco sin conectar, una carpeta de red sin conexión?). No se ha cambiado nada aquí; Coop Atlas volverá a intentarlo por sí solo.',
    'sync.problem.folder-unreadable':
      'No se puede leer la carpeta {folder}{detail, select, none {} other { ({detail})}}. No se ha cambiado nada aquí; Coop Atlas volverá a intentarlo por sí solo.',
    'sync.problem.folder-unwritable':
      'No se han podido escribir las notas de este dispositivo en {folder}{detail, select, none {} other { ({detail})}}: ¿es de solo lectura o está llena? No se ha cambiado nada aquí; Coop Atlas volverá a intentarlo por sí solo.',
    'sync.problem.newer-format':
      'Otro dispositivo escribe en {folder} con una versión más reciente de Coop Atlas. Actualice Coop Atlas en este dispositivo para continuar; mientras tanto no se intercambia nada, y no se ha cambiado nada aquí.',
    'sync.problem.same-device-id':
      'Otra instalación escribe en {folder} con la identidad de este dispositivo: probablemente se copió de este, con su carpeta de datos. La sincronización se ha detenido y no se ha cambiado nada aquí. Convierta este dispositivo en uno nuevo (toma una identidad nueva y conserva todas las notas) y seguirá.',
    'sync.problem.save-failed':
      'No se han podido guardar aquí las notas de los otros dispositivos{detail, select, none {} other { ({detail})}}. No se ha cambiado nada; Coop Atlas volverá a intentarlo por sí solo.',
    'sync.problem.folder-emptied':
      'El archivo de este dispositivo había desaparecido de {folder} (se vació la carpeta, o se restauró desde una copia anterior). Se ha vuelto a escribir; no se ha borrado nada aquí.',
    'notes.share': 'Compartir con el equipo',
    'notes.unshare': 'Dejar de compartir',
    'notes.shared': 'Compartida',
    'notes.sharedHelp': 'En el cuaderno compartido del equipo: la leen los colegas que usan la carpeta del equipo.',
    'notes.by': 'de {name}',
    'error.folder-not-absolute':
      '{role, select, team {La carpeta del equipo} other {La carpeta de sincronización}} debe indicarse con su ruta completa (como /home/ana/Sync o C:\\Users\\Ana\\Sync); «{folder}» no lo es.',
    'error.folder-whole-drive':
      '{role, select, team {La carpeta del equipo} other {La carpeta de sincronización}} no puede ser un disco entero ({folder}): elija o cree en él una carpeta para Coop Atlas.',
    'error.folder-is-file': '{folder} es un archivo, no una carpeta. Elija una carpeta.',
    'error.folder-missing':
      'No hay ninguna carpeta en {folder}. Créela primero (o deje que la cree su herramienta de sincronización) y luego elíjala.',
    'error.folder-cannot-open': 'No se puede abrir la carpeta {folder} ({why}).',
    'error.folder-data-folder':
      '{role, select, team {La carpeta del equipo} other {La carpeta de sincronización}} no puede ser la carpeta de datos de Coop Atlas ({dataFolder}), una carpeta dentro de ella ni una que la contenga: su herramienta de sincronización copiaría el propio archivo de notas. Elija una carpeta aparte.',
    'error.folder-overlap':
      '{role, select, team {La carpeta del equipo debe estar separada de la carpeta de sincronización} other {La carpeta de sincronización debe estar separada de la carpeta del equipo}} ({other}): ni la misma carpeta ni una dentro de la otra, para que las notas personales nunca lleguen al equipo. Elija otra carpeta.',
  },
})
