"""The project's own FR/EN pattern lists (harassment/data/*.json), compiled, with spans mapped back.

Each data file holds entries {id, lang, category, severity, pattern, note}. Patterns are regular
expressions over the *folded* text (accents stripped, case folded); a per-character map sends every
match back to the exact span of the ORIGINAL text, so that a reader can check it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..records import clean_text

__all__ = ["Match", "Pattern", "fold_map", "load", "search_all"]


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    lang: str
    category: str
    severity: int
    regex: re.Pattern[str]
    note: str


@dataclass(frozen=True, slots=True)
class Match:
    pattern: Pattern
    span: tuple[int, int]  # in the original text
    matched: str  # original characters

    def reason(self) -> dict:
        return {
            "kind": "pattern",
            "detail": self.pattern.id,
            "category": self.pattern.category,
            "span": list(self.span),
            "matched": self.matched,
            "note": self.pattern.note,
        }


@cache
def load(name: str) -> tuple[Pattern, ...]:
    """Compile harassment/data/<name>.json (cached)."""
    raw = json.loads(resources.files(__package__).joinpath("data").joinpath(f"{name}.json").read_text("utf-8"))
    out = []
    for entry in raw["patterns"]:
        out.append(
            Pattern(
                id=entry["id"],
                lang=entry.get("lang", "fr"),
                category=entry.get("category", name),
                severity=int(entry.get("severity", 1)),
                regex=re.compile(entry["pattern"]),
                note=entry["note"],
            )
        )
    return tuple(out)


_INVISIBLE_CLEAN = clean_text  # removes bidi marks, turns NBSP into spaces


def fold_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of the original character.

    Folding: invisible marks dropped, accents stripped, case folded, typographic apostrophes made
    plain. Unlike `textutil.fold`, spaces are kept as they are so that offsets stay exact.
    """
    if text.isascii() and "`" not in text:
        return text.lower(), list(range(len(text)))  # the common case, 1:1
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        cleaned = _INVISIBLE_CLEAN(ch)
        if not cleaned:
            continue
        if cleaned in "\u2019\u2018\u02bc`\u00b4":
            cleaned = "'"
        decomposed = unicodedata.normalize("NFKD", cleaned)
        base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        for c in base:
            chars.append(c)
            index.append(i)
    return "".join(chars), index


def search_all(text: str, patterns: tuple[Pattern, ...], folded: tuple[str, list[int]] | None = None) -> list[Match]:
    """Every pattern that matches `text`, first match of each, with its original span."""
    ftext, index = folded or fold_map(text)
    out = []
    for pat in patterns:
        m = pat.regex.search(ftext)
        if m is None or m.end() == m.start():
            continue
        start = index[m.start()]
        end = index[m.end() - 1] + 1
        out.append(Match(pat, (start, end), text[start:end]))
    return out
