"""Senders known from the whole file, to split `Name: body` where the name itself has `: `.

The first pass counts, for every header line, the text before its first and second `: `. A name
with a colon ("Dr: Who") shows up because *every* line that starts with "Dr: " goes on with
"Who: " — a body word never does that consistently. Memory is bounded (rare prefixes pruned).
"""

from __future__ import annotations

import re
from collections import Counter

from ...records import clean_text
from ...textutil import placeholder_phone

MAX_NAME = 80
MAX_KEYS = 50_000
_PHONE = re.compile(r"^\+?[\d\s\-\u2011().]{6,}$")


class NameTable:
    def __init__(self) -> None:
        self.first: Counter[str] = Counter()
        self.longer: Counter[str] = Counter()

    def prune(self) -> None:
        """Forget one-off candidates (system lines, bodies) once the tables grow large."""
        if len(self.first) > MAX_KEYS:
            self.first = Counter({k: v for k, v in self.first.items() if v > 1})
        if len(self.longer) > MAX_KEYS:
            self.longer = Counter({k: v for k, v in self.longer.items() if v > 1})

    def known(self, name: str) -> bool:
        return self.first.get(name, 0) >= 2

    def extendable(self) -> set[str]:
        """The names that `split` may extend with ": " and the next part (those with a
        longer "A: B" seen as often as "A" itself, at least twice)."""
        out = set()
        for key, count in self.longer.items():
            first = key.partition(": ")[0]
            if count >= 2 and not key[-1].isspace() and self.first.get(first, 0) == count:
                out.add(first)
        return out

    def split(self, rest: str) -> tuple[str, int] | None:
        """(raw name, index where the body starts) or None when the line has no `Name: `."""
        i = rest.find(": ")
        if i <= 0:
            # "John Doe:." (a body glued to the colon) from a known sender
            k = rest.find(":")
            if k > 0 and self.known(rest[:k]):
                return rest[:k], k + 1
            return None
        name = rest[:i]
        count = self.first.get(name, 0)
        if count >= 2 and self.longer:
            j = rest.find(": ", i + 2)
            while 0 < j <= MAX_NAME:
                # French typography puts a space before ":" in text, never inside a name part
                if rest[j - 1].isspace() or self.longer.get(rest[:j], 0) != count:
                    break
                name, i = rest[:j], j
                j = rest.find(": ", j + 2)
        return name, i + 2


def clean_sender(raw: str) -> tuple[str, bool]:
    """(display name without invisible marks and the `~ ` non-contact prefix, non_contact)."""
    name = clean_text(raw).strip()
    if name.startswith("~"):
        return name[1:].strip(), True
    return name, False


def phone_of(name: str) -> str | None:
    """`name` if it is a phone number (not a placeholder such as "+7 999 999-99-99")."""
    if _PHONE.match(name) and sum(c.isdigit() for c in name) >= 6:
        digits = "".join(c for c in name if c.isdigit())
        return None if placeholder_phone(digits) else name
    return None
