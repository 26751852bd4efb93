"""What is known of other locales (Russian, Czech): notices and message placeholders read from
real exports (whats_json fixtures, Android and iOS). Their group events are not known yet: such
lines become `unknown_system` events, never messages with a fake author."""

EVENTS: list[tuple[str, str, dict]] = [
    ("encryption_notice", "Сообщения и звонки защищены сквозным шифрованием{REST}", {}),
    ("encryption_notice", "Zprávy a hovory jsou (?:opatřeny|zabezpečeny) koncovým šifrováním{REST}", {}),
    ("security_code_changed", "Ваш код безопасности с контактом {T} изменился{TAIL}", {}),
    ("security_code_changed", "Bezpečnostní kód mezi vámi a uživatelem {T} byl změněn{TAIL}", {}),
    ("call", "Пропущенный (?:аудиозвонок|видеозвонок){TAIL}", {"missed": True}),
    ("call", "Zmeškaný (?:hovor|videohovor|hlasový hovor){TAIL}", {"missed": True}),
]

DELETED = [
    "Данное сообщение удалено",
    "Данное сообщение удалено.",
    "Вы удалили данное сообщение",
    "Вы удалили данное сообщение.",
    "Tato zpráva byla odstraněna.",
    "Tato zpráva byla odstraněna",
    "Tato zpráva byla smazána.",
    "Tuto zprávu jste odstranil/a.",
    "Tuto zprávu jste smazal/a.",
]
DELETED_BY_ADMIN: list[str] = []
MEDIA_OMITTED = [
    "<Без медиафайлов>",
    "изображение отсутствует",
    "видео отсутствует",
    "аудиофайл отсутствует",
    "Карточка контакта отсутствует",
    "стикер не добавлен",
    "документ отсутствует",
    "GIF отсутствует",
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
ATTACHED = ["файл добавлен", "soubor byl přiložen"]
ATTACHED_TAG = ["прикреплено", "příloha"]
LOCATION = ["Местоположение", "местоположение", "Poloha", "poloha"]
LIVE_LOCATION: list[str] = []
YOU = ""
