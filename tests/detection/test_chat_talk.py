"""Ordinary group-chat talk must not be flagged; abuse without a slur must be.

The benign-chat set (`benign_chat_test.csv`) is hand-written, not made from the generator pools
of `scripts/gen_benign_chat.py`, and never used in training: it measures the false-flag rate on
realistic talk (acknowledgements, logistics, food, sport, police and admin vocabulary, emoji).
"""

from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path

import pytest

from sentinelle.detection.api import MISCONDUCT, Detector
from sentinelle.detection.evaluate import evaluate, load_labelled

DATA = Path(str(resources.files("sentinelle.detection").joinpath("data", "train")))


def test_benign_chat_false_flag_rate_is_low(detector: Detector) -> None:
    rows = load_labelled(DATA / "benign_chat_test.csv")
    assert len(rows) >= 300 and not any(r[c] for r in rows for c in MISCONDUCT)
    rep = evaluate(rows, detector)
    assert rep["false_flag_rate"] <= 0.03, rep["false_flag_rate"]  # issue 10's bar for ordinary chat


def test_benign_chat_test_is_not_in_training_data() -> None:
    train = set()
    for name in ("train.csv", "val.csv", "chat_train.csv", "chat_val.csv"):
        train |= {r["text"].strip().lower() for r in load_labelled(DATA / name)}
    test = [r["text"].strip().lower() for r in load_labelled(DATA / "benign_chat_test.csv")]
    overlap = [t for t in test if t in train]
    assert len(overlap) <= 3, overlap  # a lone emoji pair may coincide


CASES = [
    # sexual remarks aimed at a person, without a listed slur
    ("t'as sucé pour avoir ta promo ?", "sexual"),
    ("faut le dépuceler ce petit nouveau", "sexual"),
    ("t'es encore puceau à ton âge ?", "sexual"),
    ("la stagiaire a des fesses de rêve", "sexual"),
    ("je lui ai mis la main aux fesses au pot de départ", "sexual"),
    ("il en a une petite, on l'a vu sous la douche", "sexual"),
    ("imagine-la en string sur le bureau du chef", "sexual"),
    ("t'as vu son 🍑 ?", "sexual"),
    ("sa tenue va faire monter autre chose", "sexual"),
    # misogyny and xenophobia without slurs
    ("les meufs au commissariat c'est juste bon pour le café", "hate"),
    ("les nanas n'ont rien à faire dans la BAC", "hate"),
    ("c'est pas un métier pour les femmes", "hate"),
    ("ces gens-là ne sont pas comme nous", "hate"),
    ("faudrait tous les renvoyer dans leur pays", "hate"),
    ("send them all back to where they came from", "hate"),
    # conditional threats
    ("le prochain qui touche à ma voiture je le défonce", "threat"),
    ("celui qui balance au chef je le bute", "threat"),
    ("whoever touched my locker, I'll kill him", "threat"),
    ("la seule solution c'est de tous les fusiller", "threat"),
    ("a bullet is the only answer for people like that", "threat"),
]


@pytest.mark.parametrize(("text", "cat"), CASES, ids=[c[0][:40] for c in CASES])
def test_abuse_without_slur_is_flagged(detector: Detector, text: str, cat: str) -> None:
    d = detector.detect([text])[0]
    assert d.categories[cat] >= detector.threshold(cat), d.categories
    assert any(r.kind == "rule" and r.category == cat and r.span for r in d.reasons)


@pytest.mark.parametrize("text", [
    pytest.param("ils sont pas comme nous, ils bossent le dimanche", marks=pytest.mark.xfail(reason="model 2.0 regression: hate 0.65 from the heads", strict=True)),
    "le prochain qui arrive en retard paie les croissants", "si tu gagnes je te défonce au ping-pong",
    "casier judiciaire vierge", pytest.param("elle est vierge de toute sanction", marks=pytest.mark.xfail(reason="model 2.0 regression: insult 0.70 from the heads", strict=True)), "des pêches 🍑 pour le dessert",
    "le suspect a été vu sous la douche de l'hôtel", "c'est bon pour moi", "la chaîne en string dans le code",
    "la garde à vue est prolongée", "le mieux serait de le tuer ce dossier", "la meilleure solution c'est de lui parler", "audience au tribunal demain", "le chef a signé la plainte",
])
def test_lookalikes_are_not_flagged(detector: Detector, text: str) -> None:
    d = detector.detect([text])[0]
    assert not d.flagged, (d.categories, [r.detail for r in d.reasons])


def test_head_only_bar_is_stricter_on_short_messages(detector: Detector) -> None:
    """Without a rule, a 1-3 word message needs the head's probability to reach the short bar;
    a rule-backed short message is not affected."""
    assert detector.heads is not None
    lax = copy.deepcopy(detector.heads)
    lax.fusion["head_only_bar_short"] = 0.5
    strict = copy.deepcopy(detector.heads)
    strict.fusion["head_only_bar_short"] = 0.99
    a, b = Detector(heads=lax), Detector(heads=strict)
    short = "t'es nul"  # no rule: the heads alone
    sa, sb = a.detect([short])[0].categories, b.detect([short])[0].categories
    assert max(sb[c] for c in MISCONDUCT) < max(sa[c] for c in MISCONDUCT)
    assert all(sb[c] < 0.5 for c in MISCONDUCT)
    ruled = "fdp"  # a lexicon entry: the bar does not apply
    assert a.detect([ruled])[0].categories == b.detect([ruled])[0].categories
    assert b.detect([ruled])[0].flagged
