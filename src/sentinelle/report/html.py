"""The HTML report: one self-contained, deterministic page rendered with Jinja2.

Autoescaping is on for every value; the only raw insertions are the project's own CSS and script
and the SVG charts matplotlib draws. A Content-Security-Policy forbids every network request and
allows only the page's own script (by its hash), so a message carrying markup can neither load
anything nor run anything.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections import Counter
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from . import charts
from .context import ReportContext, build_context, flagged_people
from .format import finder, flat_settings, is_role, labeller, number, role_text, valuer, when
from .i18n import LANGS, translator
from .network import network
from .reading import note_text


def _asset(name: str) -> str:
    return resources.files("sentinelle.report").joinpath("templates", name).read_text(encoding="utf-8")


def resolve_generated_at(value: str | None = None) -> str:
    """The report's timestamp: the given one, else SOURCE_DATE_EPOCH, else now (UTC)."""
    if value:
        return value
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat()


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sentinelle.report", "templates"),
        autoescape=True,  # every value from a chat is text, never markup
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["when"] = when
    env.tests["role"] = is_role
    env.globals["role_text"] = role_text
    env.filters["flat"] = flat_settings
    return env


def _names(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[str]:
    out = []
    for row in rows:
        for k in keys:
            if isinstance(row, dict) and row.get(k):
                out.append(str(row[k]))
                break
    return out


def _names_raw(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[Any]:
    return [next((row[k] for k in keys if row.get(k)), "?") for row in rows if isinstance(row, dict)]


PEOPLE_SHOWN = 30  # rows of the people table; the rest in one line (all of them in people.csv)
INFLUENCE_SHOWN = 20
EDGES_SHOWN = 25


def people_view(ctx: ReportContext, limit: int = PEOPLE_SHOWN) -> dict[str, Any]:
    """The people who wrote or were flagged, most flagged then most active first, capped; those
    with a single message and no flag (the passers-by of a large group) go to the summary line."""
    rows = [p for p in ctx.people if p["messages"] or p["flags"]]
    rows.sort(key=lambda p: (-p["flags"], -p["messages"], str(p["name"]), p["id"]))
    shown = [p for p in rows if p["flags"] or p["messages"] > 1][:limit]
    rest = [p for p in rows if p not in shown]
    return {"rows": shown, "rest": len(rest), "rest_max": max((p["messages"] for p in rest), default=0),
            "rest_flags": sum(p["flags"] for p in rest),
            "silent": sum(1 for p in ctx.people if not p["messages"] and not p["flags"])}


def influence_view(dynamics: dict[str, Any] | None, limit: int = INFLUENCE_SHOWN) -> dict[str, Any]:
    """Per person: messages, directives, influence (and its ratio to the group median, the highest
    over the person's conversations), centrality, declared role; by influence, capped."""
    ratio: dict[str, float] = {}
    for row in (dynamics or {}).get("leadership") or []:
        if not isinstance(row, dict):
            continue
        inf, med = row.get("influence"), row.get("group_median_influence")
        if isinstance(inf, int | float) and isinstance(med, int | float) and med > 0:
            pid = str(row.get("person"))
            ratio[pid] = max(ratio.get(pid, 0.0), inf / med)
    rows = []
    for p in (dynamics or {}).get("people") or []:
        if not isinstance(p, dict) or not p.get("messages"):
            continue
        cent = p.get("centrality") if isinstance(p.get("centrality"), dict) else {}
        influence = p.get("max_influence", p.get("influence"))
        rows.append({
            "person": str(p.get("person") or p.get("id") or ""),
            "name": p.get("name") or p.get("person") or p.get("id"),
            "messages": p.get("messages"),
            "issued": p.get("directives_issued"), "obeyed": p.get("directives_obeyed"),
            "influence": influence if isinstance(influence, int | float) else None,
            "ratio": ratio.get(str(p.get("person"))),
            "pagerank": cent.get("pagerank", p.get("pagerank")), "hub": cent.get("hub"),
            "betweenness": cent.get("betweenness"),
            "role": p.get("roster") if isinstance(p.get("roster"), dict) else None,
        })
    rows.sort(key=lambda r: (-(r["influence"] or 0), -(r["messages"] or 0), str(r["name"])))
    rest = rows[limit:]
    return {"rows": rows[:limit], "rest": len(rest), "rest_max": max((r["influence"] or 0 for r in rest), default=0)}


def conversation_labels(conversations: list[dict[str, Any]]) -> dict[str, str]:
    """Conversation id -> its title; two conversations of the same title are told apart by
    their first day (an export and its later re-export are often named alike)."""
    seen = Counter(cv["title"] for cv in conversations)
    return {cv["id"]: (f"{cv['title']} ({(cv.get('first') or '')[:10] or cv['id']})" if seen[cv["title"]] > 1 else cv["title"])
            for cv in conversations}


def render_html(ctx: ReportContext) -> str:
    t = translator(ctx.lang)
    parallel = (ctx.dynamics or {}).get("parallel_command") or []
    # red in the drawing: influence above the declared role (not a declared chief who is ignored)
    leaders = {str(p.get("person")) for p in parallel if isinstance(p, dict) and p.get("person")
               and p.get("kind", "influence_exceeds_role") == "influence_exceeds_role"}
    nodes, edges = network(ctx.dynamics, highlight=leaders)
    charts_svg = {
        "activity": charts.activity_chart(
            ctx.activity["rows"],
            {"messages": t("messages"), "flags": t("flags"),
             "title": t("chart_activity", bucket=t("bucket_" + ctx.activity["bucket"]))},
        ),
        "categories": charts.bar_chart({t(k): v for k, v in ctx.by_category.items()}, t("category")),
        "targets": charts.bar_chart({t(k): v for k, v in ctx.by_target.items()}, t("target"), color=charts.BLUE),
        "network": charts.network_chart(nodes, edges),
    }
    summary = {
        "categories": ", ".join(f"{t(k)} {n}" for k, n in ctx.by_category.items()),
        "top_senders": ", ".join(flagged_people(ctx)),
        "most_severe": sorted(
            ctx.flags, key=lambda f: (-f["severity"], -max(f["categories"].values(), default=0), f["time"] or "", f["id"])
        )[:5],
        "parallel": sorted(set(_names([p for p in parallel if p.get("kind", "influence_exceeds_role")
                                          == "influence_exceeds_role"], ("name", "person", "display_name", "id"))))[:8],
        "targets": [", ".join(map(str, names)) if isinstance(names, list) else str(names)
                    for names in _names_raw(ctx.harassment, ("target_names", "target", "name"))][:8],
    }
    script = _asset("report.js")
    script_hash = "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    ranked = sorted(edges, key=lambda e: (-e["weight"], e["source_name"], e["target_name"], e["kind"]))
    lang = ctx.lang
    return _environment().get_template("report.html.j2").render(
        c=ctx, t=t, charts=charts_svg, summary=summary,
        edges={"rows": ranked[:EDGES_SHOWN], "rest": len(ranked) - min(len(ranked), EDGES_SHOWN)},
        people=people_view(ctx), influence=influence_view(ctx.dynamics),
        label=labeller(t), word=valuer(t), finding=finder(t), num=lambda v, d=2, trim=False: number(v, lang, d, trim),
        conv_titles=conversation_labels(ctx.conversations),
        note=lambda n: note_text(n, t),
        compliance={str(x.get("message_id")): x for x in (ctx.dynamics or {}).get("compliance") or [] if isinstance(x, dict)},
        css=_asset("report.css"), script=script, script_hash=script_hash,
    )


def write_report(
    case: Any,
    out: Path,
    *,
    lang: str = "fr",
    confirmed_only: bool = False,
    pseudonymise: bool | None = None,
    generated_at: str | None = None,
    stale: dict[str, str] | None = None,
) -> ReportContext:
    """Build the context from the case, render it and write one HTML file. Returns the context."""
    if lang not in LANGS:
        from ..errors import UsageError

        raise UsageError(f"unknown report language {lang!r}: choose one of {', '.join(LANGS)}")
    ctx = build_context(
        case, lang=lang, confirmed_only=confirmed_only, pseudonymise=pseudonymise,
        generated_at=resolve_generated_at(generated_at), stale=stale,
    )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(ctx), encoding="utf-8")
    return ctx
