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

from collections.abc import Mapping
from typing import Any

from ..ranks import declared_level
from .settings import Settings


def rank_level(rank: str | int | float | None) -> int | None:
    """A level for a declared rank and/or role ("Brigadier-chef", "capitaine, chef de service") or
    a number; None if unknown. The table is sentinelle.ranks', shared with the dynamics analysis."""
    return declared_level(rank)


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
