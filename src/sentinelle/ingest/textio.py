"""Text exports: encoding detection and streaming line iteration with exact byte offsets.

Readers of line-based formats never hold a whole file: they iterate `Line`s, each carrying the
decoded text (without its line break), the break itself and the [start, end) byte range of the
text in the original bytes, so that a record's source can always be re-read exactly.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO, NamedTuple

from ..errors import InputError

HEAD_BYTES = 64 * 1024


class Line(NamedTuple):
    text: str | None  # None: the line's bytes are not valid in the file's encoding
    eol: str  # "\n", "\r\n" or "" (last line without a break)
    start: int  # byte offset of the first byte of the line
    end: int  # byte offset just after the text (the break excluded)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_length(encoding: str, head: bytes) -> int:
    for bom, name in _BOMS:
        if name == encoding and head.startswith(bom):
            return len(bom)
    return 0


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs at every other byte for Latin-script text."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    codec = "utf-16-le" if odd > 0.3 and even < 0.05 else "utf-16-be" if even > 0.3 and odd < 0.05 else None
    if codec is None:
        return None
    text = sample[: len(sample) // 2 * 2].decode(codec, errors="replace")
    printable = sum(c.isprintable() or c in "\r\n\t" for c in text)
    return codec if printable >= 0.9 * len(text) else None


# Legacy 8-bit encodings sentinelle decodes when a file is not UTF-8 (WhatsApp on old phones,
# CSV saved by Excel): all single-byte, so byte lengths are character counts.
LEGACY = ("cp1252", "cp1250", "cp1251", "koi8_r", "mac_roman", "cp850")
_SAME_AS_CP1252 = {"latin_1", "iso8859_1", "iso8859_15", "ascii"}
_MIN_CONFIDENCE = 0.7
# a valid UTF-8 multi-byte sequence (to tell a damaged UTF-8 file from an 8-bit one)
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


class Encoding(NamedTuple):
    name: str  # utf-8, utf-8-sig, utf-16-le/-be, or one of LEGACY
    confidence: float  # 1.0 for a BOM or valid UTF-8; the guess's confidence for a legacy one


def detect_encoding(head: bytes, path: str = "") -> str:
    """The encoding of a text export from its first bytes: utf-8, utf-8-sig, utf-16-le/-be,
    or a legacy 8-bit one (`LEGACY`, guessed: see `detect`).

    Raises InputError for an empty file, a binary file, or a text in an encoding it cannot
    tell with confidence (naming its best guess).
    """
    return detect(head, path).name


def detect(head: bytes, path: str = "") -> Encoding:
    """`detect_encoding` with the confidence of the guess."""
    if not head.strip(b" \t\r\n"):
        raise InputError("the file is empty", path=path)
    if not head.strip(b" \t\r\n\x00"):
        raise InputError(f"the file holds only NUL bytes ({len(head)} bytes read), no text", path=path)
    for bom, name in _BOMS:
        if head.startswith(bom):
            return Encoding(name, 1.0)
    utf16 = _utf16_without_bom(head)
    if utf16:
        return Encoding(utf16, 1.0)
    nuls = head.count(0)
    controls = sum(head.count(bytes([c])) for c in range(1, 32) if c not in (9, 10, 12, 13, 27))
    # a few NULs (damage) are shown as U+FFFD on their message; a binary file has many
    if nuls > max(64, len(head) // 20):
        raise InputError("binary file (NUL bytes), not a text chat export", path=path)
    if controls > max(8, len(head) // 100):
        raise InputError("binary file (control bytes), not a text chat export", path=path)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
        return Encoding("utf-8", 1.0)
    except UnicodeDecodeError:
        pass
    # A stray bad byte in a UTF-8 file is a damaged message (shown as U+FFFD, flagged); bad
    # bytes and no valid multi-byte sequence mean another encoding altogether.
    text = head.decode("utf-8", "surrogateescape")
    bad = len(_SURROGATE.findall(text)) - nuls
    good = len(_UTF8_MULTI.findall(head))
    # (an 8-bit text is almost never valid UTF-8 by chance; and it has accented letters everywhere)
    if bad <= 2 or good >= max(1, bad // 10) or bad * 1000 < len(head):
        return Encoding("utf-8", 1.0)
    legacy, guess = _guess_legacy(head)
    if legacy is not None:
        return legacy
    if bad <= len(head) // 20:  # a few bad bytes in an otherwise ASCII text: shown as U+FFFD, flagged
        return Encoding("utf-8", 1.0)
    raise InputError(
        f"not UTF-8 or UTF-16 text, and no 8-bit encoding fits with confidence (best guess: {guess}); "
        "re-export the chat or convert it to UTF-8",
        path=path,
    )


def _guess_legacy(head: bytes) -> tuple[Encoding | None, str]:
    """(the legacy encoding of `head` with its confidence, or None; the best guess's name)."""
    try:
        from charset_normalizer import from_bytes

        isolation = [*LEGACY, "latin_1", "iso8859_15"]
        matches = list(from_bytes(head[: 1 << 16], cp_isolation=isolation))
    except Exception:  # noqa: BLE001 - a guess only
        matches = []
    if not matches:
        return None, "none"
    best = min(matches, key=lambda m: m.chaos)
    # cp1252 (Western Europe, what WhatsApp and Excel write there) unless another fits clearly
    # better: on a short text cp1250 and others often fit as well ("trčs" for "très")
    western = [m for m in matches if m.encoding in _SAME_AS_CP1252 or m.encoding == "cp1252"]
    if western and min(m.chaos for m in western) <= best.chaos + 0.05:
        best = min(western, key=lambda m: m.chaos)
    name = "cp1252" if best.encoding in _SAME_AS_CP1252 else best.encoding
    confidence = round(max(0.0, 1.0 - float(best.chaos)), 3)
    if name not in LEGACY or confidence < _MIN_CONFIDENCE:
        return None, f"{name} (confidence {confidence:.2f})"
    return Encoding(name, confidence), name


def iter_lines(fh: BinaryIO, encoding: str, offset: int = 0) -> Iterator[Line]:
    """Lines of an open binary file positioned at `offset` (after any BOM)."""
    if encoding.startswith("utf-16"):
        yield from _utf16_lines(fh, encoding, offset)
        return
    pos = offset
    for raw in fh:
        n = len(raw)
        if raw.endswith(b"\n"):
            if raw.endswith(b"\r\n"):
                body, eol = raw[:-2], "\r\n"
            else:
                body, eol = raw[:-1], "\n"
        else:
            body, eol = raw, ""
        try:
            text: str | None = body.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        yield Line(text, eol, pos, pos + len(body))
        pos += n


def _utf16_lines(fh: BinaryIO, encoding: str, offset: int) -> Iterator[Line]:
    """UTF-16 lines, decoded in chunks; byte lengths are measured by re-encoding each line."""
    codec = "utf-16-le" if encoding.endswith("le") else "utf-16-be"
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    pos = offset
    buf = ""
    while True:
        chunk = fh.read(1 << 20)
        final = not chunk
        try:
            buf += decoder.decode(chunk, final=final)
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 near byte {pos}: {exc.reason}") from None
        *complete, buf = buf.split("\n")
        for part in complete:
            text, eol = (part[:-1], "\r\n") if part.endswith("\r") else (part, "\n")
            nbytes = len(text.encode(codec, "surrogatepass"))
            yield Line(text, eol, pos, pos + nbytes)
            pos += nbytes + 2 * len(eol)
        if final:
            if buf:
                yield Line(buf, "", pos, pos + len(buf.encode(codec, "surrogatepass")))
            return


def open_text(fh: BinaryIO, path: str = "") -> tuple[str, int]:
    """Detect the encoding of an open binary file; returns (encoding, BOM length) and leaves
    the file positioned just after the BOM."""
    head = fh.read(HEAD_BYTES)
    encoding = detect_encoding(head, path)
    skip = bom_length(encoding, head)
    fh.seek(skip)
    return encoding, skip


class Chunk(NamedTuple):
    text: str  # whole lines (the last chunk may end without a break)
    start: int  # byte offset of text[0] in the file
    ascii: bool  # one byte per character: byte lengths are string lengths
    damaged: bool  # holds bytes invalid in the encoding (as lone surrogates U+DC80-U+DCFF)
    codec: str
    errors: str

    def nbytes(self, piece: str) -> int:
        """Byte length in the file of a piece of this chunk's text."""
        return len(piece) if self.ascii else encoded_length(piece, self.codec)


def codec_of(encoding: str) -> tuple[str, str]:
    """(codec, error handler) that decode a file of `encoding` (as `detect_encoding` names it)
    so that every piece of text re-encodes to its exact bytes: invalid UTF-8 bytes as lone
    surrogates (surrogateescape), UTF-16 surrogates passed through, the few bytes a legacy
    code page leaves undefined as lone surrogates too."""
    if encoding in ("utf-16-le", "utf-16-be"):
        return encoding, "surrogatepass"
    if encoding in LEGACY:
        return encoding, "surrogateescape"
    return "utf-8", "surrogateescape"


def encoded_length(piece: str, codec: str) -> int:
    """Byte length in the file of a piece of text decoded with `codec_of`'s codec."""
    if codec == "utf-8":
        return len(piece) if piece.isascii() else len(piece.encode(codec, "surrogateescape"))
    if codec in LEGACY:  # one byte per character
        return len(piece)
    return len(piece.encode(codec, "surrogatepass"))


CHUNK_BYTES = 1 << 20


def iter_chunks(fh: BinaryIO, encoding: str, offset: int = 0, size: int | None = None) -> Iterator[Chunk]:
    """The decoded text of an open binary file (positioned at `offset`) in chunks of whole lines.

    Invalid bytes never stop the reading: in UTF-8 they decode to lone surrogates
    (surrogateescape), so byte lengths stay exact and the caller can report the lines.
    """
    size = size or CHUNK_BYTES  # read at call time: tests shrink it to cross chunk boundaries
    codec, errors = codec_of(encoding)
    decoder = codecs.getincrementaldecoder(codec)(errors="strict" if codec.startswith("utf-16") else errors)
    if codec == "utf-8":
        yield from _utf8_chunks(fh, offset, size)
        return
    pos = offset
    carry = ""
    carry_bytes = 0  # byte length of `carry` in the file
    while True:
        raw = fh.read(size)
        final = not raw
        # bytes of a character cut at the end of a read wait in the decoder
        waiting = len(decoder.getstate()[0])
        try:
            text = carry + decoder.decode(raw, final=final)
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid {codec.upper()} near byte {pos}: {exc.reason}") from None
        # the chunk's byte length from the bytes read, not by encoding the chunk again
        text_bytes = carry_bytes + len(raw) + waiting - len(decoder.getstate()[0])
        if not final:
            cut = text.rfind("\n") + 1
            text, carry = text[:cut], text[cut:]
            carry_bytes = len(carry.encode(codec, errors))
            text_bytes -= carry_bytes
            if not text:
                continue
        if text:
            single = codec in LEGACY  # one byte per character
            damaged = (single or not text.isascii() or "\x00" in text) and _has_surrogate(text)
            yield Chunk(text, pos, single, damaged, codec, errors)
            pos += text_bytes
        if final:
            return


def iter_byte_chunks(fh: BinaryIO, offset: int = 0, size: int | None = None) -> Iterator[tuple[bytes, int]]:
    """(bytes, byte offset) of an open binary file in chunks cut after a b"\\n" (the last one
    may end without it). In UTF-8 a b"\\n" never sits inside a multi-byte character, so each
    chunk decodes alone."""
    size = size or CHUNK_BYTES
    pos = offset
    carry = b""
    while True:
        raw = fh.read(size)
        final = not raw
        if final:
            data, carry = carry, b""
        else:
            cut = raw.rfind(b"\n") + 1
            if not cut:
                carry += raw
                continue
            data, carry = carry + raw[:cut], raw[cut:]
        if data:
            yield data, pos
            pos += len(data)
        if final:
            return


def _utf8_chunks(fh: BinaryIO, offset: int, size: int) -> Iterator[Chunk]:
    for data, pos in iter_byte_chunks(fh, offset, size):
        try:  # valid UTF-8 never decodes to lone surrogates: strict tells damage for free
            text = data.decode("utf-8")
            damaged = b"\x00" in data
        except UnicodeDecodeError:
            text = data.decode("utf-8", "surrogateescape")
            damaged = True
        yield Chunk(text, pos, len(text) == len(data), damaged, "utf-8", "surrogateescape")


# what a chunk marked `damaged` may hold: bytes invalid in the encoding (lone surrogates
# U+DC80-U+DCFF, surrogateescape) and NUL (valid, but never text: shown as U+FFFD too)
_SURROGATE = re.compile("[\x00\udc80-\udcff]")


def _has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def has_surrogate(text: str) -> bool:
    """Whether `text` holds undecodable bytes (as lone surrogates) or NUL."""
    return _SURROGATE.search(text) is not None


def replace_undecodable(text: str) -> str:
    """`text` with each undecodable byte (and NUL) as U+FFFD: one character for one, so that
    offsets in the text hold; the bytes themselves stay in the file's source range."""
    return _SURROGATE.sub("\ufffd", text)
