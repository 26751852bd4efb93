"""The prefix-factored gates match exactly where the flat alternations they replace match."""

from __future__ import annotations

import random
import re

from sentinelle.dynamics import lexicon as lx
from sentinelle.dynamics.directives import _GATE
from sentinelle.dynamics.spokespeople import _CHEAP

_CHEAP_FLAT = re.compile(
    r"au nom|nous,? les|parle (?:pour|au nom)|m'exprim|repr[eé]sent|porte-parole|sign|collectif|l'ensemble|"
    r"coll[eè]gues|--|\n|transmis|relay|remont|behalf|speak|we,? the|told the|passed|forwarded|will tell|"
    r"(?:j'ai|je vais|on a|nous avons|je l'ai) (?:port|envoy|dit|expliq)",
    re.IGNORECASE,
)


def _fuzz(pieces: list[str], chars: str, n: int = 20_000) -> list[str]:
    """Random strings around a prefix of a random piece: near misses and hits."""
    rng = random.Random(1)
    out = []
    for _ in range(n):
        s = "".join(rng.choice(chars) for _ in range(rng.randint(0, 10)))
        p = rng.choice(pieces)
        out.append(s[: rng.randint(0, len(s))] + p[: rng.randint(0, len(p))] + s)
    return out


def test_trie_keeps_every_alternative_and_no_more():
    rx = lx.alternation_trie(["de", "defense", "devez", "mot\\b", "\\bunions?\\b"])
    assert rx.search("la defense") and rx.search("vous devez") and rx.search("mot.")
    assert rx.search("les unions") and rx.search("union!")
    assert not rx.search("motus") and not rx.search("reunion") and not rx.search("d e")


def test_phrase_gate_trie_matches_the_flat_gate():
    flat = re.compile(lx.PHRASE_GATE)
    pieces = [a.replace("\\b", "").replace("?", "") for a in lx.PHRASE_GATE.split("|")]
    texts = _fuzz(pieces, "abcdefghijklmnopqrstuvwxyz ',!")
    assert sum(bool(flat.search(t)) for t in texts) > 1000  # the fuzz does hit
    assert [bool(_GATE.search(t)) for t in texts] == [bool(flat.search(t)) for t in texts]


def test_statement_gate_trie_matches_the_flat_gate():
    pieces = ["au nom", "nous, les", "Nous les", "parle pour", "parle au nom", "M'EXPRIM", "Représent", "represent",
              "porte-parole", "Sign", "collectif", "l'ensemble", "Collègues", "collegues", "--", "\n", "transmis",
              "relay", "remont", "behalf", "speak", "we the", "We, the", "told the", "passed", "forwarded",
              "will tell", "j'ai port", "je vais envoy", "On a dit", "nous avons expliq", "je l'ai dit"]
    texts = _fuzz(pieces, "abcdefghijklmnopqrstuvwxyzéè ',-\nRJ")
    assert sum(bool(_CHEAP_FLAT.search(t)) for t in texts) > 1000
    assert [bool(_CHEAP.search(t)) for t in texts] == [bool(_CHEAP_FLAT.search(t)) for t in texts]
