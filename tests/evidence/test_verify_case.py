"""`verify CASE` checks what the case stores against what it cites (item 10 of issue 16): stored
records against their file's bytes and the digest kept at ingest, detections against the words
they quote, and the decision log against the head kept outside it in manifest.json."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from report.conftest import BRIGADE, run_cli
from sentinelle.evidence.decisions import record_decision
from sentinelle.evidence.verify import verify_case
from sentinelle.store import Case


def sql(case_dir: Path, *statements: str) -> None:
    db = sqlite3.connect(case_dir / "case.sqlite")
    for s in statements:
        db.execute(s)
    db.commit()
    db.close()


def verify(case_dir: Path):
    with Case.open(case_dir) as case:
        return verify_case(case)


def with_decisions(case_dir: Path, n: int = 3) -> None:
    with Case.open(case_dir) as case:
        for k in range(n):
            record_decision(case, f"case:k{k}", "confirm", reviewer="A. Martin")


def test_an_untouched_case_verifies_and_prints_the_log_head(case_dir: Path, capsys) -> None:
    with_decisions(case_dir)
    report = verify(case_dir)
    assert report.ok, report.problems
    assert any("records re-read from its bytes" in c for c in report.checked)
    assert any(c.startswith("detections: ") for c in report.checked)
    code, output = run_cli(capsys, "verify", case_dir)
    head = json.loads((case_dir / "manifest.json").read_text())["decision_log"]["head_sha256"]
    assert code == 0 and f"decision log head: 3 entries, sha256 {head}" in output


def test_an_edited_message_is_named(case_dir: Path, capsys) -> None:
    with Case.open(case_dir) as case:
        target = next(m for m in case.messages() if "bougnoule" in m.text)
    sql(case_dir, f"UPDATE records SET text='bonjour à tous' WHERE id='{target.id}'")
    report = verify(case_dir)
    assert any(p.startswith(f"{BRIGADE.name}: its stored records changed since ingest") for p in report.problems)
    assert any(f"record {target.id} (line {target.source.line_start}): stored text differ" in p for p in report.problems)
    code, output = run_cli(capsys, "verify", case_dir)
    assert code == 5 and "Traceback" not in output


def test_a_changed_sender_or_time_is_named(case_dir: Path) -> None:
    with Case.open(case_dir) as case:
        a, b = list(case.messages())[3:5]
    sql(case_dir, f"UPDATE records SET person='Quelqu''un d''autre' WHERE id='{a.id}'",
        f"UPDATE records SET time='2020-01-01T00:00:00+01:00' WHERE id='{b.id}'")  # fmt: skip
    problems = verify(case_dir).problems
    assert any(f"record {a.id}" in p and "stored person differ" in p for p in problems)
    assert any(f"record {b.id}" in p and "stored time differ" in p for p in problems)


def test_a_record_added_or_removed_is_caught(case_dir: Path) -> None:
    with Case.open(case_dir) as case:
        victim = list(case.messages())[2]
    sql(case_dir, f"INSERT INTO records (seq, ord, source_id, id, kind, conversation_id, text, line_start, line_end, "
                  f"byte_start, byte_end) SELECT 999999, 999999, source_id, 'forged:1', 'message', conversation_id, "
                  f"'un faux message', 1, 1, 0, 10 FROM records WHERE id='{victim.id}'",  # fmt: skip
        f"DELETE FROM records WHERE id='{victim.id}'")
    problems = verify(case_dir).problems
    assert any("record forged:1 is in the case but not in its file" in p for p in problems)
    assert any(f"record {victim.id}" in p and "in the file but not in the case" in p for p in problems)


def test_a_detection_that_no_longer_quotes_its_message_is_caught(case_dir: Path) -> None:
    sql(case_dir, "UPDATE detections SET data=replace(data, '\"matched\":\"', '\"matched\":\"xx') "
                  "WHERE rowid=(SELECT min(rowid) FROM detections WHERE data LIKE '%\"matched\"%')",  # fmt: skip
        "INSERT INTO detections SELECT 'nowhere:1', model_version, flagged, severity, data FROM detections LIMIT 1")
    problems = verify(case_dir).problems
    assert any("its reason quotes " in p and "xxKarim" in p and "the stored text reads" in p for p in problems)
    assert any(p.startswith("detection of nowhere:1") and "no such record" in p for p in problems)


def test_a_truncated_log_is_caught_by_the_head_kept_outside(case_dir: Path) -> None:
    with_decisions(case_dir)
    sql(case_dir, "DROP TRIGGER decisions_no_delete", "DELETE FROM decisions WHERE seq=3")
    problems = verify(case_dir).problems  # the chain of the two entries left is intact
    assert problems == ["decision log: 2 entries where the manifest recorded 3 ending "
                        + json.loads((case_dir / "manifest.json").read_text())["decision_log"]["head_sha256"][:12]
                        + "… (entries removed)"]  # fmt: skip


def test_a_removed_or_broken_manifest_is_caught_without_a_traceback(case_dir: Path, capsys) -> None:
    with_decisions(case_dir, 1)
    manifest = case_dir / "manifest.json"
    saved = manifest.read_bytes()
    manifest.unlink()
    assert verify(case_dir).problems == ["manifest.json is missing (this case wrote one): removed?"]
    manifest.write_text("{not json")
    assert verify(case_dir).problems[0].startswith("manifest.json: unreadable or altered")
    manifest.write_bytes(saved.replace(b'"records": ', b'"records": 1'))
    assert any("manifest.json recorded 1" in p for p in verify(case_dir).problems)
    manifest.write_text("[]")
    code, output = run_cli(capsys, "verify", case_dir)
    assert code == 5 and "Traceback" not in output


def test_a_malformed_log_entry_is_reported(case_dir: Path, capsys) -> None:
    with_decisions(case_dir, 2)
    sql(case_dir, "DROP TRIGGER decisions_no_update", "UPDATE decisions SET entry='[1, 2]' WHERE seq=2")
    assert verify(case_dir).problems == ["decision log: entry 2 is not a JSON object"]
    code, output = run_cli(capsys, "verify", case_dir)
    assert code == 5 and "Traceback" not in output
