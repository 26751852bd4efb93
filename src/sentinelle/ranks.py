"""The one table of declared ranks and roles (`data/ranks.tsv`): the dynamics analysis (declared
chief, parallel command) and the harassment analysis (who holds authority over a target) read the
same levels, so "brigadier-chef above gardien" is decided once.

A rank gives a level: the longest rank name found in the text as whole words ("capitaine de
police" -> capitaine, "Cdt. Martin" -> cdt). A role adds its bonus ("chef de groupe" +2); a role
alone gives its bonus over level 0. Hyphenated names are one word: "chef" is not found inside
"brigadier-chef". Numbers are levels already.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from .textutil import fold


@cache
def _table() -> tuple[tuple[tuple[re.Pattern[str], int, int], ...], tuple[tuple[re.Pattern[str], int], ...]]:
    text = resources.files(__package__).joinpath("data", "ranks.tsv").read_text("utf-8")
    ranks, roles = [], []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, level, name = line.split("\t")
        rx = re.compile(r"(?<![\w-])" + re.escape(fold(name)) + r"(?![\w-])")
        if kind == "rank":
            ranks.append((rx, int(level), len(name)))
        else:
            roles.append((rx, int(level)))
    return tuple(ranks), tuple(roles)


def _key(text: str) -> str:
    return fold(text).replace(".", " ").strip()


def rank_level(rank: str | int | float | None) -> int | None:
    """The level of a rank name, or a number; None when no rank is known in it."""
    if rank is None or rank == "":
        return None
    if isinstance(rank, int | float):
        return int(rank)
    key = _key(str(rank))
    if key.lstrip("-").isdigit():
        return int(key)
    best: tuple[int, int] | None = None  # (name length, level)
    for rx, level, length in _table()[0]:
        if (best is None or length > best[0]) and rx.search(key):
            best = (length, level)
    return best[1] if best else None


def role_bonus(role: str | None) -> int:
    """The largest bonus of the roles named in `role` (0 when none)."""
    if not role:
        return 0
    key = _key(role)
    return max((level for rx, level in _table()[1] if rx.search(key)), default=0)


def declared_level(rank: str | int | float | None, role: str | None = None) -> int | None:
    """A comparable level for a declared rank and role (higher = more authority), None when
    neither is known. The role may also be written in the rank field ("Capitaine, chef de service")."""
    level = rank_level(rank)
    bonus = max(role_bonus(role), role_bonus(rank) if isinstance(rank, str) else 0)
    if level is None and not bonus:
        return None
    return (level or 0) + bonus
