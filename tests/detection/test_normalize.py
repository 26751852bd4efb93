"""Normalisation keeps a map back to the original characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sentinelle.detection.normalize import normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sale N3GR0", "sale negro"),
        ("connnnard", "connnnard"),  # runs are matched by the lexicon, not squeezed here
        ("s a l e   n o i r", "sale noir"),
        ("#MortAuxJuifs", "mort aux juifs"),
        ("j'vais te buter", "j vais te buter"),
        ("jvais te tuer", "je vais te tuer"),
        ("ntm", "nique ta mere"),
        ("🐒🍌", "monkey banana"),
        ("Élève déçu", "eleve decu"),
        ("b*ugnoule", "b*ugnoule"),
    ],
)
def test_normalised_text(text: str, expected: str) -> None:
    assert normalize(text).text == expected


def test_span_maps_back_to_original() -> None:
    n = normalize("Wesh, t'es qu'un c0nnard !!")
    i = n.text.index("connard")
    s, e = n.span(i, i + len("connard"))
    assert n.original[s:e] == "c0nnard"


def test_sms_expansion_maps_to_the_abbreviation() -> None:
    n = normalize("ok fdp")
    i = n.text.index("fils de pute")
    s, e = n.span(i, i + len("fils de pute"))
    assert n.original[s:e] == "fdp"


@given(st.text(max_size=60))
def test_map_is_total_and_in_range(text: str) -> None:
    n = normalize(text)
    assert len(n.starts) == len(n.text) == len(n.ends)
    assert all(0 <= s <= e <= len(text) for s, e in zip(n.starts, n.ends, strict=True))
