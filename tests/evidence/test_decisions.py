"""Review decisions: hash chain, tamper detection naming the entry, the --decide command."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from sentinelle.cli import cli
from sentinelle.errors import UsageError
from sentinelle.evidence.decisions import (
    GENESIS,
    chain_problems,
    entry_hash,
    latest_decisions,
    record_decision,
)
from sentinelle.evidence.review import review_queue
from sentinelle.evidence.verify import verify_case
from sentinelle.store import Case


def _items(case) -> list[str]:
    return [i.item_id for i in review_queue(case, include_decided=True)]


def test_queue_holds_flags_directives_and_cases(case) -> None:
    ids = _items(case)
    assert sum(i.startswith("flag:") for i in ids) == 4
    assert sum(i.startswith("directive:") for i in ids) == 1
    assert ids[-1] == "case:k1"


def test_chain_links_every_entry(case) -> None:
    ids = _items(case)
    first = record_decision(case, ids[0], "confirm", reviewer="A. Martin", note="clair")
    second = record_decision(case, ids[1], "dismiss", reviewer="A. Martin", note="citation")
    third = record_decision(case, ids[0], "skip", reviewer="B. Roy")
    assert first["prev_sha256"] == GENESIS and second["prev_sha256"] == first["sha256"]
    assert third["prev_sha256"] == second["sha256"] and third["seq"] == 3
    assert entry_hash(second) == second["sha256"]
    assert chain_problems(case.decisions()) == []
    latest = latest_decisions(case.decisions())
    assert latest[ids[0]]["decision"] == "confirm"  # a later skip does not undo a decision
    assert ids[0] not in [i.item_id for i in review_queue(case)]  # decided items leave the queue


def test_bad_decisions_are_refused(case) -> None:
    with pytest.raises(UsageError):
        record_decision(case, "flag:x", "maybe", reviewer="A")
    with pytest.raises(UsageError):
        record_decision(case, "flag:x", "confirm", reviewer=" ")
    with pytest.raises(UsageError):
        record_decision(case, "message:x", "confirm", reviewer="A")


def _tamper(case_dir: Path, sql: str) -> None:
    """What someone with the file in hand can do: drop the store's append-only triggers, edit."""
    con = sqlite3.connect(case_dir / "case.sqlite")
    with con:
        triggers = con.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='decisions'").fetchall()
        for (name,) in triggers:
            con.execute(f"DROP TRIGGER {name}")
        con.execute(sql)
    con.close()


def test_altered_note_is_named(case_dir: Path) -> None:
    with Case.open(case_dir) as case:
        ids = _items(case)
        for item in ids[:3]:
            record_decision(case, item, "confirm", reviewer="A. Martin", note="ok")
        assert verify_case(case).ok
    _tamper(case_dir, "UPDATE decisions SET entry = replace(entry, '\"confirm\"', '\"dismiss\"') WHERE seq = 2")
    with Case.open(case_dir) as case:
        report = verify_case(case)
    assert not report.ok
    assert any(p.startswith(f"decision log entry 2 ({ids[1]}): content altered") for p in report.problems), report.problems
    assert not any("entry 1 " in p or "entry 3 " in p for p in report.problems)


def test_removed_entry_breaks_the_chain(case_dir: Path) -> None:
    with Case.open(case_dir) as case:
        for item in _items(case)[:3]:
            record_decision(case, item, "confirm", reviewer="A", note="")
    _tamper(case_dir, "DELETE FROM decisions WHERE seq = 2")
    with Case.open(case_dir) as case:
        problems = verify_case(case).problems
    assert any("decision log entry 2" in p and "chain broken" in p for p in problems), problems


def test_decide_command(case_dir: Path) -> None:
    runner = CliRunner()
    with Case.open(case_dir) as case:
        item = _items(case)[0]
    result = runner.invoke(cli, ["review", str(case_dir), "--stored", "--decide", item, "confirm", "--note", "vu", "--reviewer", "C. Petit"])
    assert result.exit_code == 0, result.output
    assert f"confirm {item}" in result.output
    result = runner.invoke(cli, ["review", str(case_dir), "--stored", "--list"])
    assert f"confirm  {item}" in result.output
    result = runner.invoke(cli, ["review", str(case_dir), "--stored", "--decide", "flag:nope", "confirm", "--reviewer", "C"])
    assert result.exit_code != 0
    with Case.open(case_dir) as case:
        entries = case.decisions()
    assert len(entries) == 1 and entries[0]["reviewer"] == "C. Petit" and entries[0]["note"] == "vu"


def test_entry_edited_into_garbage_is_reported(case_dir: Path) -> None:
    with Case.open(case_dir) as case:
        record_decision(case, _items(case)[0], "confirm", reviewer="A")
    _tamper(case_dir, "UPDATE decisions SET entry = substr(entry, 2) WHERE seq = 1")
    with Case.open(case_dir) as case:
        problems = verify_case(case).problems
    assert len(problems) == 1 and problems[0].startswith("decision log: an entry is no longer valid JSON")
