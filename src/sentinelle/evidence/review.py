"""The review queue: every flag, directive and harassment case a reviewer must decide on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .decisions import latest_decisions


@dataclass
class ReviewItem:
    item_id: str  # flag:<message id> | directive:<id> | case:<id>
    kind: str
    title: str  # one line: category, severity, who
    text: str  # the message or the finding
    context: list[str] = field(default_factory=list)  # a few lines around it, the item marked ">"
    reasons: list[str] = field(default_factory=list)
    status: str = "pending"  # last decision: confirm | dismiss | skip | pending
    # how serious, for ordering a list: a flag's severity (1-3), a directive's kind (silence order 3,
    # prohibition 2, order or instruction 1), a harassment case's maximum severity (at least 3)
    severity: int = 0


_DIRECTIVE_SEVERITY = {"silence_order": 3, "prohibition": 2, "order": 1, "instruction": 1}


def _number(value: Any) -> int:
    """A case's severity: {"max": n, ...} or a plain number."""
    if isinstance(value, dict):
        value = value.get("max")
    return int(value) if isinstance(value, int | float) else 0


def _line(record: Any, mark: bool = False) -> str:
    when = record.time.isoformat(sep=" ") if record.time else record.time_raw
    who = getattr(record, "sender", None) or getattr(record, "actor", None) or "—"
    return f"{'>' if mark else ' '} {when} {who}: {record.text}"


def _who(aggressor: Any) -> str:
    if isinstance(aggressor, dict):
        names = aggressor.get("names") or [aggressor.get("person")]
        return str(names[0] if isinstance(names, list) and names else names)
    return str(aggressor)


def review_queue(case: Any, *, include_decided: bool = False, context_size: int = 2) -> list[ReviewItem]:
    """Items in a fixed order (flags by time, then directives, then cases); pending ones only
    unless `include_decided`. A skipped item stays pending."""
    latest = latest_decisions(case.decisions())
    items: list[ReviewItem] = []
    detections = {d.message_id: d for d in case.detections(flagged_only=True) if d.message_id}
    flagged = []
    for mid, det in detections.items():
        message = case.message(mid)
        if message is not None:
            flagged.append((message.time.isoformat() if message.time else "", mid, message, det))
    for _, mid, message, det in sorted(flagged, key=lambda x: (x[0], x[1])):
        items.append(
            ReviewItem(
                item_id=f"flag:{mid}",
                kind="flag",
                title=f"{det.top_category} · severity {det.severity}"
                + (f" · {', '.join(det.targets)}" if det.targets else "")
                + (f" · {det.stance}" if det.stance else "")
                + f" · {message.sender}",
                text=message.text,
                severity=int(det.severity or 0),
                context=[_line(r, r.id == mid) for r in case.context(mid, before=context_size, after=context_size)],
                reasons=[
                    f"{r.kind}: {r.detail}" + (f" «{r.matched}»" if r.matched else "") + (f" ({r.score:.2f})" if r.score is not None else "")
                    for r in det.reasons
                ],
            )
        )
    dynamics = case.get_result("dynamics", "case") or {}
    names = {str(p.get("person")): str(p.get("name")) for p in dynamics.get("people") or []
             if isinstance(p, dict) and p.get("person") and p.get("name")}
    for d in dynamics.get("directives") or []:
        ev = d.get("evidence") or []
        item_id = "directive:" + str(d.get("id") or d.get("message_id") or (ev[0] if ev else "?"))
        records = [r for rid in ev[:5] if (r := case.record(rid)) is not None]
        items.append(
            ReviewItem(
                item_id=item_id,
                kind="directive",
                title=f"directive ({d.get('kind') or '?'}) · {names.get(str(d.get('issuer')), d.get('issuer') or '?')}",
                text=str(d.get("text") or (records[0].text if records else "")),
                severity=_DIRECTIVE_SEVERITY.get(str(d.get("kind")), 1),
                context=[_line(r) for r in records],
                reasons=[f"{k}: {v}" for k, v in sorted(d.items()) if k not in ("evidence", "text") and not isinstance(v, dict | list)],
            )
        )
    harassment = case.get_result("harassment", "cases") or {}
    for c in harassment.get("cases") or []:
        item_id = "case:" + str(c.get("id") or c.get("target") or "?")
        timeline = c.get("timeline") or []
        ids = [t.get("message_id") or t.get("id") or (t.get("evidence") or [None])[0] for t in timeline if isinstance(t, dict)]
        records = [r for rid in ids[:8] if rid and (r := case.record(rid)) is not None]
        items.append(
            ReviewItem(
                item_id=item_id,
                kind="case",
                title=f"harassment case · target {', '.join(map(str, c.get('target_names') or [c.get('target')]))}"
                f" · aggressors {', '.join(_who(a) for a in c.get('aggressors') or [])}",
                text=str(c.get("summary") or ""),
                severity=max(3, _number(c.get("severity"))),
                context=[_line(r) for r in records],
                reasons=[f"{k}: {v}" for k, v in sorted(c.items()) if k not in ("timeline", "target", "aggressors") and not isinstance(v, dict | list)],
            )
        )
    for item in items:
        decision = latest.get(item.item_id)
        item.status = decision["decision"] if decision else "pending"
    if include_decided:
        return items
    return [i for i in items if i.status in ("pending", "skip")]
