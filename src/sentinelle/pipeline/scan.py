"""Score every message of a case with the abuse detector and store the results, versioned.

Each message is scored with the messages that precede it in its conversation as context (a
"+1" under a hateful message is an endorsement). Results are saved batch by batch with the
model version, so an interrupted scan resumes where it stopped: messages already scanned
with the same model version are skipped (their text still serves as context).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Message
from ..store import Case

if TYPE_CHECKING:  # pragma: no cover
    from ..detection.api import Detector

CONTEXT_SIZE = 5

# progress(done, total): messages handled so far (scanned or skipped) out of all messages
Progress = Callable[[int, int], None]


@dataclass
class ScanReport:
    model_version: str
    messages: int = 0
    scanned: int = 0
    skipped: int = 0  # already scanned with this model version
    flagged: int = 0

    def to_dict(self) -> dict[str, int | str]:
        return dict(self.__dict__)


def scan_case(case: Case, progress: Progress | None = None, batch_size: int = 2000,
              detector: Detector | None = None) -> ScanReport:
    from ..detection.api import default_detector  # lazy: loads the model

    det = detector or default_detector()
    version = det.version
    done_ids = case.scanned_ids(version)
    total = case.count_messages()
    report = ScanReport(version, messages=total)
    batch: list[tuple[Message, list[Message]]] = []

    def flush() -> None:
        if not batch:
            return
        dets = det.detect([m.text for m, _ in batch], context=[ctx for _, ctx in batch],
                          ids=[m.id for m, _ in batch])
        case.save_detections(dets, version)
        report.scanned += len(dets)
        report.flagged += sum(d.flagged for d in dets)
        batch.clear()

    handled = 0
    for conv in case.conversations():
        window: deque[Message] = deque(maxlen=CONTEXT_SIZE)
        for msg in case.messages(conv.id):
            if msg.id in done_ids:
                report.skipped += 1
            elif msg.text.strip():
                batch.append((msg, list(window)))
            else:
                report.skipped += 1  # media-only or deleted: nothing to read
            if msg.text.strip():
                window.append(msg)
            handled += 1
            if len(batch) >= batch_size:
                flush()
                if progress:
                    progress(handled, total)
        flush()
        if progress:
            progress(handled, total)
    return report
