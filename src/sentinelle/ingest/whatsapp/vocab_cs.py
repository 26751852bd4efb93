"""Czech WhatsApp system phrasings, as data. Placeholders: see vocab_fr.

Notices and placeholders are read from real exports (whats_json fixtures, Android and iOS); the
group events follow WhatsApp's usual Czech phrasing and are not checked against a real export.
Past-tense verbs take the actor's gender: "přidal", "přidala", "přidal(a)", "přidal/a".
"""

_G = "(?:a|\\(a\\)|/a)?"

EVENTS: list[tuple[str, str, dict]] = [
    ("encryption_notice", "Zprávy a hovory jsou (?:opatřeny|zabezpečeny) koncovým šifrováním{REST}", {}),
    ("created", "{A} vytvořil" + _G + " skupinu {QN}", {}),
    ("created", "{A} vytvořil" + _G + " tuto skupinu", {}),
    ("subject_changed", "{A} změnil" + _G + " (?:předmět|název skupiny) z {QO} na {QN}", {}),
    ("subject_changed", "{A} změnil" + _G + " (?:předmět|název skupiny) na {QN}", {}),
    ("icon_removed", "{A} (?:odstranil|smazal)" + _G + " (?:ikonu|obrázek|fotku) (?:této )?skupiny", {}),
    ("icon_changed", "{A} změnil" + _G + " (?:ikonu|obrázek|fotku) (?:této )?skupiny", {}),
    ("description_changed", "{A} (?:odstranil|smazal)" + _G + " popis skupiny{REST}", {"removed": True}),
    ("description_changed", "{A} změnil" + _G + " popis skupiny{REST}", {}),
    ("added", "{A} (?:vás|Vás) přidal" + _G, {"targets": "Vy"}),
    ("added", "{A} přidal" + _G + " {T}", {}),
    ("removed", "{A} (?:vás|Vás) odebral" + _G, {"targets": "Vy"}),
    ("removed", "{A} odebral" + _G + " {T}", {}),
    ("left", "{A} (?:odešel|odešla|odešel/odešla|odešel\\(a\\))", {}),
    ("left", "{A} opustil" + _G + " skupinu", {}),
    (
        "joined_by_link",
        "{A} se připojil"
        + _G
        + "(?: ke skupině)? (?:pomocí|přes) odkaz(?:u)? (?:s pozvánkou|pozvánky){REST}",
        {},
    ),
    ("admin_granted", "(?:Nyní|Teď) jste (?:správce|správcem)(?: skupiny)?{TAIL}", {"targets": "Vy"}),
    ("admin_revoked", "(?:Již|Už) nejste (?:správce|správcem)(?: skupiny)?{TAIL}", {"targets": "Vy"}),
    ("security_code_changed", "Bezpečnostní kód mezi vámi a uživatelem {T} byl změněn{TAIL}", {}),
    ("call", "Zmeškaný (?:hovor|videohovor|hlasový hovor|skupinový hovor){TAIL}", {"missed": True}),
]

DELETED = [
    "Tato zpráva byla odstraněna.",
    "Tato zpráva byla odstraněna",
    "Tato zpráva byla smazána.",
    "Tato zpráva byla smazána",
    "Tuto zprávu jste odstranil/a.",
    "Tuto zprávu jste odstranil/a",
    "Tuto zprávu jste smazal/a.",
    "Tuto zprávu jste smazal/a",
]
DELETED_BY_ADMIN: list[str] = []
MEDIA_OMITTED = [
    "<Média vynechány>",
    "<Média vynechána>",
    "obrázek vynechán",
    "video vynecháno",
    "zvukový soubor vynechán",
    "Vizitka vynechána",
    "nálepka vynechána",
    "dokument vynechán",
    "GIF vynechán",
]
EDITED: list[str] = []
ATTACHED = ["soubor byl přiložen"]
ATTACHED_TAG = ["příloha"]
LOCATION = ["Poloha", "poloha"]
LIVE_LOCATION = ["byla sdílena aktuální poloha"]
YOU = "Vy"
