"""CLI commands of the report and evidence layers: analyze, report, review, verify, bundle, purge."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from .common import WORKERS, progress, quiet_option, require_file
from .ingest_cmds import _metadata_fields, metadata_options

LANG = click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
                    help="Language of the report.")
PSEUDO = click.option("--pseudonymise", "--pseudonymize", "pseudonymise", is_flag=True,
                      help="Replace names and phone numbers by stable pseudonyms (the mapping stays in the case).")
GENERATED_AT = click.option("--generated-at", metavar="ISO",
                            help="Fix the report's timestamp (default: SOURCE_DATE_EPOCH, else now).")
CASE_DIR = click.argument("case", type=click.Path(path_type=Path))


def _open(case: Path) -> Any:
    from ..store import Case

    return Case.open(case)


STORED = click.option("--stored", is_flag=True,
                      help="Show the stored results as they are, without computing what changed since "
                           "(results whose inputs changed are marked STALE).")


def _fresh(case: Any, stored: bool, quiet: bool = False) -> dict[str, str]:
    """Bring the scan, dynamics and harassment results up to date (unless --stored); one warning
    line per result that is not fresh. Returns step -> why, for the report's STALE markers."""
    from ..pipeline.steps import ensure
    from .common import step_progress, warn

    if getattr(case, "read_only", False) and not stored:
        warn("the case is read-only: its stored results are shown as they are (nothing is computed)")
        stored = True
    with progress(quiet) as bar:
        res = ensure(case, compute=not stored, progress=step_progress(bar, quiet), warn=warn)
    return {step: why for step, why in res.stale().items() if res.steps[step].row is not None}


def register(cli: click.Group) -> None:
    """Add this module's commands to the `sentinelle` group."""

    @cli.command()
    @click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
                  help="Directory for the case, report.html and exports/.")
    @click.option("--case", "case_path", type=click.Path(file_okay=False, path_type=Path),
                  help="Analyse an existing case (files given are added to it).")
    @click.option("--demo", is_flag=True, help="Analyse the bundled, fictional demo chat.")
    @click.option("--roster", type=click.Path(dir_okay=False, path_type=Path),
                  help="Roster CSV: person, rank or role, unit, union representative.")
    @click.option("--exporter", help='Who made the exports (their "Vous"/"You"), as named in the other chats.')
    @WORKERS
    @metadata_options
    @LANG
    @GENERATED_AT
    @quiet_option
    def analyze(files: tuple[Path, ...], out_dir: Path, case_path: Path | None, demo: bool, roster: Path | None,
                exporter: str | None, workers: int | None, lang: str, generated_at: str | None, quiet: bool,
                **metadata: Any) -> None:
        """Run everything: ingest, detection, dynamics, harassment, report.

        Example: sentinelle analyze --demo --out sentinelle-demo
        """
        from ..pipeline.analyze import AnalyzeOptions
        from ..pipeline.analyze import analyze as run

        for path in (*files, *([roster] if roster else [])):
            require_file(path)
        fields = _metadata_fields(metadata)
        options = AnalyzeOptions(case=case_path, demo=demo, metadata=fields, roster=roster, exporter=exporter, lang=lang,
                                 pseudonymise=fields.get("pseudonymise"), generated_at=generated_at, workers=workers)
        with progress(quiet) as bar:
            result = run(files, out_dir, options, bar)
        for step, why in sorted(result.not_run.items()):
            click.echo(f"sentinelle: warning: step {step} not run: {why}", err=True)
        for error in result.unreadable:
            click.echo(f"sentinelle: warning: not read: {error}", err=True)
        for line in result.checks:  # the report's "how the files were read", in short
            click.echo(f"sentinelle: check: {line}", err=True)
        total = sum(result.timings.values())
        click.echo(f"case: {result.case_path}")
        click.echo(f"report: {result.report}")
        click.echo(f"exports: {result.report.parent / 'exports'}")
        click.echo(", ".join(f"{k} {v}" for k, v in result.counts.items() if k != "cited") + f" · {total:.1f} s")
        if result.unreadable:
            from ..errors import InputError

            raise InputError(f"{len(result.unreadable)} file(s) could not be read (above); the report covers the others")

    @cli.command()
    @CASE_DIR
    @click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write.")
    @click.option("--exports", "exports_dir", type=click.Path(file_okay=False, path_type=Path),
                  help="Also write JSON, CSV and GEXF exports into this directory.")
    @click.option("--confirmed-only", is_flag=True, help="Only items a reviewer confirmed.")
    @LANG
    @PSEUDO
    @GENERATED_AT
    @STORED
    @quiet_option
    def report(case: Path, out: Path, exports_dir: Path | None, confirmed_only: bool, lang: str, pseudonymise: bool,
               generated_at: str | None, stored: bool, quiet: bool) -> None:
        """Write the self-contained HTML report of a case."""
        from ..report import write_exports, write_report

        with _open(case) as c:
            stale = _fresh(c, stored, quiet)
            ctx = write_report(c, out, lang=lang, confirmed_only=confirmed_only, pseudonymise=pseudonymise or None,
                               generated_at=generated_at, stale=stale)
        if exports_dir:
            write_exports(ctx, exports_dir)
        click.echo(f"report: {out} ({ctx.counts['flags']} flags, {len(ctx.directives)} directives, {len(ctx.harassment)} cases)")

    @cli.command()
    @CASE_DIR
    @click.option("--decide", nargs=2, metavar="ID DECISION",
                  help="Record one decision without prompting: ID confirm|dismiss|skip.")
    @click.option("--note", default="", help="The reviewer's note (with --decide).")
    @click.option("--reviewer", envvar="SENTINELLE_REVIEWER", help="Reviewer's name (or SENTINELLE_REVIEWER).")
    @click.option("--list", "list_items", is_flag=True, help="List the items and their status, then stop.")
    @STORED
    @quiet_option
    def review(case: Path, decide: tuple[str, str] | None, note: str, reviewer: str | None, list_items: bool,
               stored: bool, quiet: bool) -> None:
        """Confirm or dismiss flags, directives and harassment cases (c/d/s, with a note).

        Each decision is appended to the case's hash-chained log with the reviewer's name.
        """
        from ..errors import UsageError
        from ..evidence.decisions import record_decision
        from ..evidence.review import review_queue

        with _open(case) as c:
            _fresh(c, stored, quiet)
            if list_items:
                items = review_queue(c, include_decided=True)
                if not items:
                    click.echo("nothing to review: no flag, directive or harassment case in this case.")
                # most serious first; at one severity a harassment case, then directives, then flags
                kind_first = {"case": 0, "directive": 1}
                for item in sorted(items, key=lambda i: (-i.severity, kind_first.get(i.kind, 2))):
                    click.echo(f"{item.status:8} {item.item_id}  {item.title}")
                    text = " ".join(item.text.split())
                    if text:
                        click.echo(f"         « {text if len(text) <= 160 else text[:159] + '…'} »")
                return
            if decide:
                if not reviewer:
                    raise UsageError("--decide needs --reviewer NAME (or SENTINELLE_REVIEWER)")
                known = {i.item_id for i in review_queue(c, include_decided=True)}
                if decide[0] not in known:
                    raise UsageError(f"no item {decide[0]!r} in this case (see `sentinelle review CASE --list`)")
                entry = record_decision(c, decide[0], decide[1], reviewer=reviewer, note=note)
                click.echo(f"recorded: entry {entry['seq']} {entry['decision']} {entry['item_id']} sha256 {entry['sha256']}")
                return
            _interactive_review(c, reviewer)

    @cli.command()
    @click.argument("target", type=click.Path(path_type=Path))
    def verify(target: Path) -> None:
        """Check a case (original files, decision chain) or an evidence bundle (.zip)."""
        from ..errors import IntegrityError
        from ..evidence.verify import verify_bundle, verify_case

        if not target.exists() and target.suffix.lower() == ".zip":
            require_file(target)  # a missing bundle: unreadable input (3); else a missing case (4)

        if target.is_file():
            import zipfile

            from ..errors import InputError

            if not zipfile.is_zipfile(target):
                raise InputError("not an evidence bundle (.zip) nor a case directory", path=str(target))
            result = verify_bundle(target)
        else:
            with _open(target) as c:
                result = verify_case(c)
        for line in result.lines()[1:]:
            click.echo(line)
        if not result.ok:
            raise IntegrityError(result.lines()[0])
        click.echo(result.lines()[0])

    @cli.command()
    @CASE_DIR
    @click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The .zip to write.")
    @click.option("--hashes-only", is_flag=True, help="List the original files by hash instead of including them.")
    @LANG
    @PSEUDO
    @GENERATED_AT
    @STORED
    @quiet_option
    def bundle(case: Path, out: Path, hashes_only: bool, lang: str, pseudonymise: bool, generated_at: str | None,
               stored: bool, quiet: bool) -> None:
        """Write an evidence bundle: report, exports, decision log, originals, manifest."""
        from ..evidence.bundle import make_bundle

        with _open(case) as c:
            stale = _fresh(c, stored, quiet)
            result = make_bundle(c, out, hashes_only=hashes_only, pseudonymise=pseudonymise or None, lang=lang,
                                 generated_at=generated_at, stale=stale)
        click.echo(f"bundle: {result.path} ({result.members} files, {result.originals_included} originals included, "
                   f"{result.originals_hashed_only} by hash only, {result.size} bytes)")

    @cli.command()
    @CASE_DIR
    @click.option("--force", is_flag=True, help="Purge before the retention date (needs --reason).")
    @click.option("--reason", help="Why the case is purged early (kept in the purge receipt).")
    def purge(case: Path, force: bool, reason: str | None) -> None:
        """Delete a case whose retention date has passed, and say what was deleted."""
        from ..evidence.retention import purge_case

        result = purge_case(case, force=force, reason=reason)
        click.echo(f"purged: {result.case} (retention until {result.retention_until or 'not set'}"
                   f"{', forced: ' + str(result.reason) if result.forced else ''})")
        for f in result.files:
            click.echo(f"  deleted original {f['name']} sha256 {f['sha256']}")
        click.echo(f"  {result.deleted_paths} files, {result.deleted_bytes} bytes deleted; receipt: {result.receipt}")

    @cli.command()
    @CASE_DIR
    @click.argument("pseudonym")
    @click.option("--reviewer", required=True, envvar="SENTINELLE_REVIEWER", help="Who asks (logged).")
    @click.option("--reason", required=True, help="Why (logged).")
    def reidentify(case: Path, pseudonym: str, reviewer: str, reason: str) -> None:
        """Show who is behind a pseudonym; the request is logged in the case's decision chain."""
        from ..evidence.pseudonym import reidentify as run

        with _open(case) as c:
            for real in run(c, pseudonym, reviewer=reviewer, reason=reason):
                click.echo(real)


def _interactive_review(case: Any, reviewer: str | None) -> None:
    from ..evidence.decisions import record_decision
    from ..evidence.review import review_queue

    items = review_queue(case)
    if not items:
        click.echo("nothing to review.")
        return
    reviewer = reviewer or click.prompt("reviewer name", default=os.environ.get("USER", ""), show_default=bool(os.environ.get("USER")))
    choices = {"c": "confirm", "d": "dismiss", "s": "skip"}
    done = 0
    for number, item in enumerate(items, start=1):
        click.echo("")
        click.secho(f"[{number}/{len(items)}] {item.item_id}", bold=True)
        click.echo(item.title)
        for line in item.context or [item.text]:
            click.echo(f"  {line}")
        for reason in item.reasons:
            click.echo(f"  · {reason}")
        key = _decision_key("c confirm / d dismiss / s skip / q quit")
        if key == "q":
            break
        note = click.prompt("note", default="", show_default=False)
        entry = record_decision(case, item.item_id, choices[key], reviewer=reviewer, note=note)
        click.echo(f"recorded entry {entry['seq']}: {entry['decision']}")
        done += 1
    click.echo(f"{done} decision{'' if done == 1 else 's'} recorded; {len(items) - done} left.")


def _decision_key(prompt: str) -> str:
    """One of c/d/s/q. In a terminal a single key press decides, without Enter (an Enter typed
    right after it, out of habit, is swallowed so that it does not empty the note); from a pipe or
    a file, one line per answer."""
    import sys

    if not sys.stdin.isatty():
        return str(click.prompt(prompt, type=click.Choice(["c", "d", "s", "q"]), show_choices=False))
    try:
        import select
        import termios
        import tty
    except ImportError:  # no POSIX terminal (Windows): lines
        return str(click.prompt(prompt, type=click.Choice(["c", "d", "s", "q"]), show_choices=False))
    fd = sys.stdin.fileno()
    while True:
        click.echo(f"{prompt}: ", nl=False)
        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            key = os.read(fd, 1).decode("latin-1").lower()
            while key in ("\r", "\n"):  # a leftover Enter: not an answer, wait for the key
                key = os.read(fd, 1).decode("latin-1").lower()
            if key in "cdsq" and select.select([fd], [], [], 0.05)[0]:
                nxt = os.read(fd, 1)
                if nxt not in (b"\r", b"\n"):  # typed ahead: give it back to the note
                    termios.tcsetattr(fd, termios.TCSADRAIN, saved)
                    _push_back(fd, nxt)
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        if key == "\x03":
            raise KeyboardInterrupt
        if key == "\x04":
            return "q"
        click.echo(key)
        if key in ("c", "d", "s", "q"):
            return key


def _push_back(fd: int, data: bytes) -> None:
    """Return typed-ahead bytes to the terminal's input queue, where the system allows it."""
    try:
        import fcntl
        import termios

        for byte in data:
            fcntl.ioctl(fd, termios.TIOCSTI, bytes([byte]))
    except OSError:
        pass  # the character is lost; the note prompt still works


