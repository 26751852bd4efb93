"""Orchestration above the layers: readers -> store, then the analysis steps over a case."""

from .dynamics import import_roster_file, run_dynamics
from .ingest import IngestReport, ingest_files

__all__ = ["IngestReport", "import_roster_file", "ingest_files", "run_dynamics"]
