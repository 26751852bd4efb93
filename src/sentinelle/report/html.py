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
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from . import charts
from .context import ReportContext, build_context, flagged_people
from .i18n import LANGS, translator
from .network import network


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
    return jinja2.Environment(
        loader=jinja2.PackageLoader("sentinelle.report", "templates"),
        autoescape=True,  # every value from a chat is text, never markup
        trim_blocks=False,
        keep_trailing_newline=True,
    )


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


def render_html(ctx: ReportContext) -> str:
    t = translator(ctx.lang)
    parallel = (ctx.dynamics or {}).get("parallel_command") or []
    leaders = {str(p.get("person")) for p in parallel if isinstance(p, dict) and p.get("person")}
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
    return _environment().get_template("report.html.j2").render(
        c=ctx, t=t, charts=charts_svg, edges=edges, summary=summary,
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
) -> ReportContext:
    """Build the context from the case, render it and write one HTML file. Returns the context."""
    if lang not in LANGS:
        from ..errors import UsageError

        raise UsageError(f"unknown report language {lang!r}: choose one of {', '.join(LANGS)}")
    ctx = build_context(
        case, lang=lang, confirmed_only=confirmed_only, pseudonymise=pseudonymise,
        generated_at=resolve_generated_at(generated_at),
    )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(ctx), encoding="utf-8")
    return ctx
