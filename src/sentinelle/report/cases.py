"""A harassment case in the reader's language: the one sentence that sums it up (the harassment
step's own summary, whose fields it reuses: shape, target, aggressors, period, initiator; written
here from the catalogue so that a French report says it in French), why it is called escalating,
and which thresholds it met."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .format import number
from .refs import short_day

QUOTE = 110


def name_of(row: Any) -> str:
    if isinstance(row, dict):
        return str((row.get("names") or [row.get("person")])[0] or "?")
    return str(row or "?")


def quote(text: Any, t: Callable[..., str]) -> str:
    text = " ".join(str(text or "").split())
    if len(text) > QUOTE:
        text = text[: QUOTE - 1].rstrip() + "…"
    return t("lq") + text + t("rq")


def join(words: list[str], t: Callable[..., str]) -> str:
    words = [w for w in words if w]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + t("and") + words[-1]


def escalation_reasons(esc: dict[str, Any], t: Callable[..., str]) -> list[str]:
    """Why a case is called escalating, in words: the trend tests that say so and the words that
    turned into acts. Empty when the case is not escalating, so that the verdict shown and the
    tests shown beside it never disagree."""
    if not esc.get("escalating"):
        return []
    why = [t("esc_" + k) for k in ("frequency", "severity", "message_severity")
           if isinstance(esc.get(k), dict) and esc[k].get("trend") == "increasing"]
    if esc.get("words_to_acts") or esc.get("acts"):
        why.append(t("esc_acts"))
    return why


TESTS = ("frequency", "severity", "message_severity")


def escalation_view(esc: dict[str, Any], t: Callable[..., str], lang: str) -> dict[str, Any]:
    """{"verdict", "tests"}: `oui — <why>` or `non` (`non — tendances contraires` when one test
    rises and another falls), then each trend test in words with its p-value."""
    why = escalation_reasons(esc, t)
    trends = [esc[k].get("trend") for k in TESTS if isinstance(esc.get(k), dict)]
    if why:
        verdict = t("yes") + " — " + ", ".join(why)
    else:
        verdict = t("no") + (" — " + t("esc_mixed") if "increasing" in trends else "")
    tests = []
    for k in TESTS:
        test = esc.get(k)
        if not isinstance(test, dict):
            continue
        trend = str(test.get("trend") or "none").replace(" ", "_")
        text = t("v_" + k) + t("colon") + (t("trend_" + trend) if t.has("trend_" + trend) else trend.replace("_", " "))
        if isinstance(test.get("p_value"), int | float):
            text += ", p = " + number(test["p_value"], lang, 3, trim=True)
        tests.append(text)
    return {"verdict": verdict, "tests": tests}


def case_sentence(c: dict[str, Any], t: Callable[..., str], lang: str,
                  person: Callable[[Any], str]) -> dict[str, Any]:
    """{"text", "refs": record ids that show it, "anchor"}: shape, target, period, messages,
    aggressors, initiator; escalation and its reasons; what followed the target's objection."""
    roles = c.get("roles") or {}
    target = name_of(roles["target"]) if roles.get("target") else ", ".join(map(str, c.get("target_names") or [c.get("target")]))
    aggressors = [person(a.get("person")) if isinstance(a, dict) else person(a) for a in c.get("aggressors") or []]
    initiator = name_of(roles["initiator"]) if roles.get("initiator") else (aggressors[0] if aggressors else "?")
    pl, per = c.get("pileon"), c.get("period") or {}
    refs: list[Any] = []
    if isinstance(pl, dict):
        text = t("lead_pileon", target=target, day=short_day(pl.get("first"), lang),
                 start=str(pl.get("first") or "")[11:16], end=str(pl.get("last") or "")[11:16],
                 members=t.count("n_members", pl.get("aggressors") or 0), aggressors=join(aggressors, t),
                 messages=t.count("n_messages", pl.get("messages") or 0), initiator=name_of(pl.get("started_by")))
        refs.append(pl.get("first_message"))
    else:
        text = t("lead_campaign", target=target)
        if per.get("first") and per.get("last"):
            text += t("lead_period", first=short_day(per["first"], lang), last=short_day(per["last"], lang))
        if c.get("messages"):
            text += t("lead_count", messages=t.count("n_hostile", c["messages"]))
            if per.get("active_days"):
                text += t("lead_on_days", days=t.count("n_days", per["active_days"]))
        if aggressors:
            text += t("lead_by", members=t.count("n_members", len(aggressors)), aggressors=join(aggressors, t))
        text += t("lead_started_by", initiator=initiator)
        first = next((e for e in c.get("timeline") or [] if e.get("kind") not in ("endorsement", "bystander")), None)
        refs.append((first or {}).get("id") or (first or {}).get("message_id"))
    esc = c.get("escalation") or {}
    why = escalation_reasons(esc, t)
    if why:
        text += t("lead_escalating", why=join(why, t))
        refs.append((esc.get("words_to_acts") or {}).get("first_act"))
    text += _after_objection(c.get("speaking_up") or {}, refs, t, lang, person)
    return {"text": text + ".", "refs": [r for r in dict.fromkeys(refs) if r], "anchor": "i-" + str(c.get("item_id"))}


def _after_objection(su: dict[str, Any], refs: list[Any], t: Callable[..., str], lang: str,
                     person: Callable[[Any], str]) -> str:
    """What followed the target's report to the hierarchy (else their first objection)."""
    if not su.get("spoke_up"):
        return ""
    later = su.get("after_first_report")
    block, key = (later, "lead_after_report") if isinstance(later, dict) and later.get("first_complaint") else (su, "lead_after_objection")
    first = block.get("first_complaint")
    said = next((x for x in su.get("complaints") or [] if x.get("id") == first), None)
    day = short_day((said or {}).get("time"), lang)
    refs.append(first)
    after = []
    for kind, word in (("removal", "lead_removed"), ("departure", "lead_left")):
        for ev in (block.get(kind) or [])[:1]:
            after.append(t(word, day=short_day(ev.get("time"), lang), actor=person(ev.get("actor")) if ev.get("actor") else "?"))
            refs.append(ev.get("id"))
    ex = block.get("exclusion") or {}
    if ex.get("change") == "increased":
        after.append(t("lead_excluded", before=ex.get("before"), after=ex.get("after")))
    if not after:
        return t("lead_spoke_up", day=day)
    return t(key, day=day, what=join(after, t))


def thresholds_text(c: dict[str, Any], settings: dict[str, Any], t: Callable[..., str], lang: str) -> str:
    """The rule the case met and its figures, from the harassment step's settings."""
    def n(v: Any, d: int = 1) -> str:
        return number(v, lang, d, trim=True)

    per, pl = c.get("period") or {}, c.get("pileon")
    if isinstance(pl, dict):
        return t("th_pileon", min_agg=settings.get("pileon_min_aggressors", "?"), min_msg=settings.get("pileon_min_messages", "?"),
                 hours=n(settings.get("pileon_max_hours")), gap=n(settings.get("sitting_gap_min"), 0),
                 n=pl.get("aggressors"), messages=pl.get("messages"), minutes=n(pl.get("minutes"), 0))
    return t("th_campaign", min_msg=settings.get("min_messages", "?"), min_days=settings.get("min_days", "?"),
             hours=n(settings.get("min_span_hours"), 0), messages=c.get("messages"), active=per.get("active_days"),
             days=n(per.get("days")))
