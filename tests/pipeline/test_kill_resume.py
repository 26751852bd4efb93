"""The kill -9 campaign (issue 16): `python -m sentinelle ingest` (and `scan`) killed at many
points on real exports (../shared/fixtures, read in place) leaves the case either as it was or
complete, never damaged; running the command again completes it with nothing lost and nothing
duplicated, and `verify` passes.

Two ways to kill: SIGKILL (or Ctrl-C: SIGINT) sent by the process to itself when it reaches a
named point of the store (`KILL_AT=module:Class.method:n:before|after`, armed by a few lines run
before `python -m sentinelle`: the real command, killed where the test says), and SIGKILL from
outside at fractions of the time a full run takes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sentinelle.evidence.verify import verify_case
from sentinelle.store import Case
from sharedpaths import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
IOS = FIXTURES / "whats_json" / "ios"
EN, FR = (IOS / f"WhatsApp Chat - Elon Musk ({x}).txt" for x in ("EN", "FR"))
LOREM = FIXTURES / "whatstk" / "lorem.txt"
POKEMON = FIXTURES / "whatstk" / "pokemon.txt"

ARM = """
import importlib, os, runpy, signal, sys
target, n, when, how = os.environ["KILL_AT"].rsplit(":", 3)
module, _, name = target.partition(":")
owner = importlib.import_module(module)
*path, attr = name.split(".")
for part in path:
    owner = getattr(owner, part)
real, seen = getattr(owner, attr), [0]
sig = signal.SIGINT if how == "int" else signal.SIGKILL

def armed(*args, **kw):
    seen[0] += 1
    hit = seen[0] == int(n)
    if hit and when == "before":
        os.kill(os.getpid(), sig)
    out = real(*args, **kw)
    if hit and when == "after":
        os.kill(os.getpid(), sig)
    return out

setattr(owner, attr, armed)
sys.argv = ["sentinelle", *sys.argv[1:]]
runpy.run_module("sentinelle", run_name="__main__")
"""

INGEST_POINTS = [
    "sentinelle.store.case:Case._copy_original:1:after",  # the original in, no record yet
    "sentinelle.store.sqlite:SQLiteBackend.insert_records:1:after",  # records half-way
    "sentinelle.store.merge:merge_new:1:before",  # about to merge with the case's copy of the chat
    "sentinelle.store.sqlite_merge:MergeSQL.apply_merge:1:after",  # merged, not committed
    "sentinelle.store.sqlite:SQLiteBackend.index_file:1:after",
    "sentinelle.store.sqlite:SQLiteBackend.insert_file:1:after",  # everything written but the COMMIT
    "sentinelle.store.case:Case.write_manifest:1:before",  # committed, manifest not yet rewritten
    "sentinelle.store.custody:write_manifest:1:before",
    "sentinelle.store.case:Case.relink_persons:1:before",  # committed, persons not re-linked
]
# Ctrl-C where it matters most: mid-records, just before and just after the commit
INTERRUPT_POINTS = [INGEST_POINTS[1], INGEST_POINTS[5], INGEST_POINTS[6], INGEST_POINTS[8]]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def need(*paths: Path) -> None:
    for p in paths:
        if not p.exists():
            pytest.skip(f"{p} not available")


def sentinelle(*args: str | Path, kill_at: str | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", ARM] if kill_at else [sys.executable, "-m", "sentinelle"]
    return subprocess.run([*cmd, *map(str, args)], env={**env(), **({"KILL_AT": kill_at} if kill_at else {})},
                          capture_output=True, text=True, timeout=timeout)  # fmt: skip


def snapshot(case_dir: Path) -> dict:
    """What an ingest may change, read through a fresh open (a damaged case fails here)."""
    with Case.open(case_dir) as case:
        files = {f.sha256: f for f in case.files()}
        out = {
            "files": sorted(files),
            "records": sorted((r.id, r.conversation_id) for r in case.timeline()),
            "copies": sorted((c.id, r.id) for r in case.timeline() for c in case.copies(r.id)),
            "conversations": sorted(c.id for c in case.conversations()),
            "persons": len(case.persons()),
        }
        for sha, info in files.items():  # a stored file is whole: its original and all its records
            assert case.original_path(sha).exists(), info.name
            assert case.records_digest(sha) == (info.details["records"], info.details["records_sha256"])
    return out


def whole(case_dir: Path) -> None:
    """After a complete run: verify passes and nothing is left lying around."""
    with Case.open(case_dir) as case:
        report = verify_case(case)
        assert report.ok, report.problems
        known = {f.sha256 for f in case.files()}
    assert {p.name for p in (case_dir / "originals").iterdir()} == known
    assert not list(case_dir.glob(".creating-*")) and not list(case_dir.glob(".manifest-*"))


def test_ingest_killed_at_every_point_resumes_without_loss_or_duplicate(tmp_path: Path) -> None:
    """A case holds the English export; the French one (the same chat: it merges) is ingested and
    killed at each point, then ingested again."""
    need(EN, FR)
    reference = tmp_path / "reference"
    assert sentinelle("ingest", reference, EN, "-q").returncode == 0
    assert sentinelle("ingest", reference, FR, "-q").returncode == 0
    done = snapshot(reference)
    base = tmp_path / "base"
    assert sentinelle("ingest", base, EN, "-q").returncode == 0
    before = snapshot(base)
    outcomes = {}
    runs = [(p, "kill") for p in INGEST_POINTS] + [(p, "int") for p in INTERRUPT_POINTS]
    for k, (point, how) in enumerate(runs):
        case = tmp_path / f"case{k}"
        subprocess.run(["cp", "-a", str(base), str(case)], check=True)
        run = sentinelle("ingest", case, FR, "-q", kill_at=f"{point}:{how}")
        expected = -signal.SIGKILL if how == "kill" else 130
        assert run.returncode == expected, (point, how, run.returncode, run.stderr)
        assert "Traceback" not in run.stderr
        after_kill = snapshot(case)
        same_as = "before" if _same(after_kill, before) else "done" if _same(after_kill, done) else None
        assert same_as, (point, how, after_kill)
        outcomes[(point, how)] = same_as
        again = sentinelle("ingest", case, FR, "-q")
        assert again.returncode == 0, again.stderr
        assert _same(snapshot(case), done), (point, how)
        whole(case)
    # both outcomes were reached: killed before the commit (case as it was) and after (complete)
    assert set(outcomes.values()) == {"before", "done"}, outcomes


def _same(a: dict, b: dict) -> bool:
    """The same records, files and conversations (persons are re-linked by the next run)."""
    return all(a[k] == b[k] for k in ("files", "records", "copies", "conversations"))


def test_a_multi_file_ingest_killed_midway_keeps_each_file_whole(tmp_path: Path) -> None:
    need(EN, LOREM, POKEMON)
    case = tmp_path / "case"
    run = sentinelle("ingest", case, EN, LOREM, POKEMON, "-q",
                     kill_at="sentinelle.store.sqlite:SQLiteBackend.insert_records:2:after:kill")  # fmt: skip
    assert run.returncode == -signal.SIGKILL
    with Case.open(case) as c:
        assert [f.name for f in c.files()] == [EN.name]  # the first whole, the second not at all
    assert sentinelle("ingest", case, EN, LOREM, POKEMON, "-q").returncode == 0
    with Case.open(case) as c:
        assert [f.name for f in c.files()] == [EN.name, LOREM.name, POKEMON.name]
        assert c.count_messages() == 22 + 500 + 18
    whole(case)


def test_a_new_case_killed_while_being_made(tmp_path: Path) -> None:
    need(EN)
    case = tmp_path / "case"
    run = sentinelle("ingest", case, EN, "-q", kill_at="sentinelle.store.sqlite:SQLiteBackend.close:1:before:kill")
    assert run.returncode == -signal.SIGKILL
    assert not (case / "case.sqlite").exists()  # no half-made case that would be 'damaged' forever
    assert sentinelle("ingest", case, EN, "-q").returncode == 0
    whole(case)


@pytest.mark.slow
def test_ingest_killed_from_outside_at_any_time(tmp_path: Path) -> None:
    """SIGKILL from outside, at fractions of a full run, on a long real export (lorem.txt written
    out 40 times, outside the repository) beside the case's copy of it."""
    need(LOREM)
    big = tmp_path / "lorem-long.txt"
    big.write_bytes(LOREM.read_bytes() * 40)
    reference = tmp_path / "reference"
    assert sentinelle("ingest", reference, LOREM, "-q").returncode == 0
    start = time.perf_counter()
    assert sentinelle("ingest", reference, big, "-q").returncode == 0
    full = time.perf_counter() - start
    done = snapshot(reference)
    base = tmp_path / "base"
    assert sentinelle("ingest", base, LOREM, "-q").returncode == 0
    before = snapshot(base)
    seen = set()
    for k, fraction in enumerate((0.3, 0.55, 0.75, 0.9, 0.98)):
        case = tmp_path / f"case{k}"
        subprocess.run(["cp", "-a", str(base), str(case)], check=True)
        proc = subprocess.Popen([sys.executable, "-m", "sentinelle", "ingest", str(case), str(big), "-q"], env=env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
        time.sleep(full * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        after = snapshot(case)
        state = "before" if _same(after, before) else "done" if _same(after, done) else None
        assert state, (fraction, after["files"])
        seen.add(state)
        assert sentinelle("ingest", case, big, "-q").returncode == 0
        assert _same(snapshot(case), done)
        whole(case)
    assert "before" in seen  # at least one kill landed inside the ingest


@pytest.mark.slow
def test_scan_killed_midway_resumes_without_duplicates(tmp_path: Path) -> None:
    """`scan --batch-size 3` killed after its second batch, and by Ctrl-C in its fourth: the
    batches saved stay, the run again scores the rest once."""
    need(POKEMON)
    case = tmp_path / "case"
    assert sentinelle("ingest", case, POKEMON, "-q").returncode == 0
    with Case.open(case) as c:
        wanted = {m.id for m in c.messages() if m.text.strip()}
    for point, code in (("sentinelle.store.sqlite:SQLiteBackend.save_detections:2:after:kill", -signal.SIGKILL),
                        ("sentinelle.store.sqlite:SQLiteBackend.save_detections:2:before:int", 130)):  # fmt: skip
        run = sentinelle("scan", case, "--batch-size", "3", "--workers", "1", "-q", kill_at=point)  # a killed worker pool: see issue 15
        assert run.returncode == code and "Traceback" not in run.stderr, run.stderr
        with Case.open(case) as c:
            (version,) = c.backend.detection_versions()
            partial = c.scanned_ids(version)
            assert 0 < len(partial) < len(wanted) and partial <= wanted
    assert sentinelle("scan", case, "--batch-size", "3", "-q").returncode == 0
    with Case.open(case) as c:
        ids = [d.message_id for d in c.detections()]
        assert len(ids) == len(set(ids)) and set(ids) == wanted
        assert verify_case(c).ok
