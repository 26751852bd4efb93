"""The report's first screen: the few findings to read first, one sentence each naming who, what
and when, with the records that show it.

From the stored results only, in this order: the highest-ranked harassment case and those at least
half as severe, three at most (their shape, target, aggressors, period, escalation and what followed
the target's complaint), the silence orders aimed at a named person (the person, whether a union representative, what they wrote before
and after, whether they then left) and the other silence orders, the undeclared leader beside the
declared chief nobody follows, and the most severe flagged messages. Every sentence is built in the
report's language from the catalogue; nothing here judges: each finding is a lead to check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .cases import case_sentence, join, quote
from .format import number, role_text
from .i18n import CATALOGUE
from .refs import short_day, short_time

CASES_SHOWN = 3  # at most, the first one and those at least half as severe (sum of severities)
SEVERE_SHARE = 0.5
WORST_SHOWN = 3


def _weight(case: dict[str, Any]) -> float:
    sev = case.get("severity")
    return float(sev.get("sum") or 0) if isinstance(sev, dict) else float(case.get("messages") or 0)


def _role(declared: Any) -> str:
    """`Brigadier-chef — Chef de brigade`: the declared rank and role, without the unit."""
    if not isinstance(declared, dict):
        return ""
    return role_text({k: v for k, v in declared.items() if k != "unit"})


def leading_cases(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The harassment cases the first screen tells: the highest-ranked one and those at least half
    as severe, `CASES_SHOWN` at most (their targets are marked in the network drawing too)."""
    ranked = sorted(cases, key=lambda c: (c.get("rank") or 99, str(c.get("item_id"))))
    return [c for c in ranked[:CASES_SHOWN] if c is ranked[0] or _weight(c) >= SEVERE_SHARE * _weight(ranked[0])]


class Lead:
    """`Lead(ctx, t, person_name, conv_title)()` -> [{"kind", "text", "refs": [record ids], "anchor"}]."""

    def __init__(self, ctx: Any, t: Callable[..., str], person: Callable[[Any], str],
                 conv: Callable[[Any], str]) -> None:
        self.ctx, self.t, self.person, self.conv, self.lang = ctx, t, person, conv, ctx.lang
        self.dyn = ctx.dynamics or {}

    def __call__(self) -> list[dict[str, Any]]:
        return [*self.harassment(), *self.silence(), *self.leadership(), *self.worst()]

    def num(self, value: Any, decimals: int = 1) -> str:
        return number(value, self.lang, decimals, trim=True)

    # harassment ---------------------------------------------------------------------------
    def harassment(self) -> list[dict[str, Any]]:
        cases = self.ctx.harassment
        shown = leading_cases(cases)
        out = [{**case_sentence(c, self.t, self.lang, self.person), "kind": "harassment"} for c in shown]
        if len(cases) > len(shown):
            out.append({"kind": "more", "text": self.t.count("lead_more_cases", len(cases) - len(shown)),
                        "refs": [], "anchor": "harassment"})
        return out

    # silence orders -----------------------------------------------------------------------
    def silence(self) -> list[dict[str, Any]]:
        t, out = self.t, []
        named: dict[tuple[str, str], list[dict[str, Any]]] = {}
        others: dict[str, list[dict[str, Any]]] = {}
        for o in self.dyn.get("silence_orders") or []:
            if not isinstance(o, dict):
                continue
            named_raw = o.get("named") or []
            people = [str(p) for p in ([named_raw] if isinstance(named_raw, str) else named_raw)]
            for p in people:
                named.setdefault((str(o.get("issuer")), p), []).append(o)
            if not people:
                others.setdefault(str(o.get("issuer")), []).append(o)
        union = {str(p) for o in self.dyn.get("silence_orders") or [] if isinstance(o, dict) for p in o.get("union_reps_named") or []}
        for (issuer, person), orders in named.items():
            first = orders[0]
            msg = self._record(first)
            text = t("lead_silence", issuer=self.person(issuer), person=self.person(person),
                     rep=t("lead_union_rep") if person in union else "",
                     when=short_time(msg.get("time"), self.lang) if msg else "?", conv=self.conv(self._conversation(first)),
                     orders=t.count("n_orders", len(orders)), quote=quote(msg.get("text"), t) if msg else "")
            refs = [o.get("message_id") for o in orders]
            follow = next((f for o in orders for f in o.get("followed_by") or [] if isinstance(f, dict)
                           and str(f.get("person")) == person), None)
            if follow:
                text += t("lead_silence_after", person=self.person(person),
                          after=t.count("n_messages", follow.get("messages_after") or 0),
                          before=follow.get("messages_before"), days=self.num(follow.get("days_after"), 0))
                gone = self._exit(follow)
                if gone:
                    text += t("lead_then_left" if gone[0] == "left" else "lead_then_removed", day=gone[1])
                    refs.append(gone[2])
            out.append({"kind": "silence", "text": text + ".", "refs": [r for r in dict.fromkeys(refs) if r],
                        "anchor": "silence"})
        for issuer, orders in others.items():
            audiences = sorted({a for o in orders for a in o.get("audiences") or []})
            days = [short_time(m.get("time"), self.lang) for o in orders if (m := self._record(o))]
            text = t("lead_silence_general", issuer=self.person(issuer), orders=t.count("n_silence_orders", len(orders)),
                     audiences=join([t("v_" + a) if ("v_" + a) in CATALOGUE else a for a in audiences], t)
                     or t("lead_no_audience"), when=join(days, t))
            out.append({"kind": "silence", "text": text + ".", "refs": [o.get("message_id") for o in orders],
                        "anchor": "silence"})
        return out

    def _conversation(self, row: dict[str, Any]) -> Any:
        """The row's conversation, else that of the first record it cites."""
        if row.get("conversation_id"):
            return row["conversation_id"]
        return self._record(row).get("conversation_id")

    def _record(self, order: dict[str, Any]) -> dict[str, Any]:
        rid = order.get("message_id") or (order.get("evidence") or [None])[0]
        return self.ctx.evidence.get(str(rid)) or {}

    def _exit(self, follow: dict[str, Any]) -> tuple[str, str, str] | None:
        for rid in follow.get("evidence") or []:
            r = self.ctx.evidence.get(str(rid)) or {}
            if r.get("kind") == "event" and r.get("event") in ("left", "removed"):
                return r["event"], short_day(r.get("time"), self.lang), str(rid)
        if follow.get("left") or follow.get("removed"):
            return ("left" if follow.get("left") else "removed"), "?", ""
        return None

    # leadership ---------------------------------------------------------------------------
    def leadership(self) -> list[dict[str, Any]]:
        t, out = self.t, []
        rows = [p for p in self.dyn.get("parallel_command") or [] if isinstance(p, dict)]
        leaders = [p for p in rows if p.get("kind", "influence_exceeds_role") == "influence_exceeds_role"]
        chiefs = [p for p in rows if p.get("kind") == "declared_chief_ignored"]
        stats = {(str(r.get("person")), str(r.get("conversation_id"))): r
                 for r in self.dyn.get("leadership") or [] if isinstance(r, dict)}
        told: set[int] = set()
        for p in leaders:
            conv = self._conversation(p)
            s = stats.get((str(p.get("person")), str(conv)), {})
            med = p.get("group_median_influence")
            ratio = p["influence"] / med if isinstance(p.get("influence"), int | float) and med else None
            role = _role(p.get("declared")) or t("lead_no_role")
            text = t("lead_leader", leader=self.person(p.get("person") or p.get("name")), role=role, conv=self.conv(conv))
            if isinstance(p.get("influence"), int | float):
                text += t("lead_influence", influence=self.num(p["influence"], 2))
                if ratio is not None:
                    text += t("lead_ratio", ratio=self.num(ratio, 1))
            obeyed, issued = p.get("directives_obeyed", s.get("directives_obeyed")), s.get("directives_issued", p.get("directives_issued"))
            if obeyed is not None and issued:
                text += t("lead_obeyed", obeyed=obeyed, issued=issued)
            refs = list((p.get("evidence") or [])[:2])
            for i, chief in enumerate(chiefs):
                if self._conversation(chief) == conv:
                    told.add(i)
                    text += self._chief(chief, t("lead_chief_beside"))
                    refs += (chief.get("evidence") or [])[:2]
            out.append({"kind": "leader", "text": text + ".", "refs": refs, "anchor": "parallel"})
        for i, chief in enumerate(chiefs):
            if i not in told:
                out.append({"kind": "leader", "text": self._chief(chief, t("lead_chief_alone")).lstrip(" ;,") + ".",
                            "refs": (chief.get("evidence") or [])[:2], "anchor": "parallel"})
        return out

    def _chief(self, chief: dict[str, Any], template: str) -> str:
        return template.format(chief=self.person(chief.get("person") or chief.get("name")),
                               role=_role(chief.get("declared")) or self.t("lead_no_role"),
                               conv=self.conv(self._conversation(chief)),
                               not_obeyed=chief.get("directives_not_obeyed", "?"), issued=chief.get("directives_issued", "?"))

    # worst messages -----------------------------------------------------------------------
    def worst(self) -> list[dict[str, Any]]:
        t = self.t
        flags = sorted(self.ctx.flags, key=lambda f: (-f["severity"], -max(f["categories"].values(), default=0),
                                                        f["time"] or "", f["id"]))
        out = []
        for f in flags[:WORST_SHOWN]:
            what = t(f["category"]) + (" → " + ", ".join(t(g) for g in f["targets"]) if f.get("targets") else "")
            out.append({"kind": "flag", "text": t("lead_flag", sender=f.get("sender") or "?",
                                                   when=short_time(f.get("time"), self.lang),
                                                   conv=self.conv(f.get("conversation_id")), quote=quote(f.get("text"), t),
                                                   what=what, severity=f["severity"]) + ".",
                        "refs": [f["id"]], "anchor": "m-" + f["id"]})
        top = flags[0]["severity"] if flags else 0
        same = sum(1 for f in flags if f["severity"] == top)
        if same > WORST_SHOWN:
            out.append({"kind": "more", "text": t("lead_more_flags", n=same, severity=top), "refs": [], "anchor": "flags"})
        return out
