"""Stable pseudonyms ("Personne 07") for people's names and phone numbers, in every output.

The mapping (person id -> pseudonym) is kept in the case, never in a bundle, so that the
same person keeps the same pseudonym across reports. Inside message texts, full names, their
distinctive parts (a first name alone, a surname alone) and phone numbers written with any spacing
are replaced; matching ignores case and accents. A name part shared by several people becomes
"[nom]" rather than pointing at the wrong person; a phone number nobody in the case owns becomes
"[téléphone]". Re-identification goes through `reidentify`, which logs who asked and why in the
case's hash-chained log.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..errors import UsageError
from ..phones import phone_key  # the one phone-number rule (E.164)
from .decisions import append_entry

PREFIX = "Personne"
UNKNOWN_PHONE = "[téléphone]"
AMBIGUOUS_NAME = "[nom]"
# Display-name parts that are titles or ordinary words, not identifying on their own.
_COMMON = frozenset(
    """chef cheffe capitaine capitaine commandant commissaire lieutenant brigadier major adjudant
    sergent gardien agent officier adjoint adjointe madame monsieur mme mlle mr mrs ms dr doc
    les des une the and pour avec sans team groupe group brigade police syndicat delegue
    deleguee admin moderateur moi toi lui elle nous vous eux service unite""".split()
)
_PHONE = re.compile(r"(?<![\w+])(?:\+|00|0)\d(?:[\s.\-\u00a0\u202f/]?\(?\d\)?){7,13}(?!\w)")


@functools.lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    low = base.lower() if base else char
    return low if len(low) == 1 else char


def fold_keep_length(text: str) -> str:
    """Lower-case and strip accents character by character, so offsets stay valid."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def looks_like_phone(text: str) -> bool:
    return bool(_PHONE.fullmatch(text.strip())) and phone_key(text) is not None


@dataclass
class PersonNames:
    """One person as the case knows them: every name and phone seen. `key` (the store's person
    id) is what the case's mapping records, one pseudonym per person."""

    names: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    key: str = ""

    @property
    def mapping_key(self) -> str:
        return self.key or min(self.names | self.phones)


class Pseudonymiser:
    """Replaces names and phone numbers by stable pseudonyms."""

    def __init__(self, people: Iterable[PersonNames], existing: dict[str, str] | None = None) -> None:
        self.mapping: dict[str, str] = dict(existing or {})  # person key -> pseudonym
        self.new: dict[str, str] = {}  # assignments made now, to be saved in the case
        taken = [int(m.group(1)) for p in self.mapping.values() if (m := re.search(r"(\d+)$", p))]
        next_number = max(taken, default=0) + 1
        people = sorted(
            (p for p in people if p.names or p.phones),
            key=lambda p: sorted(fold_keep_length(n) for n in (p.names | p.phones)),
        )
        self._names: dict[str, str] = {}  # folded full name -> pseudonym
        self._phones: dict[str, str] = {}  # phone key -> pseudonym
        parts: dict[str, set[str]] = {}
        self.by_name: dict[str, str] = {}  # exact real name or phone -> pseudonym
        for person in people:
            pseudo = self.mapping.get(person.mapping_key)
            if pseudo is None:
                pseudo = f"{PREFIX} {next_number:02d}"
                next_number += 1
                self.mapping[person.mapping_key] = self.new[person.mapping_key] = pseudo
            for real in person.names | person.phones:
                self.by_name[real] = pseudo
            for phone in person.phones | {n for n in person.names if looks_like_phone(n)}:
                if (k := phone_key(phone)) is not None:
                    self._phones[k] = pseudo
            for name in person.names:
                if looks_like_phone(name):
                    continue
                folded = " ".join(fold_keep_length(name).split())
                if folded:
                    self._names[folded] = pseudo
                for part in re.split(r"[\s.\-_']+", folded):
                    if len(part) >= 3 and part.isalpha() and part not in _COMMON:
                        parts.setdefault(part, set()).add(pseudo)
        self._parts = {p: (next(iter(s)) if len(s) == 1 else AMBIGUOUS_NAME) for p, s in parts.items()}
        self._parts = {p: v for p, v in self._parts.items() if p not in self._names}
        variants = sorted(set(self._names) | set(self._parts), key=lambda v: (-len(v), v))
        self._pattern = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, v.split())) for v in variants) + r")(?!\w)"
            )
            if variants
            else None
        )

    # --- building from a case --------------------------------------------------------------
    @classmethod
    def for_case(cls, case: Any) -> Pseudonymiser:
        """The case's pseudonymiser; new assignments are saved in the case at once."""
        people = [_person_names(p) for p in case.persons()]
        for entry in _safe_roster(case):
            name = str(getattr(entry, "person", "") or "").strip()
            if name and not any(name in p.names or name in p.phones for p in people):
                kind = {"phones": {name}} if looks_like_phone(name) else {"names": {name}}
                people.append(PersonNames(key=f"roster:{name}", **kind))
        pseudo = cls(people, case.pseudonyms())
        for real, alias in sorted(pseudo.new.items()):
            case.set_pseudonym(real, alias)
        pseudo.new.clear()
        return pseudo

    # --- replacing ---------------------------------------------------------------------------
    def name(self, real: str | None) -> str | None:
        """A sender or person name: its pseudonym, or the text with names inside replaced."""
        if real is None:
            return None
        if real in self.by_name:
            return self.by_name[real]
        folded = " ".join(fold_keep_length(real).split())
        if folded in self._names:
            return self._names[folded]
        if (k := phone_key(real)) is not None and looks_like_phone(real):
            return self._phones.get(k, UNKNOWN_PHONE)
        return self.text(real)

    def text(self, text: str) -> str:
        """Free text with every known name, name part and phone number replaced."""
        if not text:
            return text
        text = _PHONE.sub(self._phone_sub, text)
        if self._pattern is None:
            return text
        folded = fold_keep_length(text)
        out, last = [], 0
        for match in self._pattern.finditer(folded):
            key = " ".join(match.group(0).split())
            out.append(text[last : match.start()])
            out.append(self._names.get(key) or self._parts.get(key, AMBIGUOUS_NAME))
            last = match.end()
        out.append(text[last:])
        return "".join(out)

    def _phone_sub(self, match: re.Match[str]) -> str:
        key = phone_key(match.group(0))
        if key is None:
            return match.group(0)
        return self._phones.get(key, UNKNOWN_PHONE)

    def deep(self, data: Any, _key: str = "") -> Any:
        """Pseudonymise every string of a JSON-like value, except ids, hashes and evidence refs."""
        if isinstance(data, dict):
            return {k: self.deep(v, k) for k, v in data.items()}
        if isinstance(data, list | tuple):
            return [self.deep(v, _key) for v in data]
        if isinstance(data, str) and not _is_reference_key(_key):
            return self.name(data) if len(data) <= 80 and "\n" not in data else self.text(data)
        return data


def _is_reference_key(key: str) -> bool:
    key = key.lower()
    return (
        key in {"id", "ids", "evidence", "sha256", "message_id", "record_id", "item_id", "ref", "kind"}
        or key.endswith(("_id", "_ids", "sha256", "_ref", "_refs"))
        or key in {"time", "start", "end", "first", "last", "date", "category", "categories", "type", "method"}
    )


def _person_names(person: Any) -> PersonNames:
    names: set[str] = set()
    phones: set[str] = set()
    for attr in ("display_name", "name", "display"):
        value = getattr(person, attr, None)
        if isinstance(value, str) and value.strip():
            names.add(value.strip())
    for attr in ("names", "names_seen", "aliases"):
        for value in getattr(person, attr, None) or ():
            if isinstance(value, str) and value.strip():
                names.add(value.strip())
    for value in getattr(person, "phones", None) or ():
        if value:
            phones.add(str(value))
    for name in list(names):
        if looks_like_phone(name):
            names.discard(name)
            phones.add(name)
    return PersonNames(names=names, phones=phones, key=str(getattr(person, "id", "") or ""))


def _safe_roster(case: Any) -> list[Any]:
    try:
        return list(case.roster())
    except AttributeError:
        return []


def reidentify(case: Any, pseudonym: str, *, reviewer: str, reason: str) -> list[str]:
    """The real names and numbers behind a pseudonym; the request is logged in the chained log."""
    if not reviewer.strip() or not reason.strip():
        raise UsageError("re-identification needs --reviewer and --reason (both are logged)")
    keys = {key for key, alias in case.pseudonyms().items() if alias == pseudonym}
    if not keys:
        raise UsageError(f"no pseudonym {pseudonym!r} in this case")
    reals: list[str] = []
    for person in case.persons():
        if str(person.id) in keys:
            found = _person_names(person)
            reals += sorted(found.names) + sorted(found.phones)
    reals += sorted(k.removeprefix("roster:") for k in keys if k.startswith("roster:"))
    append_entry(
        case,
        {
            "action": "reidentify",
            "pseudonym": pseudonym,
            "reviewer": reviewer.strip(),
            "note": reason.strip(),
            "time": datetime.now(UTC).replace(microsecond=0).isoformat(),
        },
    )
    return reals
