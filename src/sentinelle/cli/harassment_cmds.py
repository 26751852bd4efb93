"""CLI commands of the harassment layer: `sentinelle cases CASE` and `sentinelle case CASE PERSON`."""

from __future__ import annotations

import json
from typing import Any

import click

from .common import (
    plural,
    print_table,
    progress,
    quiet_option,
    stdout_console,
    step_progress,
    text_of,
)

_THRESHOLDS = [
    click.option("--min-messages", type=int, default=None, help="Abusive messages needed for a case (default 3)."),
    click.option("--min-days", type=int, default=None, help="Different days they must span (default 2)."),
    click.option("--min-confidence", type=float, default=None, help="Least sure link to the target counted (default 0.5)."),
    click.option("--set", "extra", multiple=True, metavar="KEY=VALUE",
                 help="Any other threshold of sentinelle.harassment.Settings, e.g. --set reciprocity_ratio=0.6."),
    click.option("--refresh", is_flag=True, help="Run the analysis again even if its inputs are unchanged."),
    click.option("--json", "as_json", is_flag=True, help="Print the JSON result."),
    quiet_option,
]


def _thresholds(f):  # type: ignore[no-untyped-def]
    for opt in reversed(_THRESHOLDS):
        f = opt(f)
    return f


def _settings(min_messages: int | None, min_days: int | None, min_confidence: float | None,
              extra: tuple[str, ...] = ()) -> dict[str, Any]:
    given: dict[str, Any] = {"min_messages": min_messages, "min_days": min_days, "min_confidence": min_confidence}
    for item in extra:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"expected KEY=VALUE, got {item!r}", param_hint="--set")
        given[key.strip()] = value.strip()
    return {k: v for k, v in given.items() if v is not None}




def register(cli: click.Group) -> None:
    """Add this module's commands to the `sentinelle` group."""

    @cli.command("cases")
    @click.argument("case_dir", metavar="CASE", type=click.Path(file_okay=False))
    @_thresholds
    def cases_cmd(case_dir: str, min_messages, min_days, min_confidence, extra, refresh, as_json, quiet) -> None:  # type: ignore[no-untyped-def]
        """List harassment cases in CASE, ranked by severity and duration.

        Two shapes: a campaign is repeated targeting of one person (by default at least 3 attacks
        on at least 2 different days); a pile-on is several members against one person in one
        sitting (by default at least 2 members, 4 attacks, within 6 h). Reported speech, a
        defender's counter-attack and the target answering back never count as aggression.
        """
        from ..pipeline.harassment import list_cases
        from ..store import Case

        with Case.open(case_dir) as case, progress(quiet) as bar:
            data = list_cases(case, _settings(min_messages, min_days, min_confidence, extra), refresh,
                              step_progress(bar, quiet))
        if as_json:
            click.echo(json.dumps(data, ensure_ascii=False, indent=1))
            return
        console = stdout_console()
        rows = []
        for c in data["cases"]:
            esc = c["escalation"]
            sp = c["speaking_up"]
            rows.append([
                f"#{c['rank']}", c.get("shape", "campaign"), ", ".join(c["target_names"]) or c["target"],
                ", ".join(_who(a) for a in c["aggressors"]) + (" (mobbing)" if c["mobbing"] else ""),
                ", ".join(_who(d) for d in (c.get("roles") or {}).get("defenders", [])),
                c["messages"], c["frequency_per_week"], c["severity"]["max"],
                f"{(c['period']['first'] or '')[:10]} → {(c['period']['last'] or '')[:10]} ({c['period']['days']} d)",
                "yes" if esc["escalating"] else esc["frequency"]["trend"],
                ("yes: " + ", ".join(sp.get("findings", [])) if sp.get("findings") else "yes") if sp["spoke_up"] else "no",
                ", ".join(_who(a) for a in c["aggressors"] if a["authority"]["holds_authority"]),
            ])
        n = len(data["cases"])
        print_table(console, f"Harassment cases ({n})", ["#", "shape", "target", "aggressors", "defenders", "msgs",
                    "per week", "max sev", "period", "escalation", "spoke up", "authority"], rows, head=3,
                    nothing="No harassment case found (thresholds below).")
        for c in data["cases"]:
            if c.get("summary"):
                console.print(f"#{c['rank']} {c.get('shape', 'campaign')}: {c['summary']}", markup=False)
        keys = ("min_messages", "min_days", "min_span_hours", "pileon_min_aggressors", "pileon_min_messages",
                "pileon_max_hours", "min_confidence")
        console.print("thresholds: " + ", ".join(f"{k} {text_of(data['settings'][k])}" for k in keys
                                                 if k in data["settings"]), markup=False)

    @cli.command("case")
    @click.argument("case_dir", metavar="CASE", type=click.Path(file_okay=False))
    @click.argument("person")
    @_thresholds
    def case_cmd(case_dir: str, person: str, min_messages, min_days, min_confidence, extra, refresh, as_json, quiet) -> None:  # type: ignore[no-untyped-def]
        """Print one harassment case: the evidence timeline with reasons and source bytes, the people
        and their roles, escalation and retaliation figures."""
        from ..pipeline.harassment import case_report
        from ..store import Case

        with Case.open(case_dir) as case, progress(quiet) as bar:
            c = case_report(case, person, _settings(min_messages, min_days, min_confidence, extra), refresh,
                            step_progress(bar, quiet))
        if as_json:
            click.echo(json.dumps(c, ensure_ascii=False, indent=1))
            return
        _print_case(c)


def _who(row: dict[str, Any]) -> str:
    return " / ".join(row.get("names") or []) or row["person"]


def _print_case(c: dict[str, Any]) -> None:
    console = stdout_console()

    def out(text: str, bold: bool = False) -> None:
        console.print(text, markup=False, style="bold" if bold else None)  # chat text may hold [brackets]

    per = c["period"]
    names = {row["person"]: _who(row) for row in c["aggressors"] + c["bystanders"] + c["witnesses"]}
    names[c["target"]] = " / ".join(c["target_names"]) or c["target"]
    roles = c.get("roles") or {}
    for key in ("defenders", "endorsers", "conciliators", "bystanders", "counter_attackers"):
        for row in roles.get(key) or []:
            names.setdefault(row["person"], _who(row))
    out(f"Case #{c['rank']} ({c.get('shape', 'campaign')}): {names[c['target']]} — {plural(c['messages'], 'message')}, "
        f"{text_of(per['first'])} → {text_of(per['last'])} ({text_of(per['days'])} days, {text_of(per['active_days'])} active), "
        f"{text_of(c['frequency_per_week'])} per week, max severity {text_of(c['severity']['max'])}", bold=True)
    if c.get("summary"):
        out(f"  {c['summary']}")
    th = c.get("thresholds")
    if th:
        out(f"  {th['shape']} thresholds: {th['rule']}; here: {'; '.join(th['met'])}")
    pile = c.get("pileon")
    if pile:
        out("Pile-on", bold=True)
        out(f"  {plural(pile['aggressors'], 'member')}, {plural(pile['messages'], 'attack')} in {text_of(pile['minutes'])} min "
            f"({pile['per_10_min']} per 10 min), started by {_who(pile['started_by'])} [{pile['first_message']}]")
        for j in pile["joined"]:
            out(f"  {'started' if j['person'] == pile['started_by']['person'] else 'joined'}: {_who(j)} after {text_of(j['minutes_after_start'])} min, {plural(j['messages'], 'message')} [{j['first_id']}]")
        for d in pile["defended_by"]:
            out(f"  defended by: {_who(d)} ({plural(d['messages'], 'defence message')})")
        for d in pile["defenders_attacked"]:
            out(f"  defender attacked in turn: {_who(d)} ({plural(d['messages'], 'message')})")
        for k in pile["counter_attacks"]:
            out(f"  {k['kind']}: {names.get(k['sender'], k['sender'])} at {names.get(k['at'], k['at'])} [{k['id']}]")
        r = pile["target_reaction"]
        out(f"  the target: {', '.join(r['all']) or 'no reaction seen'}")
    out("People", bold=True)
    if roles:
        for key in ("initiator", "joiners", "defenders", "counter_attackers", "endorsers", "conciliators", "bystanders"):
            v = roles.get(key)
            rows = [v] if isinstance(v, dict) else (v or [])
            if rows:
                out(f"  {key.replace('_', ' ')}: " + ", ".join(_who(x) for x in rows))
    for a in c["aggressors"]:
        auth = a["authority"]
        extra = f", authority: {auth['kind']}" if auth["holds_authority"] else ""
        out(f"  {a['role']}: {_who(a)} — {plural(a['messages'], 'message')} on {plural(a['days'], 'day')}, "
            f"{text_of(a['categories'])}{extra}")
    for b in c["bystanders"]:
        out(f"  joined in: {_who(b)} — {plural(b['messages'], 'message')} ({', '.join(b['ids'][:5])})")
    if c["witnesses"]:
        out("  witnesses: " + ", ".join(f"{_who(w)} ({w['present_for']})" for w in c["witnesses"][:30]))
    for m in c["mutual_set_aside"]:
        out(f"  set aside as mutual: {names.get(m['person'], m['person'])} ({m['to_target']} to / {m['from_target']} from the target)")
    esc = c["escalation"]
    out("Escalation" + (" — escalating" if esc["escalating"] else ""), bold=True)
    for key in ("frequency", "severity", "message_severity"):
        t = esc[key]
        out(f"  {t['unit']}: trend {text_of(t['trend'])} (tau {text_of(t['tau'])}, p {text_of(t['p_value'])}, "
            f"slope {text_of(t['slope'])}, n {text_of(t['n'])})")
    for a in esc["acts"]:
        out(f"  act ({a['category']}): {a['time']} {names.get(a['sender'], a['sender'])}: {a['text']}  [{a['id']}]")
    sp = c["speaking_up"]
    out("Speaking up: " + ("yes" if sp["spoke_up"] else "no"), bold=True)
    for label, fig in (("after the first objection", sp), ("after the first report", sp.get("after_first_report"))):
        if not sp["spoke_up"] or not fig:
            continue
        h, s = fig["hostility"], fig["silence"]
        out(f"  {label} ({fig['first_complaint']}): hostility per week {text_of(h['per_week_before'])} → "
            f"{text_of(h['per_week_after'])} ({text_of(h['change'])}, p {text_of(h['p_value'])}); exclusion/intimidation "
            f"{text_of(fig['exclusion']['before'])} → {text_of(fig['exclusion']['after'])}")
        for how in ("addressed", "followed"):
            a = s[how]
            out(f"    {how} within {text_of(s['window_min'][how])} min: {text_of(a.get('share_answered_before'))} → "
                f"{text_of(a.get('share_answered_after'))} of their messages ({text_of(a['change'])}, p {text_of(a.get('p_value'))})")
        for e in fig["removal"] + fig["departure"]:
            out(f"    {e['type']} {text_of(e['days_after_complaint'])} days after, by {text_of(names.get(e['actor'], e['actor']))}  [{e['id']}]")
    if sp["spoke_up"]:
        out("  findings: " + (", ".join(sp["findings"]) or "none"))
    out("Timeline", bold=True)
    for item in c["timeline"]:
        reasons = "; ".join(
            f"{r.get('detail')}" + (f" «{r['matched']}»" if r.get("matched") else "") for r in item.get("reasons", [])
        )
        src = item.get("source", {})
        who = item.get("sender_name") or names.get(item.get("sender"), item.get("sender"))
        out(f"  {text_of(item['time'])} [{item['kind']}] {text_of(who)}: {item['text']}")
        tg = item.get("targeting")
        if tg:
            out(f"      aimed at {text_of(names.get(tg['person'], tg['person']))}: {tg['method']} {text_of(tg['confidence'])}"
                + (f" — {tg['reason']}" if tg.get("reason") else ""))
        where = f"{src.get('path') or '?'}:{text_of(src.get('line_start'))} bytes {text_of(src.get('byte_start'))}-{text_of(src.get('byte_end'))}"
        out(f"      id {item['id']} · {where}" + (f" · {reasons}" if reasons else ""))
        if item.get("source_text") is not None:
            out(f"      source bytes: {item['source_text']!r}")
