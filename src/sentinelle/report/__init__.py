"""The report: the case's results as one self-contained HTML page and plain exports.

Layer 2: reads the case through `sentinelle.store` only, never the analysis packages. Its parts
are imported when first used (PEP 562): the charts pull in matplotlib, which `info` (that shows
`report.reading`'s notes) must not wait for.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "ReportContext": ".context",
    "build_context": ".context",
    "write_exports": ".exports",
    "render_html": ".html",
    "resolve_generated_at": ".html",
    "write_report": ".html",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name], __name__), name)
