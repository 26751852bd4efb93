"""Readers: one per export format, each streaming canonical records with their source bytes."""

from .base import ReadOptions, sha256_file
from .registry import READERS, get_reader, read, sniff

__all__ = ["READERS", "ReadOptions", "get_reader", "read", "sha256_file", "sniff"]
