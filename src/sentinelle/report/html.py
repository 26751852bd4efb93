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
from .cases import case_sentence, escalation_view, thresholds_text
from .context import ReportContext, build_context, flagged_people
from .format import figure, finder, flat_settings, is_role, labeller, number, role_text, valuer, when
from .i18n import LANGS, translator
from .lead import Lead, leading_cases
from .netdraw import network_svg
from .network import network
from .reading import note_text
from .reasons import reason_view, stance_word
from .refs import Referencer, lines_text, short_time
from .views import EDGES_SHOWN, conversation_labels, influence_view, network_marks, people_view


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


def render_html(ctx: ReportContext) -> str:
    t = translator(ctx.lang)
    lang = ctx.lang
    conv_titles = conversation_labels(ctx.conversations)
    leaders, marks = network_marks(ctx, leading_cases(ctx.harassment))
    nodes, edges = network(ctx.dynamics, highlight=leaders)
    for n in nodes:
        n["marks"] = marks.get(n["id"], set())
    drawing = network_svg(nodes, edges, {"messages": t("messages").lower(), "leader": t("mark_leader"),
                                         "target": t("mark_target"), "union_rep": t("union_rep"),
                                         "chief": t("mark_chief")})
    charts_svg = {
        "activity": charts.activity_chart(
            ctx.activity["rows"],
            {"messages": t("messages"), "flags": t("flags"),
             "title": t("chart_activity", bucket=t("bucket_" + ctx.activity["bucket"]))},
        ),
        "categories": charts.bar_chart({t(k): v for k, v in ctx.by_category.items()}, t("category")),
        "targets": charts.bar_chart({t(k): v for k, v in ctx.by_target.items()}, t("target"), color=charts.BLUE),
    }
    parallel = (ctx.dynamics or {}).get("parallel_command") or []
    summary = {
        "categories": ", ".join(f"{t(k)} {n}" for k, n in ctx.by_category.items()),
        "top_senders": ", ".join(flagged_people(ctx)),
        "parallel": sorted(set(_names([p for p in parallel if p.get("kind", "influence_exceeds_role")
                                          == "influence_exceeds_role"], ("name", "person", "display_name", "id"))))[:8],
        "targets": [", ".join(map(str, names)) if isinstance(names, list) else str(names)
                    for names in _names_raw(ctx.harassment, ("target_names", "target", "name"))][:8],
    }
    script = _asset("report.js")
    script_hash = "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    ranked = sorted(edges, key=lambda e: (-e["weight"], e["source_name"], e["target_name"], e["kind"]))

    def person(value: Any) -> str:
        return ctx.person_names.get(str(value), str(value))

    def conv(value: Any) -> str:
        return conv_titles.get(str(value), str(value))

    flagged = {f["id"] for f in ctx.flags}
    hset = next((v["settings"] for v in ctx.versions if v["step"] == "harassment" and isinstance(v.get("settings"), dict)), {})
    records = {**{f["id"]: f for f in ctx.flags}, **ctx.evidence}
    return _environment().get_template("report.html.j2").render(
        c=ctx, t=t, charts=charts_svg, summary=summary, drawing=drawing,
        lead=Lead(ctx, t, person, conv)(), ref=Referencer(records, conv_titles, lang), flagged=flagged,
        edges={"rows": ranked[:EDGES_SHOWN], "rest": len(ranked) - min(len(ranked), EDGES_SHOWN)},
        people=people_view(ctx), influence=influence_view(ctx.dynamics),
        label=labeller(t), word=valuer(t), finding=finder(t), num=lambda v, d=2, trim=False: number(v, lang, d, trim),
        fig=lambda v: figure(v, lang, t), reason=lambda r: reason_view(r, lang, t),
        stance=lambda s: stance_word(s, lang), escalation=lambda e: escalation_view(e, t, lang),
        case_text=lambda h: case_sentence(h, t, lang, person)["text"],
        thresholds=lambda h: thresholds_text(h, hset, t, lang),
        short_time=lambda v: short_time(v, lang), lines=lambda s: lines_text(s, lang),
        conv_titles=conv_titles,
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
