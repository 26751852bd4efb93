"""The report of a conversation made of several exports says what each export carries, what they
share and which look-alikes were kept apart (item 1 of issue 16)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

from sentinelle.ingest import ReadOptions
from sentinelle.pipeline import ingest_files
from sentinelle.report.context import build_context
from sentinelle.report.html import render_html
from sentinelle.store import Case
from store.chat_script import android_fr, ios_en, script, visible, write

STAMP = "2025-01-01T00:00:00+00:00"


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_merged_conversation_lists_its_exports(tmp_path: Path) -> None:
    lines = script()
    mid = lines[len(lines) // 2].time
    a = write(tmp_path / "Discussion WhatsApp avec Brigade.txt",
              android_fr(visible(lines, datetime(2000, 1, 1), mid + timedelta(hours=6)), "Camille Dubois", mid))  # fmt: skip
    renamed = ios_en(visible(lines, mid - timedelta(hours=6), datetime(2100, 1, 1)), "Aurélie Lambert",
                     datetime(2100, 1, 1), "Brigade").replace("] Marc Lefort:", "] ~ Marc:")  # fmt: skip
    b = write(tmp_path / "WhatsApp Chat - Brigade.txt", renamed)
    with Case.create(tmp_path / "case") as case:
        for path, who in ((a, "Camille Dubois"), (b, "Aurélie Lambert")):
            assert not ingest_files(case, [path], ReadOptions(exporter=who)).failed
        prov = {p["name"]: p for p in case.provenance(case.conversations()[0].id)}
        text = plain(render_html(build_context(case, generated_at=STAMP, lang="en")))
        hidden = plain(render_html(build_context(case, generated_at=STAMP, lang="en", pseudonymise=True)))
    assert "“Brigade”: one conversation, several exports" in text
    for name, p in prov.items():
        assert f"{name} " in text and f"{p['messages']:,} {p['only_here']:,} {p['shared']:,}".replace(",", " ") in text.replace(",", " ")
    kept = re.search(r"(\d+) message\(s\) of “Marc” have the time and text of messages of “Marc Lefort”", text)
    assert kept and int(kept.group(1)) > 0
    assert "Marc Lefort" not in hidden and "kept apart (counted twice)" in hidden
