"""The pipeline: readers -> case store -> analyses -> report, in dependency order."""
