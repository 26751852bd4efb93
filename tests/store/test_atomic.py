"""An ingest is all or nothing against Ctrl-C, a full disk and a read-only case: the case is left
as it was (records, originals, manifest), the error is one line with the README's exit code, and
running it again completes it (item 10 of issue 16)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from sentinelle.errors import CaseError
from sentinelle.evidence.verify import verify_case
from sentinelle.ingest import ReadOptions, read
from sentinelle.pipeline import ingest_files
from sentinelle.store import Case
from sharedpaths import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
SMALL = FIXTURES / "whats_json" / "ios" / "WhatsApp Chat - Elon Musk (EN).txt"
LOREM = FIXTURES / "whatstk" / "lorem.txt"


def need(*paths: Path) -> None:
    for p in paths:
        if not p.exists():
            pytest.skip(f"{p} not available")


def state(case_dir: Path) -> tuple:
    """Everything an ingest may change: files, records, originals, the manifest."""
    with Case.open(case_dir) as case:
        files = sorted(f.sha256 for f in case.files())
        records = [(r.id, r.conversation_id, r.text) for r in case.timeline()]
        copies = sum(len(case.copies(r.id)) for r in case.timeline())
    originals = sorted(p.name for p in (case_dir / "originals").iterdir())
    manifest = (case_dir / "manifest.json").read_bytes() if (case_dir / "manifest.json").exists() else None
    return files, records, copies, originals, manifest


def run_cli(*args: str | Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "sentinelle", *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=300)  # fmt: skip


def one_error_line(done: subprocess.CompletedProcess, code: int, words: str) -> None:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    errors = [line for line in done.stderr.splitlines() if line.startswith("sentinelle: error:")]
    assert len(errors) == 1 and words in errors[0], done.stderr
    assert "Traceback" not in done.stderr


# --- Ctrl-C ---------------------------------------------------------------------------------


class _InterruptAfterCommit:
    """sqlite3's connection, with Ctrl-C arriving just after the next COMMIT returned (the window
    in which an ingest used to delete the original of a file it had stored)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.armed = True

    def execute(self, sql: str, *args):
        out = self._conn.execute(sql, *args)
        if self.armed and sql == "COMMIT":
            self.armed = False
            raise KeyboardInterrupt
        return out

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


def test_ctrl_c_mid_ingest_leaves_the_case_as_it_was(tmp_path: Path) -> None:
    need(SMALL, LOREM)
    with Case.create(tmp_path / "case") as case:
        ingest_files(case, [SMALL])
    before = state(tmp_path / "case")

    def interrupted():
        for n, rec in enumerate(read(LOREM, ReadOptions())):
            if n == 300:
                raise KeyboardInterrupt
            yield rec

    with Case.open(tmp_path / "case") as case, pytest.raises(KeyboardInterrupt):
        case.add_file(LOREM, interrupted())
    assert state(tmp_path / "case") == before
    with Case.open(tmp_path / "case") as case:
        assert ingest_files(case, [LOREM]).files[0].status == "ingested" and verify_case(case).ok


def test_ctrl_c_just_after_the_commit_keeps_the_original(tmp_path: Path) -> None:
    need(LOREM)
    with Case.create(tmp_path / "case") as case:
        case.backend.conn = _InterruptAfterCommit(case.backend.conn)
        with pytest.raises(KeyboardInterrupt):
            case.add_file(LOREM, read(LOREM, ReadOptions()))
        assert case.has_file(case.files()[0].sha256)
        assert case.original_path(case.files()[0].sha256).exists()  # was deleted while its records stayed
        report = verify_case(case)
        assert report.ok, report.problems
        assert ingest_files(case, [LOREM]).files[0].status == "duplicate"


def test_an_original_left_by_a_killed_ingest_is_cleaned_by_the_next(tmp_path: Path) -> None:
    need(SMALL, LOREM)
    with Case.create(tmp_path / "case") as case:
        ingest_files(case, [SMALL])
    originals = tmp_path / "case" / "originals"
    orphan = originals / ("ab" * 32)
    orphan.write_bytes(b"copied in, then the process was killed before its commit")
    (originals / ".incoming-x1y2").write_bytes(b"half a copy")
    (tmp_path / "case" / ".creating-zz.sqlite").write_bytes(b"")
    with Case.open(tmp_path / "case") as case:
        ingest_files(case, [LOREM])
        cleaned = [a for a in case.audit_log() if a["action"] == "clean"]
        assert verify_case(case).ok
    assert not orphan.exists() and not (originals / ".incoming-x1y2").exists()
    assert sorted(cleaned[0]["details"]["removed"]) == sorted([orphan.name, ".incoming-x1y2", ".creating-zz.sqlite"])
    assert len(list(originals.iterdir())) == 2


def test_two_ingests_creating_one_case_at_once_both_succeed(tmp_path: Path) -> None:
    need(SMALL, LOREM)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for attempt in range(3):
        case = tmp_path / f"case{attempt}"
        procs = [subprocess.Popen([sys.executable, "-m", "sentinelle", "ingest", str(case), str(f), "-q"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in (SMALL, LOREM)]  # fmt: skip
        outs = [p.communicate(timeout=300) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        with Case.open(case) as c:
            assert len(c.files()) == 2 and verify_case(c).ok
        assert not list(case.glob(".creating-*"))


# --- a full disk ----------------------------------------------------------------------------


def test_a_full_database_stores_nothing_of_the_file_and_says_so(tmp_path: Path) -> None:
    need(SMALL, LOREM)
    with Case.create(tmp_path / "case") as case:
        ingest_files(case, [SMALL])
    before = state(tmp_path / "case")
    with Case.open(tmp_path / "case") as case:
        pages = case.backend.conn.execute("PRAGMA page_count").fetchone()[0]
        case.backend.conn.execute(f"PRAGMA max_page_count={pages + 3}")  # SQLite's own "disk is full"
        with pytest.raises(CaseError) as err:
            ingest_files(case, [LOREM])
        assert "no space left for the case" in str(err.value) and err.value.exit_code == 4
        assert "\n" not in str(err.value)
    assert state(tmp_path / "case") == before
    with Case.open(tmp_path / "case") as case:
        assert ingest_files(case, [LOREM]).files[0].status == "ingested" and verify_case(case).ok


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 2 MiB tmpfs (root only; skipped where mounting is not allowed)."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (not root?)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_disk_gives_one_error_and_exit_4(small_disk: Path, tmp_path: Path) -> None:
    need(SMALL, LOREM)
    big = tmp_path / "big.txt"  # a real export made longer than the disk (outside the repository)
    big.write_bytes(LOREM.read_bytes() * 80)
    case = small_disk / "case"
    assert run_cli("ingest", case, SMALL, "-q").returncode == 0
    before = state(case)
    one_error_line(run_cli("ingest", case, big, "-q"), 4, "no space left for the case")
    assert state(case) == before
    assert run_cli("verify", case).returncode == 0
    taken = small_disk / "taken"  # now no room at all: a new case cannot even be made
    try:
        with open(taken, "wb") as fh:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
    except OSError:
        pass
    one_error_line(run_cli("ingest", small_disk / "new", SMALL, "-q"), 4, "no space left for the case")
    assert not (small_disk / "new" / "case.sqlite").exists()  # no empty case left behind
    taken.unlink()
    assert run_cli("ingest", case, LOREM, "-q").returncode == 0


# --- a read-only case -------------------------------------------------------------------------


@pytest.fixture
def read_only_case(tmp_path: Path):
    """A case on a read-only file system (a read-only bind mount: even root cannot write it), or,
    for a user who is not root, a case whose directory may not be written."""
    need(SMALL)
    case = tmp_path / "case"
    assert run_cli("ingest", case, SMALL, "-q").returncode == 0
    if os.geteuid() == 0:
        if subprocess.run(["mount", "--bind", str(case), str(case)], capture_output=True).returncode != 0:
            pytest.skip("cannot bind-mount here")
        subprocess.run(["mount", "-o", "remount,ro,bind", str(case)], check=True, capture_output=True)
        try:
            yield case
        finally:
            subprocess.run(["umount", "-l", str(case)], capture_output=True)
    else:
        for p in [case, *case.rglob("*")]:
            p.chmod(p.stat().st_mode & ~0o222)
        try:
            yield case
        finally:
            for p in [case, *case.rglob("*")]:
                p.chmod(p.stat().st_mode | 0o200)


def test_a_read_only_case_is_read_and_never_called_damaged(read_only_case: Path, tmp_path: Path) -> None:
    case = read_only_case
    for args in (("info", case), ("search", case, "Hello"), ("verify", case), ("persons", case),
                 ("report", case, "--out", tmp_path / "r.html", "-q")):  # fmt: skip
        done = run_cli(*args)
        assert done.returncode == 0 and "damaged" not in done.stderr, (args, done.stderr)
    assert "[Hello] World" in run_cli("search", case, "Hello").stdout
    one_error_line(run_cli("ingest", case, LOREM, "-q"), 4, "the case is read-only")
    one_error_line(run_cli("persons", case, "--merge", "Dmitry S", "Elon Musk"), 4, "read-only")


def test_a_read_only_case_with_changes_still_in_its_wal_reads_them(tmp_path: Path) -> None:
    """A case copied off while its last changes were only in case.sqlite-wal: read-only, those
    changes are read too (an 'unchanging file' open would silently show the case without them)."""
    need(SMALL)
    if os.geteuid() != 0:
        pytest.skip("needs a read-only bind mount (root)")
    case = tmp_path / "case"
    code = ("import os, sys\n"
            f"sys.path.insert(0, {str(ROOT / 'src')!r})\n"
            "from sentinelle.store import Case\nfrom sentinelle.pipeline import ingest_files\n"
            f"c = Case.create({str(case)!r})\nc.backend.conn.execute('PRAGMA wal_autocheckpoint=0')\n"
            f"ingest_files(c, [{str(SMALL)!r}])\nos._exit(0)\n")  # fmt: skip
    subprocess.run([sys.executable, "-c", code], check=True)
    assert (case / "case.sqlite-wal").stat().st_size > 0
    if subprocess.run(["mount", "--bind", str(case), str(case)], capture_output=True).returncode != 0:
        pytest.skip("cannot bind-mount here")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(case)], check=True, capture_output=True)
        done = run_cli("info", case)
        assert done.returncode == 0 and "22 messages, 3 events" in done.stdout, done.stderr
    finally:
        subprocess.run(["umount", "-l", str(case)], capture_output=True)
