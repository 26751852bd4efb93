"""The interactive review in a real pseudo-terminal: next item, context, c/d/s, note."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

from sentinelle.evidence.decisions import chain_problems
from sentinelle.store import Case

SRC = str(Path(__file__).resolve().parents[2] / "src")


def test_interactive_review(case_dir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": SRC, "COLUMNS": "120"}
    child = pexpect.spawn(sys.executable, ["-m", "sentinelle", "review", str(case_dir), "--stored", "--reviewer", "Inspectrice A"],
                          env=env, encoding="utf-8", timeout=30)
    child.expect(r"\[1/6\] flag:")
    child.expect("sale bougnoule")  # the item's context is shown
    child.expect("c confirm / d dismiss / s skip / q quit")
    child.sendline("x")  # not a choice: asked again
    child.expect("c confirm / d dismiss / s skip / q quit")
    child.sendline("c")
    child.expect("note")
    child.sendline("injure raciale visant un collègue")
    child.expect("recorded entry 1: confirm")
    child.expect(r"\[2/6\]")
    child.sendline("d")
    child.expect("note")
    child.sendline("")
    child.expect(r"\[3/6\]")
    child.sendline("s")
    child.expect("note")
    child.sendline("à revoir")
    child.expect(r"\[4/6\]")
    child.sendline("q")
    child.expect("3 decision")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with Case.open(case_dir) as case:
        entries = case.decisions()
    assert [e["decision"] for e in entries] == ["confirm", "dismiss", "skip"]
    assert entries[0]["note"] == "injure raciale visant un collègue" and entries[0]["reviewer"] == "Inspectrice A"
    assert chain_problems(entries) == []


def test_review_from_piped_stdin(case_dir: Path) -> None:
    import subprocess

    run = subprocess.run([sys.executable, "-m", "sentinelle", "review", str(case_dir), "--stored", "--reviewer", "B"],
                         input="d\nfaux positif\nq\n", text=True, capture_output=True, env={**os.environ, "PYTHONPATH": SRC},
                         timeout=60)
    assert run.returncode == 0, run.stderr
    with Case.open(case_dir) as case:
        assert [(e["decision"], e["note"]) for e in case.decisions()] == [("dismiss", "faux positif")]


def test_analyze_progress_display_in_a_terminal(tmp_path: Path) -> None:
    """With a terminal, analyze shows one progress display across every step (rich on stderr)."""
    from report.conftest import BRIGADE

    env = {**os.environ, "PYTHONPATH": SRC, "COLUMNS": "120", "TERM": "xterm"}
    child = pexpect.spawn(sys.executable, ["-m", "sentinelle", "analyze", str(BRIGADE), "--out", str(tmp_path / "o")],
                          env=env, encoding="utf-8", timeout=120)
    child.expect("report: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert (tmp_path / "o" / "report.html").exists()
