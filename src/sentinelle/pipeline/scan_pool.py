"""Where a scan analyses its texts: in this process, or in worker processes that each load the
detector once.

    with analysers(detector, workers) as pool:
        pending = pool.submit(texts)          # Detector.analyse(texts), here or in a worker
        analyses, stats = pending.result()

Workers are spawned, never forked (onnxruntime's and BLAS's threads do not survive a fork), and
ignore Ctrl-C: the parent stops them. The models run on fixed thread counts so that a text's
scores never depend on the number of workers, and so that workers x threads stay within the
cores: numpy's BLAS (the sentence encoder and the heads) always on 1 thread, in every mode,
since its float sums change with the thread count; the transformer (onnxruntime, whose results
were checked not to change with it) on cores // workers intra-op threads in a worker, on its
own default in this process.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import SentinelleError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from ..detection.api import Detector

BLAS_THREADS = 1  # part of the scan's numerics: the same with 1 worker or 16
MAX_DEFAULT_WORKERS = 8  # each worker holds the models (~0.5 GB): more cores than this, fewer workers
MAX_WORKERS = 64

Stats = dict[str, int]


def available_cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    return max(1, min(available_cores(), MAX_DEFAULT_WORKERS))


def check_workers(workers: Any) -> int:
    """The number of worker processes asked for (None: one per core, at most MAX_DEFAULT_WORKERS);
    anything but a whole number from 1 to MAX_WORKERS is a usage error."""
    if workers is None:
        return default_workers()
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS:
        raise UsageError(f"workers: a whole number from 1 to {MAX_WORKERS} (1: score in this process), "
                         f"not {workers!r}; this machine has {available_cores()} cores")
    return workers


class Pending(Protocol):
    def result(self) -> tuple[list[Any], Stats]: ...


class Analysers(Protocol):
    workers: int

    def submit(self, texts: list[str]) -> Pending: ...


class _Done:
    """The result of an analysis already made (this process)."""

    def __init__(self, value: tuple[list[Any], Stats]) -> None:
        self.value = value

    def result(self) -> tuple[list[Any], Stats]:
        return self.value


def _analyse(detector: Detector, texts: list[str]) -> tuple[list[Any], Stats]:
    before = dict(detector.stats)
    analyses = detector.analyse(texts)
    return analyses, {k: v - before.get(k, 0) for k, v in detector.stats.items()}


class InProcess:
    """Analyses in this process (`workers=1`), on the scan's thread counts for the time of the scan."""

    workers = 1

    def __init__(self, detector: Detector) -> None:
        self.detector = detector

    def submit(self, texts: list[str]) -> Pending:
        return _Done(_analyse(self.detector, texts))

    @contextlib.contextmanager
    def running(self) -> Iterator[InProcess]:
        from threadpoolctl import threadpool_limits

        from ..detection import heads

        before = heads.set_encoder_threads(BLAS_THREADS)
        try:
            with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
                yield self
        finally:
            heads.set_encoder_threads(before)


# --- worker processes ------------------------------------------------------------------------------

_DETECTOR: Detector | None = None
_FAILED: BaseException | None = None


def _start_worker(detector: Detector, threads: int) -> None:
    """A worker's initializer: the detector (sent once), the thread counts. A failure is kept and
    raised by the first task, so that the parent gets the error itself, not a broken pool."""
    global _DETECTOR, _FAILED
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from threadpoolctl import threadpool_limits

        from ..detection import heads

        threadpool_limits(limits=BLAS_THREADS, user_api="blas")  # for the life of the worker
        heads.set_encoder_threads(BLAS_THREADS)
        if detector.transformer is not None:
            detector.transformer.threads = threads
        _DETECTOR = detector
    except BaseException as exc:  # noqa: BLE001 - handed to the parent by `_work`
        _FAILED = exc


def _work(texts: list[str]) -> tuple[list[Any], Stats]:
    if _FAILED is not None:
        raise _FAILED
    assert _DETECTOR is not None
    return _analyse(_DETECTOR, texts)


class _Result:
    """A worker's pending analysis; a worker that died is said in one line."""

    def __init__(self, future: Future) -> None:
        self.future = future

    def result(self) -> tuple[list[Any], Stats]:
        try:
            return self.future.result()
        except BrokenProcessPool:
            raise SentinelleError(
                "a scan worker process stopped (killed, or out of memory?); what was scored is saved: "
                "run the scan again to resume, with fewer --workers if memory is short") from None


class WorkerPool:
    """`workers` spawned processes, each with the detector loaded once."""

    def __init__(self, detector: Detector, workers: int) -> None:
        self.workers = workers
        threads = max(1, available_cores() // workers)
        self.executor = ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"),
                                            initializer=_start_worker, initargs=(detector, threads))

    def submit(self, texts: list[str]) -> Pending:
        try:
            return _Result(self.executor.submit(_work, texts))
        except BrokenProcessPool:
            return _Result(_broken())

    @contextlib.contextmanager
    def running(self) -> Iterator[WorkerPool]:
        try:
            yield self
        except BaseException:
            self._stop()
            raise
        self.executor.shutdown(wait=True)

    def _stop(self) -> None:
        """Interrupted or failed: the workers are stopped now, not after their current chunk."""
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        self.executor.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            if p.is_alive():
                p.terminate()
        for p in processes:
            p.join(timeout=5)


def _broken() -> Future:
    f: Future = Future()
    f.set_exception(BrokenProcessPool())
    return f


@contextlib.contextmanager
def analysers(detector: Detector, workers: int) -> Iterator[Analysers]:
    """Worker processes when `workers` > 1, else this process; stopped on the way out."""
    pool: InProcess | WorkerPool = WorkerPool(detector, workers) if workers > 1 else InProcess(detector)
    with pool.running() as running:
        yield running
