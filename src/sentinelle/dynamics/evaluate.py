"""Measuring the directive detector and the compliance reading on a labelled set.

Lines (JSONL): {"text", "lang", "label": directive | silence_order | none, "kind", ...}; `kind`
says what the line is (an imperative, a verbless order, counter-speech, an idiom...). Threads
(JSONL): {"thread": [{"sender", "text"}], "directive_index", "outcome": obeyed | contested |
ignored}. The set is split once into a tuning part (about 60 %) and a held-out part (about 40 %):
lines by FILE (the files ordered by the SHA-256 of their name, the first 60 % for tuning), because
the set's README warns that English lines are loose translations of French lines of the same file
(a split by line would put one of a pair on each side); threads by the SHA-256 of their text.
Figures: "directive" counts any directive (silence orders included) against "none";
"silence_order" counts silence orders against everything else.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

TUNE_SHARE = 60  # percent


def part_of(text: str) -> str:
    """"tune" or "heldout", from the SHA-256 of the text (stripped)."""
    h = int.from_bytes(hashlib.sha256(text.strip().encode("utf-8")).digest()[:8], "big")
    return "tune" if h % 100 < TUNE_SHARE else "heldout"


def _jsonl(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def line_files(folder: Path, part: str | None = None) -> list[Path]:
    """The lines_*.jsonl files of a part ("tune", "heldout", None for all)."""
    files = sorted(folder.glob("lines_*.jsonl"), key=lambda p: hashlib.sha256(p.name.encode()).hexdigest())
    cut = round(len(files) * TUNE_SHARE / 100)
    chosen = files if part is None else files[:cut] if part == "tune" else files[cut:]
    return sorted(chosen)


def load_lines(folder: Path, part: str | None = None) -> list[dict[str, Any]]:
    return list(_jsonl(line_files(folder, part)))


def load_threads(folder: Path, part: str | None = None) -> list[dict[str, Any]]:
    path = folder / "threads.jsonl"
    rows = list(_jsonl([path])) if path.exists() else []
    key = lambda t: "\n".join(m["text"] for m in t["thread"])  # noqa: E731
    return [t for t in rows if part is None or part_of(key(t)) == part]


def predicted_label(text: str) -> str:
    from .directives import read_directive

    m = read_directive(text)
    if m is None:
        return "none"
    return "silence_order" if m.kind == "silence_order" else "directive"


def _pr(tp: int, fp: int, fn: int) -> dict[str, Any]:
    return {"precision": round(tp / (tp + fp), 4) if tp + fp else None,
            "recall": round(tp / (tp + fn), 4) if tp + fn else None, "tp": tp, "fp": fp, "fn": fn}


def measure_lines(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision and recall per label, per language, and per kind (recall of the positive kinds,
    false-flag rate of the negative ones), with the lines it got wrong."""
    counts: dict[str, Counter] = defaultdict(Counter)
    by_kind: dict[tuple[str, str], Counter] = defaultdict(Counter)
    errors = []
    for r in rows:
        gold, pred = r["label"], predicted_label(r["text"])
        g_dir, p_dir = gold != "none", pred != "none"
        g_sil, p_sil = gold == "silence_order", pred == "silence_order"
        for scope in ("all", r.get("lang") or "?"):
            c = counts[scope]
            c["tp"] += g_dir and p_dir
            c["fp"] += p_dir and not g_dir
            c["fn"] += g_dir and not p_dir
            c["s_tp"] += g_sil and p_sil
            c["s_fp"] += p_sil and not g_sil
            c["s_fn"] += g_sil and not p_sil
        k = by_kind[(gold, r.get("kind") or "-")]
        k["n"] += 1
        k["hit" if (p_dir if gold != "none" else not p_dir) else "miss"] += 1
        if gold == "silence_order":
            k["as_silence"] += p_sil
        if g_dir != p_dir or g_sil != p_sil:
            errors.append({"gold": gold, "pred": pred, "kind": r.get("kind"), "lang": r.get("lang"), "text": r["text"]})
    out: dict[str, Any] = {"n": len(rows), "labels": dict(Counter(r["label"] for r in rows))}
    for scope, c in counts.items():
        out[scope] = {"directive": _pr(c["tp"], c["fp"], c["fn"]), "silence_order": _pr(c["s_tp"], c["s_fp"], c["s_fn"])}
    out["kinds"] = {f"{gold}/{kind}": {"n": k["n"], "correct": k["hit"], "share": round(k["hit"] / k["n"], 3)}
                    | ({"as_silence_order": k["as_silence"]} if gold == "silence_order" else {})
                    for (gold, kind), k in sorted(by_kind.items())}
    out["errors"] = errors
    return out


def thread_outcome(thread: list[dict[str, str]], index: int) -> tuple[str, bool]:
    """(outcome, detected): what the compliance reading says of the directive at `index` when the
    thread is analysed as a chat (one message a minute). When the detector does not see that
    directive, it is read as an order anyway (detected False), so that compliance is measured
    apart from detection."""
    from ..records import Conversation, Message, Source
    from .api import analyze_dynamics
    from .compliance import RateIndex, follow_directive
    from .corpus import Corpus
    from .directives import Directive
    from .settings import DynamicsSettings

    conv = Conversation(id="t", platform="whatsapp", title="t", source_sha256="0" * 64, chat_type="group")
    start = datetime(2026, 1, 5, 8, 0)
    msgs = [Message(id=f"t:{i}", conversation_id="t", time=start + timedelta(minutes=i), time_raw="", sender=m["sender"],
                    text=m["text"], source=Source(sha256="0" * 64, line_start=i + 1, line_end=i + 1, byte_start=i, byte_end=i))
            for i, m in enumerate(thread)]
    data = analyze_dynamics([conv], msgs, []).to_json()
    target = msgs[index].id
    for c in data["compliance"]:
        if c["message_id"] == target:
            return c["outcome"], True
    settings = DynamicsSettings()
    corpus = Corpus([conv], msgs, [])
    cd = corpus.convs["t"]
    d = Directive(message_id=target, conversation_id="t", issuer=cd.senders[index], kind="order", rules=(), matched="",
                  time=cd.times[index])
    later = [c for c in data["compliance"] if int(c["message_id"].split(":")[1]) > index]
    nxt = min((int(c["message_id"].split(":")[1]) for c in later), default=None)
    return follow_directive(d, index, cd, RateIndex(cd, corpus.person), [], settings, nxt).outcome, False


def measure_threads(threads: list[dict[str, Any]]) -> dict[str, Any]:
    confusion: dict[str, Counter] = defaultdict(Counter)
    detected = 0
    errors = []
    for t in threads:
        got, seen = thread_outcome(t["thread"], t["directive_index"])
        detected += seen
        confusion[t["outcome"]][got] += 1
        if got != t["outcome"]:
            errors.append({"gold": t["outcome"], "got": got, "detected": seen,
                           "thread": [f"{m['sender']}: {m['text']}" for m in t["thread"]], "index": t["directive_index"]})
    n = len(threads)
    correct = sum(confusion[o][o] for o in confusion)
    return {"n": n, "accuracy": round(correct / n, 4) if n else None, "directive_detected": detected,
            "confusion": {g: dict(c) for g, c in sorted(confusion.items())},
            "per_outcome": {g: round(c[g] / sum(c.values()), 3) for g, c in sorted(confusion.items())}, "errors": errors}
