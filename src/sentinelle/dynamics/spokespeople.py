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
_CHEAP = re.compile(r"nom|nous|parle|represent|sign|collectif|collegues|porte|transm|relay|behalf|speak|we|told|forward|brigade|team|--")


def find_statements(corpus: Corpus) -> list[dict[str, Any]]:
    out = []
    for cd in corpus.convs.values():
        for m, p in zip(cd.messages, cd.senders, strict=True):
            text = m.text
            if len(text) < 12 or len(text) > 4000:
                continue
            low = text.lower()
            if not _CHEAP.search(low):
                continue
            norm = lx.normalise(fold(text))
            kinds = [k for k, rx in _SPOKES if rx.search(norm)]
            if lx.RELAY.search(norm):
                kinds.append("relay")
            if kinds:
                out.append({"message_id": m.id, "conversation_id": cd.id, "person": p, "kinds": sorted(set(kinds))})
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
