"""CLI commands of the dynamics layer: `sentinelle dynamics CASE`, `sentinelle roster CASE FILE`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import orjson

from .. import pipeline  # its steps load when a command runs (igraph, pandas)
from ..store import Case
from .common import plural, print_table, quiet_option, require_file, stderr_console, stdout_console


def _people_rows(data: dict[str, Any], limit: int) -> list[list[object]]:
    titles = {lc["conversation_id"]: lc["title"] or lc["conversation_id"][:16] for lc in data["lifecycle"]}
    rows = sorted(data["leadership"], key=lambda r: -r["influence"])[:limit]
    return [[r["name"], titles.get(r["conversation_id"], r["conversation_id"])[:30], r["messages"], f"{r['influence']:.2f}",
             f"{r['group_median_influence']:.2f}", f"{r['directives_obeyed']}/{r['directives_issued']}",
             r["admin_actions"], r["label"]] for r in rows]


def _finding_rows(data: dict[str, Any]) -> list[list[object]]:
    rows: list[list[object]] = []
    names = {p["person"]: p["name"] for p in data["people"]}
    for x in data["parallel_command"]:
        what = f"influence {x['influence']:.2f}, declared {(x.get('declared') or {}).get('rank') or 'not on roster'}"
        rows.append([x["kind"], x["name"], what])
    for s in data["silence_orders"]:
        named = ", ".join(names.get(p, p) for p in s["named"]) or "-"
        rows.append(["silence_order", names.get(s["issuer"], s["issuer"]),
                     f"to {named}; audiences {', '.join(s['audiences']) or '-'}; effect {', '.join(s['effect']) or 'none seen'}"])
    for s in data["spokespeople"]:
        if s["spokesperson"]:
            kinds = ", ".join(f"{k} {v}" for k, v in s["kinds"].items())
            rows.append(["spokesperson", s["name"], f"{plural(s['statements'], 'statement')} ({kinds})"])
    for lc in data["lifecycle"]:
        for b in lc["bursts"]:
            rows.append(["join_burst", lc["title"] or lc["conversation_id"], f"{plural(b['joins'], 'join')} in {b['hours']} h from {b['start']}"])
        if lc["status"] != "active":
            rows.append([lc["status"], lc["title"] or lc["conversation_id"],
                         ", ".join(lc["dissolved_reasons"]) + (f" -> {lc['replaced_by']}" if lc["replaced_by"] else "")])
    return rows


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
        out = stdout_console()
        g = data["graph"]["case"]
        out.print(f"{plural(len(data['people']), 'person', 'people')}, {plural(g['edges'], 'interaction pair')}, "
                  f"{plural(len(data['directives']), 'directive')}, {plural(len(data['silence_orders']), 'silence order')}, "
                  f"{plural(len(data['parallel_command']), 'parallel-command finding')}", markup=False)
        print_table(out, "Influence per person and conversation (components in the JSON)",
                    ["person", "conversation", "messages", "influence", "group median", "obeyed/issued", "admin", "label"],
                    _people_rows(data, top), head=2, nothing="No person wrote in this case.")
        print_table(out, "Findings (each with its evidence record ids in the JSON)", ["kind", "who", "what"],
                    _finding_rows(data), head=2, nothing="Findings: nothing found (no parallel command, silence order, "
                    "spokesperson, join burst or dissolved group).")

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
