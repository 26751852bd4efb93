"""How values read in the report: declared roles in words, numbers and dates in the reader's
language, column names translated. Pure functions of their input (the report stays deterministic)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from .i18n import CATALOGUE

ROLE_KEYS = frozenset({"rank", "role", "unit", "union_rep"})
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$")


def is_role(value: Any) -> bool:
    """A declared role (a roster row): a mapping with rank, role or unit."""
    return isinstance(value, dict) and bool(ROLE_KEYS & value.keys()) and "person" in value


def role_text(role: Any) -> str:
    """`Gardien de la paix — Équipier, administrateur du groupe (Brigade Fictive 75)`; '' if none."""
    if not isinstance(role, dict):
        return ""
    rank, duty, unit = (str(role.get(k) or "").strip() for k in ("rank", "role", "unit"))
    text = " — ".join(x for x in (rank, duty) if x)
    if unit:
        text = f"{text} ({unit})" if text else unit
    return text


def number(value: Any, lang: str, decimals: int = 2, trim: bool = False) -> str:
    """1 234,56 in French, 1,234.56 in English; integers without decimals; '—' for none;
    `trim` drops trailing zeros (300 rather than 300,000)."""
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return "—" if value is None else str(value)
    if trim and isinstance(value, float) and 0 < abs(value) < 10 ** -decimals:
        decimals = 1 - math.floor(math.log10(abs(value)))  # two significant digits, not 0,000
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


NEGLIGIBLE = 0.001


def figure(value: Any, lang: str, t: Callable[..., str]) -> str:
    """A centrality or share (0..1 and the like) as a reader takes it in: three decimals at most,
    and in words below 0.001 (`négligeable`, never 0.000001); '—' for none."""
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return "—" if value is None else str(value)
    if value == 0:
        return number(0, lang)
    if abs(value) < NEGLIGIBLE:
        return t("negligible")
    return number(float(value), lang, 3, trim=True)


def when(value: Any) -> Any:
    """An ISO timestamp as people read it: `2025-01-09 13:10:00` (seconds kept: they are evidence),
    `UTC` spelled out for zoned times; any other value unchanged."""
    if not isinstance(value, str):
        return value
    m = _ISO.match(value)
    if not m:
        return value
    day, clock, zone = m.groups()
    if zone in ("Z", "+00:00", "+0000"):
        zone = "UTC"
    return f"{day} {clock}" + (f" {zone}" if zone else "")


def flat_settings(settings: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """An analysis's settings as `name=value` pairs, nested ones dotted (`weights.admin_share`)."""
    if not isinstance(settings, dict):
        return [(prefix, settings)] if prefix else []
    out: list[tuple[str, Any]] = []
    for k, v in settings.items():
        out += flat_settings(v, f"{prefix}.{k}" if prefix else str(k)) if isinstance(v, dict) else [(f"{prefix}.{k}" if prefix else str(k), v)]
    return out


def labeller(t: Callable[..., str]) -> Callable[[str], str]:
    """Column and field names: the catalogue's `col_<key>` (or `<key>`), else the key in words."""

    def label(key: str) -> str:
        for k in (f"col_{key}", str(key)):
            if k in CATALOGUE:
                return t(k)
        return str(key).replace("_", " ").capitalize()

    return label


def finder(t: Callable[..., str]) -> Callable[[Any], Any]:
    """The harassment analysis's findings (English phrases such as `removed from the group
    (after the report)`) in the reader's language; an unknown phrase is kept as written."""
    suffix = " (after the report)"

    def finding(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        base, later = (value[: -len(suffix)], True) if value.endswith(suffix) else (value, False)
        key = "find_" + base.replace(" ", "_")
        if key not in CATALOGUE:
            return value
        return t(key) + (t("after_report") if later else "")

    return finding


def valuer(t: Callable[..., str]) -> Callable[[Any], Any]:
    """Enumerated values the analyses store in snake_case (kinds, outcomes, labels): `v_<value>`
    from the catalogue when known, else the words; any other value unchanged."""

    def word(value: Any) -> Any:
        if not isinstance(value, str) or not re.fullmatch(r"[a-z][a-z0-9_ ]{0,40}", value):
            return value
        key = "v_" + value.replace(" ", "_")
        if key in CATALOGUE:
            return t(key)
        if " " in value:
            return value
        return value.replace("_", " ") if "_" in value else value

    return word
