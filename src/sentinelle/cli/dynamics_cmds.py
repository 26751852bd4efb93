"""CLI commands of the dynamics layer: `sentinelle dynamics CASE`, `sentinelle roster CASE FILE`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
import orjson
from rich.console import Console
from rich.table import Table

from .. import pipeline  # its steps load when a command runs (igraph, pandas)
from ..store import Case
from .common import quiet_option, require_file, stderr_console


def _people_table(data: dict[str, Any], limit: int) -> Table:
    t = Table(title="Influence per person and conversation (components in the JSON)")
    for col in ("person", "conversation", "messages", "influence", "group median", "obeyed/issued", "admin", "label"):
        t.add_column(col)
    titles = {lc["conversation_id"]: lc["title"] or lc["conversation_id"][:16] for lc in data["lifecycle"]}
    rows = sorted(data["leadership"], key=lambda r: -r["influence"])[:limit]
    for r in rows:
        t.add_row(r["name"], titles.get(r["conversation_id"], r["conversation_id"])[:30], str(r["messages"]), f"{r['influence']:.2f}",
                  f"{r['group_median_influence']:.2f}", f"{r['directives_obeyed']}/{r['directives_issued']}",
                  str(r["admin_actions"]), r["label"] or "")
    return t


def _findings_table(data: dict[str, Any]) -> Table:
    t = Table(title="Findings (each with its evidence record ids in the JSON)")
    t.add_column("kind")
    t.add_column("who")
    t.add_column("what")
    names = {p["person"]: p["name"] for p in data["people"]}
    for x in data["parallel_command"]:
        what = f"influence {x['influence']:.2f}, declared {(x.get('declared') or {}).get('rank') or 'not on roster'}"
        t.add_row(x["kind"], x["name"], what)
    for s in data["silence_orders"]:
        named = ", ".join(names.get(p, p) for p in s["named"]) or "-"
        t.add_row("silence_order", names.get(s["issuer"], s["issuer"]),
                  f"to {named}; audiences {', '.join(s['audiences']) or '-'}; effect {', '.join(s['effect']) or 'none seen'}")
    for s in data["spokespeople"]:
        if s["spokesperson"]:
            t.add_row("spokesperson", s["name"], f"{s['statements']} statements {s['kinds']}")
    for lc in data["lifecycle"]:
        for b in lc["bursts"]:
            t.add_row("join_burst", lc["title"] or lc["conversation_id"], f"{b['joins']} joins in {b['hours']} h from {b['start']}")
        if lc["status"] != "active":
            t.add_row(lc["status"], lc["title"] or lc["conversation_id"],
                      ", ".join(lc["dissolved_reasons"]) + (f" -> {lc['replaced_by']}" if lc["replaced_by"] else ""))
    return t


def register(cli: click.Group) -> None:
    """Add this module's commands to the `sentinelle` group."""

    @cli.command("dynamics")
    @click.argument("case", type=click.Path(file_okay=False, path_type=Path))
    @click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON (the shape is in sentinelle.dynamics.api).")
    @click.option("--gexf", type=click.Path(dir_okay=False, path_type=Path), help="Write the interaction graph as GEXF (Gephi).")
    @click.option("--graphml", type=click.Path(dir_okay=False, path_type=Path), help="Write the interaction graph as GraphML.")
    @click.option("--top", default=15, show_default=True, type=click.IntRange(1, 10_000), help="Rows in the people table.")
    @quiet_option
    def dynamics(case: Path, as_json: bool, gexf: Path | None, graphml: Path | None, top: int, quiet: bool) -> None:
        """Map who leads, who obeys, who is silenced, and how groups form and vanish.

        Interaction graphs (replies, mentions, addressing, turn-taking), directives and what
        followed them, silence orders, spokespeople, de-facto leaders against the roster
        (`sentinelle roster`), group lifecycles and overlaps. The result is stored in the case.
        """
        err = stderr_console()

        def say(stage: str) -> None:
            if not quiet:
                err.print(f"dynamics: {stage}…")

        with Case.open(case) as c:
            if gexf or graphml:  # the graph files need the graph itself: always computed
                data = pipeline.run_dynamics(c, progress=say, gexf=gexf, graphml=graphml).to_json()
            else:  # the stored result when its inputs are unchanged, else computed again
                from ..pipeline.steps import resolve

                data = resolve(c, ["dynamics"], progress=lambda stage, done, total: say(stage.partition(": ")[2] or stage)).data("dynamics")
        if as_json:
            click.echo(orjson.dumps(data, default=str).decode())
            return
        out = Console(width=None if sys.stdout.isatty() else 160)  # pipes and files get whole names
        g = data["graph"]["case"]
        out.print(f"{len(data['people'])} people, {g['edges']} interaction pairs, {len(data['directives'])} directives, "
                  f"{len(data['silence_orders'])} silence orders, {len(data['parallel_command'])} parallel-command findings")
        out.print(_people_table(data, top))
        out.print(_findings_table(data))

    @cli.command("roster")
    @click.argument("case", type=click.Path(file_okay=False, path_type=Path))
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    def roster(case: Path, file: Path) -> None:
        """Import declared roles: a CSV with person (as named in the chats, or phone), rank,
        role, unit and union representative (yes/no); French or English headers."""
        require_file(file)
        with Case.open(case) as c:
            entries = pipeline.import_roster_file(c, file)
        reps = sum(e.union_rep for e in entries)
        click.echo(f"{len(entries)} roster entries imported ({reps} union representatives)")
