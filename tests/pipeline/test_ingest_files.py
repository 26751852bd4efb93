"""The ingest pipeline on real exports: what a reader gives is what the case gives back."""

from __future__ import annotations

from pathlib import Path

import pytest

from sentinelle.ingest import ReadOptions, read
from sentinelle.pipeline import ingest_files
from sentinelle.records import Event, Message
from sentinelle.store import Case

REAL = [
    "chat-analytics/whatsapp/4A_11M.txt",
    "chat-analytics/whatsapp/4A_11M.zip",
    "chat-analytics/telegram/DM_2A_7M.json",
    "chat-analytics/discord/GC_3A_5M.json",
    "chat-miner/signal/test_export.txt",
    "whatstk/pokemon.txt",
]


@pytest.fixture
def case(tmp_path: Path):
    with Case.create(tmp_path / "case") as c:
        yield c


@pytest.mark.parametrize("name", REAL)
def test_records_round_trip_through_the_case_and_their_source_bytes(case: Case, name: str, fixtures_dir) -> None:
    path = fixtures_dir / name
    expected = [r for r in read(path, ReadOptions(tz="Europe/Paris")) if isinstance(r, Message | Event)]
    report = ingest_files(case, [path], ReadOptions(tz="Europe/Paris"))
    assert [f.status for f in report.files] == ["ingested"], report.files[0].error
    assert list(case.timeline()) == expected and expected
    info = case.files()[0]
    assert (info.messages, info.events) == (report.messages, report.events)
    assert case.original_path(info.sha256).read_bytes() == path.read_bytes()
    for rec in expected:
        raw = case.source_bytes(rec.source)
        assert len(raw) == rec.source.byte_end - rec.source.byte_start > 0
    if name.endswith(".zip"):
        assert info.member == "_chat.txt" and info.container_sha256 == info.sha256 != info.member_sha256
        assert expected[0].source.container_sha256 == info.sha256


def test_several_files_duplicates_and_a_failing_file(case: Case, tmp_path: Path, fixtures_dir: Path) -> None:
    txt = fixtures_dir / "chat-analytics" / "whatsapp" / "4A_11M.txt"
    other = fixtures_dir / "chat-analytics" / "whatsapp" / "2A_5M.txt"
    bad = tmp_path / "notachat.json"
    bad.write_text('{"hello": "world"}')
    events: list[tuple[str, str]] = []
    report = ingest_files(case, [txt, bad, txt, other, tmp_path / "missing.txt"], ReadOptions(),
                          progress=lambda ev, p, n: events.append((ev, p.name)))  # fmt: skip
    assert [f.status for f in report.files] == ["ingested", "failed", "duplicate", "ingested", "failed"]
    assert "notachat.json" in report.files[1].error and report.files[1].exit_code == 3
    assert report.files[4].error.endswith("missing.txt: no such file")
    assert case.count_messages() == 11 + 5 and len(case.files()) == 2
    assert ("start", "4A_11M.txt") in events and ("done", "notachat.json") in events
    assert report.persons == len(case.persons()) > 0
    # a re-run of everything adds nothing
    again = ingest_files(case, [txt, other])
    assert [f.status for f in again.files] == ["duplicate", "duplicate"] and case.count_messages() == 16


def test_every_fixture_either_ingests_or_fails_cleanly(case: Case, fixtures_dir: Path) -> None:
    paths = sorted(p for p in fixtures_dir.rglob("*") if p.is_file() and p.suffix in {".txt", ".json", ".zip"}
                   and p.name != "target.json")  # fmt: skip
    report = ingest_files(case, paths)
    assert len(report.files) == len(paths) > 30
    for f in report.failed:
        assert f.error and "internal error" not in f.error and "\n" not in f.error
    ingested = [f.info for f in report.files if f.info and f.status == "ingested"]
    # exports of one chat (a .txt and its .zip, one chat in nine languages) count each message once
    shared = sum(m["matched_messages"] for i in ingested for m in i.merges)
    assert shared > 0 and case.count_messages() == sum(i.messages for i in ingested) - shared
    assert case.search("hello")
