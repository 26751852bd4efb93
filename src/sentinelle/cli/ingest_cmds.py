"""CLI commands of the ingest layer: parse, case-init, ingest, search, info, persons.

`sentinelle parse` is a contract others script against: one JSON object per line on stdout
(kinds conversation, participant, message, event, issue), then a final `summary` line.
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
import orjson

from .. import pipeline
from ..errors import CaseError, UsageError
from ..ingest import READERS, ReadOptions, read
from ..records import Record
from ..store import Case, CaseMetadata
from ..store.codec import record_to_json, records_to_json_lines
from .common import plural, progress, quiet_option, text_of, warn


def _validate_tz(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise click.BadParameter(f"unknown time zone {value!r} (an IANA name such as Europe/Paris)") from None
    return value


def read_options(func: Any) -> Any:
    for option in reversed(
        [
            click.option("--format", "fmt", type=click.Choice(sorted(READERS)), help="Force the format (default: sniffed)."),
            click.option("--date-order", type=click.Choice(["dmy", "mdy", "ymd"]),
                         help="Force the date order of WhatsApp exports (default: inferred over the whole file)."),
            click.option("--tz", callback=_validate_tz, help="IANA time zone of the exporting phone, e.g. Europe/Paris."),
            click.option("--exporter", help='Who made the export (its "Vous"/"You"), as named in the other chats.'),
        ]  # fmt: skip
    ):
        func = option(func)
    return func


def metadata_options(func: Any) -> Any:
    for option in reversed(
        [
            click.option("--purpose", help="Why this case exists (recorded in the case)."),
            click.option("--legal-basis", help="Legal basis of the processing (e.g. GDPR art. 6(1)(f), a warrant)."),
            click.option("--handed-over-by", help="Who handed the exports over."),
            click.option("--obtained-how", help="How the exports were obtained."),
            click.option("--obtained-when", help="When the exports were obtained (date or text)."),
            click.option("--retention-until", type=click.DateTime(["%Y-%m-%d"]), help="Delete the case after (YYYY-MM-DD)."),
            click.option("--pseudonymise/--no-pseudonymise", default=None, help="Pseudonymise names in outputs."),
        ]  # fmt: skip
    ):
        func = option(func)
    return func


def _metadata_fields(kw: dict[str, Any]) -> dict[str, Any]:
    fields = {k: kw.pop(k) for k in list(kw) if k in CaseMetadata.__dataclass_fields__}
    if fields.get("retention_until") is not None:
        fields["retention_until"] = fields["retention_until"].date()
    return {k: v for k, v in fields.items() if v is not None}


def _ingest(case: Path, files: tuple[Path, ...], fields: dict[str, Any], options: ReadOptions, merge: bool,
            quiet: bool) -> Any:  # fmt: skip
    with Case.open_or_create(case) as c:
        if fields:
            c.set_metadata(**fields)
        with progress(quiet) as bar:
            tasks: dict[Path, Any] = {}

            def tick(event: str, path: Path, n: int) -> None:
                if bar is None:
                    return
                if event == "start":
                    tasks[path] = bar.add_task(f"{path.name}: records", total=None)
                elif event == "records":
                    bar.update(tasks[path], completed=n)
                elif path in tasks:
                    bar.remove_task(tasks.pop(path))

            return pipeline.ingest_files(c, files, options, tick, merge=merge)


def _empty(case: Path) -> bool:
    """Whether a case holds no file (or is not a case at all)."""
    try:
        with Case.open(case) as c:
            return not c.files()
    except CaseError:
        return True


def merge_lines(info: Any) -> list[str]:
    """What ingesting a file did with the conversations it shares with the case (ingest's output)."""
    out = []
    for m in info.merges:
        out.append(f"another export of conversation {m['target']}: {plural(m['matched'], 'record')} already there "
                   f"(kept as copies with their source), {m['added']} added")  # fmt: skip
        out += [f"kept apart: {n} messages of {a!r} read like messages of {b!r} (same time and text), but no "
                "export says they are the same person" for a, b, n in m["hints"].get("names", [])]  # fmt: skip
        if m["hints"].get("other_time"):
            out.append(f"kept apart: {m['hints']['other_time'][0]} messages with the same sender and text at another "
                       "time (a date order or clock read differently? see --date-order, --tz)")  # fmt: skip
    for a in info.alike:
        out.append(f"partly like conversation {a['other']} ({a['matched']} of {a['in_period']} records in the period "
                   "both cover): kept apart")  # fmt: skip
    return out


def source_lines(conv: dict[str, Any]) -> list[str]:
    """Which export each message of a merged conversation came from (info's output)."""
    out = []
    for s in conv.get("sources", []):
        out.append(f"from {s['name']} ({s['sha256'][:12]}): {plural(s['messages'], 'message')}, "
                   f"{s['only_here']} only there, {s['shared']} also in another export")  # fmt: skip
    for m in conv.get("merges", []):
        if m.get("deleted_in_one") or m.get("edited_in_one") or m.get("text_differs"):
            out.append(f"differences between copies ({m['source']}): {m.get('deleted_in_one', 0)} deleted in one, "
                       f"{m.get('edited_in_one', 0)} edited in one, {m.get('text_differs', 0)} other texts")  # fmt: skip
        for a, b, n in m.get("hints", {}).get("names", []):
            out.append(f"kept apart: {n} messages of {a!r} with the time and text of messages of {b!r}")
    return out


def _options(fmt: str | None, date_order: str | None, tz: str | None, exporter: str | None = None) -> ReadOptions:
    return ReadOptions(format=fmt, date_order=date_order, tz=tz, exporter=exporter)


def register(cli: click.Group) -> None:
    """Add this module's commands to the `sentinelle` group."""

    @cli.command()
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @read_options
    @quiet_option
    def parse(file: Path, fmt: str | None, date_order: str | None, tz: str | None, exporter: str | None,
              quiet: bool) -> None:  # fmt: skip
        """Print FILE's records as JSON lines (streamed), then a summary line.

        Each line has "kind" (conversation, participant, message, event, issue, summary);
        messages and events have "time" (ISO), "sender"/"actor", "text", "event", "flags" and
        "source" {sha256, line_start, line_end, byte_start, byte_end[, member, container_sha256]}.
        Skipped lines are also reported on stderr (file:line: cause) unless --quiet.
        """
        out = sys.stdout.buffer
        batch: list[Record] = []
        try:
            for rec in read(file, _options(fmt, date_order, tz)):
                if rec.kind == "issue" and not quiet:
                    warn(str(rec))
                batch.append(rec)
                if len(batch) >= 1024:  # one write per batch: still streamed, less CPU per line
                    out.write(records_to_json_lines(batch))
                    batch.clear()
        finally:  # what was read before a fault is printed
            out.write(records_to_json_lines(batch))
            out.flush()

    @cli.command("case-init")
    @click.argument("case", type=click.Path(file_okay=False, path_type=Path))
    @metadata_options
    def case_init(case: Path, **kw: Any) -> None:
        """Create an empty case directory CASE and record why and how it exists."""
        Case.create(case, CaseMetadata(**_metadata_fields(kw))).close()
        click.echo(f"created case {case}")

    @cli.command()
    @click.argument("case", type=click.Path(file_okay=False, path_type=Path))
    @click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
    @read_options
    @metadata_options
    @click.option("--no-merge", is_flag=True,
                  help="FILES are not the same chat as any conversation already in CASE: never merge them.")
    @click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
    @quiet_option
    def ingest(case: Path, files: tuple[Path, ...], fmt: str | None, date_order: str | None, tz: str | None,
               exporter: str | None, no_merge: bool, as_json: bool, quiet: bool, **kw: Any) -> None:  # fmt: skip
        """Read export FILES into CASE (created if needed). The same file twice adds nothing.

        Each file is stored in one transaction: a file that fails leaves the case as it was and
        the other files go on. Another export of a chat CASE holds (another member's, another
        period or language) joins that conversation: messages both hold are stored once, with
        both sources (--no-merge: keep FILES apart). Exit code 3 if any file could not be read."""
        fields = _metadata_fields(kw)
        existed = case.exists()
        try:
            report = _ingest(case, files, fields, _options(fmt, date_order, tz, exporter), not no_merge, quiet)
        except CaseError:
            if not existed and _empty(case):
                shutil.rmtree(case, ignore_errors=True)  # a case this command made and could not fill
            raise
        if as_json:
            click.echo(orjson.dumps(report.to_dict(), default=str).decode())
        else:
            for f in report.files:
                if f.status == "failed":
                    click.echo(f"FAILED {f.error}" if (f.error or "").startswith(f.path) else f"FAILED {f.path}: {f.error}")
                elif f.status == "duplicate":
                    click.echo(f"{f.path}: already in the case, skipped (duplicate)")
                else:
                    i = f.info
                    assert i is not None
                    extra = f", {i.duplicates} already present" if i.duplicates else ""
                    amb = " (date order ambiguous: check --date-order)" if i.ambiguous else ""
                    click.echo(f"{f.path}: {i.messages} messages, {i.events} events, {i.issues} issues{extra}"
                               f"{', date order ' + i.date_order if i.date_order else ''}{amb}")  # fmt: skip
                    for line in merge_lines(i):
                        click.echo(f"  {line}")
            click.echo(f"{case}: {report.persons} persons")
        if report.failed:
            if not existed and len(report.failed) == len(report.files):
                shutil.rmtree(case, ignore_errors=True)  # a failed ingest leaves no empty case behind
            raise pipeline.ingest_error(report.failed, len(report.files))

    @cli.command()
    @click.argument("case", type=click.Path(file_okay=False, path_type=Path))
    @click.argument("query")
    @click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000), help="Most hits to show.")
    @click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
    def search(case: Path, query: str, limit: int, as_json: bool) -> None:
        """Full-text search of CASE's messages (case- and accent-insensitive; FTS5 syntax works)."""
        with Case.open(case) as c:
            hits = c.search(query, limit=limit)
        for h in hits:
            m = h.message
            if as_json:
                click.echo(orjson.dumps({**record_to_json(m), "snippet": h.snippet, "rank": h.rank}, default=str))
            else:
                when = m.time.isoformat(sep=" ") if m.time else m.time_raw
                click.echo(f"{m.id}  {when}  {m.sender}: {h.snippet}")
        if not hits and not as_json:
            click.echo("no match", err=True)

    @cli.command()
    @click.argument("case", type=click.Path(file_okay=False, path_type=Path))
    @click.option("--json", "as_json", is_flag=True, help="Print the case summary as JSON.")
    def info(case: Path, as_json: bool) -> None:
        """What CASE holds: metadata, files, conversations, counts, period."""
        from ..report.reading import note_lines, reading_notes  # not the charts: matplotlib stays unloaded

        with Case.open(case) as c:
            data = c.info()
            checks = reading_notes(c)
        if as_json:
            data["reading"] = checks
            click.echo(orjson.dumps(data, default=str, option=orjson.OPT_INDENT_2).decode())
            return
        md = {k: v for k, v in data["metadata"].items() if v not in (None, {}, False)}
        if md.get("retention_until") and md["retention_until"] < date.today().isoformat():
            warn(f"the retention date of this case ({md['retention_until']}) has passed: it should be deleted")
        click.echo(f"case {data['path']} (schema {data['schema_version']}, created {data['created_at']})")
        for k, v in md.items():
            click.echo(f"  {k}: {text_of(v)}")
        first, last = data["period"]["first"], data["period"]["last"]
        click.echo(f"{plural(data['messages'], 'message')}, {plural(data['events'], 'event')}, "
                   f"{plural(data['persons'], 'person')}, {plural(data['issues'], 'issue')}; "
                   + (f"from {first} to {last}" if first and last else "no dated record"))  # fmt: skip
        for f in data["files"]:
            member = f" [{f['member']}]" if f.get("member") else ""
            click.echo(f"  file {f['name']}{member} {f['sha256'][:12]} {f['format']}: {plural(f['messages'], 'message')}, "
                       f"{plural(f['events'], 'event')}, ingested {f['ingested_at']}")  # fmt: skip
        for conv in data["conversations"]:
            amb = " (date order ambiguous)" if conv["date_order_ambiguous"] else ""
            title = f"'{conv['title']}'" if conv["title"] else "(no title)"
            click.echo(f"  conversation {conv['id']} {conv['platform']} {title}: "
                       f"{plural(conv['messages'], 'message')}, {plural(conv['events'], 'event')}{amb}")  # fmt: skip
            for line in source_lines(conv):
                click.echo(f"    {line}")
        for version, n in data["detections"].items():
            click.echo(f"  detections {version}: {plural(n['scanned'], 'message')} scanned, {n['flagged'] or 0} flagged")
        for step, keys in data["results"].items():
            click.echo(f"  results {step}: {', '.join(keys)}")
        if data["decisions"]:
            click.echo(f"  {plural(data['decisions'], 'review decision')}")
        for line in note_lines(checks, "en"):
            click.echo(f"  check: {line}")

    @cli.command()
    @click.argument("case", type=click.Path(file_okay=False, path_type=Path))
    @click.argument("names", nargs=-1)
    @click.option("--merge", nargs=2, metavar="A B", help="Take persons A and B (ids or names) as one.")
    @click.option("--split", metavar="PERSON", help="Take NAMES apart from PERSON into a new person.")
    @click.option("--reason", default="", help="Why (kept with the decision).")
    @click.option("--json", "as_json", is_flag=True, help="Print the persons and their links as JSON.")
    def persons(case: Path, names: tuple[str, ...], merge: tuple[str, str] | None, split: str | None,
                reason: str, as_json: bool) -> None:  # fmt: skip
        """List the persons of CASE with the links that made them; merge or split them.

        `persons CASE --merge A B`, `persons CASE --split PERSON NAME...`. Decisions are kept
        and respected by every later re-link."""
        if names and not split:
            raise UsageError("NAMES are only for --split PERSON NAME...")
        with Case.open(case) as c:
            if merge:
                click.echo(f"merged into {c.merge_persons(merge[0], merge[1], reason)}")
            elif split:
                if not names:
                    raise UsageError("--split PERSON needs the NAMES to take apart")
                click.echo(f"split out as {c.split_person(split, names, reason)}")
            elif not c.persons() and not c.read_only:
                c.relink_persons()
            people, links = c.persons(), c.links()
        if as_json:
            click.echo(orjson.dumps({"persons": people, "links": links}, option=orjson.OPT_INDENT_2).decode())
            return
        by_person: dict[str, list] = {}
        for lk in links:
            by_person.setdefault(lk.person_id, []).append(lk)
        for p in people:
            extra = f" phones {', '.join(p.phones)}" if p.phones else ""
            click.echo(f"{p.id}  {p.display_name}  ({p.messages} messages, {len(p.conversations)} conversations){extra}")
            if len(p.names) > 1:
                click.echo(f"    names: {' | '.join(p.names)}")
            for lk in by_person.get(p.id, []):
                click.echo(f"    {lk.reason} ({lk.confidence:.2f}): {lk.a[1]} [{lk.a[0]}] = {lk.b[1]} [{lk.b[0]}]")


