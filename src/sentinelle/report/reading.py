"""How the files were read, and what to check about it: the decisions a reader had to guess
(the day/month order, a legacy encoding), the records it flagged (bytes replaced, dates that read
differently swapped, times going backwards) and the lines it skipped or kept with a warning.

One list of notes per file, shown in the report's "What was analysed" and its summary, and by
`analyze` and `info` on the terminal, each with what to do about it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .i18n import translator

UNICODE = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "ascii")
OTHER_ORDER = {"dmy": "mdy", "mdy": "dmy", "ymd": "dmy"}
# the WhatsApp reader's reasons for a guessed date order (`decide_order`), as catalogue keys
REASONS = {
    "no dates": "reason_no_dates",
    "guessed from which component changes more often": "reason_changes",
    "nothing in the file tells day and month apart": "reason_nothing",
    "nothing in the file tells the orders apart": "reason_nothing",
}


# warnings said by another note already (the encoding guess, each undecodable record)
COVERED = ("not UTF-8:", "undecodable bytes", "lone surrogate")


def _example(issue: dict[str, Any], text: Callable[[str], str]) -> list[Any]:
    return [issue.get("line"), text(str(issue.get("cause") or ""))]


def file_notes(case: Any, info: Any, text: Callable[[str], str] = str) -> list[dict[str, Any]]:
    """The notes about one file (a FileInfo): [{kind, ...values}], most serious first."""
    notes: list[dict[str, Any]] = []
    reading = case.reading(info.sha256, covered=COVERED) if hasattr(case, "reading") else {}
    flags = reading.get("flags", {})
    details = getattr(info, "details", None) or {}
    options = getattr(info, "options", None) or {}
    if info.ambiguous:
        order = info.date_order or "dmy"
        notes.append({"kind": "date_guessed", "order": order, "other": OTHER_ORDER.get(order, "mdy"),
                      "reason": details.get("date_order_reason") or "", "n": flags.get("date_ambiguous", 0)})  # fmt: skip
    elif options.get("date_order"):
        notes.append({"kind": "date_given", "order": options["date_order"]})
    if info.encoding and info.encoding.lower() not in UNICODE:
        confidence = details.get("encoding_confidence")
        notes.append({"kind": "encoding", "encoding": info.encoding,
                      "confidence": f"{confidence:.2f}" if isinstance(confidence, int | float) else "?"})  # fmt: skip
    if flags.get("undecodable"):
        notes.append({"kind": "undecodable", "n": flags["undecodable"]})
    skipped = reading.get("skipped", {})
    if skipped.get("total") or info.skipped_lines:
        notes.append({"kind": "skipped", "n": max(info.skipped_lines, skipped.get("total", 0)),
                      "examples": [_example(i, text) for i in skipped.get("first", [])]})  # fmt: skip
    kept = reading.get("kept", {})
    if kept.get("total"):
        notes.append({"kind": "kept", "n": kept["total"], "examples": [_example(i, text) for i in kept.get("first", [])]})
    if flags.get("time_backwards"):
        notes.append({"kind": "backwards", "n": flags["time_backwards"]})
    return notes


def reading_notes(case: Any, text: Callable[[str], str] = str) -> list[dict[str, Any]]:
    """[{name, sha256, notes}] for every file of the case that has something to check."""
    out = []
    for info in case.files():
        notes = file_notes(case, info, text)
        if notes:
            out.append({"name": text(info.name), "sha256": info.sha256, "notes": notes})
    return out


def note_text(note: dict[str, Any], t: Callable[..., str]) -> str:
    """One note in words, with what to do about it."""
    fields = dict(note)
    if "order" in fields:
        fields["order"] = t("order_" + fields["order"])
    if "examples" in fields:
        fields["examples"] = "; ".join((t("line_n", n=line) if line else "") + cause for line, cause in fields["examples"])
    if fields.get("reason"):
        fields["reason"] = t(REASONS.get(fields["reason"], fields["reason"]))
    return t("read_" + note["kind"], **fields)


def note_lines(files: list[dict[str, Any]], lang: str = "en") -> list[str]:
    """The notes as lines of text ("file: what to check")."""
    t = translator(lang)
    return [f"{f['name']}: {note_text(n, t)}" for f in files for n in f["notes"]]
