"""Power: does an aggressor hold authority over the target?

`authority` is plain data given by the caller (the pipeline fills it from the roster and the
dynamics result):
  {"ranks": {person_key: level (int, higher = more senior) or rank name},
   "leaders": {person_key: influence in [0, 1]},
   "leader_flags": [person_key, ...]}   # optional: those the dynamics analysis calls leaders
A declared rank above the target's is "declared" authority. De facto authority: an influence at
or above `settings.leader_influence` and above the target's, and, when `leader_flags` is given,
being one of them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from ..textutil import fold
from .settings import Settings


@cache
def _ranks() -> dict[str, int]:
    raw = json.loads(resources.files(__package__).joinpath("data").joinpath("ranks.json").read_text("utf-8"))
    return {fold(k): int(v) for k, v in raw["ranks"].items()}


def rank_level(rank: str | int | float | None) -> int | None:
    """A seniority level for a rank name ("Brigadier-chef" -> 4) or a number; None if unknown."""
    if rank is None or rank == "":
        return None
    if isinstance(rank, int | float):
        return int(rank)
    key = fold(str(rank)).strip(" .")
    if key.lstrip("-").isdigit():
        return int(key)
    table = _ranks()
    if key in table:
        return table[key]
    # "capitaine de police", "Cdt. Martin": the longest known rank name it starts with
    best = max((k for k in table if key.startswith(k + " ") or key.startswith(k + ".")), key=len, default=None)
    return table[best] if best else None


def power(aggressor: str, target: str, authority: Mapping[str, Any] | None, settings: Settings) -> dict[str, Any]:
    """{"holds_authority", "kind": declared|de_facto|None, figures...} for one aggressor over the target."""
    out: dict[str, Any] = {"holds_authority": False, "kind": None}
    if not authority:
        return out
    ranks = authority.get("ranks") or {}
    a_rank, t_rank = rank_level(ranks.get(aggressor)), rank_level(ranks.get(target))
    if a_rank is not None or t_rank is not None:
        out.update(aggressor_rank=ranks.get(aggressor), target_rank=ranks.get(target),
                   aggressor_level=a_rank, target_level=t_rank)
    if a_rank is not None and t_rank is not None and a_rank > t_rank:
        out.update(holds_authority=True, kind="declared")
        return out
    leaders = authority.get("leaders") or {}
    a_inf, t_inf = leaders.get(aggressor), leaders.get(target)
    if a_inf is not None:
        out.update(aggressor_influence=round(float(a_inf), 3),
                   target_influence=None if t_inf is None else round(float(t_inf), 3))
        flags = authority.get("leader_flags")
        flagged = flags is None or aggressor in flags
        if flagged and float(a_inf) >= settings.leader_influence and (t_inf is None or float(a_inf) > float(t_inf)):
            out.update(holds_authority=True, kind="de_facto")
    return out
