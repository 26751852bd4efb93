"""Dutch WhatsApp system phrasings (Android and iOS), as data. Placeholders: see vocab_fr.

"Je hebt ..." / "U hebt ..." (the exporter) go through the "{A} (?:heeft|hebt)" rules: the actor
"Je"/"U" is recognised as the exporter.
"""

_HAS = "(?:heeft|hebt)"
_ICON = "(?:de (?:afbeelding|groepsafbeelding|groepsfoto)|het (?:groepspictogram|pictogram|groepsicoon))"
_TEMP = "(?:verdwijnende|tijdelijke) berichten"
_ADMIN = "(?:een )?(?:beheerder|groepsbeheerder|admin)"

EVENTS: list[tuple[str, str, dict]] = [
    (
        "encryption_notice",
        "Berichten en (?:gesprekken|oproepen) (?:worden|zijn) end-to-end versleuteld{REST}",
        {},
    ),
    (
        "encryption_notice",
        "Berichten (?:die je naar|die u naar|in|naar) deze groep (?:stuurt |verstuurt )?(?:worden|zijn) nu "
        "(?:beveiligd|beschermd) met end-to-end(?:-| )versleuteling{REST}",
        {},
    ),
    ("created", "{A} " + _HAS + " (?:de )?groep {QN} (?:aangemaakt|gemaakt)", {}),
    ("created", "{A} " + _HAS + " deze groep (?:aangemaakt|gemaakt)", {}),
    (
        "subject_changed",
        "{A} " + _HAS + " (?:het onderwerp|de groepsnaam|de naam van de groep) (?:gewijzigd )?van {QO} "
        "(?:naar|in) {QN}(?: gewijzigd)?",
        {},
    ),
    (
        "subject_changed",
        "{A} " + _HAS + " (?:het onderwerp|de groepsnaam|de naam van de groep) (?:gewijzigd )?(?:naar|in) "
        "{QN}(?: gewijzigd)?",
        {},
    ),
    ("icon_removed", "{A} " + _HAS + " " + _ICON + " (?:van deze groep )?verwijderd", {}),
    ("icon_changed", "{A} " + _HAS + " " + _ICON + " (?:van deze groep )?(?:gewijzigd|veranderd)", {}),
    ("description_changed", "{A} " + _HAS + " de groepsbeschrijving verwijderd{REST}", {"removed": True}),
    ("description_changed", "{A} " + _HAS + " de groepsbeschrijving (?:gewijzigd|veranderd){REST}", {}),
    ("added", "{A} heeft (?:je|jou|u) toegevoegd", {"targets": "Je"}),
    ("added", "(?:Je|U) (?:bent|werd) toegevoegd{TAIL}", {"targets": "Je"}),
    ("added", "{A} " + _HAS + " {T} toegevoegd", {}),
    ("added", "{T} is toegevoegd", {}),
    ("removed", "{A} heeft (?:je|jou|u) verwijderd", {"targets": "Je"}),
    ("removed", "(?:Je|U) (?:bent|werd) verwijderd{TAIL}", {"targets": "Je"}),
    ("removed", "{A} " + _HAS + " {T} verwijderd", {}),
    ("removed", "{T} is verwijderd", {}),
    ("left", "{A} " + _HAS + " de groep verlaten", {}),
    ("left", "{A} (?:is|bent) vertrokken", {}),
    (
        "joined_by_link",
        "{A} (?:is|bent|neemt|neem) (?:lid geworden|deel|toegetreden)(?: van deze groep| aan deze groep)? via "
        "(?:de|een) uitnodigingslink{REST}",
        {},
    ),
    ("joined", "{A} (?:is|bent) (?:lid geworden|toegetreden)(?: van de groep| tot de groep)?", {}),
    ("admin_granted", "(?:Je bent|U bent|Jij bent) nu " + _ADMIN + "{TAIL}", {"targets": "Je"}),
    (
        "admin_revoked",
        "(?:Je bent|U bent|Jij bent) geen (?:beheerder|groepsbeheerder|admin) meer{TAIL}",
        {"targets": "Je"},
    ),
    ("admin_granted", "{T} is nu " + _ADMIN + "{TAIL}", {}),
    ("admin_revoked", "{T} is geen (?:beheerder|groepsbeheerder|admin) meer{TAIL}", {}),
    (
        "settings_changed",
        "{A} "
        + _HAS
        + " de (?:groepsinstellingen|instellingen van deze groep) (?:gewijzigd|aangepast){REST}",
        {},
    ),
    ("disappearing_on", "{A} " + _HAS + " " + _TEMP + " (?:ingeschakeld|aangezet){REST}", {}),
    ("disappearing_off", "{A} " + _HAS + " " + _TEMP + " (?:uitgeschakeld|uitgezet){REST}", {}),
    (
        "disappearing_changed",
        "{A} " + _HAS + " de (?:berichttimer|timer voor " + _TEMP + ") (?:bijgewerkt|gewijzigd){REST}",
        {},
    ),
    ("security_code_changed", "(?:Je|Jouw|Uw) beveiligingscode (?:voor|met) {T} is gewijzigd{TAIL}", {}),
    ("number_changed", "{A} heeft (?:zijn|haar|het) telefoonnummer gewijzigd{REST}", {}),
    ("number_changed", "{A} is overgestapt (?:naar|op) {T}", {}),
    ("call", "Gemist(?:e)? (?:spraak|video|groeps)(?:gesprek|oproep|-oproep){TAIL}", {"missed": True}),
    ("pinned", "{A} " + _HAS + " een bericht vastgezet{REST}", {}),
]

DELETED = [
    "Dit bericht is verwijderd",
    "Dit bericht is verwijderd.",
    "Je hebt dit bericht verwijderd",
    "Je hebt dit bericht verwijderd.",
    "U hebt dit bericht verwijderd",
    "U hebt dit bericht verwijderd.",
]
DELETED_BY_ADMIN = [
    "Dit bericht is verwijderd door een beheerder.",
    "Dit bericht is verwijderd door een beheerder",
    "Dit bericht is verwijderd door een admin.",
]
MEDIA_OMITTED = [
    "<Media weggelaten>",
    "afbeelding weggelaten",
    "video weggelaten",
    "audio weggelaten",
    "sticker weggelaten",
    "GIF weggelaten",
    "document weggelaten",
    "Visitekaartje weggelaten",
]
EDITED = ["<Dit bericht is bewerkt>"]
ATTACHED = ["bestand bijgevoegd"]
ATTACHED_TAG = ["bijgevoegd"]
LOCATION = ["locatie", "Locatie"]
LIVE_LOCATION = ["live locatie gedeeld"]
YOU = ("Je", "Jij", "U")
