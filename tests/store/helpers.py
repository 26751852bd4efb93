"""A tiny export written to disk and the records a reader would give for it: the store's input."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sentinelle.records import Conversation, Event, Message, ParseIssue, Participant, Source, Summary

LINES = [
    ("01/02/2024 09:00", None, "created", "Chef Dupont a créé le groupe « Brigade »"),
    ("01/02/2024 09:01", "Chef Dupont", None, "Bonjour à tous les collègues"),
    ("01/02/2024 09:02", "Élodie Martin", None, "Salut chef, réunion à 10h ?"),
    ("01/02/2024 09:03", "+33 6 12 34 56 78", None, "Ok pour moi 👍\nje serai là"),
    ("01/02/2024 09:04", None, "added", "Chef Dupont a ajouté Karim"),
    ("01/02/2024 09:05", "Karim", None, "Merci pour l'ajout, l'équipe !"),
]


def write_export(path: Path, lines=LINES, tz: str | None = "Europe/Paris") -> tuple[Path, list]:
    """Write a WhatsApp-like export and return (path, records with exact byte ranges)."""
    chunks = []
    for stamp, who, _, body in lines:
        chunks.append(f"{stamp} - {who}: {body}\n" if who else f"{stamp} - {body}\n")
    data = "".join(chunks).encode()
    path.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    conv_id = sha[:16]
    zone = ZoneInfo(tz) if tz else None
    records: list = [Conversation(conv_id, "whatsapp", "Brigade", sha, tz=tz, date_order="dmy")]
    offset, line_no = 0, 1
    for (stamp, who, event, body), chunk in zip(lines, chunks, strict=True):
        raw = chunk.encode()
        n_lines = chunk.count("\n")
        src = Source(sha, line_no, line_no + n_lines - 1, offset, offset + len(raw), path=path.name)
        t = datetime.strptime(stamp, "%d/%m/%Y %H:%M").replace(tzinfo=zone)
        rid = f"{sha[:16]}:{offset}"
        if event:
            targets = ("Karim",) if event == "added" else ()
            records.append(Event(rid, conv_id, t, stamp, event, src, actor="Chef Dupont", targets=targets,
                                 text=body, details={"title": "Brigade"} if event == "created" else {}))
        else:
            flags = frozenset({"edited"}) if "réunion" in body else frozenset()
            records.append(Message(rid, conv_id, t, stamp, who, body, src, flags=flags,
                                   mentions=("Chef Dupont",) if "chef" in body else (),
                                   details={"n": 1, "nested": {"a": [1, 2]}} if "Ok" in body else {}))
        offset += len(raw)
        line_no += n_lines
    records.append(Participant(conv_id, "Karim", phone="+33 7 00 00 00 01"))
    records.append(ParseIssue(path.name, 99, "a test issue", byte_start=None))
    msgs = sum(isinstance(r, Message) for r in records)
    evs = sum(isinstance(r, Event) for r in records)
    records.append(Summary(path.name, sha, "whatsapp", messages=msgs, events=evs, conversations=1,
                           issues=1, date_order="dmy", date_order_ambiguous=True, encoding="utf-8"))
    return path, records
