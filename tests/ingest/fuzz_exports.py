"""Mutations of real exports for the fuzz campaign (tests/ingest/test_fuzz_exports.py, a short
deterministic run; bench/fuzz_readers.py, a long one).

Body mutations change bytes only inside message bodies (byte flips, invisible and bidi marks,
NUL, CRLF mixes, huge lines, invalid UTF-8, text that looks like a system line): the file must
read without a traceback, giving the same number of messages with the same senders. Structural
mutations (truncation, deep JSON, garbage, cut and pasted blocks) may make a file unreadable,
but only with a clear one-line error."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sentinelle.errors import SentinelleError
from sentinelle.ingest import ReadOptions, read
from sentinelle.records import Message
from sharedpaths import FIXTURES

ROOT = Path(__file__).resolve().parents[2]

MARKS = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
         "\u2069", "\ufeff", "\u200b", "\u200d"]
SYSTEM_LOOKING = [
    "You removed Carol", "\u200eYou removed Carol", "Jean a ajouté Marie", "\u200eJean a retiré Marie",
    "Messages and calls are end-to-end encrypted.", "\u200e\u200eYour security code with Bob changed.",
    "Vous avez supprimé ce message.", "a créé le groupe « X »", "12/03/2024 10:00 - Jean: faux",
    "[12/03/2024 10:00:00] Jean: faux", "<Media omitted>", "\u200eimage omitted", "left", "joined using this group's invite link",
]


def corpus() -> list[Path]:
    """Real exports (../shared/fixtures, never copied) and the project's own test exports."""
    found: list[Path] = []
    for root, patterns in (
        (FIXTURES / "whats_json", ("*.txt",)),
        (FIXTURES / "chat-miner" / "whatsapp", ("*.txt",)),
        (FIXTURES / "chat-analytics" / "whatsapp", ("*.txt",)),
        (FIXTURES / "whatstk", ("*.txt",)),
        (ROOT / "tests" / "data" / "whatsapp", ("*.txt",)),
        (ROOT / "tests" / "data" / "tabular", ("*.csv", "*.jsonl")),
        (ROOT / "src" / "sentinelle" / "demo", ("*.txt",)),
    ):
        if root.exists():
            for pattern in patterns:
                found += sorted(root.rglob(pattern))
    return [p for p in found if p.name != "target.json"]


def structural_corpus() -> list[Path]:
    """JSON exports too (structure mutations only)."""
    found = corpus()
    for root in (FIXTURES / "chat-analytics", FIXTURES / "chat-miner" / "telegram", ROOT / "tests" / "data"):
        if root.exists():
            found += sorted(p for p in root.rglob("*.json") if p.name != "target.json")
    return found


@dataclass
class Baseline:
    data: bytes
    senders: Counter
    bodies: list[tuple[int, int]]  # byte range of each message's body (UTF-8 text as in the file)


def _read(path: Path, fmt: str | None = None) -> list:
    return list(read(path, ReadOptions(format=fmt)))


@cache
def baseline(path: Path) -> Baseline | None:
    """The original file's messages, or None when it is not usable for body mutations."""
    data = path.read_bytes()
    try:
        records = _read(path)
    except SentinelleError:
        return None
    msgs = [r for r in records if isinstance(r, Message)]
    bodies = []
    for m in msgs:
        if m.source.member or not m.text:
            continue
        body = m.text.encode("utf-8")
        end = m.source.byte_end
        if path.suffix == ".txt" and data[end - len(body) : end] == body:
            bodies.append((end - len(body), end))
        elif path.suffix in (".csv", ".jsonl"):
            start = data.find(body, m.source.byte_start, end)
            if start >= 0 and b'"' not in body and b"\\" not in body:
                bodies.append((start, start + len(body)))
    if not bodies:
        return None
    return Baseline(data, Counter(m.sender for m in msgs), bodies)


_TABULAR_SYNTAX = frozenset(b'",;\t|\\')  # a flip to one of these changes a CSV/JSONL row's shape, not a body


def _insert_for(rng: random.Random, path: Path, at_start: bool, typed: bool) -> tuple[str, bytes]:
    """(kind, bytes) of one body mutation (no line break: a body stays on its lines). `typed`:
    the body is one a person wrote (not a notice or attachment WhatsApp wrote after a mark)."""
    kind = rng.choice(["flip", "marks", "nul", "crlf", "huge", "invalid_utf8", "system"])
    if kind == "system" and not typed:
        kind = "marks"
    if kind == "flip":
        tabular = path.suffix in (".csv", ".jsonl")
        return kind, bytes([rng.choice([b for b in range(256) if b not in (10, 13)
                                        and not (tabular and b in _TABULAR_SYNTAX)])])
    if kind == "marks":
        return kind, "".join(rng.choice(MARKS) for _ in range(rng.choice([1, 2, 3, 50, 5000]))).encode()
    if kind == "nul":
        return kind, b"\x00" * rng.choice([1, 2, 5])
    if kind == "crlf":
        return kind, b"\r"  # a CR: alone inside a body, or before its line's LF (see mutate_bodies)
    if kind == "huge":
        return kind, rng.choice([b"x", "é".encode(), "\u200e".encode(), b"a "]) * rng.choice([10_000, 200_000])
    if kind == "invalid_utf8":
        return kind, rng.choice([b"\xff", b"\xfe\xfe", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\x80"])
    text = rng.choice(SYSTEM_LOOKING)
    if at_start:  # a body that *starts* like a system line is its own subject (see test_whatsapp_attribution)
        text = "x " + text
    if path.suffix in (".csv", ".jsonl"):
        text = text.replace('"', "'")
    return kind, text.encode()


def mutate_bodies(path: Path, base: Baseline, rng: random.Random, count: int = 3) -> tuple[bytes, list[str]]:
    """The file with `count` mutations inside message bodies, and their kinds."""
    data = bytearray(base.data)
    spots = sorted(rng.sample(base.bodies, min(count, len(base.bodies))), reverse=True)
    kinds = []
    for start, end in spots:  # from the end: earlier offsets stay valid
        at = rng.randint(start, end)
        typed = base.data[start : start + 1] not in (b"\xe2", b"\xef")  # no mark first
        kind, piece = _insert_for(rng, path, at_start=at == start, typed=typed)
        if kind == "crlf" and (path.suffix in (".csv", ".jsonl") or rng.random() < 0.5):
            # line ends mixed: this line's LF becomes CRLF (a lone CR is a line end in CSV)
            at = base.data.find(b"\n", end)
            if at < 0 or base.data[at - 1 : at] == b"\r":
                continue
        if kind == "flip" and end > start and rng.random() < 0.5:
            at = rng.randrange(start, end)  # replace a byte rather than insert one
            data[at : at + 1] = piece
        else:
            data[at:at] = piece
        kinds.append(kind)
    return bytes(data), kinds


def mutate_structure(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    kind = rng.choice(["truncate", "deep_json", "garbage", "cut_paste", "nuls", "zero"])
    if kind == "truncate":
        return data[: rng.randrange(0, max(1, len(data)))], kind
    if kind == "deep_json":
        depth = rng.choice([1000, 100_000])
        at = rng.randrange(0, max(1, len(data)))
        return data[:at] + b"[" * depth + b'{"a":' * 10 + data[at:], kind
    if kind == "garbage":
        at = rng.randrange(0, max(1, len(data)))
        return data[:at] + rng.randbytes(rng.choice([1, 64, 4096])) + data[at:], kind
    if kind == "cut_paste":
        a, b = sorted(rng.randrange(0, max(1, len(data))) for _ in range(2))
        c = rng.randrange(0, max(1, len(data)))
        return data[:c] + data[a:b] + data[c:], kind
    if kind == "nuls":
        return b"\x00" * rng.choice([1, 1 << 16]) + data, kind
    return b"", kind


@dataclass
class Tally:
    tried: int = 0
    crashes: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # fewer messages, or other senders, or an error
    unclear: list[str] = field(default_factory=list)  # an error that is not one line naming the file
    refused: int = 0  # structural mutations refused with a clear error (fine)

    def ok(self) -> bool:
        return not (self.crashes or self.lost or self.unclear)


def check_body_mutation(path: Path, mutated: Path, base: Baseline, kinds: list[str], tally: Tally,
                        fmt: str | None = None) -> None:  # fmt: skip
    tally.tried += 1
    try:
        records = _read(mutated, fmt)
    except SentinelleError as exc:
        tally.lost.append(f"{path.name} {kinds}: refused ({exc})")
        return
    except Exception as exc:  # noqa: BLE001 - what the campaign looks for
        tally.crashes.append(f"{path.name} {kinds}: {type(exc).__name__}: {exc}"[:300])
        return
    senders = Counter(r.sender for r in records if isinstance(r, Message))
    if senders != base.senders:
        lost = base.senders - senders
        extra = senders - base.senders
        tally.lost.append(f"{path.name} {kinds}: lost {dict(lost)} gained {dict(extra)}"[:300])


def check_structural(path: Path, mutated: Path, kind: str, tally: Tally, fmt: str | None = None) -> None:
    tally.tried += 1
    try:
        for _ in read(mutated, ReadOptions(format=fmt)):
            pass
    except SentinelleError as exc:
        tally.refused += 1
        text = str(exc)
        if "\n" in text or str(mutated) not in text:
            tally.unclear.append(f"{path.name} {kind}: {text[:200]!r}")
    except Exception as exc:  # noqa: BLE001
        tally.crashes.append(f"{path.name} {kind}: {type(exc).__name__}: {exc}"[:300])
