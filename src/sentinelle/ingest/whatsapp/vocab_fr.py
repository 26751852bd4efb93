"""French WhatsApp system phrasings (Android and iOS), as data.

Placeholders (see system.py): {A} actor, {T} targets, {a} "a" or "avez" (after "Vous"),
{e} the optional feminine/inclusive ending (·e, (e), e), {QO}/{QN} an old/new quoted title in
any quote style, {REST} anything up to the end of the line. Apostrophes match ' and ’.
Entries are tried in order; put the specific ones first.
"""

EVENTS: list[tuple[str, str, dict]] = [
    ("encryption_notice", "Les messages et les appels sont chiffrés de bout en bout{REST}", {}),
    ("encryption_notice", "Les messages envoyés dans ce groupe sont désormais protégés{REST}", {}),
    ("encryption_notice", "Les messages que vous envoyez dans ce groupe sont désormais{REST}", {}),
    ("created", "Le créateur du groupe a créé le groupe {QN}", {}),
    ("created", "{A} {a} créé le groupe {QN}", {}),
    ("created", "{A} {a} créé ce groupe", {}),
    ("added", "Vous avez été ajouté{e}{REST}", {"targets": "Vous"}),
    ("added", "{A} vous a ajouté{e}", {"targets": "Vous"}),
    ("added", "{A} {a} ajouté {T}", {}),
    ("added", "{T} a été ajouté{e}", {}),
    ("removed", "Vous avez été retiré{e}{REST}", {"targets": "Vous"}),
    ("removed", "{A} vous a retiré{e}", {"targets": "Vous"}),
    ("removed", "{A} {a} retiré {T}", {}),
    ("removed", "{T} a été retiré{e}", {}),
    ("left", "Vous êtes parti{e}", {"actor": "Vous"}),
    ("left", "{A} est parti{e}", {}),
    ("left", "{A} {a} quitté le groupe", {}),
    ("joined_by_link", "{A} {a} rejoint (?:ce|le) groupe {REST}lien d'invitation{REST}", {}),
    ("joined", "{A} {a} rejoint {REST}", {}),
    ("subject_changed", "Quelqu'un a remplacé le sujet par {QN}", {}),
    (
        "subject_changed",
        "{A} {a} (?:modifié|changé|remplacé) le (?:sujet|nom du groupe)(?: de)? {QO} (?:en|par) {QN}",
        {},
    ),
    (
        "subject_changed",
        "{A} {a} (?:modifié|changé|remplacé) le (?:sujet|nom du groupe) (?:en|par|pour) {QN}",
        {},
    ),
    ("icon_removed", "{A} {a} supprimé l'icône (?:de ce|du) groupe", {}),
    ("icon_changed", "{A} {a} (?:changé|modifié) l'icône (?:de ce|du) groupe", {}),
    ("description_changed", "{A} {a} supprimé la description du groupe{REST}", {"removed": True}),
    ("description_changed", "{A} {a} (?:changé|modifié) la description du groupe{REST}", {}),
    (
        "admin_granted",
        "Vous êtes (?:désormais|maintenant) (?:un |une )?(?:admin|administrat(?:eur|rice)){REST}",
        {"targets": "Vous"},
    ),
    (
        "admin_revoked",
        "Vous n'êtes plus (?:un |une )?(?:admin|administrat(?:eur|rice)){REST}",
        {"targets": "Vous"},
    ),
    (
        "admin_granted",
        "{T} est (?:désormais|maintenant) (?:un |une )?(?:admin|administrat(?:eur|rice)){REST}",
        {},
    ),
    ("admin_revoked", "{T} n'est plus (?:un |une )?(?:admin|administrat(?:eur|rice)){REST}", {}),
    ("settings_changed", "{A} {a} modifié les (?:réglages|paramètres) (?:de ce|du) groupe{REST}", {}),
    ("settings_changed", "{A} {a} (?:activé|désactivé) l'approbation{REST}", {}),
    ("settings_changed", "{A} {a} autorisé {REST}", {}),
    ("disappearing_on", "{A} {a} activé les messages éphémères{REST}", {}),
    ("disappearing_off", "{A} {a} désactivé les messages éphémères{REST}", {}),
    (
        "disappearing_changed",
        "{A} {a} mis à jour le délai (?:avant disparition|des messages éphémères){REST}",
        {},
    ),
    ("disappearing_changed", "{A} {a} (?:modifié|changé) la durée des messages éphémères{REST}", {}),
    ("security_code_changed", "Votre code de sécurité avec {T} a changé{REST}", {}),
    ("security_code_changed", "Le code de sécurité de {T} a changé{REST}", {}),
    ("number_changed", "{A} a changé de numéro(?: de téléphone)?{REST}", {}),
    ("number_changed", "{A} a changé son numéro{REST}", {}),
    ("call", "Appel (?:vocal|vidéo)(?: de groupe)? manqué{REST}", {"missed": True}),
    ("pinned", "{A} {a} épinglé un message{REST}", {}),
]

# Message placeholders (whole body, marks and surrounding spaces removed).
DELETED = [
    "Ce message a été supprimé",
    "Ce message a été supprimé.",
    "Vous avez supprimé ce message",
    "Vous avez supprimé ce message.",
]
DELETED_BY_ADMIN = [
    "Ce message a été supprimé par un ou une admin.",
    "Ce message a été supprimé par un admin.",
    "Ce message a été supprimé par un administrateur.",
]
MEDIA_OMITTED = [
    "<Médias omis>",
    "<médias omis>",
    "<Média omis>",
    "<Fichier omis>",
    "<Médias absents>",
    "image absente",
    "vidéo absente",
    "audio omis",
    "sticker omis",
    "GIF retiré",
    "document manquant",
    "Fiche contact manquante",
]
EDITED = ["<Ce message a été modifié>"]
ATTACHED = ["fichier joint"]  # "NAME (fichier joint)"
ATTACHED_TAG = ["pièce jointe"]  # "<pièce jointe : NAME>"
LOCATION = ["Localisation", "localisation", "Position en direct partagée"]
YOU = "Vous"
