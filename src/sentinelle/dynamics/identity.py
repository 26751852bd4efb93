"""Who is who: the same person across conversations must be one node.

Analyses take a `person_of(conversation_id, sender_name_or_id) -> person_key` callable; the case
store provides the real one (phones, platform ids, manual merges). Without it, a person is their
folded display name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..textutil import fold

PersonOf = Callable[[str, str], str | None]  # None: unknown, the folded name is used

# Words that cannot serve as a first-name alias: a name like "Le Chef" must not make every
# message starting with "le" an address.
_NOT_ALIASES = frozenset(
    "le la les un une des de du et ou mon ma mes ton ta tes son sa ses notre nos votre vos leur "
    "the a an my your our mr mme mlle m dr chef oui non ok salut bonjour merci tous tout toi moi "
    "lui elle il on nous vous".split()
)
_WORD = re.compile(r"\w[\w'-]*", re.UNICODE)


def default_person_of(conversation_id: str, name: str) -> str:
    """The folded display name: "Jean-Marc  DUPONT" -> "jean-marc dupont"."""
    return fold(name)


def aliases_for(name: str) -> list[str]:
    """Folded forms by which a display name may be addressed: full name, first and last word."""
    full = fold(name).lstrip("@~ ")
    if not full:
        return []
    out = [full]
    words = _WORD.findall(full)
    if len(words) > 1:
        for w in (words[0], words[-1]):
            if len(w) >= 3 and w not in _NOT_ALIASES and not w.isdigit():
                out.append(w)
    return out


class AliasIndex:
    """Folded alias -> person, ambiguous aliases (two people called "marc") dropped."""

    def __init__(self) -> None:
        self._map: dict[str, str | None] = {}
        self.max_words = 1
        self.first_words: set[str] = set()  # a cheap gate before any multi-word look-up

    def add(self, alias: str, person: str, *, strong: bool = False) -> None:
        alias = fold(alias).lstrip("@~ ")
        if not alias or alias in _NOT_ALIASES:
            return
        known = self._map.get(alias, person)
        if strong:  # a nickname the case knows, or a full name, wins over a first-name guess
            self._map[alias] = person
        else:
            self._map[alias] = person if known == person else None
        self.max_words = max(self.max_words, len(alias.split()))
        self.first_words.add(alias.split()[0])

    def add_name(self, name: str, person: str) -> None:
        for i, alias in enumerate(aliases_for(name)):
            self.add(alias, person, strong=i == 0)

    def get(self, alias: str) -> str | None:
        return self._map.get(alias)

    def __contains__(self, alias: str) -> bool:
        return self._map.get(alias) is not None

    def find_in(self, folded_text: str) -> list[tuple[str, int, int]]:
        """Every (person, start, end) of an alias as whole words in folded text."""
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded_text)]
        found: list[tuple[str, int, int]] = []
        i = 0
        while i < len(words):
            for n in range(min(self.max_words, len(words) - i), 0, -1):
                alias = " ".join(w for w, _, _ in words[i : i + n])
                person = self._map.get(alias)
                if person is not None:
                    found.append((person, words[i][1], words[i + n - 1][2]))
                    i += n - 1
                    break
            i += 1
        return found
