"""`analyze`: everything from export files (or an existing case) to a report, in one call.

Steps, in order: ingest, then the registered analysis steps (pipeline.steps: scan, dynamics,
harassment), each reused when its inputs are unchanged and computed when not, then the report
and exports. A step that cannot run is reported as not run (and the report says so), never
replaced by a stand-in.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SentinelleError, UsageError
from ..ingest import ReadOptions
from ..report.exports import write_exports
from ..report.html import write_report
from ..report.reading import note_lines
from ..store import Case, CaseMetadata
from .steps import STEPS, Env, resolve


@dataclass
class AnalyzeOptions:
    case: Path | None = None  # an existing case to analyse (files, if any, are added to it)
    demo: bool = False  # the bundled demo chat (and its roster)
    metadata: dict[str, Any] = field(default_factory=dict)  # CaseMetadata fields given by the user
    roster: Path | None = None
    exporter: str | None = None  # who made the exports given (their "Vous"/"You")
    lang: str = "fr"
    pseudonymise: bool | None = None  # None: as the case's metadata says
    generated_at: str | None = None
    workers: int | None = None  # processes that score messages (None: one per core; 1: this one)


def _by_exporter(files: list[Path], options: AnalyzeOptions) -> list[tuple[list[Path], str | None]]:
    """Files grouped by who made them: the demo's own exporters, else the one the user gave."""
    exporters: dict[str, str] = {}
    if options.demo:
        from ..demo import EXPORTERS

        exporters = EXPORTERS
    groups: dict[str | None, list[Path]] = {}
    for path in files:
        groups.setdefault(exporters.get(Path(path).name, options.exporter), []).append(path)
    return [(group, exporter) for exporter, group in groups.items()]


@dataclass
class AnalyzeResult:
    case_path: Path
    report: Path
    exports: list[Path]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step
    not_run: dict[str, str] = field(default_factory=dict)  # step -> why
    unreadable: list[str] = field(default_factory=list)  # one-line error per file that could not be read
    counts: dict[str, int] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)  # what to check about how the files were read


def open_or_create_case(out_dir: Path, options: AnalyzeOptions) -> Case:
    """The case given, else `<out>/case` (created the first time, reopened after)."""
    fields = dict(options.metadata)
    if options.demo:
        fields.setdefault("purpose", "Démonstration sur données fictives / demo on fictional data")
    if options.case is not None:
        case = Case.open(options.case)
    else:
        case = Case.open_or_create(Path(out_dir) / "case", CaseMetadata(**fields))
    if fields:
        case.set_metadata(**fields)
    return case


def analyze(
    files: Sequence[Path],
    out_dir: Path,
    options: AnalyzeOptions | None = None,
    progress: Any = None,
    env: Env | None = None,
) -> AnalyzeResult:
    """Ingest `files` (or the demo) into a case, run every analysis, write the report and exports."""
    options = options or AnalyzeOptions()
    if options.workers is not None:
        from .scan_pool import check_workers

        check_workers(options.workers)  # a bad count is said before anything is read
    env = env or Env(workers=options.workers)
    out_dir = Path(out_dir)
    files = list(files)
    roster = options.roster
    if options.demo:
        from ..demo import ROSTER, demo_files

        demo = demo_files()
        files = [*demo, *files]
        roster = roster or (ROSTER if ROSTER.exists() else None)
    if not files and options.case is None:
        raise UsageError("nothing to analyse: give export files, --case CASE or --demo")
    out_dir.mkdir(parents=True, exist_ok=True)
    overall = progress.add_task("analyse", total=2 + len(STEPS) + bool(roster)) if progress else None

    def advance() -> None:
        if progress is not None:
            progress.advance(overall)

    def reporter(step: str) -> Callable[..., None]:
        """The ingest's progress (event, path, count) on the overall line."""

        def say(*args: Any) -> None:
            if progress is not None:
                words = [a.name if isinstance(a, Path) else str(a) for a in args if isinstance(a, str | Path)]
                numbers = [str(a) for a in args if isinstance(a, int) and not isinstance(a, bool)]
                progress.update(overall, description=f"{step}: {' '.join(words)} {'/'.join(numbers)}"[:70])

        return say

    def step_progress(stage: str, done: int, total: int) -> None:
        """The steps' progress (stage, done, total) on the overall line."""
        if progress is not None:
            counts = f" {done}/{total}" if total else ""
            progress.update(overall, description=f"{stage}{counts}"[:70])

    fresh_case = options.case is None and not (out_dir / "case").exists()
    try:
        return _run(files, out_dir, options, roster, env, overall, advance, reporter, step_progress)
    except SentinelleError:
        if fresh_case:  # nothing could be read: no empty case (nor report) is left behind
            shutil.rmtree(out_dir / "case", ignore_errors=True)
        raise


def _run(files: list[Path], out_dir: Path, options: AnalyzeOptions, roster: Path | None, env: Any, overall: Any,
         advance: Callable[[], None], reporter: Callable[[str], Callable[..., None]],
         step_progress: Callable[[str, int, int], None]) -> AnalyzeResult:
    timings: dict[str, float] = {}
    not_run: dict[str, str] = {}
    unreadable: list[str] = []
    with open_or_create_case(out_dir, options) as case:
        reporter("ingest")()
        start = time.perf_counter()
        if files:
            from .ingest import ingest_error, ingest_files

            failed = []
            for group, exporter in _by_exporter(files, options):
                outcome = ingest_files(case, group, ReadOptions(exporter=exporter), progress=reporter("ingest"))
                failed += outcome.failed
            if failed and not case.files():  # nothing read at all: no empty report
                raise ingest_error(failed, len(files))
            unreadable = [str(f.error) for f in failed]
        timings["ingest"] = time.perf_counter() - start
        advance()
        if roster:
            from .dynamics import import_roster_file

            import_roster_file(case, roster)
            advance()
        start = time.perf_counter()
        resolution = resolve(case, list(STEPS), env=env, progress=step_progress,
                             on_step=lambda name: step_progress(name, 0, 0))
        for step, why in resolution.stale().items():
            not_run[step] = why
        for step in STEPS:
            timings[step] = resolution.timings.get(step, 0.0)
            advance()
        timings["resolve"] = time.perf_counter() - start - sum(resolution.timings.values())
        reporter("report")()
        start = time.perf_counter()
        report = out_dir / "report.html"
        pseudonymise = options.pseudonymise
        if pseudonymise is None:
            pseudonymise = bool(case.metadata.pseudonymise)
        ctx = write_report(case, report, lang=options.lang, pseudonymise=pseudonymise,
                           generated_at=options.generated_at,
                           stale={s: w for s, w in not_run.items() if resolution.steps[s].row is not None})
        exports = write_exports(ctx, out_dir / "exports")
        timings["report"] = time.perf_counter() - start
        advance()
        return AnalyzeResult(
            case_path=Path(case.path),
            report=report,
            exports=exports,
            timings=timings,
            not_run=not_run,
            unreadable=unreadable,
            counts=dict(ctx.counts),
            checks=note_lines(ctx.reading, "en"),
        )
