"""Escalation: are severity and frequency rising over time? Tested, not eyeballed.

Weekly series (every week from the first to the last abusive message, empty weeks as zeros) of
the number of messages and the sum of their severities, each tested with the Mann-Kendall trend
test (Kendall's tau of value against week index, scipy.stats.kendalltau; no correction for
autocorrelation) with a Theil-Sen slope per week. The severity of single messages against time is
tested the same way. Plus the move from words to acts mentioned in the chat.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from scipy import stats

from .settings import Settings


def week_start(t: datetime) -> datetime:
    d = t.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    return d - timedelta(days=d.weekday())


def weekly(items: Sequence[tuple[datetime, int, str]]) -> list[dict[str, Any]]:
    """[(time, severity, record id)] -> one row per week: week, start, count, severity, ids."""
    if not items:
        return []
    first = week_start(min(t for t, _, _ in items))
    last = week_start(max(t for t, _, _ in items))
    n = (last - first).days // 7 + 1
    rows = [
        {"week": (first + timedelta(weeks=i)).strftime("%G-W%V"), "start": (first + timedelta(weeks=i)).date().isoformat(),
         "count": 0, "severity": 0, "ids": []}
        for i in range(n)
    ]
    for t, sev, rid in items:
        row = rows[(week_start(t) - first).days // 7]
        row["count"] += 1
        row["severity"] += sev
        row["ids"].append(rid)
    return rows


def trend(values: Sequence[float], settings: Settings, x: Sequence[float] | None = None) -> dict[str, Any]:
    """Mann-Kendall (Kendall tau vs order) with p-value and Theil-Sen slope."""
    n = len(values)
    xs = list(x) if x is not None else list(range(n))
    out: dict[str, Any] = {"n": n, "test": "mann-kendall (kendall tau)"}
    if n < settings.trend_min_weeks or len(set(values)) < 2:
        out.update(tau=None, p_value=None, slope=None, trend="insufficient data" if n < settings.trend_min_weeks else "flat")
        return out
    tau, p = stats.kendalltau(xs, values)
    slope = stats.theilslopes(values, xs)[0]
    tau = 0.0 if math.isnan(tau) else float(tau)
    p = 1.0 if math.isnan(p) else float(p)
    label = "none"
    if p < settings.alpha:
        label = "increasing" if tau > 0 else "decreasing"
    out.update(tau=round(tau, 3), p_value=round(p, 4), slope=round(float(slope), 3), trend=label)
    return out


def escalation(items: Sequence[tuple[datetime, int, str]], acts: list[dict[str, Any]], settings: Settings) -> dict[str, Any]:
    """Figures for the case's abusive items [(time, severity, id)] and the acts found."""
    weeks = weekly(items)
    counts = [w["count"] for w in weeks]
    sev = [w["severity"] for w in weeks]
    ordered = sorted(items)
    per_item = trend([s for _, s, _ in ordered], settings, x=[t.timestamp() for t, _, _ in ordered])
    per_item["unit"] = "severity of each message against its time"
    if per_item.get("slope") is not None:
        per_item["slope"] = round(per_item["slope"] * 7 * 86400, 3)  # per week
    half = len(ordered) // 2
    first_half = [s for _, s, _ in ordered[:half]] or [0]
    second_half = [s for _, s, _ in ordered[half:]] or [0]
    result: dict[str, Any] = {
        "weeks": len(weeks),
        "frequency": trend(counts, settings) | {"unit": "messages per week"},
        "severity": trend(sev, settings) | {"unit": "sum of severities per week"},
        "message_severity": per_item,
        "mean_severity_first_half": round(sum(first_half) / len(first_half), 2),
        "mean_severity_second_half": round(sum(second_half) / len(second_half), 2),
        "acts": acts,
    }
    labels = {result[k]["trend"] for k in ("frequency", "severity", "message_severity")}
    result["escalating"] = "increasing" in labels and "decreasing" not in labels
    if acts and ordered:
        first_act = min(acts, key=lambda a: a["time"] or "")
        result["words_to_acts"] = {
            "first_words": ordered[0][2],
            "first_act": first_act["id"],
            "days_from_first_words": _days(ordered[0][0], first_act["time"]),
        }
        result["escalating"] = result["escalating"] or first_act["time"] is not None
    return result


def _days(a: datetime, b_iso: str | None) -> float | None:
    if b_iso is None:
        return None
    return round((datetime.fromisoformat(b_iso) - a).total_seconds() / 86400, 1)
