"""Orchestration above the layers: readers -> store, then the analysis steps over a case.

The steps are imported when first used (PEP 562): the analyses pull in igraph, pandas and the
detector's models, which a command that only reads or ingests must not wait for."""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "IngestReport": ".ingest",
    "ingest_files": ".ingest",
    "ingest_error": ".ingest",
    "ScanReport": ".scan",
    "scan_case": ".scan",
    "import_roster_file": ".dynamics",
    "run_dynamics": ".dynamics",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name], __name__), name)
