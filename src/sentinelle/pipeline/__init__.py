"""Orchestration above the layers: readers -> store, then the analysis steps over a case."""

from .ingest import IngestReport, ingest_files
from .scan import ScanReport, scan_case

__all__ = ["IngestReport", "ScanReport", "ingest_files", "scan_case"]
