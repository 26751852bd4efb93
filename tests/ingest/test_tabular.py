"""CSV and JSON Lines with a column mapping (given or guessed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sentinelle.errors import InputError
from sentinelle.ingest import ReadOptions, read, sniff
from sentinelle.ingest.tabular import parse_time, resolve_columns
from sentinelle.records import EventType

DATA = Path(__file__).resolve().parents[1] / "data" / "tabular"
PLUS1 = timezone(timedelta(hours=1))


def of(records, kind):
    return [r for r in records if r.kind == kind]


def test_csv_guessed_french_columns(parse):
    path = DATA / "messages.csv"
    assert sniff(path) == "csv"
    records = parse(path)
    assert records[0].details["columns"] == {
        "time": "horodatage",
        "sender": "auteur",
        "text": "message",
        "reply_to": "reponse_a",
        "id": "id",
    }
    msgs = of(records, "message")
    assert [(m.native_id, m.sender, m.reply_to) for m in msgs] == [
        ("m1", "Cdt Moreau", None),
        ("m2", "Lucie Martin", "m1"),
        ("m4", "Karim B.", "m1"),
    ]
    assert msgs[1].text == "Bien reçu;\nje préviens l'équipe."  # quoted cell over two lines
    assert (msgs[1].source.line_start, msgs[1].source.line_end) == (3, 4)
    assert msgs[0].time == datetime(2024, 3, 4, 8, 1, 12)
    issue = of(records, "issue")[0]
    assert issue.line == 5 and "pas une date" in issue.cause and "horodatage" in issue.cause
    assert records[-1].skipped_lines == 1


def test_csv_with_mapping_and_events(parse):
    records = parse(
        DATA / "events_mapped.csv", column_map={"sender": "who", "text": "what", "event_type": "kind"}
    )
    added, left = of(records, "event")
    assert (added.type, added.actor, added.targets) == (
        EventType.ADDED,
        "Cdt Moreau",
        ("Lucie Martin", "Karim B."),
    )
    assert left.type == EventType.LEFT
    assert of(records, "message")[0].time == datetime(2024, 3, 4, 8, 1, 12, tzinfo=PLUS1)


def test_missing_column_is_named(tmp_path):
    with pytest.raises(InputError, match=r"no column for sender, text; columns: time, who, what"):
        list(read(DATA / "events_mapped.csv", ReadOptions(format="csv")))
    with pytest.raises(InputError, match=r"column 'auteur_x' \(mapped to sender\) is not in the file"):
        list(read(DATA / "messages.csv", ReadOptions(column_map={"sender": "auteur_x"})))


def test_jsonl_several_conversations(parse):
    path = DATA / "messages.jsonl"
    assert sniff(path) == "jsonl"
    records = parse(path)
    convs = of(records, "conversation")
    assert [c.title for c in convs] == ["Brigade Nord", "Syndicat"]
    msgs = of(records, "message")
    assert msgs[1].time == datetime(2024, 3, 4, 8, 3, 40, tzinfo=UTC)  # epoch seconds: an instant
    assert msgs[1].reply_to == "m1" and msgs[2].conversation_id == convs[1].id
    assert of(records, "issue")[0].line == 3


# (value, format, tz, expected, why)
TIMES = [
    ("2024-03-04 08:01:12", None, None, datetime(2024, 3, 4, 8, 1, 12), "ISO without zone stays naive"),
    ("2024-03-04T08:01:12Z", None, None, datetime(2024, 3, 4, 8, 1, 12, tzinfo=UTC), "Z suffix"),
    ("04/03/2024 08:01", "%d/%m/%Y %H:%M", None, datetime(2024, 3, 4, 8, 1), "a given strptime format"),
    (1709539272000, None, None, datetime(2024, 3, 4, 8, 1, 12, tzinfo=UTC), "epoch milliseconds"),
    (
        "2024-03-04 08:01:12",
        None,
        "Europe/Paris",
        datetime(2024, 3, 4, 8, 1, 12, tzinfo=PLUS1),
        "naive local time in the user's zone",
    ),
]


@pytest.mark.parametrize(("value", "fmt", "tz", "expected", "why"), TIMES)
def test_parse_time(value, fmt, tz, expected, why):
    from zoneinfo import ZoneInfo

    got = parse_time(value, fmt, ZoneInfo(tz) if tz else None)
    assert got == expected and (got.tzinfo is None) == (expected.tzinfo is None), why


def test_time_format_option(tmp_path, parse):
    path = tmp_path / "export.csv"
    path.write_text("date,from,text\n04/03/2024 08:01,Lucie,Salut\n", encoding="utf-8")
    msg = of(parse(path, extra={"time_format": "%d/%m/%Y %H:%M"}), "message")[0]
    assert msg.time == datetime(2024, 3, 4, 8, 1)


def test_unknown_mapping_field():
    with pytest.raises(InputError, match="unknown field"):
        resolve_columns(["a"], {"auteur": "a"}, "x.csv")


# (content, texts, why)
DIALECTS = [
    (
        "time;sender;text\n2024-01-01 10:00;A;un, deux, trois, quatre\n",
        ["un, deux, trois, quatre"],
        "semicolon header, commas in the text",
    ),
    ("time\tsender\ttext\n2024-01-01 10:00\tA\tà l'heure; ok\n", ["à l'heure; ok"], "tab-separated"),
    (
        'time,sender,text\n2024-01-01 10:00,A,"dit ""bonjour"", puis part"\n',
        ['dit "bonjour", puis part'],
        "doubled quotes inside a quoted cell",
    ),
    ("\ufefftime,sender,text\r\n2024-01-01 10:00,A,crlf\r\n", ["crlf"], "BOM and CRLF line ends"),
]


@pytest.mark.parametrize(("content", "texts", "why"), DIALECTS)
def test_csv_dialects(tmp_path, parse, content, texts, why):
    path = tmp_path / "export.csv"
    path.write_bytes(content.encode("utf-8"))
    assert [m.text for m in of(parse(path), "message")] == texts, why
