"""Reading export files into a case: one transaction per file, duplicates skipped, failures
reported per file while the others go on, then persons re-linked across conversations."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CaseError, InputError, IntegrityError, ModelError, SentinelleError, UsageError
from ..ingest import ReadOptions, read, sha256_file
from ..records import ParseIssue, Record
from ..store import Case, FileInfo

# progress(event, path, count): event is "start" (count = file size), "records" (records so far) or "done"
Progress = Callable[[str, Path, int], None]


@dataclass
class FileOutcome:
    path: str
    status: str  # ingested | duplicate | failed
    info: FileInfo | None = None
    error: str | None = None
    exit_code: int = 0
    issues: list[ParseIssue] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "error": self.error,
            "info": self.info.to_dict() if self.info else None,
            "issues": [str(i) for i in self.issues],
        }


@dataclass
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)
    persons: int = 0

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def messages(self) -> int:
        return sum(f.info.messages for f in self.files if f.info and f.status == "ingested")

    @property
    def events(self) -> int:
        return sum(f.info.events for f in self.files if f.info and f.status == "ingested")

    def to_dict(self) -> dict[str, Any]:
        return {"files": [f.to_dict() for f in self.files], "persons": self.persons,
                "messages": self.messages, "events": self.events}  # fmt: skip


_BY_CODE: dict[int, type[SentinelleError]] = {2: UsageError, 3: InputError, 4: CaseError, 5: IntegrityError,
                                               6: ModelError}


def ingest_error(failed: list[FileOutcome], total: int) -> SentinelleError:
    """One error line for the files that failed, naming them, with the exit code they share
    (else 1): the file's own error when it was the only file."""
    codes = {f.exit_code for f in failed}
    kind = _BY_CODE.get(codes.pop(), SentinelleError) if len(codes) == 1 else SentinelleError
    if total == 1:
        error = kind(failed[0].error or "could not be read")
    elif len(failed) == 1:
        error = kind(f"1 of {total} files could not be ingested: {failed[0].error}")
    else:
        names = ", ".join(f.path for f in failed[:5]) + (" …" if len(failed) > 5 else "")
        error = kind(f"{len(failed)} of {total} files could not be ingested: {names} (see above)")
    return error


def _options_dict(options: ReadOptions) -> dict[str, Any]:
    return {k: v for k, v in asdict(options).items() if v not in (None, {}, [])}


def _collect_issues(records: Iterable[Record], sink: list[ParseIssue]) -> Iterator[Record]:
    for rec in records:
        if isinstance(rec, ParseIssue):
            sink.append(rec)
        yield rec


def ingest_files(
    case: Case, paths: Iterable[str | Path], options: ReadOptions | None = None, progress: Progress | None = None,
    *, merge: bool = True,
) -> IngestReport:
    """Read each file into the case. A file that cannot be read is reported with its one-line
    error and the case is left as it was before that file; the other files go on. Another
    export of a chat the case holds joins that conversation unless `merge` is False."""
    options = options or ReadOptions()
    report = IngestReport()
    for raw in paths:
        path = Path(raw)
        outcome = FileOutcome(str(path), "failed")
        report.files.append(outcome)
        try:
            if not path.is_file():
                raise InputError("no such file" if not path.exists() else "not a regular file", path=str(path))
            sha = sha256_file(path)
            if case.has_file(sha):
                outcome.status, outcome.info = "duplicate", case.file(sha)
                continue
            if progress:
                progress("start", path, path.stat().st_size)
            records = _collect_issues(read(path, options), outcome.issues)
            outcome.info = case.add_file(
                path,
                records,
                format=options.format,
                options=_options_dict(options),
                sha256=sha,
                progress=(lambda n, p=path: progress("records", p, n)) if progress else None,
                merge=merge,
            )
            outcome.status = "duplicate" if outcome.info.messages + outcome.info.events and (
                outcome.info.duplicates == outcome.info.messages + outcome.info.events
            ) else "ingested"
        except CaseError:
            raise  # the case cannot take any file (full disk, read-only): one error, not one per file
        except SentinelleError as exc:
            outcome.error, outcome.exit_code = str(exc) if exc.path else f"{path}: {exc}", exc.exit_code
        except (OSError, UnicodeError) as exc:
            outcome.error, outcome.exit_code = f"{path}: {exc.__class__.__name__}: {exc}", 3
        except Exception as exc:  # a reader's bug must not stop the other files; say it is one
            outcome.error = f"{path}: internal error ({exc.__class__.__name__}: {exc}); please report it"
            outcome.exit_code = 1
        finally:
            if progress:
                progress("done", path, 0)
    report.persons = len(case.relink_persons())
    return report
