"""A small case and a fast, deterministic stand-in detector for the step-contract tests."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sentinelle.pipeline.ingest import ingest_files
from sentinelle.records import Detection, Reason
from sentinelle.store import Case

START = datetime(2024, 1, 8, 9, 0)
ABUSE = re.compile(r"salope|pédé|connard|enculé|incapable|gueule|boulet|nul", re.I)


class WordDetector:
    """Flags a message holding one of a few insults (the real detector is tested elsewhere)."""

    def __init__(self, version: str = "words-1") -> None:
        self.version = version

    def detect(self, texts: Sequence[str], context: Any = None, ids: Sequence[str | None] | None = None,
               language: str | None = None) -> list[Detection]:
        out = []
        for i, text in enumerate(texts):
            m = ABUSE.search(text)
            score = 0.95 if m else 0.01
            reasons = (Reason("lexicon", "insult", m.group(0), span=m.span(), matched=m.group(0), score=score),) if m else ()
            out.append(Detection({"hate": 0.0, "sexual": 0.0, "threat": 0.0, "insult": score, "profanity": 0.0},
                                 bool(m), severity=2 if m else 0, language="fr", reasons=reasons,
                                 message_id=ids[i] if ids else None, model_version=self.version))
        return out


def write_chat(path: Path, weeks: int = 6, extra: str = "") -> Path:
    """A boss insulting one member week after week, a friendly pair teasing, one complaint."""
    lines = [f"{START:%d/%m/%Y %H:%M} - Cdt Morel a créé le groupe \"Brigade\""]
    for who in ("Lucas", "Kevin", "Tom", "Alex"):
        lines.append(f"{START:%d/%m/%Y %H:%M} - Cdt Morel a ajouté {who}")
    for week in range(weeks):
        for day in range(2):
            t = START + timedelta(weeks=week, days=day, hours=1)
            lines.append(f"{t:%d/%m/%Y %H:%M} - Cdt Morel: Lucas t'es qu'un incapable, ferme ta gueule connard")
            lines.append(f"{t + timedelta(minutes=1):%d/%m/%Y %H:%M} - Kevin: mdr 😂")
            lines.append(f"{t + timedelta(minutes=30):%d/%m/%Y %H:%M} - Cdt Morel: Tout le monde au briefing à 14h, c'est un ordre")
            lines.append(f"{t + timedelta(minutes=31):%d/%m/%Y %H:%M} - Tom: reçu chef")
            lines.append(f"{t + timedelta(minutes=32):%d/%m/%Y %H:%M} - Alex: ok bien reçu")
    t = START + timedelta(weeks=weeks, days=1)
    lines.append(f"{t:%d/%m/%Y %H:%M} - Lucas: Arrêtez, ce n'est pas drôle. Je vais en parler à la hiérarchie.")
    if extra:
        lines.append(f"{t + timedelta(hours=1):%d/%m/%Y %H:%M} - {extra}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_case(root: Path, name: str = "case") -> Path:
    chat = write_chat(root / f"{name}.txt")
    with Case.create(root / name) as case:
        assert not ingest_files(case, [chat]).failed
    return root / name
