"""The readers sentinelle knows, sniffed from content (not only the file name).

Built-in readers register through the same table a plugin would use: a name and the module
that provides `READER` (an object following `ingest.base.Reader`). Imports are lazy so that
`sentinelle parse` only loads the reader it needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError, UnknownFormat
from ..records import Record
from .archive import safe_members
from .base import Reader, ReadOptions
from .sanitize import clean_records, warn_incomplete
from .textio import detect

READERS: dict[str, str] = {
    "whatsapp": "sentinelle.ingest.whatsapp",
    "telegram": "sentinelle.ingest.telegram",
    "matrix": "sentinelle.ingest.matrix",
    "discord": "sentinelle.ingest.discord",
    "signal": "sentinelle.ingest.signal",
    "messenger": "sentinelle.ingest.messenger",
    "csv": "sentinelle.ingest.tabular_csv",
    "jsonl": "sentinelle.ingest.tabular_jsonl",
}
# Inside a zip, the member that tells the format (base names; WhatsApp iOS names it _chat.txt).
ZIP_MEMBERS = (("export.json", "matrix"), ("_chat.txt", "whatsapp"), ("result.json", "telegram"))

SNIFF_BYTES = 64 * 1024
_JSON_BASED = frozenset({"telegram", "matrix", "discord", "signal", "messenger", "jsonl"})


def get_reader(name: str) -> Reader:
    if name not in READERS:
        raise UnknownFormat(f"unknown format {name!r}; known: {', '.join(READERS)}")
    return importlib.import_module(READERS[name]).READER


def _sniff_zip(path: Path) -> str:
    """A zip is recognised by the chat file inside it."""
    names = [info.filename.rsplit("/", 1)[-1] for info in safe_members(path)]
    for member, fmt in ZIP_MEMBERS:
        if member in names:
            return fmt
    if any(n.lower().endswith(".txt") for n in names):
        return "whatsapp"
    raise UnknownFormat("a zip with no chat export inside (no _chat.txt, .txt or export.json)", path=str(path))


def _available(name: str) -> Reader | None:
    try:
        return get_reader(name)
    except ModuleNotFoundError as exc:  # a reader not in this build (yet); its own bugs still raise
        if exc.name != READERS[name]:
            raise
        return None


def sniff(path: Path, head: bytes | None = None) -> str:
    """The most likely format of a file, from its first bytes and its name."""
    if head is None:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    if not head.strip():
        raise InputError("the file is empty", path=str(path))
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    scores = {}
    for name in READERS:
        reader = _available(name)
        if reader is not None:
            scores[name] = reader.sniff(head, path.name)
    best = max(scores, key=scores.__getitem__)
    if scores[best] <= 0.0:
        detect(head, str(path))  # not text at all (NULs, binary, an encoding it cannot tell): say so
        what = "a JSON file that is not a chat export" if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[") \
            else "not a chat export sentinelle recognises"
        raise UnknownFormat(f"{what} (use --format to force one)", path=str(path))
    return best


def read(path: str | Path, options: ReadOptions | None = None) -> Iterator[Record]:
    """Stream the records of one export file, the format sniffed unless `options.format` says."""
    path = Path(path)
    options = options or ReadOptions()
    if not path.exists():
        raise InputError("no such file", path=str(path))
    if path.is_dir():
        raise InputError("is a directory, not an export file", path=str(path))
    fmt = options.format or sniff(path)
    records = get_reader(fmt).read(path, options)
    if fmt in _JSON_BASED:  # the text readers never give lone surrogates
        records = clean_records(records, str(path))
    if fmt != "whatsapp":  # WhatsApp messages always have a sender, and an unreadable time is reported
        records = warn_incomplete(records, str(path))
    return records
