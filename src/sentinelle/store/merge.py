"""Overlapping exports of one chat become one conversation: which conversation a new export
joins, and what joining changes. No SQL: the backend's merge calls do the writing, inside the
ingest's own transaction (all of it or nothing).

Nothing is dropped: a record another export already holds stays stored as a *copy* (its file,
lines and bytes are evidence that both exports carry it); records only the new export holds join
the conversation at their place in time. The exporter's own "You" of a joining export is named
(the name given with --exporter, else "You (file name)") unless the exports show it is the same
person as the conversation's own "You": one name never stands for two people.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import orjson

from ..phones import phone_key
from ..records import clean_text
from .identity import EXPORTER_NAMES, fold_name
from .matching import UNMAPPED_YOU, Item, Overlap, SenderKeys, compare, interpolate, item_of, merged_order

_EPOCH = datetime(1970, 1, 1)


def merge_new(backend: Any, new_ids: list[str], file_sha256: str, *, exporters: dict[str, str],
              names: dict[str, str], separate: set[str],
              near: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Merge each conversation a new file brought into the case's conversation of the same chat
    (then any other conversation the merged one now overlaps). One summary per merge; `near`
    receives the conversations that look partly alike but were kept apart."""
    out: list[dict[str, Any]] = []
    platforms = [c.get("platform") for c in backend.conversations()]
    if len(platforms) == len(set(platforms)):
        return out  # no two conversations of one platform: nothing to compare (and nothing scanned)
    spans = {s["id"]: s for s in backend.conversation_spans()}
    for conv in new_ids:
        if conv not in spans or not spans[conv]["records"]:
            continue
        found = _best(backend, spans, conv, exporters, separate, near)
        if found is None:
            continue
        target, compared = found
        out.append(_absorb(backend, target, conv, compared, exporters, names, file_sha256, indexed=False))
        spans = {s["id"]: s for s in backend.conversation_spans()}
        while (more := _best(backend, spans, target, exporters, separate)) is not None:  # a new export may bridge two
            other = more[0]  # compared as the target there: compared again, as the one absorbed
            compared = Compared(backend, target, other, exporters)
            out.append(_absorb(backend, target, other, compared, exporters, names, file_sha256, indexed=True))
            spans = {s["id"]: s for s in backend.conversation_spans()}
    return out


def _candidates(spans: dict[str, dict[str, Any]], conv: str, separate: set[str]) -> list[str]:
    me = spans[conv]
    data = me["data"]
    if me["files"] & separate:
        return []
    out = []
    for other, span in spans.items():
        od = span["data"]
        if other == conv or not span["records"] or od.get("platform") != data.get("platform"):
            continue
        if span["files"] & me["files"] or span["files"] & separate:
            continue  # one file never holds the same chat twice; the user said this one is apart
        if data.get("native_id") and od.get("native_id") and data["native_id"] != od["native_id"]:
            continue  # the platform says they are two chats
        if data.get("chat_type") and od.get("chat_type") and data["chat_type"] != od["chat_type"]:
            continue
        if not _periods_meet(me, span):
            continue
        out.append(other)
    return out


def _periods_meet(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if not (a["first"] and a["last"] and b["first"] and b["last"]):
        return True  # undated records: let the matcher say
    day = timedelta(days=1)  # clocks of two phones differ by at most 14 hours

    def date(text: str) -> datetime:
        return datetime.fromisoformat(text[:10])

    return date(a["first"]) - day <= date(b["last"]) and date(b["first"]) - day <= date(a["last"])


class Compared:
    """Two conversations side by side: their rows, items and what aligning them found."""

    def __init__(self, backend: Any, target: str, source: str, exporters: dict[str, str]) -> None:
        self.target_rows = backend.match_rows(target)
        self.source_rows = backend.match_rows(source)
        phones = _phones(backend.participant_rows(target) + backend.participant_rows(source))
        self.keys_t = SenderKeys(exporters, phones, True)
        self.keys_s = SenderKeys(exporters, phones, True)
        self.t = [item_of(r, self.keys_t) for r in self.target_rows]
        self.s = [item_of(r, self.keys_s) for r in self.source_rows]
        self.overlap: Overlap = compare(self.t, self.s)
        you_pairs = sum(1 for i, _ in self.overlap.pairs if self.t[i].sender == UNMAPPED_YOU)
        you_named = sum(n for a, b, n in self.overlap.hints.get("names", [])
                        if (fold_name(a) in EXPORTER_NAMES) != (fold_name(b) in EXPORTER_NAMES))  # fmt: skip
        self.same_you = you_pairs > 0 and you_pairs >= you_named
        if you_pairs and you_named > you_pairs:  # the two "You"s are two people: never pair them
            self.keys_s.you_is = UNMAPPED_YOU + "/source"
            self.s = [item_of(r, self.keys_s) for r in self.source_rows]
            self.overlap = compare(self.t, self.s)


def _phones(rows: list[tuple[int, dict[str, Any]]]) -> dict[str, str]:
    """folded name -> phone, from participants listed with both (a name with two numbers: none)."""
    seen: dict[str, set[str]] = {}
    for _, d in rows:
        name, pk = fold_name(d.get("display_name")), phone_key(d.get("phone"))
        if name and pk:
            seen.setdefault(name, set()).add(pk)
    return {name: next(iter(p)) for name, p in seen.items() if len(p) == 1}


def _best(backend: Any, spans: dict[str, dict[str, Any]], conv: str, exporters: dict[str, str],
          separate: set[str], near: list[dict[str, Any]] | None = None) -> tuple[str, Compared] | None:  # fmt: skip
    """The conversation `conv` is another export of (most records in common), if any."""
    best: tuple[str, Compared] | None = None
    for other in _candidates(spans, conv, separate):
        compared = Compared(backend, other, conv, exporters)
        ov = compared.overlap
        if ov.same_chat() and (best is None or ov.matched > best[1].overlap.matched):
            best = (other, compared)
        elif not ov.same_chat() and ov.matched >= 2 and near is not None:
            near.append({"conversation": conv, "other": other, "matched": ov.matched,
                         "in_period": max(ov.in_window), "hints": ov.hints})  # fmt: skip
    return best


def _minute_iso(minute: int | None) -> str | None:
    return None if minute is None else (_EPOCH + timedelta(minutes=minute)).isoformat(timespec="minutes")


def _absorb(backend: Any, target: str, source: str, c: Compared, exporters: dict[str, str], names: dict[str, str],
            file_sha256: str, *, indexed: bool) -> dict[str, Any]:  # fmt: skip
    """Write the merge of `source` into `target` (as `c` compared them); `indexed`: the source's
    records are in the full-text index already (an older conversation a new export bridges)."""
    ov, t, s = c.overlap, c.t, c.s
    paired = [(i, j) for i, j in ov.pairs] + [(i, j) for i, j, _ in ov.loose]
    copies = [(s[j].id, t[i].id) for i, j in paired]
    paired_s = {j for _, j in paired}
    order = merged_order(t, s, paired)
    ords = interpolate(order, t, backend.next_ord_after)
    if ords is None:  # no room left between two positions: number the whole conversation again
        ids = [t[k].id if side == "t" else s[k].id for side, k in order]
        backend.renumber(ids, t[0].ord if t else 0.0)
        ord_by_id: dict[str, float] = {}
    else:
        ord_by_id = {s[j].id: v for j, v in ords.items()}
    renamed = _name_you(backend, [c.source_rows[j] for j in range(len(s)) if j not in paired_s], c, exporters, names)
    participants = [(pid, _rename_participant(d, c, exporters, names)) for pid, d in backend.participant_rows(source)]
    summary = _summary(ov, t, s, paired_s, c, renamed)
    backend.apply_merge(source, target, copies, ord_by_id, renamed, participants, summary, file_sha256, indexed)
    return {"source": source, "target": target, **summary}


def _you_name(word: str, file: str, c: Compared, exporters: dict[str, str], names: dict[str, str]) -> str | None:
    """What an absorbed record's "You" becomes: the exporter's name, else the word and its file
    (None: kept, the exports show it is the conversation's own "You")."""
    if exporters.get(file):
        return exporters[file]
    if c.same_you:
        return None
    return f"{word} ({names.get(file, file[:12])})"


def _name_you(backend: Any, rows: list[tuple[Any, ...]], c: Compared, exporters: dict[str, str],
              names: dict[str, str]) -> list[tuple[str, str | None, list[str], dict[str, Any]]]:  # fmt: skip
    """(id, person, targets, details) of the absorbed records whose "You" gets a name."""
    out = []
    for row in rows:
        rid, person, targets_json, file = row[0], row[4], row[8], row[11]
        targets: list[str] = orjson.loads(targets_json) if targets_json else []
        changed: dict[str, Any] = {}
        if fold_name(person) in EXPORTER_NAMES and (new := _you_name(person, file, c, exporters, names)):
            changed["person"] = person
            person = new
        if any(fold_name(x) in EXPORTER_NAMES for x in targets):
            renamed = [(_you_name(x, file, c, exporters, names) or x) if fold_name(x) in EXPORTER_NAMES else x
                       for x in targets]  # fmt: skip
            if renamed != targets:
                changed["targets"], targets = targets, renamed
        if changed:
            out.append((rid, person, targets, {**backend.record_details(rid), "exported_as": changed}))
    return out


def _rename_participant(data: dict[str, Any], c: Compared, exporters: dict[str, str], names: dict[str, str]) -> dict[str, Any]:
    name = data.get("display_name")
    if fold_name(name) not in EXPORTER_NAMES or not c.source_rows:
        return data
    new = _you_name(name, c.source_rows[0][11], c, exporters, names)
    return {**data, "display_name": new, "details": {**(data.get("details") or {}), "exported_as": name}} if new else data


def _summary(ov: Overlap, t: list[Item], s: list[Item], paired_s: set[int], c: Compared,
             renamed: list[Any]) -> dict[str, Any]:  # fmt: skip
    lo, hi = ov.window or (None, None)
    paired_t = {i for i, _ in ov.pairs} | {i for i, _, _ in ov.loose}
    in_window = [i for i, x in enumerate(t) if x.minute is not None and lo is not None and lo <= x.minute <= hi]
    added = [x for j, x in enumerate(s) if j not in paired_s]
    return {
        "offset_minutes": ov.offset,
        "window": [_minute_iso(lo), _minute_iso(hi)],
        "matched": len(ov.pairs) + len(ov.loose),
        "matched_messages": sum(s[j].kind == "message" for _, j in ov.pairs) + len(ov.loose),
        "deleted_in_one": sum(1 for _, _, why in ov.loose if why == "deleted"),
        "edited_in_one": sum(1 for _, _, why in ov.loose if why == "edited"),
        "text_differs": sum(1 for i, j in ov.pairs if t[i].kind == "message" and not t[i].text.startswith("<")
                            and clean_text(t[i].raw).split() != clean_text(s[j].raw).split()),  # not: line ends
        "added": len(added),
        "added_messages": sum(x.kind == "message" for x in added),
        "only_in_target_within_window": sum(1 for i in in_window if i not in paired_t),
        "source_records": len(s),
        "you": "same" if c.same_you else ("named" if renamed else None),
        "hints": ov.hints,
    }
