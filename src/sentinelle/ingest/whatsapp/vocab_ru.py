"""Russian WhatsApp system phrasings, as data. Placeholders: see vocab_fr.

Notices and placeholders are read from real exports (whats_json fixtures, Android and iOS); the
group events follow WhatsApp's usual Russian phrasing and are not checked against a real export.
Past-tense verbs take the actor's gender: "добавил", "добавила", "добавил(а)"; "Вы" is the
exporter ("Вы добавили ...").
"""

_G = "(?:а|и|\\(а\\)|\\(-а\\))?"  # feminine, plural (Вы) or both-gender endings
_ME = "(?:вас|Вас)"

EVENTS: list[tuple[str, str, dict]] = [
    ("encryption_notice", "Сообщения и звонки защищены сквозным шифрованием{REST}", {}),
    ("created", "{A} создал" + _G + " группу {QN}", {}),
    ("created", "{A} создал" + _G + " эту группу", {}),
    ("subject_changed", "{A} изменил" + _G + " (?:тему|название группы) с {QO} на {QN}", {}),
    ("subject_changed", "{A} изменил" + _G + " (?:тему|название группы) на {QN}", {}),
    ("icon_removed", "{A} удалил" + _G + " (?:изображение|значок|фото) (?:этой )?группы", {}),
    ("icon_changed", "{A} изменил" + _G + " (?:изображение|значок|фото) (?:этой )?группы", {}),
    ("description_changed", "{A} удалил" + _G + " описание группы{REST}", {"removed": True}),
    ("description_changed", "{A} изменил" + _G + " описание группы{REST}", {}),
    ("added", "{A} добавил" + _G + " " + _ME, {"targets": "Вы"}),
    ("added", "{A} добавил" + _G + " {T}", {}),
    ("removed", "{A} удалил" + _G + " " + _ME, {"targets": "Вы"}),
    ("removed", "{A} удалил" + _G + " (?!(?:данное|это) сообщение){T}", {}),
    ("left", "{A} (?:вышел|вышла|вышли|вышел\\(-ла\\))(?: из группы)?", {}),
    (
        "joined_by_link",
        "{A} (?:присоединился|присоединилась|присоединились|присоединился\\(-ась\\))(?: к группе)? "
        "(?:по|через) ссылке?-приглашени(?:ю|е){REST}",
        {},
    ),
    ("admin_granted", "Вы теперь (?:администратор|админ)(?: группы)?{TAIL}", {"targets": "Вы"}),
    ("admin_revoked", "Вы больше не (?:администратор|админ)(?: группы)?{TAIL}", {"targets": "Вы"}),
    ("security_code_changed", "Ваш код безопасности с контактом {T} изменился{TAIL}", {}),
    (
        "call",
        "Пропущенный (?:аудиозвонок|видеозвонок|групповой (?:аудио|видео)звонок){TAIL}",
        {"missed": True},
    ),
]

DELETED = [
    "Данное сообщение удалено",
    "Данное сообщение удалено.",
    "Вы удалили данное сообщение",
    "Вы удалили данное сообщение.",
    "Вы удалили это сообщение",
    "Вы удалили это сообщение.",
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
]
EDITED: list[str] = []
ATTACHED = ["файл добавлен"]
ATTACHED_TAG = ["прикреплено"]
LOCATION = ["Местоположение", "местоположение"]
LIVE_LOCATION = ["Геоданные отправлены"]
YOU = "Вы"
