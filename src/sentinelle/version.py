"""The package version, in the bottom layer so every layer may record it."""

__version__ = "0.1.0"
