"""`verify` on what a case stores about its files: the records against the bytes they cite, the
detections against the records they score, the manifest kept outside the database.

- Each file's stored records still give the digest recorded at ingest (any edit of a stored text,
  sender, time or range changes it), and the file read again gives the same records: text,
  sender, time and byte range re-derived from the source bytes, record by record.
- Each detection names a stored record and model version, and every span its reasons cite reads
  in that record's text the words it quotes.
- `manifest.json` names the decision log's head (a truncated log no longer reaches it) and every
  file's records digest (a file removed from the database is missed).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..ingest import ReadOptions, read
from ..records import Event, Message
from ..store.codec import RECORD_COLUMNS, record_row
from ..store.custody import DIGESTED, as_read
from ..version import __version__

# what the bytes of a record say (what a reader's later improvements do not change): compared
# field by field; flags, types and details are readings of them
CORE = ("kind", "time", "time_raw", "person", "text", "line_start", "line_end", "byte_start", "byte_end")
_AT = [DIGESTED.index(k) for k in CORE]
MAX_SHOWN = 10  # record-level problems named per file (then counted)


def check_records(case: Any, report: Any, hashed: set[str]) -> None:
    """Records of every file whose original hashed right (`hashed`)."""
    for info in case.files():
        name = info.name or info.sha256
        details = getattr(info, "details", None) or {}
        n, digest = case.records_digest(info.sha256)
        recorded = details.get("records_sha256")
        if recorded is None:
            report.notes.append(f"{name}: stored before record digests were kept; its records are only re-read")
        elif digest != recorded or n != details.get("records"):
            report.problems.append(
                f"{name}: its stored records changed since ingest ({n} records, digest {digest[:12]}…; at ingest "
                f"{details.get('records')} records, digest {recorded[:12]}…)"
            )
        else:
            report.checked.append(f"{name}: {n} records as stored at ingest")
        if info.sha256 in hashed:
            _reread(case, info, name, details.get("sentinelle_version"), report)


def _reread(case: Any, info: Any, name: str, version: str | None, report: Any) -> None:
    """Read the original again (under its own name: readers use it) and compare record by record."""
    options = ReadOptions(**{k: v for k, v in (info.options or {}).items() if k in ReadOptions.__dataclass_fields__})
    found: list[str] = []
    compared = 0
    with tempfile.TemporaryDirectory(prefix="sentinelle-verify-") as tmp:
        path = Path(tmp) / Path(info.name or info.sha256).name
        path.symlink_to(Path(case.original_path(info.sha256)).resolve())
        stored = _Lookahead(case.file_records(info.sha256))
        try:
            for rec in read(path, options):
                if not isinstance(rec, Message | Event):
                    continue
                compared += 1
                row = dict(zip(RECORD_COLUMNS, record_row(rec), strict=True))
                fields = as_read(row)
                have = stored.take(rec.id)
                if have is None:
                    have = case.record_as_read(rec.id)  # the same bytes stored through another file
                if have is None:
                    found.append(f"record {rec.id} (line {rec.source.line_start}) is in the file but not in the case")
                    continue
                differ = [CORE[k] for k, at in enumerate(_AT) if fields[at] != have[at]]
                if differ:
                    found.append(f"record {rec.id} (line {rec.source.line_start}): stored {', '.join(differ)} "
                                 "differ from its source bytes")  # fmt: skip
        except Exception as exc:  # a reader that cannot read its own original any more
            report.notes.append(f"{name}: could not be read again ({exc.__class__.__name__}: {exc})")
            return
        found += [f"record {rid} is in the case but not in its file (line {fields[DIGESTED.index('line_start')]})"
                  for rid, fields in stored.rest()]  # fmt: skip
    if not found:
        report.checked.append(f"{name}: {compared} records re-read from its bytes: text, sender, time and range agree")
        return
    shown = found[:MAX_SHOWN] + ([f"… and {len(found) - MAX_SHOWN} more"] if len(found) > MAX_SHOWN else [])
    if version == __version__:
        report.problems += [f"{name}: {line}" for line in shown]
    else:  # read at ingest by another version: a difference may be the reader's, not an edit
        report.notes += [f"{name}: read by sentinelle {version or '(unknown)'} at ingest and {__version__} now: {line}"
                         for line in shown]  # fmt: skip


class _Lookahead:
    """The stored records of a file, consumed in order, any of them found by id when needed."""

    def __init__(self, rows: Iterator[tuple[str, list[Any]]]) -> None:
        self._rows = rows
        self._ahead: dict[str, list[Any]] = {}
        self._order: list[str] = []

    def take(self, rid: str) -> list[Any] | None:
        if rid in self._ahead:
            self._order.remove(rid)
            return self._ahead.pop(rid)
        for other, fields in self._rows:
            if other == rid:
                return fields
            self._ahead[other] = fields
            self._order.append(other)
            if len(self._ahead) > 10_000:  # far out of order: stop reading ahead
                break
        return None

    def rest(self) -> list[tuple[str, list[Any]]]:
        return [(rid, self._ahead[rid]) for rid in self._order] + list(self._rows)


def check_detections(case: Any, report: Any) -> None:
    """Every stored detection names a stored record and its model version, and quotes its text."""
    bad: list[str] = []
    n = 0
    texts: dict[str, str | None] = {}
    for message_id, version, data in case.detection_rows():
        n += 1
        if not isinstance(data, dict):
            bad.append(f"detection of {message_id} ({version}): not a JSON object any more")
            continue
        if data.get("message_id") not in (None, message_id) or data.get("model_version") not in (None, version):
            bad.append(f"detection of {message_id} ({version}): names {data.get('message_id')} "
                       f"({data.get('model_version')}) inside")  # fmt: skip
        if message_id not in texts:
            rec = case.record(message_id)
            texts[message_id] = rec.text if rec is not None else None
        text = texts[message_id]
        if text is None:
            bad.append(f"detection of {message_id} ({version}): no such record in the case")
            continue
        for reason in data.get("reasons") or ():
            span, matched = (reason or {}).get("span"), (reason or {}).get("matched")
            if span and matched is not None and text[span[0]:span[1]] != matched:
                bad.append(f"detection of {message_id} ({version}): its reason quotes {matched!r} at {span[0]}–{span[1]}, "
                           f"the stored text reads {text[span[0]:span[1]]!r}")  # fmt: skip
    if bad:
        report.problems += bad[:MAX_SHOWN] + ([f"… and {len(bad) - MAX_SHOWN} more detections"] if len(bad) > MAX_SHOWN else [])
    elif n:
        report.checked.append(f"detections: {n} name stored records and quote their texts")


def check_manifest(case: Any, report: Any, entries: list[dict[str, Any]]) -> None:
    """The head and files `manifest.json` recorded outside the database."""
    try:
        manifest = case.manifest()
    except (ValueError, OSError) as exc:
        report.problems.append(f"manifest.json: unreadable or altered ({exc})")
        return
    if manifest is None:
        if case.manifest_expected():
            report.problems.append("manifest.json is missing (this case wrote one): removed?")
        else:
            report.notes.append("no manifest.json (a case made before it was kept): the log head is not recorded "
                                "outside the log")  # fmt: skip
        return
    log = manifest.get("decision_log") if isinstance(manifest.get("decision_log"), dict) else {}
    count, head = log.get("entries"), log.get("head_sha256")
    if not isinstance(count, int) or count < 0:
        report.problems.append(f"manifest.json: no valid decision log head ({log!r})")
    elif count > len(entries):
        report.problems.append(f"decision log: {len(entries)} entries where the manifest recorded {count} ending "
                               f"{str(head)[:12]}… (entries removed)")  # fmt: skip
    elif count and entries[count - 1].get("sha256") != head:
        report.problems.append(f"decision log: entry {count} is not the head the manifest recorded ({str(head)[:12]}…): "
                               "the log was rewritten")  # fmt: skip
    else:
        report.checked.append(f"decision log head in manifest.json: {count} entries, sha256 {head}")
        if entries:  # printed: a copy kept elsewhere catches a rewrite of both the log and the manifest
            report.notes.insert(0, f"decision log head: {len(entries)} entries, sha256 {entries[-1].get('sha256')} "
                                   "(keep this line outside the case)")
        if count < len(entries):
            report.notes.append(f"manifest.json was written before the last {len(entries) - count} decision(s) "
                                "(interrupted before it was updated?)")  # fmt: skip
    files = {f.sha256: f for f in case.files()}
    listed = manifest.get("files") if isinstance(manifest.get("files"), dict) else {}
    for sha, entry in sorted(listed.items()):
        entry = entry if isinstance(entry, dict) else {}
        info = files.get(sha)
        if info is None:
            report.problems.append(f"file {entry.get('name') or sha[:12]} ({sha[:12]}…): in manifest.json, no longer "
                                   "in the case")  # fmt: skip
            continue
        details = getattr(info, "details", None) or {}
        if (entry.get("records"), entry.get("records_sha256")) != (details.get("records"), details.get("records_sha256")):
            report.problems.append(f"file {info.name}: manifest.json recorded {entry.get('records')} records "
                                   f"({str(entry.get('records_sha256'))[:12]}…), the case says {details.get('records')} "
                                   f"({str(details.get('records_sha256'))[:12]}…)")  # fmt: skip
    if listed:
        report.checked.append(f"manifest.json: {len(listed)} files as recorded")
