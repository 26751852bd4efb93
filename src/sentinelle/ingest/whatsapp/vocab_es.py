"""Spanish WhatsApp system phrasings (Android and iOS, Spain and Latin America), as data.

Placeholders: see vocab_fr. The exporter's own actions have no subject ("Añadiste a Ana"): those
rules carry {"actor": "Tú"}. "añadió" (Spain) and "agregó" (Latin America) are both matched.
"""

_ADD = "(?:añadió|agregó)"
_ICON = "(?:el ícono|el icono|la imagen|la foto)"
_TEMP = "(?:los mensajes temporales|los mensajes que desaparecen)"
_ADMIN = "(?:admin\\.?|administrador|administradora)(?: del grupo)?"
_ME = {"actor": "Tú"}

EVENTS: list[tuple[str, str, dict]] = [
    ("encryption_notice", "Los mensajes y las llamadas están cifrados de extremo a extremo{REST}", {}),
    (
        "encryption_notice",
        "Los mensajes (?:que envíes )?(?:a|en) este grupo (?:ahora )?están protegidos con (?:el )?cifrado "
        "de extremo a extremo{REST}",
        {},
    ),
    ("created", "{A} creó el grupo {QN}", {}),
    ("created", "Creaste el grupo {QN}", _ME),
    ("created", "{A} creó este grupo", {}),
    ("created", "Creaste este grupo", _ME),
    ("subject_changed", "{A} cambió el (?:asunto|nombre del grupo) de {QO} a {QN}", {}),
    ("subject_changed", "Cambiaste el (?:asunto|nombre del grupo) de {QO} a {QN}", _ME),
    ("subject_changed", "{A} cambió el (?:asunto|nombre del grupo) a {QN}", {}),
    ("subject_changed", "Cambiaste el (?:asunto|nombre del grupo) a {QN}", _ME),
    ("icon_removed", "{A} eliminó " + _ICON + " (?:de este|del) grupo", {}),
    ("icon_removed", "Eliminaste " + _ICON + " (?:de este|del) grupo", _ME),
    ("icon_changed", "{A} cambió " + _ICON + " (?:de este|del) grupo", {}),
    ("icon_changed", "Cambiaste " + _ICON + " (?:de este|del) grupo", _ME),
    ("description_changed", "{A} eliminó la descripción del grupo{REST}", {"removed": True}),
    ("description_changed", "Eliminaste la descripción del grupo{REST}", {"removed": True, "actor": "Tú"}),
    ("description_changed", "{A} cambió la descripción del grupo{REST}", {}),
    ("description_changed", "Cambiaste la descripción del grupo{REST}", _ME),
    ("added", "{A} te " + _ADD, {"targets": "Tú"}),
    ("added", "Te (?:añadieron|agregaron|añadió|agregó){TAIL}", {"targets": "Tú"}),
    ("added", "(?:Añadiste|Agregaste) a {T}", _ME),
    ("added", "{A} " + _ADD + " a {T}", {}),
    ("removed", "{A} te eliminó", {"targets": "Tú"}),
    ("removed", "Eliminaste a {T}", _ME),
    ("removed", "{A} eliminó a {T}", {}),
    ("left", "{A} salió del grupo", {}),
    ("left", "Saliste del grupo", _ME),
    ("left", "{A} salió", {}),
    (
        "joined_by_link",
        "{A} se unió (?:al grupo )?(?:usando|mediante|con|a través de) el enlace de invitación{REST}",
        {},
    ),
    (
        "joined_by_link",
        "Te uniste (?:al grupo )?(?:usando|mediante|con|a través de) el enlace de invitación{REST}",
        _ME,
    ),
    ("joined", "{A} se unió(?: al grupo)?", {}),
    ("admin_granted", "Ahora eres (?:un |una )?" + _ADMIN + "{TAIL}", {"targets": "Tú"}),
    ("admin_revoked", "Ya no eres (?:un |una )?" + _ADMIN + "{TAIL}", {"targets": "Tú"}),
    ("admin_granted", "{T} ahora es (?:un |una )?" + _ADMIN + "{TAIL}", {}),
    ("admin_revoked", "{T} ya no es (?:un |una )?" + _ADMIN + "{TAIL}", {}),
    ("settings_changed", "{A} cambió (?:la configuración|los ajustes) (?:de este|del) grupo{REST}", {}),
    ("settings_changed", "Cambiaste (?:la configuración|los ajustes) (?:de este|del) grupo{REST}", _ME),
    ("disappearing_on", "{A} activó " + _TEMP + "{REST}", {}),
    ("disappearing_on", "Activaste " + _TEMP + "{REST}", _ME),
    ("disappearing_off", "{A} desactivó " + _TEMP + "{REST}", {}),
    ("disappearing_off", "Desactivaste " + _TEMP + "{REST}", _ME),
    ("disappearing_changed", "{A} (?:actualizó|cambió) la duración de " + _TEMP + "{REST}", {}),
    ("disappearing_changed", "(?:Actualizaste|Cambiaste) la duración de " + _TEMP + "{REST}", _ME),
    ("security_code_changed", "Cambió tu código de seguridad con {T}(?:\\. {REST})?", {}),
    ("security_code_changed", "Tu código de seguridad con {T} cambió{TAIL}", {}),
    ("number_changed", "{A} cambió su número de teléfono{REST}", {}),
    ("number_changed", "{A} cambió a {T}", {}),
    ("call", "Llamada (?:de voz |de video |de vídeo |grupal )?perdida{TAIL}", {"missed": True}),
    ("call", "Videollamada (?:grupal )?perdida{TAIL}", {"missed": True}),
    ("pinned", "{A} fijó un mensaje{REST}", {}),
]

DELETED = [
    "Se eliminó este mensaje.",
    "Se eliminó este mensaje",
    "Este mensaje fue eliminado",
    "Este mensaje fue eliminado.",
    "Eliminaste este mensaje.",
    "Eliminaste este mensaje",
]
DELETED_BY_ADMIN = [
    "Este mensaje fue eliminado por un admin.",
    "Este mensaje fue eliminado por un admin",
    "Un admin eliminó este mensaje.",
]
MEDIA_OMITTED = [
    "<Multimedia omitido>",
    "<Archivo omitido>",
    "imagen omitida",
    "Video omitido",
    "video omitido",
    "audio omitido",
    "sticker omitido",
    "GIF omitido",
    "documento omitido",
    "Tarjeta de contacto omitida",
]
EDITED = ["<Se editó este mensaje.>", "<Se editó este mensaje>"]
ATTACHED = ["archivo adjunto"]
ATTACHED_TAG = ["adjunto"]
LOCATION = ["Ubicación", "ubicación"]
LIVE_LOCATION = ["ubicación en tiempo real compartida"]
YOU = "Tú"
