"""The per-message text scan (directives, statements for the group), the costliest stage, run
on several processes for big cases while the main process builds the interaction graphs; the
same processes then share the reading of what follows each directive (`map_chunks`).

Workers are forked (Linux) after the corpus is built, so they read it without copying it over a
pipe; where fork is unavailable, or the case is small, the scan runs in this process.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable
from typing import Any

from ..textutil import fold
from .corpus import Corpus
from .directives import Match, read_directive
from .lexicon import normalise
from .spokespeople import statement_kinds

_SHARED: Corpus | None = None  # the corpus, inherited by forked workers
_TASKS: list[tuple[str, int, int]] = []
_NEXT: Any = None  # a shared counter: workers and this process take the next chunk from it
_NEXT_JOB: Any = None  # the same for the chunks of `map_chunks`


def _scan_range(task: tuple[str, int, int]) -> tuple[list[tuple[str, int, Match]], list[tuple[str, int, list[str]]]]:
    cid, start, end = task
    assert _SHARED is not None
    msgs = _SHARED.convs[cid].messages
    hits, statements = [], []
    for i in range(start, end):
        text = msgs[i].text
        # fold once for both readers (short texts go to the directive reader's cache instead)
        norm = normalise(fold(text)) if 64 < len(text) <= 4000 else None
        d = read_directive(text, norm)
        if d is not None:
            hits.append((cid, i, d))
        kinds = statement_kinds(text, norm)
        if kinds:
            statements.append((cid, i, kinds))
    return hits, statements


def _claim_all(counter: Any, n: int, work: Callable[[int], Any]) -> tuple[list[Any], float]:
    """Take item indexes from the shared `counter` until all `n` are taken (dynamic balance
    between the processes) and do `work` on each; with the CPU seconds this process spent."""
    parts = []
    cpu = time.process_time()
    while True:
        with counter.get_lock():
            i = counter.value
            counter.value = i + 1
        if i >= n:
            return parts, time.process_time() - cpu
        parts.append(work(i))


def _drain(_worker: int = 0) -> tuple[list[Any], float]:
    """Scan chunks of the text scan until none is left."""
    return _claim_all(_NEXT, len(_TASKS), lambda i: _scan_range(_TASKS[i]))


def _drain_job(job: tuple[Callable[[Corpus, Any], Any], list[Any]]) -> tuple[list[tuple[int, Any]], float]:
    """Run `fn` over the chunks of a job until none is left, each result with its chunk index."""
    fn, chunks = job
    assert _SHARED is not None
    shared = _SHARED
    return _claim_all(_NEXT_JOB, len(chunks), lambda i: (i, fn(shared, chunks[i])))


class TextScan:
    """Start with `TextScan(corpus, workers, min_messages)`; `result()` waits for it; `close()`
    (always, in a `finally`) ends the worker processes."""

    def __init__(self, corpus: Corpus, workers: int, min_messages: int) -> None:
        global _SHARED, _TASKS, _NEXT, _NEXT_JOB
        n = sum(len(cd.messages) for cd in corpus.convs.values())
        chunk = max(5_000, n // max(1, workers * 25))
        self.tasks = [
            (cd.id, s, min(s + chunk, len(cd.messages)))
            for cd in corpus.convs.values()
            for s in range(0, len(cd.messages), chunk)
        ]
        self._pool: Any = None
        self._async: Any = None
        self._corpus = corpus
        self.worker_cpu: dict[str, float] = {}  # CPU seconds of the worker processes per job
        if workers > 1 and n >= min_messages and "fork" in mp.get_all_start_methods():
            ctx = mp.get_context("fork")
            _SHARED, _TASKS, _NEXT, _NEXT_JOB = corpus, self.tasks, ctx.Value("i", 0), ctx.Value("i", 0)
            self._workers = max(1, workers - 1)
            # workers - 1 processes start now; this one builds the graphs, then helps (result())
            self._pool = ctx.Pool(max(1, workers - 1))
            self._async = self._pool.map_async(_drain, range(max(1, workers - 1)), chunksize=1)

    def result(self) -> tuple[dict[tuple[str, int], Match], dict[tuple[str, int], list[str]]]:
        global _SHARED
        if self._async is not None:
            parts, _ = _drain()
            for worker_parts, cpu in self._async.get():
                parts.extend(worker_parts)
                self.worker_cpu["text_scan"] = self.worker_cpu.get("text_scan", 0.0) + round(cpu, 3)
        else:
            _SHARED = self._corpus
            try:
                parts = [_scan_range(t) for t in self.tasks]
            finally:
                _SHARED = None
        directives: dict[tuple[str, int], Match] = {}
        statements: dict[tuple[str, int], list[str]] = {}
        for hits, stmts in parts:
            for cid, i, d in hits:
                directives[(cid, i)] = d
            for cid, i, kinds in stmts:
                statements[(cid, i)] = kinds
        return directives, statements

    def map_chunks(self, fn: Callable[[Corpus, Any], Any], chunks: list[Any], job: str = "job") -> list[Any]:
        """`[fn(corpus, c) for c in chunks]`, shared with the scan's workers when there are any
        (`fn` a module-level function; chunks and results travel by pickle). The workers' CPU
        seconds are added to `worker_cpu[job]`."""
        if self._pool is None or len(chunks) < 2:
            return [fn(self._corpus, c) for c in chunks]
        _NEXT_JOB.value = 0
        pending = self._pool.map_async(_drain_job, [(fn, chunks)] * self._workers, chunksize=1)
        parts, _ = _drain_job((fn, chunks))
        for worker_parts, cpu in pending.get():
            parts.extend(worker_parts)
            self.worker_cpu[job] = self.worker_cpu.get(job, 0.0) + round(cpu, 3)
        parts.sort(key=lambda part: part[0])
        return [r for _, r in parts]

    def close(self) -> None:
        global _SHARED, _TASKS, _NEXT, _NEXT_JOB
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
            _SHARED, _TASKS, _NEXT, _NEXT_JOB = None, [], None, None
