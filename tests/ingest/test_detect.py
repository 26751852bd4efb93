"""Format auto-detection from content, for every non-WhatsApp fixture and for zips."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sentinelle.errors import InputError, UnknownFormat, UnsafeArchive
from sentinelle.ingest import read, sniff
from sentinelle.ingest.registry import READERS, get_reader

DATA = Path(__file__).resolve().parents[1] / "data"

# (fixture under ../shared/fixtures, format, why)
FIXTURES = [
    ("chat-analytics/discord/DM_2A_2M.json", "discord", "DiscordChatExporter keys"),
    ("chat-analytics/discord/GC_3A_5M.json", "discord", "DiscordChatExporter keys"),
    ("chat-analytics/discord/SV_5A_5M.json", "discord", "DiscordChatExporter keys"),
    ("chat-analytics/messenger/2A_7M.json", "messenger", "sender_name + timestamp_ms, after a BOM"),
    ("chat-analytics/telegram/DM_2A_7M.json", "telegram", "from_id / text_entities / personal_chat"),
    ("chat-miner/telegram/test_single_export.json", "telegram", "minimal: date_unixtime only"),
    ("chat-miner/telegram/test_batch_export.json", "telegram", "full-account export"),
    ("chat-miner/instagram/test_export.json", "messenger", "Instagram uses the Messenger layout"),
    ("chat-miner/signal/test_export.txt", "signal", "old signal-export layout, .txt name"),
    ("chat-analytics/whatsapp/4A_11M.zip", "whatsapp", "a zip is recognised by the chat file inside"),
    ("whats_json/ios/WhatsApp Chat - Elon Musk (RU).zip", "whatsapp", "iOS zip with _chat.txt"),
]


@pytest.mark.parametrize(("rel", "fmt", "why"), FIXTURES)
def test_fixture_formats(fixtures_dir, rel, fmt, why):
    assert sniff(fixtures_dir / rel) == fmt, why


# (our file, format, why)
OURS = [
    ("telegram/groupe/result.json", "telegram", "group export"),
    ("telegram/compte/result.json", "telegram", "full-account export starts with personal information"),
    ("matrix/room_timeline.json", "matrix", "array of raw events"),
    ("matrix/room_timeline.jsonl", "matrix", "JSON Lines of raw events, not generic JSONL"),
    ("matrix/messages_response.json", "matrix", "/messages response"),
    ("matrix/matrix - Brigade Nord (fictif) - Chat Export - 2026-11-25.json", "matrix", "Element export"),
    ("matrix/element_export.zip", "matrix", "Element zip: export.json inside"),
    ("signal/Brigade Nord/chat.md", "signal", "current layout"),
    ("signal/Ancien format/chat.md", "signal", "old layout"),
    ("signal/Brigade Nord/data.json", "signal", "signal-export data.json (JSON Lines)"),
    ("tabular/messages.csv", "csv", "French column names"),
    ("tabular/messages.jsonl", "jsonl", "generic JSON Lines"),
]


@pytest.mark.parametrize(("rel", "fmt", "why"), OURS)
def test_own_formats(rel, fmt, why):
    assert sniff(DATA / rel) == fmt, why


@pytest.mark.parametrize("rel", [r for r, *_ in OURS if not r.endswith(".zip")])  # zips: by their members
def test_content_not_name(tmp_path, rel):
    """The same bytes under a meaningless name are still recognised."""
    src = DATA / rel
    copy = tmp_path / "export.bin"
    copy.write_bytes(src.read_bytes())
    expected = sniff(src)
    assert sniff(copy) == expected


def test_whatsapp_fixtures_are_not_claimed_by_other_readers(fixtures_dir):
    for path in fixtures_dir.rglob("*.txt"):
        if (
            "whatsapp" not in str(path).lower()
            and "whatstk" not in str(path)
            and "whats_json" not in str(path)
        ):
            continue
        head = path.read_bytes()[:65536]
        for name in READERS:
            if name == "whatsapp":
                continue
            assert get_reader(name).sniff(head, path.name) == 0.0, (name, path.name)


# (content, error, fragment, why)
BAD = [
    (b"", InputError, "empty", "an empty file"),
    (b"   \n", InputError, "empty", "blank only"),
    (
        b'{"type": "FeatureCollection", "features": []}',
        UnknownFormat,
        "JSON file that is not a chat export",
        "GeoJSON",
    ),
    (b"[1, 2, 3]", UnknownFormat, "not a chat export", "a JSON array of numbers"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", UnknownFormat, "not a chat export", "a binary file"),
]


@pytest.mark.parametrize(("content", "error", "fragment", "why"), BAD)
def test_bad_files(tmp_path, content, error, fragment, why):
    path = tmp_path / "input.json"
    path.write_bytes(content)
    with pytest.raises(error, match=fragment):
        list(read(path))


def test_zip_without_chat(tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("IMG-0001.jpg", b"\xff\xd8")
    with pytest.raises(UnknownFormat, match="no chat export inside"):
        sniff(path)


def test_zip_traversal_refused(tmp_path):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("../export.json", b"{}")
    with pytest.raises(UnsafeArchive, match="path traversal"):
        sniff(path)


def test_unknown_forced_format(tmp_path):
    with pytest.raises(UnknownFormat, match="unknown format 'icq'"):
        get_reader("icq")


@pytest.mark.parametrize("tool", ["instagram", "signal", "telegram", "whatsapp"])
def test_chat_miner_targets_are_not_chats(fixtures_dir, tool):
    """chat-miner's target.json files are that tool's parsed output, not an export."""
    with pytest.raises(UnknownFormat, match="JSON file that is not a chat export"):
        sniff(fixtures_dir / "chat-miner" / tool / "target.json")
