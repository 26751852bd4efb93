"""Reading a roster CSV (person, rank, role, unit, union representative) into a case."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..store import RosterEntry

# accepted header spellings (French and English) for each field
_COLUMNS = {
    "person": ("person", "personne", "name", "nom", "phone", "telephone", "téléphone"),
    "rank": ("rank", "grade"),
    "role": ("role", "rôle", "fonction"),
    "unit": ("unit", "unité", "unite", "service"),
    "union_rep": ("union_rep", "union_representative", "union", "syndicat", "syndique", "delegue", "délégué",
                  "delegue_syndical", "union representative"),
}
_YES = {"1", "yes", "oui", "true", "vrai", "y", "o", "x"}


def read_roster(path: Path) -> list[RosterEntry]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        sample = fh.read(4096)
        fh.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
        reader = csv.DictReader(fh, dialect=dialect)
        header = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
        cols: dict[str, Any] = {f: next((header[a] for a in names if a in header), None) for f, names in _COLUMNS.items()}
        if cols["person"] is None:
            raise InputError("roster has no person/name column", path=str(path), line=1)
        rows = []
        for line, row in enumerate(reader, start=2):
            person = (row.get(cols["person"]) or "").strip()
            if not person:
                raise InputError("empty person", path=str(path), line=line)
            values = {f: ((row.get(c) or "").strip() or None) if c else None for f, c in cols.items()}
            rows.append(RosterEntry(person=person, rank=values["rank"], role=values["role"], unit=values["unit"],
                                    union_rep=(values["union_rep"] or "").lower() in _YES))
    return rows


def import_roster_file(case: Any, path: Path) -> int:
    rows = read_roster(path)
    case.import_roster(rows)
    return len(rows)
