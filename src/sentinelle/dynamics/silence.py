"""Silence orders and union exclusion: directives that restrict speaking (to unions, the press,
the hierarchy, investigators, outsiders, or at all), who issued them, whom they named (vocative
names, persons named, and roster union representatives when unions are the target), and what
followed for each named person: messages before/after against the conversation's base rate,
departure, removal.
"""

from __future__ import annotations

from typing import Any

from .compliance import RateIndex, silence_figures
from .corpus import ConvData
from .directives import Directive
from .settings import DynamicsSettings

RESTRICTED = frozenset({"unions", "press", "hierarchy", "investigators", "outsiders"})


def is_silence_order(d: Directive) -> bool:
    return d.kind == "silence_order" or (d.kind == "prohibition" and bool(RESTRICTED & set(d.audiences)))


def named_persons(d: Directive, cd: ConvData, union_reps: set[str]) -> list[str]:
    named = list(dict.fromkeys([*d.addressees, *d.persons]))
    if "union_rep" in d.roles or "unions" in d.audiences:
        named += [p for p in sorted(union_reps) if p in cd.members and p not in named]
    return [p for p in named if p != d.issuer]


def silence_order_report(
    d: Directive, cd: ConvData, idx: RateIndex, union_reps: set[str], settings: DynamicsSettings
) -> dict[str, Any]:
    named = named_persons(d, cd, union_reps)
    figures = [silence_figures(idx, p, d.time or 0.0, settings, d.message_id) for p in named]
    evidence = [d.message_id]
    for f in figures:
        evidence += f["evidence"][1:]
    return {
        "message_id": d.message_id,
        "conversation_id": d.conversation_id,
        "issuer": d.issuer,
        "kind": d.kind,
        "audiences": list(d.audiences),
        "named": named,
        "union_reps_named": [p for p in named if p in union_reps],
        "followed_by": figures,
        "effect": sorted({k for f in figures for k in ("silenced", "left", "removed") if f[k]}),
        "evidence": list(dict.fromkeys(evidence)),
    }
