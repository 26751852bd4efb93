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
from .base import Reader, ReadOptions

READERS: dict[str, str] = {
    "whatsapp": "sentinelle.ingest.whatsapp",
    "telegram": "sentinelle.ingest.telegram",
    "matrix": "sentinelle.ingest.matrix",
    "discord": "sentinelle.ingest.discord",
    "signal": "sentinelle.ingest.signal",
    "csv": "sentinelle.ingest.tabular",
    "jsonl": "sentinelle.ingest.tabular_jsonl",
}

SNIFF_BYTES = 64 * 1024


def get_reader(name: str) -> Reader:
    if name not in READERS:
        raise UnknownFormat(f"unknown format {name!r}; known: {', '.join(READERS)}")
    return importlib.import_module(READERS[name]).READER


def sniff(path: Path, head: bytes | None = None) -> str:
    """The most likely format of a file, from its first bytes and its name."""
    if head is None:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    if not head.strip():
        raise InputError("the file is empty", path=str(path))
    scores = {name: get_reader(name).sniff(head, path.name) for name in READERS}
    best = max(scores, key=scores.__getitem__)
    if scores[best] <= 0.0:
        raise UnknownFormat(
            "not a chat export sentinelle recognises (use --format to force one)", path=str(path)
        )
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
    return get_reader(fmt).read(path, options)
