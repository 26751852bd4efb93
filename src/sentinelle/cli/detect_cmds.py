"""CLI commands of the detect layer: check, evaluate (scan lives with the pipeline)."""

from __future__ import annotations

import json
import sys

import click

from ..records import CATEGORIES, Detection
from .common import WORKERS, progress, quiet_option


def _human(text: str, d: Detection) -> str:
    flag = "FLAGGED" if d.flagged else "ok"
    cats = "  ".join(f"{c} {d.categories[c]:.2f}" for c in CATEGORIES)
    lines = [f"{flag} · severity {d.severity} · lang {d.language or '?'}"
             + (f" · stance {d.stance}" if d.stance else "")
             + (f" · targets {', '.join(d.targets)}" if d.targets else ""), f"  {text}", f"  {cats}"]
    for r in d.reasons:
        if r.kind in ("lang",):
            continue
        where = f" [{r.span[0]}:{r.span[1]}] «{r.matched}»" if r.span else ""
        ref = f" (context message {r.ref})" if r.ref else ""
        score = f" {r.score:.2f}" if r.score is not None else ""
        lines.append(f"  - {r.kind}{'/' + r.category if r.category else ''}{score}: {r.detail}{where}{ref}")
    return "\n".join(lines)


def register(cli: click.Group) -> None:
    """Add this module's commands to the `sentinelle` group."""

    @cli.command("check")
    @click.argument("texts", nargs=-1)
    @click.option("--json", "as_json", is_flag=True, help="One JSON object per input line, in order.")
    @click.option("--lang", default=None, help="Language to assume for very short messages (fr, en).")
    @click.option("--backend", type=click.Path(dir_okay=False), default=None,
                  help="JSON config of an extra local model (ONNX file or Hugging Face directory).")
    def check(texts: tuple[str, ...], as_json: bool, lang: str | None, backend: str | None) -> None:
        """Score messages (arguments, or stdin: one message a line) for hate, sexual content,
        threats, insults and profanity, with the reason for each score."""
        from ..detection.api import detect

        items = list(texts) if texts else [line.rstrip("\r\n") for line in sys.stdin]
        dets = detect(items, language=lang, backend=backend) if items else []
        for text, d in zip(items, dets, strict=True):
            if as_json:
                click.echo(json.dumps(d.to_dict(), ensure_ascii=False))
            else:
                click.echo(_human(text, d))

    @cli.command("scan")
    @click.argument("case", type=click.Path(file_okay=False))
    @click.option("--batch-size", default=2000, show_default=True, help="Messages scored and saved per batch.")
    @WORKERS
    @click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
    @quiet_option
    def scan(case: str, batch_size: int, workers: int | None, as_json: bool, quiet: bool) -> None:
        """Score every message of CASE (with its preceding messages as context) and store the
        results with the model version. An interrupted scan resumes where it stopped; the number
        of workers changes the speed, never the scores."""
        from ..pipeline.scan import scan_case
        from ..pipeline.scan_pool import check_workers
        from ..store import Case

        if workers is not None:
            check_workers(workers)  # said before the case is opened and the models loaded
        with Case.open(case) as c, progress(quiet) as bar:
            task = bar.add_task("scanning", total=None) if bar else None

            def tick(done: int, total: int) -> None:
                if bar is not None and task is not None:
                    bar.update(task, completed=done, total=total)
                elif not quiet:
                    click.echo(f"scanned {done}/{total}", err=True)

            from ..pipeline.steps import Env, record_scan

            env = Env(workers=workers)
            rep = scan_case(c, progress=tick, batch_size=batch_size, detector=env.get_detector(), workers=workers)
            record_scan(c, env)  # what `cases`, `report`... read to know the scan is fresh
        if as_json:
            click.echo(json.dumps(rep.to_dict()))
        else:
            click.echo(f"{rep.scanned} messages scored ({rep.skipped} skipped: already scanned or empty), "
                       f"{rep.flagged} flagged · model {rep.model_version}")

    @cli.command("evaluate")
    @click.argument("path", type=click.Path())
    @click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
    def evaluate_cmd(path: str, as_json: bool) -> None:
        """Precision, recall, F1 per category, per-target figures, confusion and false-flag rate
        on a labelled CSV/JSONL (columns text, hate, sexual, threat, insult, profanity; optional
        target, context). A functional suite (a directory of <functionality>.jsonl files, or rows
        with a `functionality` column) also gets its accuracy per functionality and per target."""
        from ..detection.evaluate import evaluate, evaluate_suite, format_report, format_suite, load_suite

        rows = load_suite(path)
        if any(r.get("functionality") for r in rows):
            rep = evaluate_suite(rows)
            text = format_suite(rep) + "\n\n" + format_report(rep["report"])
        else:
            rep = evaluate(rows)
            text = format_report(rep)
        click.echo(json.dumps(rep, ensure_ascii=False, indent=1) if as_json else text)
