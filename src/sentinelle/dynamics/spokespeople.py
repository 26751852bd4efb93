"""Speaking for the group: "au nom de tous", "nous, les collègues de ...", "je parle pour la
brigade", "je représente", signed collective statements, and relays to outsiders ("j'ai transmis
au commissaire"). A spokesperson is someone who does it at least `spokesperson_min_statements`
times in a conversation."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ..textutil import fold
from . import lexicon as lx
from .corpus import Corpus
from .settings import DynamicsSettings

_SPOKES = [(kind, re.compile(p)) for kind, p in lx.SPOKES]
# A text without any of these cannot match the patterns (a test checks it): a cheap gate.
_CHEAP = lx.alternation_trie(
    [
        "au nom", "nous,? les", "parle pour", "parle au nom", "m'exprim", "represent", "repr\u00e9sent",
        "porte-parole", "sign", "collectif", "l'ensemble", "collegues", "coll\u00e8gues", "--", "\n", "transmis",
        "relay", "remont", "behalf", "speak", "we,? the", "told the", "passed", "forwarded", "will tell",
        *(f"{who} {verb}" for who in ("j'ai", "je vais", "on a", "nous avons", "je l'ai")
          for verb in ("port", "envoy", "dit", "expliq")),
    ],
    re.IGNORECASE,
)


# Words that every pattern above (and RELAY) needs in the folded text (a test checks it): the
# scan has that text already, so most messages are settled without reading the raw one again.
_NEEDS = lx.alternation_trie(
    [
        "au nom ", "nous,? les ", "je parle", "je m'exprime", "je prends la parole", "je represente",
        "porte-parole", "on behalf of ", "i speak for", "speaking for ", "i represent", "we,? the ",
        "signe", "le collectif", "les collegues", "l'ensemble des", "la brigade", "the team", "-- ",
        *(f"{who} {verb}" for who in ("j'ai", "je vais", "je l'ai", "on a", "nous avons")
          for verb in ("transm", "port", "relay", "remont", "envoye", "dit", "expliqu")),
        "i told ", "i passed ", "i forwarded ", "i will tell ",
    ]
)


def statement_kinds(text: str, norm: str | None = None) -> list[str]:
    """Ways a text speaks for the group (behalf, we_the, speak_for, signature, relay), if any.
    `norm`: the text already folded and normalised, when the caller has it."""
    if len(text) < 12 or len(text) > 4000:
        return []
    if norm is None:
        norm = lx.normalise(fold(text))
    if not _NEEDS.search(norm) or not _CHEAP.search(text):
        return []
    kinds = [k for k, rx in _SPOKES if rx.search(norm)]
    if lx.RELAY.search(norm):
        kinds.append("relay")
    return sorted(set(kinds))


def find_statements(corpus: Corpus, found: dict[tuple[str, int], list[str]] | None = None) -> list[dict[str, Any]]:
    """Statements of the case; `found` (conversation id, position) -> kinds when already scanned."""
    if found is None:
        found = {(cd.id, i): kinds for cd in corpus.convs.values() for i, m in enumerate(cd.messages)
                 if (kinds := statement_kinds(m.text))}
    order = {cid: k for k, cid in enumerate(corpus.convs)}
    out = []
    for cid, i in sorted(found, key=lambda key: (order[key[0]], key[1])):  # file order
        cd, kinds = corpus.convs[cid], found[(cid, i)]
        if kinds:
            out.append({"message_id": cd.messages[i].id, "conversation_id": cid, "person": cd.senders[i], "kinds": kinds})
    return out


def spokespeople(statements: list[dict[str, Any]], corpus: Corpus, settings: DynamicsSettings) -> list[dict[str, Any]]:
    by: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for s in statements:
        by[(s["conversation_id"], s["person"])].append(s)
    rows = []
    for (cid, p), items in by.items():
        kinds: dict[str, int] = defaultdict(int)
        for s in items:
            for k in s["kinds"]:
                kinds[k] += 1
        rows.append(
            {
                "person": p,
                "name": corpus.display(p),
                "conversation_id": cid,
                "statements": len(items),
                "kinds": dict(kinds),
                "spokesperson": len(items) >= settings.spokesperson_min_statements,
                "evidence": [s["message_id"] for s in items[:20]],
            }
        )
    rows.sort(key=lambda r: -r["statements"])
    return rows
