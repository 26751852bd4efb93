"""Italian WhatsApp system phrasings (Android and iOS), as data. Placeholders: see vocab_fr.

The exporter's own actions have no subject ("Hai aggiunto Eva"): those rules carry
{"actor": "Tu"}. Gendered endings (uscito/uscita/uscito/a) are all matched.
"""

_O = "(?:o|a|o/a|o\\(a\\))"  # masculine, feminine or both
_CHANGE = "(?:cambiato|modificato)"
_ICON = "(?:l'immagine|l'icona|la foto)"
_TEMP = "(?:i messaggi effimeri|i messaggi a tempo|i messaggi temporanei)"
_ADMIN = "(?:un |un')?(?:admin|amministratore|amministratrice)"
_ME = {"actor": "Tu"}

EVENTS: list[tuple[str, str, dict]] = [
    ("encryption_notice", "I messaggi e le chiamate sono crittografati end-to-end{REST}", {}),
    (
        "encryption_notice",
        "I messaggi (?:che invii )?(?:in|a) questo gruppo sono ora protetti con la crittografia end-to-end{REST}",
        {},
    ),
    ("created", "{A} ha creato il gruppo {QN}", {}),
    ("created", "Hai creato il gruppo {QN}", _ME),
    ("created", "{A} ha creato questo gruppo", {}),
    ("created", "Hai creato questo gruppo", _ME),
    ("subject_changed", "{A} ha " + _CHANGE + " (?:l'oggetto|il nome del gruppo) da {QO} a {QN}", {}),
    ("subject_changed", "Hai " + _CHANGE + " (?:l'oggetto|il nome del gruppo) da {QO} a {QN}", _ME),
    ("subject_changed", "{A} ha " + _CHANGE + " (?:l'oggetto|il nome del gruppo) in {QN}", {}),
    ("subject_changed", "Hai " + _CHANGE + " (?:l'oggetto|il nome del gruppo) in {QN}", _ME),
    ("icon_removed", "{A} ha (?:eliminato|rimosso) " + _ICON + " (?:di questo|del) gruppo", {}),
    ("icon_removed", "Hai (?:eliminato|rimosso) " + _ICON + " (?:di questo|del) gruppo", _ME),
    ("icon_changed", "{A} ha " + _CHANGE + " " + _ICON + " (?:di questo|del) gruppo", {}),
    ("icon_changed", "Hai " + _CHANGE + " " + _ICON + " (?:di questo|del) gruppo", _ME),
    ("description_changed", "{A} ha eliminato la descrizione del gruppo{REST}", {"removed": True}),
    (
        "description_changed",
        "Hai eliminato la descrizione del gruppo{REST}",
        {"removed": True, "actor": "Tu"},
    ),
    ("description_changed", "{A} ha " + _CHANGE + " la descrizione del gruppo{REST}", {}),
    ("description_changed", "Hai " + _CHANGE + " la descrizione del gruppo{REST}", _ME),
    ("added", "{A} ti ha aggiunt" + _O, {"targets": "Tu"}),
    ("added", "Sei stat" + _O + " aggiunt" + _O + "{TAIL}", {"targets": "Tu"}),
    ("added", "Hai aggiunto {T}", _ME),
    ("added", "{A} ha aggiunto {T}", {}),
    ("removed", "{A} ti ha rimoss" + _O, {"targets": "Tu"}),
    ("removed", "Sei stat" + _O + " rimoss" + _O + "{TAIL}", {"targets": "Tu"}),
    ("removed", "Hai rimosso {T}", _ME),
    ("removed", "{A} ha rimosso {T}", {}),
    ("left", "{A} è uscit" + _O + "(?: dal gruppo)?", {}),
    ("left", "{A} ha abbandonato(?: il gruppo)?", {}),
    ("left", "Sei uscit" + _O + "(?: dal gruppo)?", _ME),
    ("left", "Hai abbandonato il gruppo", _ME),
    (
        "joined_by_link",
        "{A} si è unit"
        + _O
        + " (?:al gruppo )?(?:tramite|usando|con) (?:il|un) link (?:d'invito|di invito){REST}",
        {},
    ),
    (
        "joined_by_link",
        "Ti sei unit"
        + _O
        + " (?:al gruppo )?(?:tramite|usando|con) (?:il|un) link (?:d'invito|di invito){REST}",
        _ME,
    ),
    ("joined", "{A} si è unit" + _O + "(?: al gruppo)?", {}),
    ("admin_granted", "Ora sei " + _ADMIN + "{TAIL}", {"targets": "Tu"}),
    ("admin_granted", "Sei (?:ora|adesso) " + _ADMIN + "{TAIL}", {"targets": "Tu"}),
    ("admin_revoked", "Non sei più " + _ADMIN + "{TAIL}", {"targets": "Tu"}),
    ("admin_granted", "{T} (?:è ora|ora è|è adesso) " + _ADMIN + "{TAIL}", {}),
    ("admin_revoked", "{T} non è più " + _ADMIN + "{TAIL}", {}),
    ("settings_changed", "{A} ha " + _CHANGE + " le impostazioni (?:di questo|del) gruppo{REST}", {}),
    ("settings_changed", "Hai " + _CHANGE + " le impostazioni (?:di questo|del) gruppo{REST}", _ME),
    ("disappearing_on", "{A} ha attivato " + _TEMP + "{REST}", {}),
    ("disappearing_on", "Hai attivato " + _TEMP + "{REST}", _ME),
    ("disappearing_off", "{A} ha disattivato " + _TEMP + "{REST}", {}),
    ("disappearing_off", "Hai disattivato " + _TEMP + "{REST}", _ME),
    (
        "disappearing_changed",
        "{A} ha (?:aggiornato|modificato) (?:il timer dei messaggi|la durata de(?:i|gli) messaggi){REST}",
        {},
    ),
    (
        "disappearing_changed",
        "Hai (?:aggiornato|modificato) (?:il timer dei messaggi|la durata de(?:i|gli) messaggi){REST}",
        _ME,
    ),
    ("security_code_changed", "Il tuo codice di sicurezza con {T} è cambiato{TAIL}", {}),
    ("number_changed", "{A} ha cambiato (?:il suo )?numero(?: di telefono)?{REST}", {}),
    ("call", "Chiamata vocale (?:di gruppo )?persa{TAIL}", {"missed": True}),
    ("call", "Videochiamata (?:di gruppo )?persa{TAIL}", {"missed": True}),
    ("pinned", "{A} ha fissato un messaggio{REST}", {}),
]

DELETED = [
    "Questo messaggio è stato eliminato.",
    "Questo messaggio è stato eliminato",
    "Hai eliminato questo messaggio.",
    "Hai eliminato questo messaggio",
]
DELETED_BY_ADMIN = [
    "Questo messaggio è stato eliminato da un amministratore.",
    "Questo messaggio è stato eliminato da un admin.",
    "Questo messaggio è stato eliminato da un amministratore",
]
MEDIA_OMITTED = [
    "<Media omessi>",
    "<Media omesso>",
    "immagine omessa",
    "video omesso",
    "audio omesso",
    "sticker non incluso",
    "GIF esclusa",
    "documento omesso",
    "Scheda contatto omessa",
]
EDITED = ["<Questo messaggio è stato modificato>"]
ATTACHED = ["file allegato"]
ATTACHED_TAG = ["allegato"]
LOCATION = ["Posizione", "posizione"]
LIVE_LOCATION = ["posizione attuale condivisa", "posizione in tempo reale condivisa"]
YOU = "Tu"
