"""Pseudonyms: stable, inside texts (names, first names, phones in any spacing), and no real name
or number of the demo chat left in any pseudonymised output."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from sentinelle.evidence.bundle import make_bundle
from sentinelle.evidence.pseudonym import (
    AMBIGUOUS_NAME,
    UNKNOWN_PHONE,
    PersonNames,
    Pseudonymiser,
    fold_keep_length,
    reidentify,
)
from sentinelle.report.context import build_context
from sentinelle.report.exports import export_files
from sentinelle.report.html import render_html
from sentinelle.store import Case

STAMP = "2025-01-01T00:00:00+00:00"


def test_texts_names_parts_and_phones() -> None:
    p = Pseudonymiser([PersonNames({"Marc Dubois"}, {"+33 6 12 34 56 78"}, key="p1"),
                       PersonNames({"Sophie Lefèvre"}, key="p2"), PersonNames({"Marc Petit"}, key="p3")])
    marc_d, sophie, marc_p = (p.mapping[k] for k in ("p1", "p2", "p3"))
    assert len({marc_d, sophie, marc_p}) == 3 and all(x.startswith("Personne ") for x in (marc_d, sophie, marc_p))
    out = p.text("sophie LEFEVRE, appelle DUBOIS au 06 12 34 56 78 ou 06.12.34.56.78 ou +33612345678; "
                 "pas le 07 11 22 33 44; marc? le 01.03.2024 à 14:30, dossier 2024-118")
    assert out == (f"{sophie}, appelle {marc_d} au {marc_d} ou {marc_d} ou {marc_d}; pas le {UNKNOWN_PHONE}; "
                   f"{AMBIGUOUS_NAME}? le 01.03.2024 à 14:30, dossier 2024-118")
    assert p.name("Marc Petit") == marc_p and p.name("+33 6 12 34 56 78") == marc_d
    assert p.text("Marcel et Sophiette") == "Marcel et Sophiette"  # whole words only


def test_existing_mapping_is_kept() -> None:
    first = Pseudonymiser([PersonNames({"B"}, key="b"), PersonNames({"A"}, key="a")])
    again = Pseudonymiser([PersonNames({"C"}, key="c"), *[PersonNames({k.upper()}, key=k) for k in "ab"]], first.mapping)
    assert again.mapping["a"] == first.mapping["a"] and again.mapping["b"] == first.mapping["b"]
    assert again.new == {"c": "Personne 03"}


@pytest.fixture
def demo_case(demo_analyzed):
    """The demo as `sentinelle analyze --demo` left it: detections and analyses stored."""
    assert demo_analyzed["code"] == 0, demo_analyzed["output"]
    with Case.open(demo_analyzed["out"] / "case") as case:
        yield case


def _real_identifiers(case: Case) -> tuple[re.Pattern[str], set[str]]:
    parts: set[str] = set()
    digits: set[str] = set()
    for person in case.persons():
        for name in (person.display_name, *person.names):
            if re.sub(r"\D", "", name).__len__() >= 9:
                digits.add(re.sub(r"\D", "", name)[-9:])
                continue
            parts |= {fold_keep_length(x) for x in re.split(r"[\s.\-_']+", name) if len(x) >= 3 and x.isalpha()}
        digits |= {re.sub(r"\D", "", x)[-9:] for x in person.phones}
    parts |= {fold_keep_length(x) for r in case.roster() for x in r.person.split() if len(x) >= 3}
    assert len(parts) > 20 and len(digits) > 100
    names = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(parts, key=len, reverse=True))) + r")(?!\w)")
    return names, digits


_NUMBER = re.compile(r"\d(?:[\s.\-/]?\d){8,14}")  # any run of 9+ digits, whatever the spacing


def _leaks(text: str, names: re.Pattern[str], phones: set[str]) -> list[str]:
    numbers = [m.group(0) for m in _NUMBER.finditer(text) if re.sub(r"\D", "", m.group(0))[-9:] in phones]
    return names.findall(fold_keep_length(text))[:5] + numbers[:5]


def test_demo_outputs_hold_no_real_name_or_number(demo_case: Case, tmp_path: Path) -> None:
    names, phones = _real_identifiers(demo_case)
    plain = render_html(build_context(demo_case, generated_at=STAMP))
    assert _leaks(plain, names, phones)  # the search does find them when not pseudonymised
    ctx = build_context(demo_case, pseudonymise=True, generated_at=STAMP)
    outputs = {"report.html": render_html(ctx).encode(), **export_files(ctx)}
    make_bundle(demo_case, tmp_path / "b.zip", pseudonymise=True, generated_at=STAMP)
    with zipfile.ZipFile(tmp_path / "b.zip") as z:
        outputs |= {f"bundle:{n}": z.read(n) for n in z.namelist()}
    assert ctx.counts["flags"] > 50 and ctx.harassment  # flagged texts and case timelines are in there
    for name, data in outputs.items():
        assert _leaks(data.decode("utf-8-sig"), names, phones) == [], name
    # inside every message text of the demo, too (whatever the analyses later flag)
    pseudo = Pseudonymiser.for_case(demo_case)
    leaking = [m.id for m in demo_case.messages() if _leaks(pseudo.text(m.text), names, phones)]
    assert leaking == []


def test_reidentification_is_logged(demo_case: Case) -> None:
    pseudo = Pseudonymiser.for_case(demo_case)
    alias = pseudo.name("Lucas Bernard")
    before = len(demo_case.decisions())
    assert "Lucas Bernard" in reidentify(demo_case, alias, reviewer="DPO", reason="audition du 3 juin")
    entry = demo_case.decisions()[-1]
    assert len(demo_case.decisions()) == before + 1
    assert entry["action"] == "reidentify" and entry["pseudonym"] == alias and entry["reviewer"] == "DPO"
    assert "Lucas" not in str(entry)
