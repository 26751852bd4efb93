"""The version of sentinelle (layer 0: any layer may read it)."""

__version__ = "0.1.0"
