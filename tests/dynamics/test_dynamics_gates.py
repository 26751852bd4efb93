"""The prefix-factored gates match exactly where the flat alternations they replace match."""

from __future__ import annotations

import random
import re

from sentinelle.dynamics import lexicon as lx
from sentinelle.dynamics.directives import _GATE
from sentinelle.dynamics.spokespeople import _CHEAP
from sentinelle.textutil import fold

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


def test_statement_words_are_needed_by_every_statement_pattern():
    """`_NEEDS` settles most texts: it must match wherever a statement pattern does."""
    import glob

    from sentinelle.dynamics.spokespeople import _NEEDS, _SPOKES

    def any_pattern(norm: str) -> bool:
        return any(rx.search(norm) for _, rx in _SPOKES) or bool(lx.RELAY.search(norm))

    positives = [
        "au nom de tous", "Au nom du collectif", "nous les collègues", "Nous, les agents", "je parle pour",
        "je m'exprime au nom", "je m'exprimerai pour", "je parlerai pour", "je prends la parole pour",
        "je représente", "je representerai", "je suis le porte-parole", "en tant que porte-parole",
        "on behalf of all", "I speak for", "speaking for the", "I represent", "we the officers",
        "We, the team", "Signé", "signed", "le collectif", "les collègues", "l'ensemble des", "la brigade",
        "the team", "-- Marc", "j'ai transmis au", "je vais porter au", "je l'ai dit à la", "on a expliqué aux",
        "nous avons remonté au nom", "nous avons envoyé à l'", "I told the press", "i passed it on to the boss",
        "I forwarded this to management", "I will tell the union", "jai transmis au", "ns avons relayé au",
    ]
    texts = [f"ok {p} x" for p in positives] + [f"{p} les collègues du service" for p in positives]
    for f in glob.glob("tests/**/*.py", recursive=True):
        with open(f, encoding="utf-8") as fh:
            texts += re.findall(r'"([^"\n]{3,300})"', fh.read())
    hits = 0
    for t in texts:
        norm = lx.normalise(fold(t))
        if any_pattern(norm):
            hits += 1
            assert _NEEDS.search(norm), t
    assert hits >= len(positives)
