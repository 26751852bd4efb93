"""Score every message of a case with the abuse detector and store the results, versioned.

Each message is scored with the messages that precede it in its conversation as context (a
"+1" under a hateful message is an endorsement). Messages are streamed from the case in chunks
of `batch_size` messages to score; the distinct texts a chunk brings (its messages' and their
contexts') are analysed in this process or in worker processes (`workers`, see `scan_pool`),
several chunks at a time, and this process assembles each chunk's detections and saves them, in
order, with the model version. An interrupted scan resumes where it stopped: messages already
scanned with the same model version are skipped (their text still serves as context).

The result does not depend on the number of workers. The encoders' floats move slightly with
the texts batched together, so which texts are analysed together is fixed by the case alone
(and `batch_size`, and what was already scanned): a text is analysed with the chunk where it
first appears, and reused while it stays among the last `known_texts` texts referred to; every
chunk's analyses start from nothing (no worker's cache); the models run on the same thread
counts in every mode (`scan_pool`). Memory stays flat in the number of messages: a chunk, the
chunks in flight and the known texts.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..store import Case
from .scan_pool import Pending, analysers, check_workers

if TYPE_CHECKING:  # pragma: no cover
    from ..detection.api import Detector

CONTEXT_SIZE = 5
BATCH_SIZE = 2000  # messages scored per chunk (and saved per transaction)
KNOWN_TEXTS = 50_000  # distinct texts whose analysis is kept for the next chunks
MIN_PER_WORKER = 2  # fewer chunks to score than this per worker: scored in this process

# progress(done, total): messages handled so far (scanned or skipped) out of all messages
Progress = Callable[[int, int], None]


@dataclass
class ScanReport:
    model_version: str
    messages: int = 0
    scanned: int = 0
    skipped: int = 0  # already scanned with this model version, or nothing to read
    flagged: int = 0
    analysed: int = 0  # distinct texts analysed (the rest were known from an earlier chunk)
    encoded: int = 0  # of which went through the sentence encoder (the others were clearly benign)
    transformer: int = 0  # of which went through the fine-tuned transformer too
    workers: int = 1  # processes that analysed them (1: this one)

    def to_dict(self) -> dict[str, int | str]:
        return dict(self.__dict__)


@dataclass
class _Chunk:
    index: int
    handled: int  # messages read from the case up to the end of this chunk
    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    contexts: list[list[tuple[str, str]]] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)  # distinct texts of the messages and their contexts
    new: list[str] = field(default_factory=list)  # those analysed with this chunk
    pending: Pending | None = None


class _Known:
    """The texts referred to lately, each with its analysis (None until its chunk comes back) and
    the last chunk that referred to it; the least recently referred one goes first. What is
    known when a chunk is cut depends only on the chunks before it, never on timing."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.slots: OrderedDict[str, list[Any]] = OrderedDict()

    def refer(self, texts: list[str], chunk: int) -> list[str]:
        """Mark `texts` as used by `chunk`; returns those not known (to analyse with it)."""
        new = []
        for t in texts:
            slot = self.slots.get(t)
            if slot is None:
                self.slots[t] = [None, chunk]
                new.append(t)
            else:
                slot[1] = chunk
                self.slots.move_to_end(t)
        return new

    def oldest(self) -> tuple[str, int] | None:
        """The text to forget next, with the last chunk that needs it, when over capacity."""
        if len(self.slots) <= self.capacity:
            return None
        text, slot = next(iter(self.slots.items()))
        return text, slot[1]


def scan_case(case: Case, progress: Progress | None = None, batch_size: int = BATCH_SIZE,
              detector: Detector | None = None, workers: int | None = 1) -> ScanReport:
    """Score the messages of `case` not yet scored by the detector's version (see the module's
    docstring); `workers`: processes that analyse the texts (None: one per core, 1: this one)."""
    from ..detection.api import default_detector  # lazy: loads the model

    workers = check_workers(workers)
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    det = detector or default_detector()
    version = det.version
    total = case.count_messages()
    report = ScanReport(version, messages=total)
    to_score = total - case.count_detections(version)
    # starting a worker costs seconds: no more workers than chunks to keep them busy (the result
    # is the same either way)
    workers = max(1, min(workers, to_score // (MIN_PER_WORKER * batch_size)))
    # a detector with `detect` alone (no analyse/assemble) scores each chunk in this process
    two_phase = hasattr(det, "analyse") and hasattr(det, "assemble")
    if not two_phase:
        workers = 1
    report.workers = workers
    known = _Known(max(KNOWN_TEXTS, 4 * batch_size))  # a chunk refers to at most 4 texts a message
    pending: deque[_Chunk] = deque()
    handled = 0

    def finish(chunk: _Chunk) -> None:
        if chunk.pending is not None:
            analyses, stats = chunk.pending.result()
            report.encoded += stats.get("encoded", 0)
            report.transformer += stats.get("transformer", 0)
            for t, a in zip(chunk.new, analyses, strict=True):
                known.slots[t][0] = a
        if two_phase:
            lookup = {t: known.slots[t][0] for t in chunk.refs}
            dets = det.assemble(chunk.texts, chunk.contexts, chunk.ids, lookup)
        else:
            dets = det.detect(chunk.texts, context=chunk.contexts, ids=chunk.ids)
        case.save_detections(dets, version)
        report.scanned += len(dets)
        report.flagged += sum(d.flagged for d in dets)
        if progress:
            progress(chunk.handled, total)

    with analysers(det, workers) as pool:
        in_flight = 2 * pool.workers if pool.workers > 1 else 0

        def dispatch(chunk: _Chunk) -> None:
            if not two_phase:
                finish(chunk)
                return
            ctx_texts = (t for ctx in chunk.contexts for _, t in ctx[-3:])
            chunk.refs = list(dict.fromkeys([*chunk.texts, *ctx_texts]))
            chunk.new = known.refer(chunk.refs, chunk.index)
            report.analysed += len(chunk.new)
            while (victim := known.oldest()) is not None:
                text, last = victim
                assert last < chunk.index, "a chunk refers to more texts than are kept"
                while pending and pending[0].index <= last:  # still needed: assemble it first
                    finish(pending.popleft())
                del known.slots[text]
            chunk.pending = pool.submit(chunk.new)
            pending.append(chunk)
            while len(pending) > in_flight:
                finish(pending.popleft())

        chunk = _Chunk(0, 0)
        for conv in case.conversations():
            window: deque[tuple[str, str]] = deque(maxlen=CONTEXT_SIZE)
            for msg_id, text, done in case.scan_items(conv.id, version):
                handled += 1
                readable = bool(text.strip())
                if done or not readable:
                    report.skipped += 1  # already scanned, or media-only / deleted: nothing to read
                else:
                    chunk.ids.append(msg_id)
                    chunk.texts.append(text)
                    chunk.contexts.append(list(window))
                if readable:
                    window.append((msg_id, text))
                if len(chunk.ids) >= batch_size:
                    chunk.handled = handled
                    dispatch(chunk)
                    chunk = _Chunk(chunk.index + 1, handled)
        if chunk.ids:
            chunk.handled = handled
            dispatch(chunk)
        while pending:
            finish(pending.popleft())
    if progress:
        progress(handled, total)
    return report
