"""Small text helpers shared by every layer (layer 0, no I/O)."""

from __future__ import annotations

import unicodedata

from .records import clean_text

__all__ = ["clean_text", "fold", "strip_accents"]


def strip_accents(text: str) -> str:
    """ "collègues" -> "collegues". Length may change: never use on text whose offsets matter."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Comparison key: invisible marks removed, accents stripped, case folded, spaces squeezed."""
    return " ".join(strip_accents(clean_text(text)).casefold().split())
