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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lesnoirsdehors", "les noirs dehors"),
        ("Karimrentreaubled", "karim rentre au bled"),
        ("jvaistedefoncerlatete", "j vais te defoncer la tete"),
        ("muté à Négrepelisse demain", "mute a negrepelisse demain"),  # a name inside a sentence stays whole
        ("la déchetterie ferme à 18h", "la dechetterie ferme a 18h"),  # a word the list lacks is not cut up
        ("temporairement", "temporairement"),  # adverbs of listed adjectives are words
        ("Patrouille renforcée", "patrouille renforcee"),
    ],
)
def test_glued_words_split_and_real_words_kept(text: str, expected: str) -> None:
    assert normalize(text).text == expected


def test_split_maps_back_and_the_model_reads_spaces() -> None:
    n = normalize("mortauxarabes!")
    assert n.text == "mort aux arabes"
    assert n.readable() == "mort aux arabes!"
    i = n.text.index("arabes")
    s, e = n.span(i, i + len("arabes"))
    assert n.original[s:e] == "arabes"
    assert normalize("mortauxarabes", segment=False).text == "mortauxarabes"


@given(st.text(max_size=60))
def test_map_is_total_and_in_range(text: str) -> None:
    n = normalize(text)
    assert len(n.starts) == len(n.text) == len(n.ends)
    assert all(0 <= s <= e <= len(text) for s, e in zip(n.starts, n.ends, strict=True))
