"""`scan_case(workers=N)`: the texts analysed in worker processes give the detections one
process gives, byte for byte; a bad worker count is refused in one line; an interrupted
parallel scan stops its workers and resumes from what it saved. On the bundled demo chat (the
first 600 lines: a real export with misconduct, endorsements and a campaign)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from sentinelle.cli import main
from sentinelle.demo import demo_files
from sentinelle.detection.api import Detector
from sentinelle.errors import UsageError
from sentinelle.pipeline import scan as scan_module
from sentinelle.pipeline.ingest import ingest_files
from sentinelle.pipeline.scan import scan_case
from sentinelle.store import Case, CaseMetadata

# a dozen scans of a few hundred messages, and worker processes that load the models
pytestmark = pytest.mark.slow

LINES = 600
BATCH = 50  # small chunks: a dozen of them, so that two workers share the work


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector()


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    demo = next(p for p in demo_files() if p.suffix == ".txt" and "Brigade" in p.name)
    head = demo.read_text(encoding="utf-8").splitlines(keepends=True)[:LINES]
    path = tmp_path_factory.mktemp("export") / demo.name
    path.write_text("".join(head), encoding="utf-8")
    return path


def new_case(root: Path, export: Path) -> Case:
    case = Case.create(root, CaseMetadata(purpose="test"))
    assert not ingest_files(case, [export]).failed
    return case


def stored(case: Case, version: str) -> list[dict]:
    return [d.to_dict() for d in case.detections(version)]


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory: pytest.TempPathFactory, export: Path, detector: Detector) -> list[dict]:
    with new_case(tmp_path_factory.mktemp("one") / "case", export) as case:
        rep = scan_case(case, batch_size=BATCH, detector=detector, workers=1)
        assert rep.workers == 1 and rep.scanned == case.count_messages() > 500
        return stored(case, detector.version)


def test_two_workers_store_what_one_process_stores(tmp_path: Path, export: Path, detector: Detector,
                                                   one_worker: list[dict]) -> None:
    with new_case(tmp_path / "case", export) as case:
        rep = scan_case(case, batch_size=BATCH, detector=detector, workers=2)
        assert rep.workers == 2  # the texts really went to two worker processes
        got = stored(case, detector.version)
    assert got == one_worker
    assert sum(d["flagged"] for d in got) >= 5 and any(d["stance"] == "endorse" for d in got)
    assert not multiprocessing.active_children()  # the workers are gone


def test_same_result_when_known_texts_are_forgotten(tmp_path: Path, export: Path, detector: Detector,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A small memory of known texts: texts are analysed again after being forgotten, and the
    parent waits for a chunk in flight that still needs a text before forgetting it."""
    monkeypatch.setattr(scan_module, "KNOWN_TEXTS", 1)  # kept: 4 x the batch size
    results = []
    for workers in (1, 2):
        with new_case(tmp_path / f"case{workers}", export) as case:
            rep = scan_case(case, batch_size=BATCH, detector=detector, workers=workers)
            assert rep.workers == workers
            results.append((rep.analysed, stored(case, detector.version)))
    assert results[0] == results[1]
    assert results[0][0] > len({d["message_id"] for d in results[0][1]}) // 2  # many texts analysed again


@pytest.mark.parametrize("bad", [0, -1, 65, 2.5, "2", True])
def test_bad_worker_counts_are_refused(tmp_path: Path, export: Path, bad: object) -> None:
    with new_case(tmp_path / "case", export) as case, pytest.raises(UsageError, match=r"workers: a whole number from 1"):
        scan_case(case, detector=Detector(heads=None), workers=bad)  # type: ignore[arg-type]


def test_cli_refuses_a_bad_worker_count_in_one_line(tmp_path: Path, export: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    new_case(tmp_path / "case", export).close()
    for argv in (["scan", str(tmp_path / "case"), "--workers", "0", "--quiet"],
                 ["analyze", str(export), "--out", str(tmp_path / "out"), "--workers", "-2", "--quiet"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "workers: a whole number from 1 to 64" in err[0]
    assert not (tmp_path / "out").exists()  # refused before anything was read


def interrupted_then_resumed(root: Path, export: Path, detector: Detector, workers: int) -> tuple[int, list[dict]]:
    calls: list[int] = []

    def interrupt(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C (with workers: while chunks are in flight)

    with new_case(root, export) as case:
        with pytest.raises(KeyboardInterrupt):
            scan_case(case, progress=interrupt, batch_size=BATCH, detector=detector, workers=workers)
        assert not multiprocessing.active_children()  # the workers were stopped, not left running
        saved = stored(case, detector.version)
        assert len(saved) == 2 * BATCH  # the two chunks assembled before the interruption, no more
        rep = scan_case(case, batch_size=BATCH, detector=detector, workers=workers)
        assert rep.workers == workers
        assert rep.skipped >= len(saved) and rep.scanned == case.count_messages() - len(saved)
        got = stored(case, detector.version)
    assert [d for d in got if d["message_id"] in {s["message_id"] for s in saved}] == saved  # kept as they were
    return len(saved), got


def test_interrupted_parallel_scan_resumes(tmp_path: Path, export: Path, detector: Detector,
                                           one_worker: list[dict]) -> None:
    _, parallel = interrupted_then_resumed(tmp_path / "two", export, detector, workers=2)
    _, alone = interrupted_then_resumed(tmp_path / "one", export, detector, workers=1)
    assert parallel == alone  # resumed in workers or in this process: the same, byte for byte
    assert [d["message_id"] for d in parallel] == [d["message_id"] for d in one_worker]  # each once, in order
    # texts known before the interruption are analysed again after it, in other batches: the
    # transformer's int8 activations are quantised per batch, so a score near its threshold
    # can move (a known property of the detector, not of the pool)
    same = sum(a["flagged"] == b["flagged"] for a, b in zip(parallel, one_worker, strict=True))
    assert same >= 0.98 * len(one_worker)
