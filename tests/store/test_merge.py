"""Overlapping exports of one chat become one conversation: every message once, none lost, each
with every file and byte range that carries it; two different chats never become one."""

from __future__ import annotations

import glob
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from sentinelle.ingest import ReadOptions
from sentinelle.pipeline import ingest_files
from sentinelle.store import Case
from sentinelle.store.matching import normalise_text
from sharedpaths import FIXTURES

from .chat_script import android_fr, ios_en, script, visible, write

IOS = FIXTURES / "whats_json" / "ios"
ANDROID = FIXTURES / "whats_json" / "android"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def ingest(case: Case, path: Path, exporter: str | None = None, merge: bool = True):
    report = ingest_files(case, [path], ReadOptions(exporter=exporter), merge=merge)
    assert not report.failed, report.failed[0].error
    return report.files[0].info


def check_nothing_lost(case: Case, paths: list[Path]) -> None:
    """Every record every file gave is in the case, as itself or as a copy of the record it repeats."""
    stored = {r.id for r in case.timeline()}
    for path in paths:
        from sentinelle.ingest import read

        for rec in read(path, ReadOptions()):
            if rec.kind in ("message", "event"):
                got = case.record(rec.id)
                assert got is not None, (path.name, rec.id, rec.text)
                assert got.id in stored or case.record(got.id) is not None
                if got.id not in stored:  # a copy: of a record of the conversation
                    canonical = [r for r in case.timeline() if got.id in {c.id for c in case.copies(r.id)}]
                    assert len(canonical) == 1, rec


# --- real exports -----------------------------------------------------------------------------


LOCALES = ["EN", "FR", "CZ", "German", "IT", "Portugal", "RU", "Spanish", "EN+Media"]


def test_one_chat_exported_in_nine_languages_is_one_conversation(tmp_path: Path) -> None:
    """Real iOS exports of one chat in nine languages (media placeholders in each language, one
    with the media attached, seconds rounded differently): 22 messages, each with nine sources."""
    paths = [need(IOS / f"WhatsApp Chat - Elon Musk ({loc}).txt") for loc in LOCALES]
    with Case.create(tmp_path / "case") as case:
        infos = [ingest(case, p) for p in paths]
        (conv,) = case.conversations()
        assert (case.count_messages(), case.count_events()) == (22, 3)
        assert all(i.overlaps == 25 and i.merged_into == [conv.id] for i in infos[1:])
        for m in case.messages():
            files = {s.sha256 for s in case.sources_of(m.id)}
            assert len(files) == len(LOCALES), m.text
            for s in case.sources_of(m.id):  # every source points at bytes that hold it
                assert case.source_bytes(s)
        prov = case.provenance(conv.id)
        assert {p["name"] for p in prov} == {p.name for p in paths}
        assert all((p["messages"], p["only_here"], p["shared"]) == (22, 0, 22) for p in prov)
        english = [normalise_text(m.text, m.flags) for m in case.messages()]
    with Case.create(tmp_path / "en") as alone:
        ingest(alone, paths[0])
        assert english == [normalise_text(m.text, m.flags) for m in alone.messages()]  # order kept


def test_android_export_with_and_without_media_is_one_conversation(tmp_path: Path) -> None:
    """'<Media omitted>' in one, 'IMG-….jpg (file attached)' and captions in the other."""
    a = need(ANDROID / "WhatsApp Chat with Dmitry S EN Android.txt")
    b = need(ANDROID / "WhatsApp Chat with Dmitry S EN+Media Android.txt")
    with Case.create(tmp_path / "case") as case:
        ingest(case, a)
        info = ingest(case, b)
        assert (info.messages, info.overlaps) == (57, 60)
        assert len(case.conversations()) == 1 and case.count_messages() == 57
        check_nothing_lost(case, [a, b])
        caption = next(m for m in case.messages() if m.text == "<Media omitted>" and any(
            "Caption" in c.text for c in case.copies(m.id)))  # fmt: skip
        assert caption.source.sha256 != case.copies(caption.id)[0].source.sha256


def test_two_chats_with_the_same_people_are_never_merged(tmp_path: Path) -> None:
    """Dmitry's and Elon's exports of their chat from two phones share some lines but not the
    exporter's name nor half of the period: kept apart (and said to be alike); the Arabic export,
    whose placeholders sentinelle cannot read, is kept apart too."""
    android = need(ANDROID / "WhatsApp Chat with Dmitry S EN Android.txt")
    ios = need(IOS / "WhatsApp Chat - Elon Musk (EN).txt")
    arabic = need(IOS / "WhatsApp Chat - Elon Musk (Arabic).txt")
    with Case.create(tmp_path / "case") as case:
        ingest(case, android)
        info = ingest(case, ios)
        assert info.overlaps == 0 and info.merged_into == [] and len(case.conversations()) == 2
        assert info.alike and info.alike[0]["matched"] < info.alike[0]["in_period"] / 2
        assert ingest(case, arabic).merged_into == []
        assert case.count_messages() == 57 + 22 + 23


# --- members' exports of one group ---------------------------------------------------------


@pytest.fixture
def group(tmp_path: Path):
    """Camille's Android export (French, to the 13th noon) and Aurélie's iOS export (English, from
    the 12th noon, her phone an hour ahead, with seconds): one message deleted in between."""
    lines = script()
    deleted = next(x for x in lines if x.kind == "deleted_later")
    a_end, b_start = deleted.time + timedelta(hours=12), deleted.time - timedelta(hours=12)
    a = write(tmp_path / "Discussion WhatsApp avec Brigade.txt",
              android_fr(visible(lines, datetime(2000, 1, 1), a_end), "Camille Dubois", deleted.time))  # fmt: skip
    b = write(tmp_path / "WhatsApp Chat - Brigade.txt",
              ios_en(visible(lines, b_start, datetime(2100, 1, 1)), "Aurélie Lambert", datetime(2100, 1, 1),
                     "Brigade", shift=60, seconds=1))  # fmt: skip
    return lines, a, b


def texts(case: Case) -> list[tuple[str | None, str]]:
    return [(m.sender, normalise_text(m.text, m.flags)) for m in case.messages()]


def test_two_members_exports_merge_without_doubles_or_losses(tmp_path: Path, group) -> None:
    lines, a, b = group
    with Case.create(tmp_path / "case") as case:
        ingest(case, a, "Camille Dubois")
        info = ingest(case, b, "Aurélie Lambert")
        (conv,) = case.conversations()
        messages = [x for x in lines if x.kind != "added"]
        assert case.count_messages() == len(messages)
        check_nothing_lost(case, [a, b])
        (merge,) = case.merges(conv.id)
        assert merge["offset_minutes"] == -60 and merge["deleted_in_one"] == 1  # her phone an hour ahead
        deleted = next(x for x in lines if x.kind == "deleted_later")
        both = [x for x in messages if abs(x.time - deleted.time) < timedelta(hours=12)]
        only_b = [x for x in messages if x.time >= deleted.time + timedelta(hours=12)]
        assert (info.overlaps, merge["added"]) == (len(both), len(only_b))
        # order: the merged conversation reads as the chat did
        want = [(x.sender, "<media>" if x.kind == "media" else normalise_text(x.text)) for x in messages]
        assert texts(case) == want
        # the deleted message keeps its text (Camille exported before the deletion) and Aurélie's
        # notice of the deletion stays as its copy, with its own bytes
        original = next(m for m in case.messages() if m.text.startswith("message regretté"))
        (notice,) = case.copies(original.id)
        assert "deleted" in notice.flags and notice.source.sha256 != original.source.sha256
        # the same "ok" three times in one minute stays three times
        assert Counter(t for _, t in texts(case))["ok"] == Counter(x.text for x in messages)["ok"]
        assert len(case.search("regretté")) == 1


def test_the_exporters_you_is_named_never_merged_with_another_you(tmp_path: Path, group) -> None:
    """Aurélie's 'You' system lines name Aurélie once merged, and link to her in Camille's export."""
    lines, a, b = group
    text = b.read_text(encoding="utf-8")
    early = visible(lines, lines[0].time, lines[0].time + timedelta(minutes=1))
    b2 = write(b.with_name("WhatsApp Chat - Brigade 2.txt"),
               ios_en(early, "Aurélie Lambert", datetime(2100, 1, 1), "Brigade", shift=60) + text)  # fmt: skip
    with Case.create(tmp_path / "case") as case:
        ingest(case, a, "Camille Dubois")
        ingest(case, b2, "Aurélie Lambert")
        (event,) = list(case.events())
        assert event.targets == ("Aurélie Lambert",)  # Camille's line; Aurélie's "added you" is its copy
        (copy,) = case.copies(event.id)
        assert copy.targets == ("you",)


def test_an_absorbed_you_without_exporter_is_kept_apart(tmp_path: Path) -> None:
    """Without --exporter, a 'You' from another member's export is not the case's 'You'."""
    lines = script()
    start = lines[0].time
    a = write(tmp_path / "a.txt", android_fr(visible(lines, start, start + timedelta(hours=20)), "Camille Dubois",
                                             start))  # fmt: skip
    late = [*visible(lines, start + timedelta(hours=10), start + timedelta(hours=30))]
    from .chat_script import Line

    late.append(Line(late[-1].time + timedelta(minutes=3), "Kevin Petit", "Camille Dubois", "added"))
    b = write(tmp_path / "b.txt", android_fr(late, "Camille Dubois", start))  # Camille's own later export
    c = write(tmp_path / "c.txt", android_fr(late, "Kevin Petit", start))  # Kevin's: "Vous avez ajouté"
    with Case.create(tmp_path / "case") as case:
        ingest(case, a)
        ingest(case, b)
        (added,) = [e for e in case.events() if e.time and e.time > start + timedelta(hours=1)]
        # no --exporter: nothing says this "vous" is the first export's, so it is named after its file
        assert added.targets == ("Vous (b.txt)",) and added.details["exported_as"] == {"targets": ["Vous"]}
    with Case.create(tmp_path / "case2") as case:
        ingest(case, a)
        ingest(case, c)
        (added,) = [e for e in case.events() if e.time and e.time > start + timedelta(hours=1)]
        assert added.actor == "Vous (c.txt)" and added.details["exported_as"] == {"person": "Vous"}


def test_the_same_member_exporting_twice_over_two_periods(tmp_path: Path) -> None:
    lines = script()
    start = lines[0].time
    first = write(tmp_path / "first.txt", android_fr(visible(lines, start, start + timedelta(hours=30)),
                                                       "Camille Dubois", start))  # fmt: skip
    second = write(tmp_path / "second.txt", android_fr(visible(lines, start + timedelta(hours=20), datetime(2100, 1, 1)),
                                                         "Camille Dubois", start))  # fmt: skip
    with Case.create(tmp_path / "case") as case:
        ingest(case, first)
        ingest(case, second)
        assert len(case.conversations()) == 1
        assert case.count_messages() == sum(x.kind != "added" for x in lines)


def test_a_later_export_bridges_two_earlier_ones(tmp_path: Path) -> None:
    """Exports of March 11 and March 13 have nothing in common; one covering both joins the three."""
    lines = script()
    start, end = lines[0].time, lines[-1].time
    cut1, cut2 = start + (end - start) / 3, start + 2 * (end - start) / 3
    early = write(tmp_path / "early.txt", android_fr(visible(lines, start, cut1), "Marc Lefort", start))
    late = write(tmp_path / "late.txt", android_fr(visible(lines, cut2, end + timedelta(1)), "Marc Lefort", start))
    whole = write(tmp_path / "whole.txt", android_fr(lines, "Kevin Petit", start))
    with Case.create(tmp_path / "case") as case:
        ingest(case, early)
        ingest(case, late)
        assert len(case.conversations()) == 2
        ingest(case, whole)
        assert len(case.conversations()) == 1
        assert case.count_messages() == sum(x.kind != "added" for x in lines)
        assert all(len(case.search(w)) == len({m.id for m in case.messages() if w in m.text})
                   for w in ("patrouille", "rapport"))  # fmt: skip
        check_nothing_lost(case, [early, late, whole])


def test_different_chats_sharing_forwarded_lines_stay_apart(tmp_path: Path) -> None:
    """A few lines posted to two groups at the same minute by the same people do not make one chat."""
    lines = script()
    other = script(seed=99)
    shared = [x for x in lines if x.kind == "msg"][:6]
    mixed = sorted(other + shared, key=lambda x: x.time)
    a = write(tmp_path / "a.txt", android_fr(lines, "Camille Dubois", lines[0].time))
    b = write(tmp_path / "b.txt", android_fr(mixed, "Camille Dubois", lines[0].time))
    with Case.create(tmp_path / "case") as case:
        ingest(case, a)
        info = ingest(case, b)
        assert len(case.conversations()) == 2 and info.overlaps == 0
        assert info.alike and info.alike[0]["matched"] >= 6


def test_the_user_can_say_two_files_are_not_the_same_chat(tmp_path: Path, group) -> None:
    _, a, b = group
    with Case.create(tmp_path / "case") as case:
        ingest(case, a, "Camille Dubois")
        info = ingest(case, b, "Aurélie Lambert", merge=False)
        assert len(case.conversations()) == 2 and info.options["no_merge"] and info.overlaps == 0
        c = write(b.with_name("again.txt"), b.read_text(encoding="utf-8") + "\n")
        assert ingest(case, c).merged_into == [case.conversations()[0].id]  # not into the separate one


def test_merge_is_atomic_with_its_file(tmp_path: Path, group) -> None:
    """A file that fails after its records were read leaves no merge half done."""
    _, a, b = group
    with Case.create(tmp_path / "case") as case:
        ingest(case, a, "Camille Dubois")
        before = [(m.id, m.text) for m in case.messages()]
        from sentinelle.ingest import read

        def broken():
            yield from read(b, ReadOptions())
            raise RuntimeError("disk pulled out")

        with pytest.raises(RuntimeError):
            case.add_file(b, broken())
        assert [(m.id, m.text) for m in case.messages()] == before and case.merges() == []


def test_scan_results_of_an_absorbed_conversation_are_not_doubled(tmp_path: Path) -> None:
    """Detections stored before a bridging merge: the absorbed records' are not read back twice."""
    from sentinelle.records import Detection

    lines = script()
    start, end = lines[0].time, lines[-1].time
    cut1, cut2 = start + (end - start) / 3, start + 2 * (end - start) / 3
    early = write(tmp_path / "early.txt", android_fr(visible(lines, start, cut1), "Marc Lefort", start))
    late = write(tmp_path / "late.txt", android_fr(visible(lines, cut2, end + timedelta(1)), "Marc Lefort", start))
    whole = write(tmp_path / "whole.txt", android_fr(lines, "Kevin Petit", start))
    with Case.create(tmp_path / "case") as case:
        ingest(case, early)
        ingest(case, late)
        case.save_detections([Detection({}, True, message_id=m.id) for m in case.messages()], "v1")
        ingest(case, whole)
        canonical = {m.id for m in case.messages()}
        ids = [d.message_id for d in case.detections("v1")]
        assert len(ids) == len(set(ids)) and set(ids) <= canonical
        assert case.backend.detection_versions()["v1"]["scanned"] == len(ids)
        assert len(canonical - case.scanned_ids("v1")) > 0  # what `scan` resumes with


def test_glob_of_real_ios_exports_ingested_in_one_call(tmp_path: Path) -> None:
    """One `ingest` call with every locale: each file joins the conversation as it comes; the
    Arabic and Ukrainian ones, whose placeholders sentinelle does not read, stay apart."""
    paths = sorted(Path(p) for p in glob.glob(str(IOS / "WhatsApp Chat - Elon Musk (*).txt")))
    if not paths:
        pytest.skip("fixtures not available")
    with Case.create(tmp_path / "case") as case:
        report = ingest_files(case, paths)
        assert not report.failed
        sizes = sorted(case.count_messages(c.id) for c in case.conversations())
        assert sizes == [22, 22, 23]


def test_a_case_written_before_merging_is_migrated(tmp_path: Path, group) -> None:
    """A schema-1 case (no ord, copy_of, merged_into) opens, reads in the same order, and merges."""
    import sqlite3

    _, a, b = group
    with Case.create(tmp_path / "case") as case:
        ingest(case, a, "Camille Dubois")
        before = [m.id for m in case.messages()]
    db = sqlite3.connect(tmp_path / "case" / "case.sqlite")
    for index in ("records_conversation_ord", "records_kind_ord", "records_ord", "records_copy_of"):
        db.execute(f"DROP INDEX {index}")
    db.execute("DROP VIEW records_v")  # it names every column of records
    for table, column in (("records", "ord"), ("records", "copy_of"), ("conversations", "merged_into")):
        db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    db.execute("CREATE VIEW records_v AS SELECT r.*, s.file_sha256, s.src_sha256, s.src_path, s.container_sha256, "
               "s.member FROM records r JOIN sources s ON s.id = r.source_id")  # fmt: skip
    db.execute("DROP TABLE merges")
    db.execute("DELETE FROM migrations WHERE name='0005_merge'")
    db.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    db.commit()
    db.close()
    with Case.open(tmp_path / "case") as case:
        assert [m.id for m in case.messages()] == before and case.info()["schema_version"] == 2
        assert ingest(case, b, "Aurélie Lambert").merged_into == [case.conversations()[0].id]
