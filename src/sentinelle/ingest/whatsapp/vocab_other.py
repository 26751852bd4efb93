"""What is known of other locales (German, Spanish, Italian): message placeholders read from real
iOS exports (whats_json fixtures). Their system events are not known yet: such lines become
`unknown_system` events, never messages with a fake author."""

EVENTS: list[tuple[str, str, dict]] = [
    ("encryption_notice", "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt{REST}", {}),
    ("encryption_notice", "Los mensajes y las llamadas están cifrados de extremo a extremo{REST}", {}),
    ("encryption_notice", "I messaggi e le chiamate sono crittografati end-to-end{REST}", {}),
    ("security_code_changed", "Deine Sicherheitsnummer für {T} hat sich geändert{REST}", {}),
    ("security_code_changed", "Cambió tu código de seguridad con {T}{REST}", {}),
    ("security_code_changed", "Il tuo codice di sicurezza con {T} è cambiato{REST}", {}),
]

DELETED = [
    "Diese Nachricht wurde gelöscht.",
    "Diese Nachricht wurde gelöscht",
    "Du hast diese Nachricht gelöscht.",
    "Se eliminó este mensaje.",
    "Eliminaste este mensaje.",
    "Questo messaggio è stato eliminato.",
    "Hai eliminato questo messaggio.",
]
DELETED_BY_ADMIN: list[str] = []
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
    "<Multimedia omitido>",
    "imagen omitida",
    "Video omitido",
    "audio omitido",
    "sticker omitido",
    "GIF omitido",
    "documento omitido",
    "Tarjeta de contacto omitida",
    "<Media omessi>",
    "immagine omessa",
    "video omesso",
    "audio omesso",
    "sticker non incluso",
    "GIF esclusa",
    "documento omesso",
    "Scheda contatto omessa",
]
EDITED = [
    "<Diese Nachricht wurde bearbeitet>",
    "<Se editó este mensaje.>",
    "<Questo messaggio è stato modificato>",
]
ATTACHED = ["Datei angehängt", "archivo adjunto", "file allegato"]
ATTACHED_TAG = ["Anhang", "adjunto", "allegato"]
LOCATION = ["Standort", "Ubicación", "Posizione"]
YOU = ""
