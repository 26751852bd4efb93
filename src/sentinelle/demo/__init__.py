"""The bundled, clearly fictional demo case (a French police unit's WhatsApp group)."""

from __future__ import annotations

from pathlib import Path

DEMO_DIR = Path(__file__).parent
ANDROID_EXPORT = DEMO_DIR / "Discussion WhatsApp avec Brigade Fictive 75.txt"
IOS_EXPORT = DEMO_DIR / "WhatsApp Chat - Brigade Fictive 75.zip"
ROSTER = DEMO_DIR / "roster.csv"


def demo_files() -> list[Path]:
    """The export files of the demo case, in the order they should be ingested."""
    return [p for p in (ANDROID_EXPORT, IOS_EXPORT) if p.exists()]
