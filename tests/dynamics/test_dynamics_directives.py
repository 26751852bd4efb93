"""The directive detector, measured on a labelled set written for it (FR and EN, with hard
negatives: first-person statements, questions, conditionals, reported orders)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sentinelle.dynamics import read_directive
from sentinelle.textutil import fold

DATA = Path(__file__).parent / "data" / "directives_labelled.tsv"
HELDOUT = Path(__file__).parent / "data" / "directives_heldout.tsv"
HELDOUT2 = Path(__file__).parent / "data" / "directives_heldout2.tsv"


def _rows(path: Path = DATA):
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            label, lang, kind, text = line.split("\t")
            yield int(label), lang, kind, text


def measure(lang: str | None = None, path: Path = DATA) -> dict[str, float]:
    tp = fp = fn = tn = 0
    for label, lg, _kind, text in _rows(path):
        if lang and lg != lang:
            continue
        pred = read_directive(text) is not None
        tp += pred and label
        fp += pred and not label
        fn += (not pred) and label
        tn += (not pred) and not label
    return {"precision": tp / (tp + fp), "recall": tp / (tp + fn), "n": tp + fp + fn + tn}


def test_labelled_set_is_big_enough_and_balanced():
    rows = list(_rows())
    assert len(rows) >= 300
    assert {lang for _, lang, _, _ in rows} == {"fr", "en"}
    assert 0.35 <= sum(r[0] for r in rows) / len(rows) <= 0.65


@pytest.mark.parametrize("lang", ["fr", "en", None])
def test_precision_and_recall_floors(lang):
    m = measure(lang)
    assert m["precision"] >= 0.9, m
    assert m["recall"] >= 0.85, m


@pytest.mark.parametrize("path, n", [(HELDOUT, 80), (HELDOUT2, 60)])
def test_heldout_floors(path, n):
    # each measured once when written, before any fix it prompted: set 1 P 1.00 R 0.78 (80 lines),
    # set 2 P 0.96 R 0.73 (60 lines); the floors hold those first measurements
    m = measure(None, path)
    assert m["n"] >= n
    assert m["precision"] >= 0.9, m
    assert m["recall"] >= 0.7, m


def test_silence_orders_are_told_apart():
    rows = [(k, t) for label, _, k, t in _rows() if label and k == "silence_order"]
    hits = sum(1 for _, t in rows if (d := read_directive(t)) and d.kind == "silence_order")
    assert hits / len(rows) >= 0.8


@pytest.mark.parametrize(
    "text, kind, audiences, why",
    [
        ("Ne parlez pas aux syndicats", "silence_order", ("unions",), "negated imperative + audience"),
        ("Interdiction de parler à la presse", "silence_order", ("press",), "directive noun"),
        ("vs devez pa parler aux journalistes", "silence_order", ("press",), "SMS spelling"),
        ("Les délégués, vous vous taisez.", "silence_order", ("unions",), "vocative group"),
        ("Envoyez-moi vos photos", "order", (), "imperative with hyphenated pronoun"),
        ("Merci de remplir vos comptes rendus", "instruction", (), "polite procedure"),
        ("Pas de syndicats ici", "prohibition", ("unions",), "ban on a group's presence"),
    ],
)
def test_kind_and_target(text, kind, audiences, why):
    d = read_directive(text)
    assert d is not None, why
    assert d.kind == kind, why
    assert d.audiences == audiences, why


@pytest.mark.parametrize(
    "text",
    ["je parle aux syndicats demain", "tu devrais venir ce soir ?", "Il a dit de ne pas parler aux syndicats",
     "Vous devez être fatigués après cette nuit ?", "suis en route"],
)
def test_hard_negatives(text):
    assert read_directive(text) is None


if __name__ == "__main__":  # python tests/dynamics/test_dynamics_directives.py: print the figures
    for lg in ("fr", "en", None):
        print(lg or "all", measure(lg))
    print("held out", measure(None, HELDOUT))
    print("held out 2", measure(None, HELDOUT2))
    for label, lang, _kind, text in _rows():
        d = read_directive(text)
        if (d is not None) != bool(label):
            print("FP" if d else "FN", lang, text, d.rules if d else "")


def test_cheap_gates_never_hide_a_phrase():
    """The gates that skip the phrase patterns must let through every text a pattern matches."""
    from sentinelle.dynamics import lexicon as lx
    from sentinelle.dynamics.directives import _GATE, _PHRASES
    from sentinelle.dynamics.spokespeople import _CHEAP, _SPOKES

    texts = [t for path in (DATA, HELDOUT, HELDOUT2) for _, _, _, t in _rows(path)]
    texts += ["Au nom de tous les collègues, merci", "Nous, les collègues de la BAC, refusons",
              "Je parle pour la brigade", "Je représente l'équipe", "J'ai transmis au commissaire notre position",
              "Merci\n\nSigné : les collègues de nuit", "On behalf of the team, thanks", "I speak for everyone"]
    for text in texts:
        norm = lx.normalise(fold(text))
        if any(p.search(norm) for _, _, p in _PHRASES):
            assert _GATE.search(norm), text
        if any(rx.search(norm) for _, rx in _SPOKES) or lx.RELAY.search(norm):
            assert _CHEAP.search(text), text
