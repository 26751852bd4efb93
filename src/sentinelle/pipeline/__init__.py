"""Orchestration above the layers: readers -> store, then the analysis steps over a case."""

from .dynamics import import_roster_file, run_dynamics
from .ingest import IngestReport, ingest_files
from .scan import ScanReport, scan_case

__all__ = ["IngestReport", "ScanReport", "import_roster_file", "ingest_files", "run_dynamics", "scan_case"]
