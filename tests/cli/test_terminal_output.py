"""What the terminal shows: tables that fit 80 columns or become a plain layout (always when
piped), no Python None or dict reprs, plurals, an explicit line when a result is empty, the
review list ordered by severity with the message text, single-key review decisions."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest
from click.testing import CliRunner
from rich.console import Console

from report.conftest import build_case, case_dir  # noqa: F401
from sentinelle.cli import cli
from sentinelle.cli.common import plural, print_table, text_of
from sentinelle.store import Case

SRC = str(Path(__file__).resolve().parents[2] / "src")
REPR = re.compile(r"\bNone\b|\{'|\['|\bTrue\b|\bFalse\b")
COLUMNS = ["#", "shape", "target", "aggressors", "defenders", "messages", "per week", "severity", "period"]
ROW = ["#1", "campaign", "Lucas Bernard", "Patrice Vidal, Damien Chevalier, Kevin Petit", None, 30, 1.38, 3,
       "2025-01-09 → 2025-06-10 (152.4 d)"]


def test_plural_and_text_of() -> None:
    assert [plural(n, "case") for n in (0, 1, 2)] == ["0 cases", "1 case", "2 cases"]
    assert plural(1, "person", "people") == "1 person" and plural(3, "person", "people") == "3 people"
    assert text_of(None) == "-" and text_of({}) == "-" and text_of(True) == "yes"
    assert text_of({"nickname": 16, "sexual": 8}) == "nickname 16, sexual 8"
    assert text_of([1, None]) == "1, -" and text_of(0.5) == "0.5"


def _render(terminal: bool, width: int, rows: list) -> str:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=terminal, width=width, color_system=None)
    console.soft_wrap = not terminal
    print_table(console, "Harassment cases (1)", COLUMNS, rows, head=3)
    return buf.getvalue()


def test_a_table_too_wide_for_80_columns_is_never_shredded() -> None:
    out = _render(True, 80, [ROW])
    assert "…" not in out and "┃" not in out  # plain layout, not a table cut into slivers
    assert "#1 · campaign · Lucas Bernard" in out and "aggressors: Patrice Vidal, Damien Chevalier, Kevin Petit" in out
    assert "defenders" not in out  # an empty cell is left out, not printed as None
    assert all(len(line) <= 80 for line in out.splitlines() if "aggressors" not in line)


def test_a_wide_terminal_gets_the_table_and_a_pipe_the_plain_layout() -> None:
    wide = _render(True, 200, [ROW])
    assert "┃" in wide and "Lucas Bernard" in wide and "…" not in wide
    piped = _render(False, 80, [ROW])
    assert "┃" not in piped and "period: 2025-01-09 → 2025-06-10 (152.4 d)" in piped
    assert not REPR.search(piped)


def test_an_empty_table_says_so() -> None:
    buf = io.StringIO()
    print_table(Console(file=buf, width=80), "Findings", ["kind", "who"], [])
    assert buf.getvalue() == "Findings: nothing found.\n"


@pytest.fixture
def empty_case(tmp_path: Path) -> Path:
    with Case.create(tmp_path / "empty"):
        pass
    return tmp_path / "empty"


def test_commands_on_an_empty_case_say_nothing_was_found(empty_case: Path) -> None:
    runner = CliRunner()
    info = runner.invoke(cli, ["info", str(empty_case)])
    assert info.exit_code == 0 and "0 messages, 0 events, 0 persons, 0 issues; no dated record" in info.output
    dyn = runner.invoke(cli, ["dynamics", str(empty_case), "-q"])
    assert dyn.exit_code == 0, dyn.output
    assert "0 people, 0 interaction pairs, 0 directives, 0 silence orders" in dyn.output
    assert "No person wrote in this case." in dyn.output and "Findings: nothing found" in dyn.output
    cases = runner.invoke(cli, ["cases", str(empty_case), "-q"])
    assert cases.exit_code == 0 and "No harassment case found" in cases.output
    assert "┃" not in cases.output and "{" not in cases.output
    listing = runner.invoke(cli, ["review", str(empty_case), "--list"])
    assert listing.exit_code == 0 and "nothing to review" in listing.output
    for out in (info.output, dyn.output, cases.output, listing.output):
        assert not REPR.search(out), out


def test_one_harassment_case_reads_as_words(tmp_path: Path) -> None:
    from harassment.test_harassment_pipeline import write_export
    from sentinelle.detection import api as detection_api
    from sentinelle.pipeline.harassment import run_harassment
    from sentinelle.pipeline.ingest import ingest_files

    write_export(tmp_path / "chat.txt")
    with Case.create(tmp_path / "case") as case:
        ingest_files(case, [tmp_path / "chat.txt"])
        msgs = list(case.messages())
        case.save_detections(detection_api.detect([m.text for m in msgs], ids=[m.id for m in msgs]), "test")
        run_harassment(case)
    runner = CliRunner()
    cases = runner.invoke(cli, ["cases", str(tmp_path / "case"), "-q"])
    assert cases.exit_code == 0 and "Harassment cases (1)" in cases.output and "┃" not in cases.output
    assert "thresholds: min_messages 3, min_days 2" in cases.output
    one = runner.invoke(cli, ["case", str(tmp_path / "case"), "Lucas", "-q"])
    assert one.exit_code == 0, one.output
    assert not REPR.search(one.output.replace("source bytes:", "")), one.output
    assert re.search(r"\d+ messages? on \d+ days?, \w+ \d+", one.output)
    assert " 1 messages" not in one.output and " 1 days" not in one.output


def test_review_list_is_ordered_by_severity_and_shows_the_text(case_dir: Path) -> None:  # noqa: F811
    # --stored: the fixture's hand-built results, not a recomputation
    out = CliRunner().invoke(cli, ["review", str(case_dir), "--list", "--stored", "--quiet"]).output
    lines = [line for line in out.splitlines() if not line.startswith(("warning:", "sentinelle:"))]  # stale notice
    heads = [line for line in lines if not line.startswith(" ")]
    assert heads[0].split()[1].startswith("case:")  # a harassment case first, then severity 3 flags...
    first_flag = next(i for i, line in enumerate(lines) if " flag:" in line)
    assert "severity 3" in lines[first_flag] and "bougnoule" in lines[first_flag + 1]
    severities = [int(m.group(1)) for line in heads if (m := re.search(r"severity (\d)", line))]
    assert severities == sorted(severities, reverse=True)


def test_review_takes_one_key_without_enter(case_dir: Path) -> None:  # noqa: F811
    env = {**os.environ, "PYTHONPATH": SRC, "COLUMNS": "120"}
    child = pexpect.spawn(sys.executable, ["-m", "sentinelle", "review", str(case_dir), "--reviewer", "R", "--stored", "--quiet"],
                          env=env, encoding="utf-8", timeout=30)
    child.expect(r"\[1/6\] flag:")
    child.expect("c confirm / d dismiss / s skip / q quit")
    child.send("d")  # no Enter
    child.expect("note")
    child.sendline("doublon")
    child.expect("recorded entry 1: dismiss")
    child.expect(r"\[2/6\]")
    child.expect("q quit")
    child.send("q")
    child.expect("1 decision recorded")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with Case.open(case_dir) as case:
        assert [(e["decision"], e["note"]) for e in case.decisions()] == [("dismiss", "doublon")]
