"""The WhatsApp reader's three ways through a file give the same records.

A file of one layout is split on its headers and its plain messages are built inline; every
other record goes through `_record`, and files that mix layouts are lexed header by header.
The inline path and the split are only speed: forcing every record through `_record`, or the
whole file through the mixed-layout lexer, must not change one field of one record, on every
real export, the project's own test exports and the demo, with chunks cut anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_whatsapp_props import LAYOUTS, chats, render

from sentinelle.ingest import textio
from sentinelle.ingest.base import ReadOptions
from sentinelle.ingest.whatsapp import READER
from sentinelle.ingest.whatsapp.reader import _Parse
from sentinelle.records import field_names
from sharedpaths import FIXTURES

ROOT = Path(__file__).resolve().parents[2]


def _exports() -> list[Path]:
    roots = [FIXTURES, ROOT / "tests" / "data" / "whatsapp", ROOT / "src" / "sentinelle" / "demo"]
    found = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() in (".txt", ".zip") and READER.sniff(path.read_bytes()[:65536], path.name) > 0.5:
                found.append(path)
    return found


EXPORTS = _exports()


def _fields(path: Path, **options) -> list[tuple]:
    out = []
    for rec in READER.read(path, ReadOptions(**options)):
        values = []
        for name in field_names(rec):
            value = getattr(rec, name)
            values.append(sorted(value) if isinstance(value, frozenset) else value)
        out.append((type(rec).__name__, *values))
    return out


def test_the_exports_are_found() -> None:
    names = {p.name for p in EXPORTS}
    assert "Discussion WhatsApp avec Brigade Fictive 75.txt" in names
    assert len(EXPORTS) >= 15


@pytest.mark.parametrize("chunk", [1 << 20, 613])
@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.name)
def test_inline_path_and_mixed_layout_lexer_change_nothing(monkeypatch, path: Path, chunk: int) -> None:
    monkeypatch.setattr(textio, "CHUNK_BYTES", chunk)
    fast = _fields(path)
    assert any(r[0] == "Message" for r in fast)
    monkeypatch.setattr(_Parse, "inline", False)
    assert _fields(path) == fast
    monkeypatch.setattr(_Parse, "_split_records", _Parse._match_records)
    assert _fields(path) == fast


def test_the_inline_path_is_taken(monkeypatch) -> None:
    """A guard for the test above: on the demo most messages never reach `_record`."""
    calls = []
    original = _Parse._record

    def counting(self, *args):
        calls.append(1)
        return original(self, *args)

    monkeypatch.setattr(_Parse, "_record", counting)
    records = _fields(ROOT / "src" / "sentinelle" / "demo" / "Discussion WhatsApp avec Brigade Fictive 75.txt")
    messages = sum(r[0] == "Message" for r in records)
    assert messages > 3000 and len(calls) < messages / 10


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chat=chats(), layout=st.sampled_from(sorted(LAYOUTS)), newline=st.sampled_from(["\n", "\r\n"]))
def test_generated_exports_read_the_same_every_way(tmp_path_factory, monkeypatch, chat, layout, newline) -> None:
    path = tmp_path_factory.mktemp("wa") / "Discussion WhatsApp avec Groupe Test.txt"
    path.write_bytes(render(chat, layout, newline).encode())
    with monkeypatch.context() as m:
        m.setattr(textio, "CHUNK_BYTES", 97)
        fast = _fields(path)
        m.setattr(_Parse, "inline", False)
        assert _fields(path) == fast
        m.setattr(_Parse, "_split_records", _Parse._match_records)
        assert _fields(path) == fast


def _scan(path: Path) -> tuple:
    opener, sha, container, member = READER._open(path, ReadOptions())
    parse = _Parse(path, opener, sha, container, member, ReadOptions(), None)
    with opener() as fh:
        encoding, skip = textio.open_text(fh)
    scan = parse.scan(encoding, skip)
    return (dict(scan.layouts), scan.dates, dict(scan.names.first), dict(scan.names.longer), scan.lines, scan.subject)


@pytest.mark.parametrize("chunk", [1 << 20, 613])
def test_first_pass_on_bytes_counts_what_the_text_pass_counts(monkeypatch, tmp_path: Path, chunk: int) -> None:
    """The bytes regex caps names in bytes (4 per character) and `names_of` cuts them back to
    the text regex's 80 + 40 characters: long, accented and emoji names count the same."""
    long_name = "Brigadier-chef 🚓🚓🚓 " + "é" * 70  # over 80 characters, far over 80 bytes
    colon = "Cdt: Élodie Pétronille-Désirée 🌸🌸🌸"  # a ": " inside, its second part > 40 bytes
    lines = ["12/01/2024 08:00 - Vous avez créé le groupe « Brigade »"]
    for i in range(30):
        who = (long_name, colon, "Léa", "+33 6 12 34 56 78")[i % 4]
        lines.append(f"{13 + i % 10}/01/2024 09:{i:02d} - {who}: message {i} : détail: fin")
    lines.append(f"25/01/2024 10:00 - {'x' * 50}: {'y' * 45}: corps")
    path = tmp_path / "Discussion WhatsApp avec Brigade.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for export in [path, *EXPORTS]:
        monkeypatch.setattr(textio, "CHUNK_BYTES", chunk)
        binary = _scan(export)
        with monkeypatch.context() as m:
            m.setattr(_Parse, "binary_pass", False)
            assert _scan(export) == binary, export.name
    _, _, first, longer, _, _ = _scan(path)
    assert first[long_name[:80]] == 8 and first["Cdt"] == 8 and longer[colon] == 8
    assert "x" * 50 in first and not [k for k in longer if k.startswith("x")]  # a second part over 40
