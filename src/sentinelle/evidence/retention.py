"""Retention: a case whose retention date has passed is deleted, and what went is said.

A case with no retention date, or one not yet reached, is refused unless `force` is given with a
reason. A small receipt (`<case>.purged.json`: metadata, file hashes, date, reason, no content) is
left beside the deleted directory so that the deletion itself can be accounted for.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import CaseError, UsageError
from ..store import Case


@dataclass
class PurgeReport:
    case: str
    retention_until: str | None
    forced: bool
    reason: str | None
    files: list[dict[str, Any]] = field(default_factory=list)  # originals that were in the case
    deleted_paths: int = 0
    deleted_bytes: int = 0
    receipt: str = ""


def _as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def purge_case(path: Path, *, today: date | None = None, force: bool = False, reason: str | None = None) -> PurgeReport:
    path = Path(path)
    today = today or datetime.now(UTC).date()
    with Case.open(path) as case:
        meta = case.metadata
        until = _as_date(getattr(meta, "retention_until", None))
        files = [
            {"name": getattr(f, "name", None), "sha256": getattr(f, "sha256", None), "size": getattr(f, "size", None)}
            for f in case.files()
        ]
        metadata = _meta_dict(meta)
    if force:
        if not (reason and reason.strip()):
            raise UsageError("--force needs a --reason (it is written in the purge receipt)")
    elif until is None:
        raise CaseError(f"{path}: the case has no retention date; refusing to purge (use --force --reason)")
    elif until >= today:
        raise CaseError(
            f"{path}: retention runs until {until.isoformat()}; refusing to purge before then (use --force --reason)"
        )
    report = PurgeReport(str(path), until.isoformat() if until else None, force, reason, files)
    for item in sorted(path.rglob("*")):
        if item.is_file():
            report.deleted_paths += 1
            report.deleted_bytes += item.stat().st_size
    shutil.rmtree(path)
    receipt = path.with_name(path.name + ".purged.json")
    receipt.write_text(
        json.dumps(
            {
                "purged_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "case": str(path),
                "metadata": metadata,
                "retention_until": report.retention_until,
                "forced": force,
                "reason": reason,
                "files": files,
                "deleted_paths": report.deleted_paths,
                "deleted_bytes": report.deleted_bytes,
            },
            ensure_ascii=False,
            indent=2,
            default=str,
        ),
        encoding="utf-8",
    )
    report.receipt = str(receipt)
    return report


def _meta_dict(meta: Any) -> dict[str, Any]:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(meta):
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(meta).items()}
    return dict(getattr(meta, "__dict__", {}))
