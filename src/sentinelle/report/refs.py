"""Evidence references a reader can follow: `Brigade Fictive 75, 14/04/2025 19:05, ligne 2301`
rather than `4530fe0826583160:136154`; the record id stays behind the reference (its link target
and tooltip) and in the appendix."""

from __future__ import annotations

import re
from typing import Any

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})")
_WORDS = {"fr": ("ligne", "lignes"), "en": ("line", "lines")}


def short_time(value: Any, lang: str) -> str:
    """`14/04/2025 19:05` in French, `2025-04-14 19:05` in English; other values as written."""
    m = _ISO.match(str(value or ""))
    if not m:
        return str(value or "")
    y, mo, d, h, mi = m.groups()
    return f"{d}/{mo}/{y} {h}:{mi}" if lang == "fr" else f"{y}-{mo}-{d} {h}:{mi}"


def short_day(value: Any, lang: str) -> str:
    """`14/04/2025` in French, `2025-04-14` in English."""
    return short_time(value, lang)[:10]


def lines_text(source: dict[str, Any] | None, lang: str) -> str:
    lines = (source or {}).get("lines") or []
    if not lines or lines[0] is None:
        return ""
    one, many = _WORDS.get(lang, _WORDS["en"])
    if len(lines) < 2 or lines[1] in (None, lines[0]):
        return f"{one} {lines[0]}"
    return f"{many} {lines[0]}–{lines[1]}"


class Referencer:
    """`ref(record_id)` -> the reference in words for a record of the appendix (or None)."""

    def __init__(self, evidence: dict[str, dict[str, Any]], conv_titles: dict[str, str], lang: str) -> None:
        self.evidence, self.titles, self.lang = evidence, conv_titles, lang

    def __call__(self, rid: Any) -> str | None:
        r = self.evidence.get(str(rid))
        if r is None:
            return None
        parts = [self.titles.get(r.get("conversation_id"), r.get("conversation_id") or ""),
                 short_time(r.get("time"), self.lang), lines_text(r.get("source"), self.lang)]
        return ", ".join(p for p in parts if p)
