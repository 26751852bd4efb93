"""The pipeline: runs the analyses over a case and stores their results (layer above the analyses)."""
