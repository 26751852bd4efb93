"""No input crashes a reader: arbitrary or truncated JSON gives records, ParseIssues or one
SentinelleError, never another exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sentinelle.errors import SentinelleError
from sentinelle.ingest import ReadOptions, read
from sentinelle.records import Summary

DATA = Path(__file__).resolve().parents[1] / "data"
FORMATS = ["telegram", "matrix", "discord", "messenger", "signal", "csv", "jsonl"]
SAMPLES = [
    DATA / "telegram" / "groupe" / "result.json",
    DATA / "telegram" / "compte" / "result.json",
    DATA / "matrix" / "room_timeline.json",
    DATA / "matrix" / "matrix - Brigade Nord (fictif) - Chat Export - 2026-11-25.json",
    DATA / "signal" / "Brigade Nord" / "data.json",
    DATA / "tabular" / "messages.jsonl",
]
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "messages",
                    "type",
                    "text",
                    "from",
                    "date",
                    "date_unixtime",
                    "content",
                    "sender",
                    "origin_server_ts",
                    "chats",
                    "list",
                    "author",
                    "timestamp",
                    "id",
                    "members",
                    "action",
                    "m.relates_to",
                    "membership",
                    "state_key",
                    "chunk",
                    "body",
                    "users",
                ]
            )
            | st.text(max_size=5),
            children,
            max_size=6,
        )
    ),
    max_leaves=30,
)


def _read_all(path: Path, fmt: str | None) -> None:
    try:
        records = list(read(path, ReadOptions(format=fmt)))
    except SentinelleError:
        return
    assert isinstance(records[-1], Summary)


@SETTINGS
@given(value=json_values, fmt=st.sampled_from(FORMATS + [None]))
def test_arbitrary_json_never_crashes(tmp_path, value, fmt):
    path = tmp_path / "x.json"
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    _read_all(path, fmt)


@SETTINGS
@given(sample=st.sampled_from(SAMPLES), cut=st.floats(min_value=0.0, max_value=1.0))
def test_truncated_exports_never_crash(tmp_path, sample, cut):
    data = sample.read_bytes()
    path = tmp_path / sample.name
    path.write_bytes(data[: int(len(data) * cut)])
    _read_all(path, None)


@SETTINGS
@given(sample=st.sampled_from(SAMPLES), pos=st.integers(min_value=0), junk=st.binary(min_size=1, max_size=4))
def test_corrupted_bytes_never_crash(tmp_path, sample, pos, junk):
    data = bytearray(sample.read_bytes())
    pos %= len(data)
    data[pos : pos + len(junk)] = junk
    path = tmp_path / sample.name
    path.write_bytes(bytes(data))
    _read_all(path, None)


@pytest.mark.parametrize("fmt", FORMATS)
def test_forced_format_on_wrong_file_is_clean(fmt):
    for sample in SAMPLES:
        _read_all(sample, fmt)


# (content, why)
NASTY = [
    ('{"messages": [' + "[" * 50_000 + "]" * 50_000 + "]}", "nesting deeper than Python's recursion limit"),
    ('{"sender": "a", "date": "x", "body": ' + "[" * 50_000 + "]" * 50_000 + "}\n", "deep JSON Lines"),
    ('{"messages": [{"id": 1, "text": "\\ud800"}]}', "a lone surrogate escape"),
    ('{"messages": [{"id": 1e999, "date_unixtime": "99999999999999999999"}]}', "out-of-range numbers"),
]


@pytest.mark.parametrize(("content", "why"), NASTY)
@pytest.mark.parametrize("fmt", FORMATS + [None])
def test_nasty_inputs(tmp_path, content, why, fmt):
    path = tmp_path / "nasty.json"
    path.write_text(content, encoding="utf-8")
    _read_all(path, fmt)


# (file, bytes to break, replacement, records lost, why)
CORRUPT = [
    (
        DATA / "telegram" / "groupe" / "result.json",
        '"from": "Lucie Martin"',
        '"from": Lucie Martin"',
        1,
        "a broken message in a pretty-printed Telegram export",
    ),
    (
        DATA / "matrix" / "room_timeline.json",
        '"body": "Réunion demain à 8h."',
        '"body": "Réunion\t\n"',
        1,
        "a raw control character inside a Matrix event",
    ),
    (
        DATA / "matrix" / "matrix - Brigade Nord (fictif) - Chat Export - 2026-11-25.json",
        '"membership": "ban"',
        '"membership": ban',
        1,
        "a broken event in an Element export",
    ),
]


@pytest.mark.parametrize(("path", "old", "new", "lost", "why"), CORRUPT)
def test_malformed_element_is_skipped_and_reading_goes_on(tmp_path, path, old, new, lost, why):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    broken = tmp_path / path.name
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    good = [r for r in read(path) if r.kind in ("message", "event")]
    got = list(read(broken))
    kept = [r for r in got if r.kind in ("message", "event")]
    issues = [r for r in got if r.kind == "issue"]
    assert len(issues) == 1 and "element skipped" in issues[0].cause, why
    line = text[: text.index(old)].count("\n") + 1
    assert issues[0].line == line, why
    assert [r.native_id for r in kept] == [
        r.native_id for r in good if r.native_id in {k.native_id for k in kept}
    ]
    assert len({r.native_id for r in good} - {r.native_id for r in kept}) == lost, why
    assert got[-1].issues == 1 and got[-1].skipped_lines == 1


def test_compact_json_cannot_resync_so_it_stops_with_an_issue(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(
        '{"name": "x", "messages": [{"id": 1, "type": "message", "date": "2024-01-01T10:00:00", '
        '"from": "A", "from_id": "user1", "text": "un"}, {"id": 2, "from": B}, '
        '{"id": 3, "type": "message", "date": "2024-01-01T10:01:00", "from": "C", "text": "trois"}]}',
        encoding="utf-8",
    )
    records = list(read(path))
    assert [m.text for m in records if m.kind == "message"] == ["un"]
    assert records[-1].issues == 1


lines = st.lists(
    st.one_of(
        st.text(max_size=30),
        st.just("time,sender,text"),
        st.just('2024-01-01 10:00,A,"ouvert'),
        st.just("[2024-03-04 08:01:12] Nom: texte"),
        st.just("[2019-05-29, 15:04] Me: vieux"),
        st.just("(- A: 👍 -)"),
        st.just("> citation"),
        st.just("\x00"),
    ),
    max_size=12,
)


@SETTINGS
@given(body=lines, fmt=st.sampled_from(["csv", "signal", "jsonl", None]), crlf=st.booleans())
def test_arbitrary_text_never_crashes(tmp_path, body, fmt, crlf):
    path = tmp_path / "chat.md"
    path.write_text(("\r\n" if crlf else "\n").join(body), encoding="utf-8", errors="surrogatepass")
    _read_all(path, fmt)
