"""Property: any message or event a reader may produce comes back from the case unchanged."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sentinelle.records import Conversation, Event, Message, Source
from sentinelle.store import Case

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)  # no lone surrogates: not UTF-8
names = st.one_of(st.none(), text)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
zones = st.sampled_from([None, "Europe/Paris", "America/New_York", "Asia/Kolkata", "UTC"])


@st.composite
def times(draw) -> datetime | None:
    if draw(st.booleans()):
        return None
    t = draw(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)))
    zone = draw(zones)
    if zone:
        return t.replace(tzinfo=ZoneInfo(zone), fold=draw(st.integers(0, 1)))
    if draw(st.booleans()):
        return t.replace(tzinfo=timezone(timedelta(minutes=draw(st.integers(-720, 840)))))
    return t


@st.composite
def records(draw) -> list[Message | Event]:
    out: list[Message | Event] = []
    for i in range(draw(st.integers(1, 6))):
        src = Source("f" * 64, i + 1, i + 2, i * 100, i * 100 + 50, draw(text),
                     *draw(st.sampled_from([(None, None), ("c" * 64, "chat/_chat.txt")])))  # fmt: skip
        common = dict(id=f"r{i}", conversation_id="conv", time=draw(times()), time_raw=draw(text), source=src,
                      native_id=draw(names), flags=frozenset(draw(st.lists(text, max_size=3))),
                      details=draw(st.dictionaries(text, json_values, max_size=3)))  # fmt: skip
        if draw(st.booleans()):
            out.append(Message(sender=draw(names), text=draw(text), sender_id=draw(names), reply_to=draw(names),
                               mentions=tuple(draw(st.lists(text, max_size=3))), edited_time=draw(times()),
                               attachments=tuple(draw(st.lists(text, max_size=2))), forwarded_from=draw(names),
                               **common))  # fmt: skip
        else:
            out.append(Event(type=draw(st.sampled_from(["added", "left", "unknown_system"])), actor=draw(names),
                             targets=tuple(draw(st.lists(text, max_size=3))), text=draw(text),
                             actor_id=draw(names), target_ids=tuple(draw(st.lists(text, max_size=3))), **common))  # fmt: skip
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_any_record_round_trips(recs: list[Message | Event]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "x.txt"
        export.write_bytes(b"x")
        with Case.create(Path(tmp) / "case") as case:
            case.add_file(export, [Conversation("conv", "whatsapp", None, "f" * 64), *recs])
            got = list(case.timeline())
    assert got == recs
    for a, b in zip(got, recs, strict=True):  # equal instants are not enough: same wall time, same zone
        if a.time is not None:
            assert (a.time.replace(tzinfo=None), a.time.utcoffset(), a.time.tzname()) == (
                b.time.replace(tzinfo=None), b.time.utcoffset(), b.time.tzname())
