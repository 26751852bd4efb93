"""Lone surrogates out of the records of JSON-based readers.

JSON may escape half of a UTF-16 pair ("\\ud83d" without its partner): Python's JSON decoders
give a lone surrogate, which no UTF-8 output (the `parse` JSON lines, the case database) can
hold. Such a character becomes U+FFFD; a message or event that held one is flagged
'undecodable' and reported once (not skipped); its source range still holds the bytes as
written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..records import Event, Flag, Message, ParseIssue, Record, replace

_LONE = re.compile("[\ud800-\udfff]")


def _clean(value: Any) -> tuple[Any, bool]:
    """(value with lone surrogates as U+FFFD, whether any was found)."""
    if isinstance(value, str):
        if _LONE.search(value) is None:
            return value, False
        return _LONE.sub("\ufffd", value), True
    if isinstance(value, dict):
        out, hit = {}, False
        for k, v in value.items():
            k2, a = _clean(k)
            v2, b = _clean(v)
            out[k2] = v2
            hit = hit or a or b
        return (out, True) if hit else (value, False)
    if isinstance(value, tuple | list | frozenset):
        items = [_clean(v) for v in value]
        if not any(h for _, h in items):
            return value, False
        return type(value)(v for v, _ in items), True
    return value, False


def clean_records(records: Iterator[Record], path: str) -> Iterator[Record]:
    for rec in records:
        if isinstance(rec, ParseIssue):
            yield rec
            continue
        changes = {}
        for name in rec.__struct_fields__:
            value = getattr(rec, name)
            if isinstance(value, str | dict | tuple | list | frozenset):
                cleaned, hit = _clean(value)
                if hit:
                    changes[name] = cleaned
        if changes:
            if isinstance(rec, Message | Event):
                changes["flags"] = frozenset(changes.get("flags", rec.flags)) | {Flag.UNDECODABLE}
                src = rec.source
                yield ParseIssue(path, src.line_start, "lone surrogate (half of a UTF-16 pair) shown as U+FFFD; "
                                 "the record is kept and flagged 'undecodable'", src.byte_start, False)
            rec = replace(rec, **changes)
        yield rec


def warn_incomplete(records: Iterator[Record], path: str) -> Iterator[Record]:
    """Messages are kept even without a sender or a time, but never silently: the first of each
    kind is reported where it is, and the totals before the summary."""
    missing = {"sender": 0, "time": 0}
    for rec in records:
        if isinstance(rec, Message):
            for what, absent in (("sender", not (rec.sender or rec.sender_id)), ("time", rec.time is None)):
                if absent:
                    missing[what] += 1
                    if missing[what] == 1:
                        yield ParseIssue(path, rec.source.line_start, f"message without a {what} (kept; "
                                         f"it is counted but linked to no {'person' if what == 'sender' else 'date'})",
                                         rec.source.byte_start, False)
        elif rec.kind == "summary":
            for what, count in missing.items():
                if count > 1:
                    yield ParseIssue(path, None, f"{count} messages without a {what} in all (kept)", None, False)
        yield rec
