"""Every WhatsApp export in ../shared/fixtures: counts, authors, typed events, timestamps and
exact byte ranges. Expected values were checked by eye against the files (chat-miner's
target.json is that tool's opinion, not the truth: it drops system lines)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from whatsapp_helpers import check_ranges, read_all, summarize

from sentinelle.records import Event, Flag, Message
from sharedpaths import FIXTURES, shared_file

CM = "chat-miner/whatsapp"
CHAT_MINER_SENDERS = {"John Doe": 3, "Jahn Doe": 1, "John-John Doe": 1, "John Doe 🤓": 1, "🤓": 1}
ELON_EN = {"encryption_notice": 1, "security_code_changed": 2}

# file -> (messages, events, event types, senders or None, date order, ambiguous)
CASES = {
    f"{CM}/test_ddmmyy_24hrs.txt": (7, 2, {"created": 1, "added": 1}, CHAT_MINER_SENDERS, "dmy", False),
    f"{CM}/test_mmddyy_24hrs.txt": (7, 2, {"created": 1, "added": 1}, CHAT_MINER_SENDERS, "mdy", False),
    f"{CM}/test_[mmddyy]_24hrs.txt": (7, 2, {"created": 1, "added": 1}, CHAT_MINER_SENDERS, "mdy", False),
    f"{CM}/test_mmddyyyy_12hrs.txt": (7, 2, {"created": 1, "added": 1}, CHAT_MINER_SENDERS, "mdy", False),
    f"{CM}/test_yyyymmdd_24hrs.txt": (7, 2, {"created": 1, "added": 1}, CHAT_MINER_SENDERS, "ymd", False),
    "chat-analytics/whatsapp/2A_5M.txt": (5, 0, {}, {"A": 3, "B": 2}, "dmy", True),
    "chat-analytics/whatsapp/4A_11M.txt": (
        11,
        3,
        {"encryption_notice": 1, "created": 1, "added": 1},
        {"Bob": 2, "Eve": 2, "Alice": 3, "Mallory": 2, "Trent": 2},
        "dmy",
        True,
    ),
    "chat-analytics/whatsapp/4A_11M.zip": (
        11,
        3,
        {"encryption_notice": 1, "created": 1, "added": 1},
        {"Bob": 2, "Eve": 2, "Alice": 3, "Mallory": 2, "Trent": 2},
        "dmy",
        True,
    ),
    "whatstk/lorem.txt": (
        500,
        0,
        {},
        {"Mary": 113, "+1 123 456 789": 145, "Giuseppe": 118, "John": 124},
        "dmy",
        False,
    ),
    "whatstk/pokemon.txt": (18, 2, {"encryption_notice": 2}, None, "dmy", False),
    "whats_json/android/WhatsApp Chat with Group Chat XXX Android.txt": (
        4,
        16,
        {
            "encryption_notice": 1,
            "created": 1,
            "added": 1,
            "settings_changed": 3,
            "description_changed": 2,
            "admin_granted": 1,
            "subject_changed": 1,
            "disappearing_changed": 3,
            "disappearing_off": 1,
            "joined_by_link": 1,
            "removed": 1,
        },
        {"Dmitry S": 4},
        "dmy",
        True,
    ),
    "whats_json/android/WhatsApp Chat with Dmitry S EN Android.txt": (
        57,
        3,
        {"encryption_notice": 1, "call": 2},
        {"Dmitry S": 49, "Elon": 8},
        "dmy",
        False,
    ),
    "whats_json/android/WhatsApp Chat with Dmitry S EN+Media Android.txt": (
        57,
        3,
        {"encryption_notice": 1, "call": 2},
        {"Dmitry S": 49, "Elon": 8},
        "dmy",
        False,
    ),
    # Czech / Russian: the same chat as the English one, and now the same events (the notice and
    # the two missed calls "Zmeškaný hovor" / "Пропущенный аудиозвонок" were unknown / messages)
    "whats_json/android/Chat WhatsApp s\xa0uživatelem Dmitry S CZ Android.txt": (
        57,
        3,
        {"encryption_notice": 1, "call": 2},
        {"Dmitry S": 49, "Elon": 8},
        "dmy",
        False,
    ),
    "whats_json/android/Чат WhatsApp с\xa0контактом Dmitry S RU Android.txt": (
        57,
        3,
        {"encryption_notice": 1, "call": 2},
        {"Dmitry S": 49, "Elon": 8},
        "dmy",
        False,
    ),
    "whats_json/calendars/Gregorian iOS.txt": (
        22,
        3,
        ELON_EN,
        {"Dmitry S": 21, "Elon Musk": 1},
        "mdy",
        False,
    ),
    "whats_json/calendars/Buddhist iOS.txt": (25, 3, ELON_EN, {"Dmitry S": 24, "Elon Musk": 1}, "mdy", False),
    "whats_json/calendars/Japanese iOS.txt": (25, 3, ELON_EN, {"Dmitry S": 24, "Elon Musk": 1}, "mdy", False),
    "whats_json/ios/WhatsApp Chat - Elon Musk (EN).txt": (
        22,
        3,
        ELON_EN,
        {"Dmitry S": 21, "Elon Musk": 1},
        "mdy",
        False,
    ),
    "whats_json/ios/WhatsApp Chat - Elon Musk (EN+Media).txt": (
        22,
        3,
        ELON_EN,
        {"Dmitry S": 21, "Elon Musk": 1},
        "mdy",
        False,
    ),
    "whats_json/ios/WhatsApp Chat - Elon Musk (FR).txt": (
        22,
        3,
        ELON_EN,
        {"Dmitry S": 21, "Elon Musk": 1},
        "mdy",
        False,
    ),
    "whats_json/ios/WhatsApp Chat - Elon Musk (German).txt": (
        22,
        3,
        ELON_EN,
        {"Dmitry S": 21, "Elon Musk": 1},
        "mdy",
        False,
    ),
    "whats_json/ios/WhatsApp Chat - Elon Musk (Spanish).txt": (
        22,
        3,
        ELON_EN,
        {"Dmitry S": 21, "Elon Musk": 1},
        "mdy",
        False,
    ),
    "whats_json/ios/WhatsApp Chat - Elon Musk (IT).txt": (
        22,
        3,
        ELON_EN,
        {"Dmitry S": 21, "Elon Musk": 1},
        "mdy",
        False,
    ),
    "whats_json/ios/WhatsApp Chat - Elon Musk (Arabic).txt": (
        23,
        2,
        {"unknown_system": 2},
        {"Dmitry S": 21, "Elon Musk": 2},
        "dmy",
        False,
    ),
    "whats_json/ios/WhatsApp Chat - Elon Musk (RU).zip": (
        22,
        3,
        ELON_EN,  # the security-code notices were unknown_system before the Russian vocabulary
        {"Dmitry Starkov": 21, "Elon Musk": 1},
        "mdy",
        False,
    ),
    "whats_json/ios/iOS Vietnamese.txt": (
        25,
        3,
        {"encryption_notice": 1, "unknown_system": 2},
        {"Dmitry S": 24, "Musk Elon": 1},
        "mdy",
        False,
    ),
}

UNKNOWN_LANGS = ["UKR", "Arabic"]


def fixture(name: str) -> Path:
    """A fixture by name, whatever Unicode normalisation the file system gave its name."""
    parts = name.split("/")
    folder = FIXTURES.joinpath(*parts[:-1])
    if folder.exists():
        for candidate in folder.iterdir():
            if unicodedata.normalize("NFC", candidate.name) == unicodedata.normalize("NFC", parts[-1]):
                return candidate
    return shared_file("fixtures", *parts)


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_counts(name: str) -> None:
    path = fixture(name)
    records = read_all(path)
    got = summarize(records)
    messages, events, types, senders, order, ambiguous = CASES[name]
    assert (got["messages"], got["events"]) == (messages, events)
    assert dict(got["types"]) == types
    if senders is not None:
        assert dict(got["senders"]) == senders
    assert (got["order"], got["ambiguous"]) == (order, ambiguous)


@pytest.mark.parametrize("lang", UNKNOWN_LANGS)
def test_ios_languages_without_vocabulary(lang: str) -> None:
    """Unknown wording: the notice after two direction marks is still a system event."""
    records = read_all(
        shared_file("fixtures", "whats_json", "ios", f"WhatsApp Chat - Elon Musk ({lang}).txt")
    )
    got = summarize(records)
    assert (got["messages"] + got["events"]) == 25
    assert got["senders"]["Dmitry S"] == 21
    assert got["messages"] >= 22  # no system line became a message of a made-up author


def _flags(records: list) -> dict:
    return dict(Counter(f for r in records if isinstance(r, Message) for f in r.flags))


@pytest.mark.parametrize("lang", ["German", "Spanish", "IT", "Portugal", "CZ", "RU", "FR"])
def test_ios_locales_type_like_english(lang: str) -> None:
    """The same iOS chat exported in other languages: same events and message flags as English
    (security code notices typed, per-type media placeholders, deletions, location)."""
    ios = ("fixtures", "whats_json", "ios")
    records = read_all(shared_file(*ios, f"WhatsApp Chat - Elon Musk ({lang}).txt"))
    english = read_all(shared_file(*ios, "WhatsApp Chat - Elon Musk (EN).txt"))
    got = summarize(records)
    assert dict(got["types"]) == ELON_EN
    assert _flags(records) == _flags(english) == {Flag.MEDIA_OMITTED: 14, Flag.DELETED: 2, Flag.LOCATION: 1}


@pytest.mark.parametrize(
    "name", ["Chat WhatsApp s\xa0uživatelem Dmitry S CZ", "Чат WhatsApp с\xa0контактом Dmitry S RU"]
)
def test_android_locales_flag_like_english(name: str) -> None:
    records = read_all(fixture(f"whats_json/android/{name} Android.txt"))
    english = read_all(
        shared_file("fixtures", "whats_json", "android", "WhatsApp Chat with Dmitry S EN Android.txt")
    )
    assert _flags(records) == _flags(english)
    assert _flags(records)[Flag.MEDIA_OMITTED] == 27 and _flags(records)[Flag.ATTACHMENT] == 2


def all_whatsapp_fixtures() -> list[str]:
    if not FIXTURES.exists():
        return []
    found = []
    for pattern in (
        "chat-miner/whatsapp/*.txt",
        "chat-analytics/whatsapp/*",
        "whatstk/*.txt",
        "whats_json/*/*",
    ):
        found += [
            str(p.relative_to(FIXTURES)) for p in FIXTURES.glob(pattern) if p.suffix in (".txt", ".zip")
        ]
    return sorted(found)


@pytest.mark.parametrize("name", all_whatsapp_fixtures())
def test_byte_ranges_give_back_the_source(name: str) -> None:
    path = fixture(name)
    records = read_all(path)
    assert records[0].kind == "conversation" and records[-1].kind == "summary"
    assert records[-1].issues == 0
    check_ranges(path, records)


def test_multiline_text_and_order_kept() -> None:
    records = read_all(shared_file("fixtures", "chat-miner", "whatsapp", "test_ddmmyy_24hrs.txt"))
    msgs = [r for r in records if isinstance(r, Message)]
    assert msgs[2].text == "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero."
    assert (msgs[2].source.line_start, msgs[2].source.line_end) == (3, 4)
    assert msgs[3].text == "Lorem ipsum : dolor sit amet."
    assert msgs[1].text == "."  # "John Doe:." glued to the colon
    assert msgs[0].time == datetime(2019, 1, 1, 11, 25)
    assert msgs[-1].time == datetime(2021, 12, 30, 22, 1)
    created = next(r for r in records if isinstance(r, Event) and r.type == "created")
    assert created.actor == "+12 345 578" and created.details["title"] == "Groupname"


def test_twelve_hour_with_spanish_am_pm() -> None:
    records = read_all(shared_file("fixtures", "chat-miner", "whatsapp", "test_mmddyyyy_12hrs.txt"))
    times = [r.time for r in records if isinstance(r, Message | Event)]
    assert times[2] == datetime(2019, 1, 30, 20, 49)  # 08:49 p. m.
    assert times[4] == datetime(2020, 6, 20, 0, 8)  # 00:08 a. m.
    assert times[7] == datetime(2021, 12, 20, 12, 10)  # 12:10 p. m.
    assert next(r for r in records if isinstance(r, Message)).time_raw == "01/01/2019, 11:25 a. m."


def test_calendars_give_gregorian_times() -> None:
    for name in ("Gregorian", "Buddhist", "Japanese"):
        records = read_all(shared_file("fixtures", "whats_json", "calendars", f"{name} iOS.txt"))
        first = next(r for r in records if isinstance(r, Message | Event))
        assert first.time == datetime(2022, 3, 18, 14, 56, 1), name
    records = read_all(shared_file("fixtures", "whats_json", "calendars", "Buddhist iOS.txt"))
    assert next(r for r in records if isinstance(r, Event)).time_raw == "3/18/2565 BE, 14:56:01"


def test_backwards_times_flagged_not_resorted() -> None:
    records = read_all(shared_file("fixtures", "chat-analytics", "whatsapp", "2A_5M.txt"))
    msgs = [r for r in records if isinstance(r, Message)]
    assert [m.text for m in msgs][-1] == "This message should be reordered"
    assert Flag.TIME_BACKWARDS in msgs[-1].flags
    assert all(Flag.TIME_BACKWARDS not in m.flags for m in msgs[:-1])


def test_android_flags_and_attachments() -> None:
    records = read_all(
        shared_file("fixtures", "whats_json", "android", "WhatsApp Chat with Dmitry S EN+Media Android.txt")
    )
    msgs = [r for r in records if isinstance(r, Message)]
    flagged = {f for m in msgs for f in m.flags}
    assert {Flag.MEDIA_OMITTED, Flag.ATTACHMENT, Flag.DELETED, Flag.VIEW_ONCE, Flag.LOCATION} <= flagged
    opus = next(m for m in msgs if m.attachments == ("PTT-20220323-WA0000.opus",))
    assert Flag.ATTACHMENT in opus.flags
    caption = next(m for m in msgs if m.text == "<Media omitted>\nCaption")
    assert Flag.MEDIA_OMITTED in caption.flags


def test_ios_zip_member_and_container() -> None:
    path = shared_file("fixtures", "whats_json", "ios", "WhatsApp Chat - Elon Musk (RU).zip")
    records = read_all(path)
    msg = next(r for r in records if isinstance(r, Message))
    assert msg.source.member == "_chat.txt"
    assert msg.source.container_sha256 and msg.source.container_sha256 != msg.source.sha256
    assert records[0].title == "Elon Musk (RU)"


def test_ios_french_placeholders() -> None:
    records = read_all(shared_file("fixtures", "whats_json", "ios", "WhatsApp Chat - Elon Musk (FR).txt"))
    msgs = [r for r in records if isinstance(r, Message)]
    by_text = {m.text_clean: m for m in msgs}
    assert Flag.MEDIA_OMITTED in by_text["image absente"].flags
    assert Flag.MEDIA_OMITTED in by_text["Some file.txt document manquant"].flags
    assert Flag.DELETED in by_text["Vous avez supprimé ce message."].flags
    assert Flag.LOCATION in by_text["Localisation: https://maps.google.com/?q=51.5021456,-0.127397"].flags
    sec = [r for r in records if isinstance(r, Event) and r.type == "security_code_changed"]
    assert sec[0].targets == ("Elon",) and sec[0].time == datetime(2022, 4, 28, 20, 17, 30)
