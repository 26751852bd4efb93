"""German WhatsApp system phrasings (Android and iOS), as data. Placeholders: see vocab_fr.

"Du hast ..." (the exporter) goes through the same "{A} ha(?:t|st)" rules: the actor "Du" is
recognised as the exporter. Entries are tried in order; the specific ones come first.
"""

_HAT = "(?:hat|hast)"
_ADMIN = "(?:ein |eine )?(?:Admin|Administrator|Administratorin|Gruppenadmin)"

EVENTS: list[tuple[str, str, dict]] = [
    ("encryption_notice", "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt{REST}", {}),
    (
        "encryption_notice",
        "Nachrichten(?:, die du)? (?:an|in) diese(?:r)? Gruppe (?:sendest, )?(?:sind|werden) "
        "(?:jetzt |nun )?mit Ende-zu-Ende-Verschlüsselung geschützt{REST}",
        {},
    ),
    ("created", "{A} " + _HAT + " die Gruppe {QN} erstellt", {}),
    ("created", "{A} " + _HAT + " diese Gruppe erstellt", {}),
    (
        "subject_changed",
        "{A} " + _HAT + " den (?:Betreff|Gruppennamen) von {QO} (?:zu|in|auf) {QN} geändert",
        {},
    ),
    ("subject_changed", "{A} " + _HAT + " den (?:Betreff|Gruppennamen) (?:zu|in|auf) {QN} geändert", {}),
    (
        "icon_removed",
        "{A} " + _HAT + " das (?:Gruppenbild|Gruppensymbol|Gruppenfoto) (?:gelöscht|entfernt)",
        {},
    ),
    ("icon_changed", "{A} " + _HAT + " das (?:Gruppenbild|Gruppensymbol|Gruppenfoto) geändert", {}),
    (
        "description_changed",
        "{A} " + _HAT + " die Gruppenbeschreibung (?:gelöscht|entfernt){REST}",
        {"removed": True},
    ),
    ("description_changed", "{A} " + _HAT + " die Gruppenbeschreibung geändert{REST}", {}),
    ("added", "Du wurdest (?:zur Gruppe |zu dieser Gruppe )?hinzugefügt{TAIL}", {"targets": "Du"}),
    ("added", "{A} hat dich (?:zur Gruppe |zu dieser Gruppe )?hinzugefügt", {"targets": "Du"}),
    ("added", "{A} " + _HAT + " {T} hinzugefügt", {}),
    ("added", "{T} wurde hinzugefügt", {}),
    ("removed", "Du wurdest entfernt{TAIL}", {"targets": "Du"}),
    ("removed", "{A} hat dich entfernt", {"targets": "Du"}),
    ("removed", "{A} " + _HAT + " {T} entfernt", {}),
    ("removed", "{T} wurde entfernt", {}),
    ("left", "{A} " + _HAT + " die Gruppe verlassen", {}),
    (
        "joined_by_link",
        "{A} (?:ist|bist) (?:der Gruppe )?über (?:den|einen) Einladungslink{REST}beigetreten",
        {},
    ),
    ("joined", "{A} (?:ist|bist) (?:der Gruppe |dieser Gruppe )?beigetreten", {}),
    ("admin_granted", "Du bist (?:jetzt|nun) " + _ADMIN + "{TAIL}", {"targets": "Du"}),
    (
        "admin_revoked",
        "Du bist kein(?:e)? (?:Admin|Administrator|Administratorin|Gruppenadmin) mehr{TAIL}",
        {"targets": "Du"},
    ),
    ("admin_granted", "{T} ist (?:jetzt|nun) " + _ADMIN + "{TAIL}", {}),
    (
        "admin_revoked",
        "{T} ist kein(?:e)? (?:Admin|Administrator|Administratorin|Gruppenadmin) mehr{TAIL}",
        {},
    ),
    (
        "settings_changed",
        "{A} " + _HAT + " die (?:Gruppeneinstellungen|Einstellungen dieser Gruppe) geändert{REST}",
        {},
    ),
    ("settings_changed", "{A} " + _HAT + " die Admin-Genehmigung (?:aktiviert|deaktiviert){REST}", {}),
    (
        "disappearing_on",
        "{A} " + _HAT + " (?:selbstlöschende|verschwindende) Nachrichten (?:aktiviert|eingeschaltet){REST}",
        {},
    ),
    (
        "disappearing_off",
        "{A} " + _HAT + " (?:selbstlöschende|verschwindende) Nachrichten (?:deaktiviert|ausgeschaltet){REST}",
        {},
    ),
    (
        "disappearing_changed",
        "{A} " + _HAT + " (?:den Nachrichten-Timer|die Dauer (?:für|der) (?:selbstlöschende|verschwindende|"
        "selbstlöschenden|verschwindenden) Nachrichten) (?:aktualisiert|geändert){REST}",
        {},
    ),
    ("security_code_changed", "Deine Sicherheitsnummer (?:für|mit) {T} hat sich geändert{TAIL}", {}),
    ("number_changed", "{A} hat eine neue Telefonnummer{REST}", {}),
    ("number_changed", "{A} hat (?:seine|ihre) Telefonnummer (?:zu einer neuen Nummer )?geändert{REST}", {}),
    ("number_changed", "{A} hat zu {T} gewechselt", {}),
    ("call", "Verpasster (?:Gruppen)?(?:Sprach|Video|sprach|video)anruf{TAIL}", {"missed": True}),
    ("pinned", "{A} " + _HAT + " eine Nachricht (?:angeheftet|fixiert){REST}", {}),
]

DELETED = [
    "Diese Nachricht wurde gelöscht.",
    "Diese Nachricht wurde gelöscht",
    "Du hast diese Nachricht gelöscht.",
    "Du hast diese Nachricht gelöscht",
]
DELETED_BY_ADMIN = [
    "Diese Nachricht wurde von einem Admin gelöscht.",
    "Diese Nachricht wurde von einem Admin gelöscht",
]
MEDIA_OMITTED = [
    "<Medien ausgeschlossen>",
    "<Medien weggelassen>",
    "Bild weggelassen",
    "Video weggelassen",
    "Audio weggelassen",
    "Sticker weggelassen",
    "GIF weggelassen",
    "Dokument weggelassen",
    "Kontaktkarte ausgelassen",
]
EDITED = ["<Diese Nachricht wurde bearbeitet>"]
ATTACHED = ["Datei angehängt"]  # "NAME (Datei angehängt)"
ATTACHED_TAG = ["Anhang", "angehängt"]  # "<angehängt: NAME>"
LOCATION = ["Standort"]
LIVE_LOCATION = ["Live-Standort wird geteilt.", "Live-Standort wird geteilt"]
YOU = "Du"
