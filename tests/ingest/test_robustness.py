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
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["messages", "type", "text", "from", "date", "date_unixtime", "content", "sender",
                         "origin_server_ts", "chats", "list", "author", "timestamp", "id", "members", "action",
                         "m.relates_to", "membership", "state_key", "chunk", "body", "users"]) | st.text(max_size=5),
        children, max_size=6),
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
