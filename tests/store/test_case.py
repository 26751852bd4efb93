"""The case store: records round-trip exactly, ingest is atomic per file and idempotent."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sentinelle.errors import CaseError
from sentinelle.records import Detection, Event, Message, Reason, Source, replace
from sentinelle.store import Case, CaseMetadata, RosterEntry

from .helpers import LINES, write_export

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def export(tmp_path: Path):
    return write_export(tmp_path / "chat.txt")


@pytest.fixture
def case(tmp_path: Path):
    with Case.create(tmp_path / "case", CaseMetadata(purpose="enquête administrative")) as c:
        yield c


def stored(records):
    return [r for r in records if isinstance(r, Message | Event)]


def test_every_record_kind_round_trips_exactly(case: Case, export) -> None:
    path, records = export
    info = case.add_file(path, records, format="whatsapp", options={"tz": "Europe/Paris"})
    assert (info.messages, info.events, info.conversations, info.participants, info.issues) == (4, 2, 1, 1, 1)
    assert (info.date_order, info.ambiguous, info.encoding, info.options) == ("dmy", True, "utf-8", {"tz": "Europe/Paris"})
    assert list(case.timeline()) == stored(records)
    assert list(case.messages()) == [r for r in records if isinstance(r, Message)]
    assert list(case.events()) == [r for r in records if isinstance(r, Event)]
    assert case.conversations() == [records[0]]
    assert case.participants() == [r for r in records if r.kind == "participant"]
    assert [str(i) for i in case.issues()] == ["chat.txt:99: a test issue"]
    first = case.messages().__next__()
    assert first.time.tzinfo.key == "Europe/Paris" and first.time.utcoffset() == timedelta(hours=1)
    # text byte for byte: multi-line, emoji; the stored source re-reads to the original bytes
    multi = case.message(stored(records)[3].id)
    assert multi.text == "Ok pour moi 👍\nje serai là" and multi.details == {"n": 1, "nested": {"a": [1, 2]}}
    for rec in case.timeline():
        raw = case.source_bytes(rec.source).decode()
        assert rec.text in raw and raw.startswith(rec.time_raw)
    assert case.count_messages() == 4 and case.count_events() == 2


def test_naive_and_fixed_offset_times_and_zip_sources_round_trip(case: Case, tmp_path: Path) -> None:
    path, records = write_export(tmp_path / "naive.txt", tz=None)
    m = stored(records)[1]
    fixed = replace(m, id=m.id + "b", time=datetime(2024, 3, 1, 8, 0, 0, 123456, tzinfo=timezone(timedelta(hours=-5))),
                    edited_time=datetime(2024, 3, 1, 9, 0), reply_to="x1", attachments=("a.jpg",),
                    forwarded_from="Canal", native_id="42", sender_id="user1",
                    source=replace(m.source, container_sha256="c" * 64, member="dir/_chat.txt"))  # fmt: skip
    ev = replace(stored(records)[0], id="e2", targets=("A", "B"), target_ids=("1", "2"), flags=frozenset({"x"}), time=None)
    case.add_file(path, [*records[:-1], fixed, ev, records[-1]])
    got = {r.id: r for r in case.timeline()}
    assert got[m.id].time == m.time and got[m.id].time.tzinfo is None
    assert got[fixed.id] == fixed and got[fixed.id].time.utcoffset() == timedelta(hours=-5)
    assert got["e2"] == ev
    assert case.file(case.files()[0].sha256).member == "dir/_chat.txt"


def test_search_is_accent_and_case_insensitive_with_snippets(case: Case, export) -> None:
    case.add_file(*export)
    hits = case.search("collegues")
    assert [h.message.sender for h in hits] == ["Chef Dupont"]
    assert hits[0].snippet == "Bonjour à tous les [collègues]"
    assert [h.message.sender for h in case.search("ELODIE")] == [] ,"senders are not message text"
    assert [h.message.sender for h in case.search("REUNION")] == ["Élodie Martin"]
    assert [h.message.sender for h in case.search("l'equipe !")] == ["Karim"]  # not FTS syntax: words
    assert {h.message.sender for h in case.search("reunion OR merci")} == {"Élodie Martin", "Karim"}
    assert case.search("collegues", conversation_id="nope") == []
    assert case.search("   ") == []
    assert case.search("absent") == []
    emoji = case.search("👍")  # not an FTS token: found by substring
    assert [h.snippet for h in emoji] == ["Ok pour moi [👍]\nje serai là"]


def test_same_file_twice_adds_nothing_and_same_chat_elsewhere_is_not_doubled(case: Case, export, tmp_path) -> None:
    path, records = export
    first = case.add_file(path, records)
    again = case.add_file(path, records)
    assert again == first and case.count_messages() == 4 and len(case.files()) == 1
    # the same chat bytes handed over again inside another file: records are not stored twice
    other = tmp_path / "copy.zip"
    other.write_bytes(b"PK not really a zip, only another file")
    info = case.add_file(other, records)
    assert info.duplicates == 6 and case.count_messages() == 4 and len(case.search("collegues")) == 1
    original = case.original_path(first.sha256)
    assert original.read_bytes() == path.read_bytes() and not os.access(original, os.W_OK) or os.geteuid() == 0
    assert oct(original.stat().st_mode & 0o777) == "0o444"


def test_an_ingest_interrupted_by_an_exception_stores_nothing_of_that_file(case: Case, export, tmp_path) -> None:
    path, records = export
    other_path, other_records = write_export(tmp_path / "other.txt", LINES[:3])
    case.add_file(other_path, other_records)

    def broken():
        yield from records[:4]
        raise RuntimeError("disk pulled out")

    with pytest.raises(RuntimeError):
        case.add_file(path, broken())
    assert [f.name for f in case.files()] == ["other.txt"]
    assert case.count_messages() == 2 and case.search("collegues")[0].message.conversation_id == other_records[0].id
    assert not case.has_file(records[0].source_sha256)
    assert not case.original_path(records[0].source_sha256).exists()  # nor its original
    info = case.add_file(path, records)  # a full re-run works (and joins the shorter export of the same chat)
    assert (info.messages, info.overlaps, info.merged_into) == (4, 3, [other_records[0].id])
    assert case.count_messages() == 4 and len(case.search("collegues")) == 1


KILL_SCRIPT = """
import os, sys
sys.path[:0] = [{src!r}, {tests!r}]
from pathlib import Path
from store.helpers import write_export
from sentinelle.store import Case
path, records = write_export(Path({path!r}))
def dying():
    yield from records[:5]
    os._exit(9)  # killed mid-file: no exception, no cleanup
Case.open({case!r}).add_file(path, dying())
"""


def test_an_ingest_killed_mid_file_leaves_the_case_consistent(case: Case, tmp_path: Path) -> None:
    script = KILL_SCRIPT.format(src=str(ROOT / "src"), tests=str(ROOT / "tests"), path=str(tmp_path / "k.txt"),
                                case=str(case.path))  # fmt: skip
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 9, proc.stderr
    with Case.open(case.path) as again:
        assert again.files() == [] and again.count_messages() == 0 and again.search("collegues") == []
        path, records = write_export(tmp_path / "k.txt")
        assert again.add_file(path, records).messages == 4
        assert len(again.search("collegues")) == 1


def test_context_record_and_unknown_ids(case: Case, export) -> None:
    path, records = export
    case.add_file(path, records)
    ids = [r.id for r in stored(records)]
    assert [r.id for r in case.context(ids[2], before=1, after=2)] == ids[1:5]
    assert [r.id for r in case.context(ids[0])] == ids[:4]
    assert case.record(ids[0]).type == "created" and case.message(ids[0]) is None
    assert case.record("nope") is None and case.context("nope") == []


def test_detections_results_roster_decisions_pseudonyms(case: Case, export) -> None:
    path, records = export
    case.add_file(path, records)
    ids = [r.id for r in records if isinstance(r, Message)]
    reason = Reason("lexicon", "insult", "entry", span=(0, 7), matched="Bonjour", score=0.5)
    d1 = Detection({"insult": 0.9, "hate": 0.1}, True, ("women",), 2, None, "fr", (reason,), ids[1], "v1")
    d0 = Detection({"insult": 0.1}, False, message_id=ids[0], model_version="v1")
    assert case.save_detections([d1, d0], "v1") == 2
    assert list(case.detections("v1")) == [d0, d1]  # message order
    assert list(case.detections(flagged_only=True)) == [d1]
    assert case.scanned_ids("v1") == {ids[0], ids[1]}
    case.save_detections([replace(d0, flagged=True, model_version="v2")], "v2")
    assert [d.model_version for d in case.detections()] == ["v2"]  # latest version by default
    with pytest.raises(ValueError):
        case.save_detections([replace(d0, message_id=None)], "v1")

    case.put_result("dynamics", "1", "graph", {"nodes": [1, 2]}, {"window": 7})
    case.put_result("dynamics", "2", "graph", {"nodes": [3]}, {"window": 8})
    case.put_result("dynamics", "1", "roles", [1, 2])
    assert case.get_result("dynamics", "graph") == {"nodes": [3]}
    assert case.get_result("dynamics", "absent") is None and case.get_result("nope", "graph") is None
    rows = case.results("dynamics")
    assert [(r.key, r.version, r.data, r.settings) for r in rows] == [
        ("graph", "2", {"nodes": [3]}, {"window": 8}),
        ("roles", "1", [1, 2], {}),
    ]

    roster = [RosterEntry("Chef Dupont", "capitaine", "chef de groupe", "BAC 75", False),
              RosterEntry("Karim", "gardien", None, "BAC 75", True, {"note": "délégué"})]  # fmt: skip
    case.import_roster(roster)
    assert case.roster() == roster
    case.import_roster(roster[:1])
    assert case.roster() == roster[:1]

    assert case.append_decision({"record": ids[0], "verdict": "ok", "n": 1.5}) == 1
    assert case.append_decision({"record": ids[1], "verdict": "flag"}) == 2
    assert case.decisions() == [{"record": ids[0], "verdict": "ok", "n": 1.5}, {"record": ids[1], "verdict": "flag"}]
    db = sqlite3.connect(case.path / "case.sqlite")
    for sql in ("UPDATE decisions SET entry='{}'", "DELETE FROM decisions"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute(sql)
    db.close()

    info = case.info()
    assert info["detections"] == {"v1": {"scanned": 2, "flagged": 1}, "v2": {"scanned": 1, "flagged": 1}}
    assert info["results"] == {"dynamics": ["graph", "roles"]} and info["decisions"] == 2

    case.set_pseudonym("Karim", "Personne B")
    case.set_pseudonym("Chef Dupont", "Personne A")
    assert case.pseudonyms() == {"Chef Dupont": "Personne A", "Karim": "Personne B"}


def test_metadata_is_stored_and_updated(tmp_path: Path) -> None:
    md = CaseMetadata("enquête", "art. 6(1)(f) RGPD", "M. X, délégué", "clé USB", "2024-05-02",
                      date(2030, 1, 1), True)  # fmt: skip
    Case.create(tmp_path / "c", md).close()
    with Case.open(tmp_path / "c") as c:
        assert c.metadata == md
        c.set_metadata(purpose="autre")
    with Case.open(tmp_path / "c") as c:
        assert c.metadata == replace(md, purpose="autre")
        assert [a["action"] for a in c.audit_log()] == ["create", "set_metadata"]
        info = c.info()
    assert info["metadata"]["retention_until"] == "2030-01-01" and info["messages"] == 0
    with pytest.raises(CaseError, match="already exists"):
        Case.create(tmp_path / "c")
    with pytest.raises(CaseError, match="not empty"):  # never spread a case over someone's folder
        Case.create(tmp_path)
    (tmp_path / "f").write_text("x")
    with pytest.raises(CaseError, match="not a directory"):
        Case.open_or_create(tmp_path / "f")


def test_missing_damaged_and_newer_cases_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match="no such case"):
        Case.open(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CaseError, match="no case.sqlite"):
        Case.open(tmp_path / "empty")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "case.sqlite").write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CaseError, match="damaged"):
        Case.open(tmp_path / "bad")
    (tmp_path / "other").mkdir()
    sqlite3.connect(tmp_path / "other" / "case.sqlite").execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(CaseError, match="not a sentinelle case"):
        Case.open(tmp_path / "other")
    Case.create(tmp_path / "newer").close()
    db = sqlite3.connect(tmp_path / "newer" / "case.sqlite")
    db.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    db.commit()
    db.close()
    with pytest.raises(CaseError, match="newer sentinelle"):
        Case.open(tmp_path / "newer")


def test_migrations_are_safe_to_rerun(tmp_path: Path, export) -> None:
    with Case.create(tmp_path / "c") as c:
        c.add_file(*export)
    db = sqlite3.connect(tmp_path / "c" / "case.sqlite")
    db.execute("DELETE FROM migrations WHERE name='0002_people'")  # as if a step had to run again
    db.commit()
    db.close()
    for _ in range(2):
        with Case.open(tmp_path / "c") as c:
            assert c.count_messages() == 4
    names = [r[0] for r in sqlite3.connect(tmp_path / "c" / "case.sqlite").execute("SELECT name FROM migrations")]
    assert sorted(names) == ["0001_core", "0002_people", "0003_results", "0004_inputs", "0005_merge"]


def test_source_is_kept_for_records_of_undeclared_conversations(case: Case, export) -> None:
    path, records = export
    orphan = replace(stored(records)[1], id="orphan", conversation_id="undeclared")
    case.add_file(path, [orphan])
    assert [c.id for c in case.conversations()] == ["undeclared"] and case.message("orphan") == orphan
    assert isinstance(orphan.source, Source)


def test_json_form_of_sources_matches_the_record_model() -> None:
    from sentinelle.store.codec import source_json

    plain = Source("a" * 64, 1, 2, 0, 10, "chat.txt")
    zipped = replace(plain, container_sha256="b" * 64, member="_chat.txt")
    assert source_json(plain) == plain.to_dict() and source_json(zipped) == zipped.to_dict()


def test_a_second_writer_gets_a_case_error_not_a_traceback(case: Case, export, monkeypatch) -> None:
    from sentinelle.store.sqlite import SQLiteBackend

    monkeypatch.setattr(SQLiteBackend, "busy_timeout", 0.1)
    other = Case.open(case.path)
    with case.backend.transaction():
        with pytest.raises(CaseError, match="busy"):
            other.add_file(*export)
        with Case.open(case.path) as reader:  # readers never wait for the writer (WAL)
            assert reader.count_messages() == 0 and reader.search("collegues") == []
    assert other.add_file(*export).messages == 4  # once the first writer is done
    other.close()


def test_times_in_dst_folds_and_gaps_keep_their_wall_time(case: Case, export) -> None:
    from zoneinfo import ZoneInfo

    path, records = export
    paris = ZoneInfo("Europe/Paris")
    m = stored(records)[1]
    times = [datetime(2024, 10, 27, 2, 30, tzinfo=paris), datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=paris),
             datetime(2024, 3, 31, 2, 30, tzinfo=paris)]  # fmt: skip
    recs = [replace(m, id=f"t{i}", time=t) for i, t in enumerate(times)]
    case.add_file(path, [records[0], *recs])
    for got, t in zip(case.messages(), times, strict=True):
        assert (got.time.replace(tzinfo=None), got.time.fold, got.time.utcoffset()) == (
            t.replace(tzinfo=None), t.fold, t.utcoffset())


def test_several_exports_in_one_case_are_read_back_per_conversation(case: Case, tmp_path: Path) -> None:
    a_path, a = write_export(tmp_path / "a.txt")
    b_path, b = write_export(tmp_path / "b.txt", LINES[2:])
    case.add_file(a_path, a)
    case.add_file(b_path, b, merge=False)  # the user says: another chat (else it would join a)
    ca, cb = a[0].id, b[0].id
    assert [c.id for c in case.conversations()] == [ca, cb]
    assert list(case.messages(cb)) == [r for r in b if isinstance(r, Message)]
    assert list(case.events(ca)) == [r for r in a if isinstance(r, Event)]
    assert list(case.timeline()) == stored(a) + stored(b)
    assert (case.count_messages(ca), case.count_messages(cb), case.count_events(cb)) == (4, 3, 1)
    assert [h.message.conversation_id for h in case.search("merci", conversation_id=cb)] == [cb]
    assert len(case.search("merci")) == 2
    last_of_a = stored(a)[-1].id
    assert [r.conversation_id for r in case.context(last_of_a, after=5)] == [ca] * 4  # never crosses chats
