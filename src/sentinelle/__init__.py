"""sentinelle: finds misconduct in group-chat exports, with evidence that holds.

It flags, people decide: every score carries its reason, every finding points at source bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

__all__ = ["__version__", "detect"]

if TYPE_CHECKING:  # pragma: no cover
    from .records import Detection


def detect(texts: Any, context: Any = None, **options: Any) -> list[Detection]:
    """Score texts for hate, sexual content, threats, insults and profanity.

    `texts` is a string or an iterable of strings; `context` gives, for each text, the preceding
    messages of its conversation (see `sentinelle.detection.api.detect`). Returns one
    `Detection` per text, in order, each with its reasons.
    """
    from .detection.api import detect as _detect  # lazy: the model loads on first use

    return _detect(texts, context=context, **options)
