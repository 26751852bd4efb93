"""Declared roles: a roster CSV (person as named in the chats or a phone, rank or role, unit,
union representative yes/no), its parsing and its matching to persons.

Headers are tolerant, French or English, any case or accents: nom/name/personne/person/
telephone/phone, grade/rank, fonction/role/poste, unite/unit/service, delegue syndical/union_rep/
syndicat. Pure: it takes the CSV's text; the caller reads the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from .. import ranks
from ..errors import InputError
from ..textutil import fold

HEADERS = {
    "person": ("nom", "name", "personne", "person", "nom prenom", "prenom nom", "pseudo", "display name",
               "telephone", "phone", "tel", "numero", "agent", "membre", "member"),
    "rank": ("grade", "rank", "rang", "corps"),
    "role": ("fonction", "role", "poste", "position", "titre", "title", "responsabilite"),
    "unit": ("unite", "unit", "service", "brigade", "section", "team", "equipe", "groupe"),
    "union_rep": ("delegue syndical", "delegue", "union_rep", "union rep", "union representative",
                  "syndicat", "representant syndical", "syndique", "union", "mandat syndical"),
}
YES = frozenset("oui o yes y 1 x true vrai delegue titulaire suppleant".split())


@dataclass(frozen=True)
class RosterRow:
    person: str
    rank: str | None = None
    role: str | None = None
    unit: str | None = None
    union_rep: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _column(header: str) -> str | None:
    h = fold(header).replace("_", " ").replace("-", " ").strip(" *")
    for field, names in HEADERS.items():
        if h in names:
            return field
    for field, names in HEADERS.items():  # "Délégué syndical (oui/non)"
        if any(h.startswith(n) for n in names if len(n) > 3):
            return field
    return None


def parse_roster(text: str, path: str = "roster.csv") -> list[RosterRow]:
    """Rows of a roster CSV (delimiter , ; or tab, sniffed). InputError names file, line, cause."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError("empty roster", path=path)
    first = text.splitlines()[0]
    delim = max(",;\t|", key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delim)
    header = next(reader)
    columns = [_column(h) for h in header]
    if "person" not in columns:
        raise InputError(
            f"no person column in header {header!r} (expected one of: nom, name, person, phone)",
            path=path, line=1,
        )
    rows: list[RosterRow] = []
    for line_no, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
            raise InputError(f"{len(cells)} cells where the header has {len(columns)}", path=path, line=line_no)
        values: dict[str, str] = {}
        for col, cell in zip(columns, cells, strict=False):
            if col and cell.strip() and col not in values:
                values[col] = cell.strip()
        if "person" not in values:
            raise InputError("no person named on this line", path=path, line=line_no)
        rows.append(
            RosterRow(
                person=values["person"],
                rank=values.get("rank"),
                role=values.get("role"),
                unit=values.get("unit"),
                union_rep=fold(values.get("union_rep", "")) in YES,
            )
        )
    return rows


def declared_level(row: RosterRow) -> int | None:
    """A comparable level for a row's rank and role (higher = more authority), None when unknown:
    the one table of sentinelle.ranks, shared with the harassment analysis."""
    return ranks.declared_level(row.rank, row.role)


def match_roster(rows: Iterable[RosterRow], persons_of_name: Any) -> dict[str, RosterRow]:
    """person key -> roster row. `persons_of_name(name)` returns the person keys the name (or
    phone) resolves to in the case (the corpus knows how)."""
    out: dict[str, RosterRow] = {}
    for row in rows:
        for p in persons_of_name(row.person):
            out.setdefault(p, row)
    return out
