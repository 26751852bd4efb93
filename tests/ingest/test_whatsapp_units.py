"""Table-driven checks of the WhatsApp building blocks: header lexer, date order, vocabularies."""

from __future__ import annotations

import pytest

from sentinelle.ingest.whatsapp.dates import DateEvidence, decide_order, year_value, ymd
from sentinelle.ingest.whatsapp.headers import lex
from sentinelle.ingest.whatsapp.reader import title_from_name
from sentinelle.ingest.whatsapp.system import classify, message_flags
from sentinelle.records import Flag

NNBSP, NBSP, LRM, RLM = "\u202f", "\u00a0", "\u200e", "\u200f"


@pytest.mark.parametrize(
    ("line", "parts", "time", "raw"),
    [
        (
            "12/03/2025 11:04 - Fatou: <Médias omis>",
            ("12", "03", "2025"),
            (11, 4, 0, None),
            "12/03/2025 11:04",
        ),
        (
            "24/03/2019 à 20:19 - Vous avez été ajouté(e)",
            ("24", "03", "2019"),
            (20, 19, 0, None),
            "24/03/2019 à 20:19",
        ),
        (
            "11/01/2023, 16:13 - Dmitry S created group",
            ("11", "01", "2023"),
            (16, 13, 0, None),
            "11/01/2023, 16:13",
        ),
        (
            f"09/10/2023, 12:57{NNBSP}pm - +44 7123: <Media omitted>",
            ("09", "10", "2023"),
            (12, 57, 0, True),
            None,
        ),
        (f"20/6/2017 8:28 p.{NBSP}m. - Michelle: test", ("20", "6", "2017"), (8, 28, 0, True), None),
        ("29.01.18, 12:24 - Du hast Mallory hinzugefügt.", ("29", "01", "18"), (12, 24, 0, None), None),
        ("13.6.2018 klo 21.25.15 - a: m", ("13", "6", "2018"), (21, 25, 15, None), "13.6.2018 klo 21.25.15"),
        (
            f"{LRM}[3/27/22 21:41:55] Dmitry S: {LRM}image absente",
            ("3", "27", "22"),
            (21, 41, 55, None),
            None,
        ),
        (
            "[1/29/18, 12:24:03 PM] Mallory: Hey! :)",
            ("1", "29", "18"),
            (12, 24, 3, True),
            "1/29/18, 12:24:03 PM",
        ),
        ("[29.01.18, 12:24:03] Dave: Test test", ("29", "01", "18"), (12, 24, 3, None), None),
        ("[3/18/2565 BE, 14:56:01] Elon: x", ("3", "18", "2565 BE"), (14, 56, 1, None), None),
        ("[3/18/R4, 14:56:01] Elon: x", ("3", "18", "R4"), (14, 56, 1, None), None),
        (f"[{RLM}18{RLM}/3{RLM}/2022\u060c 14:56:01] Elon: x", ("18", "3", "2022"), (14, 56, 1, None), None),
        ("[14:56:01, 3/18/22] Musk Elon: x", ("3", "18", "22"), (14, 56, 1, None), "14:56:01, 3/18/22"),
        ("[01-29-2018, 23:33:00] A: b", ("01", "29", "2018"), (23, 33, 0, None), None),
        ("2019/01/20, 11:23 - John Doe:.", ("2019", "01", "20"), (11, 23, 0, None), None),
        ("\ufeff15.04.2016, 15:04 - Pokemon Chat: x", ("15", "04", "2016"), (15, 4, 0, None), None),
    ],
)
def test_header_layouts(line, parts, time, raw) -> None:
    h = lex(line)
    assert h is not None
    assert (h.d1, h.d2, h.d3) == parts
    assert (h.hour, h.minute, h.second, h.pm) == time
    if raw:
        assert h.raw == raw


@pytest.mark.parametrize(
    "line",
    [
        "12/03/2019 on se voit demain",  # a date, no time
        "12/03/2019 14:05 sans tiret",  # no " - "
        "14h05 - Jean: pas une date",
        "[12/03/2019 14:05:61] Bob: minute 61",
        "Bonjour 12/03/2019 14:05 - Jean: not at the start",
        "",
    ],
)
def test_not_headers(line: str) -> None:
    assert lex(line) is None


def dates(*triples: tuple[str, str, str]) -> DateEvidence:
    ev = DateEvidence()
    for t in triples:
        ev.add(*t)
    return ev


@pytest.mark.parametrize(
    ("triples", "order", "ambiguous"),
    [
        ([("30", "12", "2020"), ("13", "1", "2021")], "dmy", False),  # Pustur#237 shape
        ([("12", "30", "2020"), ("1", "13", "2021")], "mdy", False),
        ([("2019", "01", "20"), ("2019", "02", "01")], "ymd", False),
        # all values <= 12: only one order keeps the dates going forward
        ([("12", "01", "20"), ("01", "02", "20"), ("05", "02", "20")], "dmy", False),
        ([("01", "12", "20"), ("02", "01", "20"), ("02", "05", "20")], "mdy", False),
        # nothing tells them apart
        ([("01", "02", "24"), ("01", "02", "24")], "dmy", True),
        ([("05", "05", "24")], "dmy", True),
        ([], "dmy", True),
    ],
)
def test_date_order(triples, order, ambiguous) -> None:
    decision = decide_order(dates(*triples))
    assert (decision.order, decision.ambiguous) == (order, ambiguous)


def test_date_order_override_and_twelve_hour_hint() -> None:
    assert decide_order(dates(("13", "1", "21")), "mdy").order == "mdy"
    ev = dates(("1", "2", "24"))
    ev.headers, ev.twelve_hour = 10, 10
    decision = decide_order(ev)
    assert decision.order == "mdy" and decision.ambiguous


@pytest.mark.parametrize(
    ("text", "year"),
    [("22", 2022), ("2022", 2022), ("2565 BE", 2022), ("R4", 2022), ("H30", 2018), ("٢٠٢٢", 2022)],
)
def test_years(text: str, year: int) -> None:
    assert year_value(text) == year


def test_ymd_rejects_impossible() -> None:
    assert ymd("dmy", "31", "12", "2020") == (2020, 12, 31)
    assert ymd("mdy", "31", "12", "2020") is None
    assert ymd("dmy", "١٨", "٣", "٢٠٢٢") == (2022, 3, 18)


@pytest.mark.parametrize(
    ("body", "etype", "actor", "targets", "details"),
    [
        ("Jean a ajouté Marie et Paul", "added", "Jean", ("Marie", "Paul"), {}),
        ("Vous avez ajouté Marie", "added", "Vous", ("Marie",), {"is_exporter": True}),
        ("Major Petit vous a ajouté·e", "added", "Major Petit", ("Vous",), {}),
        ("Vous avez été ajouté(e)", "added", None, ("Vous",), {}),
        ("Jean a retiré Marie", "removed", "Jean", ("Marie",), {}),
        ("Jean vous a retiré", "removed", "Jean", ("Vous",), {}),
        ("Marie est partie", "left", "Marie", (), {}),
        ("Marie est parti·e", "left", "Marie", (), {}),
        ("Vous êtes parti(e)", "left", "Vous", (), {"is_exporter": True}),
        ("Paul a rejoint ce groupe grâce à son lien d’invitation", "joined_by_link", "Paul", (), {}),
        ('A a modifié le sujet en "Réunion : vendredi"', "subject_changed", "A", (), {"new_title": "Réunion : vendredi"}),
        ("A a remplacé le sujet par « X ».", "subject_changed", "A", (), {"new_title": "X"}),
        ("Vous avez changé le sujet “Y” en “Z”", "subject_changed", "Vous", (), {"is_exporter": True, "old_title": "Y", "new_title": "Z"}),
        ("Quelqu'un a remplacé le sujet par \"Q\"", "subject_changed", None, (), {"new_title": "Q"}),
        ("A a créé le groupe « Brigade »", "created", "A", (), {"title": "Brigade"}),
        ("Vous avez créé ce groupe", "created", "Vous", (), {"is_exporter": True}),
        ("A a changé l'icône de ce groupe", "icon_changed", "A", (), {}),
        ("A a supprimé l'icône de ce groupe", "icon_removed", "A", (), {}),
        ("A a changé la description du groupe", "description_changed", "A", (), {}),
        ("Vous êtes désormais admin", "admin_granted", None, ("Vous",), {}),
        ("Vous n'êtes plus admin", "admin_revoked", None, ("Vous",), {}),
        ("A a modifié les réglages de ce groupe de façon à ce que seuls les admins puissent envoyer des messages", "settings_changed", "A", (), {}),
        ("A a activé les messages éphémères. Tous les nouveaux messages disparaîtront de cette discussion 7 jours après avoir été envoyés.", "disappearing_on", "A", (), {}),
        ("A a désactivé les messages éphémères.", "disappearing_off", "A", (), {}),
        ("A a mis à jour le délai avant disparition.", "disappearing_changed", "A", (), {}),
        ("Votre code de sécurité avec Elon a changé. Appuyez pour en savoir plus.", "security_code_changed", None, ("Elon",), {}),
        ("A a changé de numéro de téléphone.", "number_changed", "A", (), {}),
        ("Appel vidéo manqué", "call", None, (), {"missed": True}),
        ("Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter.", "encryption_notice", None, (), {}),
        ("You're now an admin", "admin_granted", None, ("You",), {}),
        ("Dmitry S removed +7 999 999-99-99", "removed", "Dmitry S", ("+7 999 999-99-99",), {}),
        ("You turned off disappearing messages. Tap to change.", "disappearing_off", "You", (), {"is_exporter": True}),
        ("+1-xx4-yyy3 added you to a group in the community: Community 1", "added", "+1-xx4-yyy3", ("You",), {}),
        ("+1-xx9-yyy5 joined from the community", "joined", "+1-xx9-yyy5", (), {}),
        ("X changed the group name from “a” to “b: c”", "subject_changed", "X", (), {"old_title": "a", "new_title": "b: c"}),
        ("Missed voice call", "call", None, (), {"missed": True}),
    ],
)  # fmt: skip
def test_system_vocabulary(body, etype, actor, targets, details) -> None:
    event = classify(body)
    assert event is not None, body
    assert (event.type, event.actor, event.targets, event.details) == (etype, actor, targets, details)


@pytest.mark.parametrize(
    "body", ["Bonjour à tous", "On se voit à 14h : d'accord ?", "Jean: ajouté au planning", "hello world"]
)
def test_plain_text_is_not_system(body: str) -> None:
    assert classify(body) is None


@pytest.mark.parametrize(
    ("body", "flags", "attachments"),
    [
        ("Ce message a été supprimé", {Flag.DELETED}, ()),
        (f"{LRM}This message was deleted.", {Flag.DELETED}, ()),
        ("This message was deleted by an admin.", {Flag.DELETED, Flag.DELETED_BY_ADMIN}, ()),
        ("<Médias omis>", {Flag.MEDIA_OMITTED}, ()),
        (f"{LRM}GIF retiré", {Flag.MEDIA_OMITTED}, ()),
        (f"Template.docx {LRM}document manquant", {Flag.MEDIA_OMITTED}, ()),
        ("ok <This message was edited>", {Flag.EDITED}, ()),
        ("IMG-1.jpg (file attached)", {Flag.ATTACHMENT}, ("IMG-1.jpg",)),
        ("IMG-1.jpg (fichier joint)\nlégende", {Flag.ATTACHMENT}, ("IMG-1.jpg",)),
        (f"{LRM}<attached: 00000042-PHOTO-2020-06-07-15-13-20.jpg>", {Flag.ATTACHMENT}, ("00000042-PHOTO-2020-06-07-15-13-20.jpg",)),
        ("<pièce jointe : 00000036-PHOTO.jpg>", {Flag.ATTACHMENT}, ("00000036-PHOTO.jpg",)),
        ("null", {Flag.VIEW_ONCE}, ()),
        ("location: https://maps.google.com/?q=51.5,-0.12", {Flag.LOCATION}, ()),
        ("Bonjour (à demain)", set(), ()),
        ("null pointer", set(), ()),
        ("", set(), ()),
    ],
)  # fmt: skip
def test_message_flags(body, flags, attachments) -> None:
    assert message_flags(body) == (flags, attachments)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Discussion WhatsApp avec Brigade Nord.txt", "Brigade Nord"),
        ("WhatsApp Chat with Group Chat.txt", "Group Chat"),
        ("WhatsApp Chat - Elon Musk.zip", "Elon Musk"),
        ("_chat.txt", None),
        ("export.txt", None),
    ],
)
def test_title_from_file_name(name: str, title: str | None) -> None:
    assert title_from_name(name) == title


def test_flags_of_a_body_made_of_marks() -> None:
    assert message_flags("\ufeff") == (set(), ())
    assert message_flags("\u200e \u200e") == (set(), ())


def test_message_fields_in_the_order_the_reader_passes_them() -> None:
    # the WhatsApp reader builds Message positionally (cheaper); a field inserted in the middle
    # must fail here rather than shift values silently
    from sentinelle.records import Message, field_names

    assert list(field_names(Message))[:16] == [
        "id", "conversation_id", "time", "time_raw", "sender", "text", "source", "sender_id",
        "native_id", "reply_to", "mentions", "flags", "attachments", "forwarded_from", "edited_time",
        "details",
    ]  # fmt: skip
