"""`scan_case`: every message scored with its preceding messages as context, stored with the
model version, resumable."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from sentinelle.cli import main
from sentinelle.detection.api import Detector
from sentinelle.pipeline.scan import scan_case
from sentinelle.records import Conversation, Event, Message, Source, Summary
from sentinelle.store import Case, CaseMetadata

LINES = [
    ("01/02/2024 09:00", None, "created", "Chef Dupont a créé le groupe « Brigade »"),
    ("01/02/2024 09:01", "Chef Dupont", None, "Bonjour à tous, réunion à 10h"),
    ("01/02/2024 09:02", "Marc", None, "les arabes sont des rats"),
    ("01/02/2024 09:03", "Paul", None, "lol trop vrai"),
    ("01/02/2024 09:04", None, "added", "Chef Dupont a ajouté Karim"),
    ("01/02/2024 09:05", "Karim", None, "putain j'ai raté mon train"),
    ("01/02/2024 09:06", "Paul", None, "je vais te buter Karim"),
    ("01/02/2024 09:07", "Julie", None, "ok"),
]


def write_export(path: Path, lines: list) -> tuple[Path, list]:
    """A WhatsApp-like export on disk and the records a reader gives for it (exact byte ranges)."""
    chunks = [f"{s} - {w}: {b}\n" if w else f"{s} - {b}\n" for s, w, _, b in lines]
    data = "".join(chunks).encode()
    path.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    conv = sha[:16]
    records: list = [Conversation(conv, "whatsapp", "Brigade", sha)]
    offset = 0
    for n, ((stamp, who, event, body), chunk) in enumerate(zip(lines, chunks, strict=True), 1):
        raw = chunk.encode()
        src = Source(sha, n, n, offset, offset + len(raw), path=path.name)
        t = datetime.strptime(stamp, "%d/%m/%Y %H:%M")
        rid = f"{sha[:16]}:{offset}"
        if event:
            records.append(Event(rid, conv, t, stamp, event, src, actor="Chef Dupont", text=body))
        else:
            records.append(Message(rid, conv, t, stamp, who, body, src))
        offset += len(raw)
    msgs = sum(isinstance(r, Message) for r in records)
    records.append(Summary(path.name, sha, "whatsapp", messages=msgs, events=len(lines) - msgs, conversations=1))
    return path, records


@pytest.fixture
def case(tmp_path: Path):
    path, records = write_export(tmp_path / "chat.txt", LINES)
    with Case.create(tmp_path / "case", CaseMetadata(purpose="test")) as c:
        c.add_file(path, records, format="whatsapp", options={})
    return tmp_path / "case"


def test_scan_scores_every_message_with_context(case: Path) -> None:
    det = Detector()
    seen: list[tuple[int, int]] = []
    with Case.open(case) as c:
        rep = scan_case(c, progress=lambda d, t: seen.append((d, t)), batch_size=2, detector=det)
        msgs = {m.text: m.id for m in c.messages()}
        dets = {d.message_id: d for d in c.detections(det.version)}
    assert rep.scanned == 6 and rep.flagged == 3
    assert seen[-1] == (6, 6)
    endorse = dets[msgs["lol trop vrai"]]
    assert endorse.flagged and endorse.stance == "endorse"
    assert [r.ref for r in endorse.reasons if r.kind == "context"] == [msgs["les arabes sont des rats"]]
    assert not dets[msgs["putain j'ai raté mon train"]].flagged
    assert dets[msgs["je vais te buter Karim"]].categories["threat"] >= det.threshold("threat")
    assert all(d.model_version == det.version for d in dets.values())


def test_scan_resumes_without_rescoring(case: Path) -> None:
    det = Detector()
    with Case.open(case) as c:
        first = scan_case(c, detector=det)
        again = scan_case(c, detector=det)
    assert first.scanned == 6
    assert again.scanned == 0 and again.skipped == 6


def test_scan_cli(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["scan", str(case), "--json", "--quiet"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert '"scanned": 6' in out


def test_scan_cli_missing_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["scan", str(tmp_path / "nope"), "--quiet"])
    assert exc.value.code == 4
    assert "error" in capsys.readouterr().err
