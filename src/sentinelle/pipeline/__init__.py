"""Orchestration above the layers: readers -> store, then the analysis steps over a case."""

from .ingest import IngestReport, ingest_files

__all__ = ["IngestReport", "ingest_files"]
