"""Small text helpers shared by every layer (layer 0, no I/O)."""

from __future__ import annotations

import unicodedata

from .records import clean_text

__all__ = ["clean_text", "fold", "placeholder_phone", "strip_accents"]


def strip_accents(text: str) -> str:
    """ "collègues" -> "collegues". Length may change: never use on text whose offsets matter."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _FoldTable(dict[int, str]):
    """str.translate table filled per character on first sight: invisible marks removed, NFKD,
    combining marks dropped, case folded. Per character gives the same result as on the whole
    string (decomposition and case folding are per character) at a fraction of the cost."""

    def __missing__(self, code: int) -> str:
        out = strip_accents(clean_text(chr(code))).casefold()
        self[code] = out
        return out


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Comparison key: invisible marks removed, accents stripped, case folded, spaces squeezed."""
    if text.isascii():
        return " ".join(text.lower().split())
    return " ".join(text.translate(_FOLD).split())


def placeholder_phone(digits: str) -> bool:
    """Whether the digits of a phone number are a placeholder, not a number anyone has:
    one digit repeated ("+7 999 999-99-99"), two alternating, mostly zeros ("+1 000 000 0000"),
    or a run such as 123456789. Such "numbers" never link people."""
    national = digits[-9:]
    if len(set(national)) <= 2 or national.count("0") >= len(national) - 2:
        return True
    return national in "01234567890123456789" or national in "98765432109876543210"
