"""A streaming JSON cursor that knows the exact byte and line range of every value.

Exports such as Telegram's `result.json` reach hundreds of MB, and every record must point at
its own bytes. ijson streams but does not give offsets, so the cursor walks the structure
itself (objects key by key, arrays element by element) and decodes each wanted value with
`json.JSONDecoder.raw_decode` from a bounded text buffer. Memory is bounded by the largest single
value decoded, never by the file.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from ..errors import InputError, ParseError

CHUNK = 1 << 20
MAX_VALUE = 256 << 20  # one JSON value larger than this is refused (not a chat message)
_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


@dataclass(frozen=True, slots=True)
class Span:
    """Where a value sits in the file: bytes [byte_start, byte_end), lines 1-based inclusive."""

    byte_start: int
    byte_end: int
    line_start: int
    line_end: int


class JsonCursor:
    """Walks one UTF-8 JSON document (BOM tolerated) without loading it whole."""

    def __init__(self, fh: IO[bytes], path: str = "") -> None:
        self._fh = fh
        self.path = path
        self._dec = codecs.getincrementaldecoder("utf-8")("strict")
        self._buf = ""
        self._pos = 0  # index into _buf
        self.byte_pos = 0  # byte offset of _buf[_pos] in the file
        self.line = 1  # line number of _buf[_pos]
        self._eof = False
        self._resumed = False  # set when `_resync` has moved to the next element of an array
        head = fh.read(3)
        if head.startswith(codecs.BOM_UTF8):
            self.byte_pos = 3
            head = head[3:]
        elif head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            raise InputError("UTF-16 JSON is not supported; convert it to UTF-8", path=path)
        self._feed(head)

    # --- buffer management ----------------------------------------------------------------
    def _feed(self, data: bytes) -> None:
        try:
            text = self._dec.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not UTF-8 near byte {self.byte_pos + len(self._buf[self._pos:].encode()) + exc.start}"
                " (JSON exports are UTF-8)",
                path=self.path,
            ) from None
        if self._pos > CHUNK:  # drop what was consumed so the buffer stays bounded
            self._buf = self._buf[self._pos :]
            self._pos = 0
        self._buf += text

    def _more(self) -> bool:
        if self._eof:
            return False
        data = self._fh.read(CHUNK)
        if not data:
            self._eof = True
            self._feed(b"")
            return False
        self._feed(data)
        return True

    def _advance(self, new_pos: int) -> None:
        seg = self._buf[self._pos : new_pos]
        self.byte_pos += len(seg) if seg.isascii() else len(seg.encode("utf-8"))
        self.line += seg.count("\n")
        self._pos = new_pos

    def _error(self, cause: str) -> ParseError:
        return ParseError(cause, path=self.path, line=self.line)

    # --- tokens -----------------------------------------------------------------------------
    def peek(self) -> str:
        """The next non-blank character ('' at the end of the file)."""
        while True:
            end = _WS.match(self._buf, self._pos).end()
            self._advance(end)
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return ""

    def expect(self, ch: str) -> None:
        got = self.peek()
        if got != ch:
            what = repr(got) if got else "the end of the file (truncated JSON?)"
            raise self._error(f"expected {ch!r}, found {what}")
        self._advance(self._pos + 1)

    def at_end(self) -> bool:
        return self.peek() == ""

    def value(self) -> tuple[Any, Span]:
        """Decode the next value whole and say where it was."""
        self.peek()
        while True:
            try:
                obj, end = _DECODER.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                near_end = exc.msg.startswith("Unterminated string") or exc.pos >= len(self._buf) - 16
                if near_end and not self._eof and len(self._buf) - self._pos < MAX_VALUE:
                    self._more()
                    continue
                if near_end:
                    raise self._error("truncated JSON: the file ends inside a value") from None
                # the cursor stays at the value's start so that `array_values` can resynchronise
                line = self.line + self._buf.count("\n", self._pos, exc.pos)
                raise ParseError(f"malformed JSON ({exc.msg})", path=self.path, line=line) from None
            except RecursionError:
                raise self._error("JSON nested too deeply to be a chat export") from None
            if end == len(self._buf) and not self._eof:  # a number may go on in the next chunk
                self._more()
                continue
            start_byte, start_line = self.byte_pos, self.line
            self._advance(end)
            return obj, Span(start_byte, self.byte_pos, start_line, self.line)

    def skip(self, depth: int = 0) -> None:
        """Pass over the next value; the outer containers are walked so memory stays bounded."""
        ch = self.peek()
        if ch == "{" and depth < 8:
            for _ in self.object_keys():
                self.skip(depth + 1)
        elif ch == "[" and depth < 8:
            for _ in self.array_items():
                self.skip(depth + 1)
        else:
            self.value()

    def object_keys(self) -> Iterator[str]:
        """Yield each key of the object at the cursor; the caller consumes its value."""
        self.expect("{")
        if self.peek() == "}":
            self._advance(self._pos + 1)
            return
        while True:
            if self.peek() != '"':
                raise self._error("expected a property name")
            key, _ = self.value()
            self.expect(":")
            yield key
            ch = self.peek()
            if ch == ",":
                self._advance(self._pos + 1)
                continue
            if ch == "}":
                self._advance(self._pos + 1)
                return
            raise self._error("expected ',' or '}' " + ("(truncated JSON?)" if not ch else f"not {ch!r}"))

    def array_items(self) -> Iterator[None]:
        """Yield once per element of the array at the cursor; the caller consumes it."""
        self.expect("[")
        if self.peek() == "]":
            self._advance(self._pos + 1)
            return
        while True:
            yield None
            if self._resumed:  # a malformed element was skipped: the cursor is on the next one
                self._resumed = False
                continue
            ch = self.peek()
            if ch == ",":
                self._advance(self._pos + 1)
                continue
            if ch == "]":
                self._advance(self._pos + 1)
                return
            raise self._error("expected ',' or ']' " + ("(truncated JSON?)" if not ch else f"not {ch!r}"))

    def array_values(self) -> Iterator[tuple[Any, Span, ParseError | None]]:
        """Each element of the array at the cursor as (value, span, None). A malformed element
        comes as (None, span of the bytes skipped, error) when reading can safely go on at the
        next element (pretty-printed arrays); otherwise the error is raised."""
        for _ in self.array_items():
            indent = self._indent()
            start_byte, start_line = self.byte_pos, self.line
            try:
                obj, span = self.value()
            except ParseError as exc:
                if indent is None or not self._resync(indent):
                    raise
                yield None, Span(start_byte, self.byte_pos, start_line, self.line), exc
                continue
            yield obj, span, None

    def _indent(self) -> str | None:
        """The blanks before an object that starts its own line (pretty-printed exports)."""
        if self.peek() != "{":
            return None
        line_start = self._buf.rfind("\n", max(0, self._pos - 256), self._pos)  # bounded: compact JSON
        indent = self._buf[line_start + 1 : self._pos]
        return indent if line_start >= 0 and not indent.strip() else None

    def _resync(self, indent: str) -> bool:
        """Move to the next line that opens an object at the same indentation: in a
        pretty-printed array that is the next element, since nested objects sit deeper."""
        marker = "\n" + indent + "{"
        start = self._pos + 1
        while True:
            found = self._buf.find(marker, start)
            if found >= 0:
                self._advance(found + len(marker) - 1)
                self._resumed = True
                return True
            start = max(self._pos + 1, len(self._buf) - len(marker))  # nothing before this matched
            if len(self._buf) - self._pos > MAX_VALUE:
                return False
            before = self._pos
            if not self._more():
                return False
            start -= before - self._pos  # reading more may have dropped the consumed prefix
