"""The report: the case's results as one self-contained HTML page and plain exports.

Layer 2: reads the case through `sentinelle.store` only, never the analysis packages.
"""

from .context import ReportContext, build_context
from .exports import write_exports
from .html import render_html, resolve_generated_at, write_report

__all__ = ["ReportContext", "build_context", "render_html", "resolve_generated_at", "write_exports", "write_report"]
