"""Thresholds of the harassment analysis: stated, stored with every result, changeable by the user."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from ..errors import UsageError


@dataclass(frozen=True, slots=True)
class Settings:
    # Two shapes of case. A CAMPAIGN is repeated targeting: at least `min_messages` attacks at the
    # person, spread over at least `min_days` different days spanning `min_span_hours`.
    # A PILE-ON is several members against one person in one sitting: at least
    # `pileon_min_aggressors` members with at least `pileon_min_messages` attacks at them between
    # them, within `pileon_max_hours` ("harcelement en meute": each may have acted once).
    min_messages: int = 3
    min_days: int = 2
    # ... and the first and last of them at least this many hours apart (an argument that runs past
    # midnight touches two days but is still one evening).
    min_span_hours: float = 24.0
    pileon_min_aggressors: int = 2
    pileon_min_messages: int = 4
    pileon_max_hours: float = 6.0
    # A sitting (one evening's talk) ends after this many minutes without a message.
    sitting_gap_min: float = 120.0
    # A quarrel, not a pile-on: the target's side hits back at least `reciprocity_ratio` as often
    # as it is attacked, with fewer defence/objection messages than this share of its hits.
    defending_share: float = 0.5
    # Teasing, not a pile-on: the target laughs along in at least this share of their messages,
    # never objects, and nobody defends them.
    teasing_laugh_share: float = 0.4
    # A remark aimed at someone that at least this many other members laugh at right after
    # (within the bystander window), while the person does not laugh along, counts as mockery.
    laughed_at: bool = True
    laughed_at_min: int = 2
    # A detector flag that rests on the model heads alone (no rule, lexicon or context reason)
    # counts as abuse only at or above this score: precision over volume.
    head_only_min_score: float = 0.85
    # A message counts against a person only when the link to them is at least this sure.
    min_confidence: float = 0.5
    # A second-person message answers the last other speaker if it comes within this window.
    turn_window_min: float = 10.0
    # A third-person message ("on l'ignore") refers to the person named/addressed just before,
    # within this window and this many messages.
    context_window_min: float = 30.0
    context_messages: int = 5
    # Laughs / "+1" within this window (and messages) after an abusive message join in.
    bystander_window_min: float = 10.0
    bystander_messages: int = 6
    bystander_max_chars: int = 60
    # Teasing returned in kind: if the person answers an aggressor with at least this ratio of
    # degrading messages, the pair is mutual and neither is counted as the other's aggressor.
    reciprocity_ratio: float = 0.5
    # A nickname: a vocative used at least this often in turns with one person, at least this
    # share of its uses aimed at them.
    nickname_min_uses: int = 3
    nickname_concentration: float = 0.75
    # Trend tests: at least this many weeks of data, and the significance level.
    trend_min_weeks: int = 4
    alpha: float = 0.05
    # Silence around the target: a message of theirs counts as answered when another member
    # addresses them within this window.
    answer_window_min: float = 60.0
    # Acts and removal are looked for up to this many days after the last abusive message.
    after_days: float = 60.0
    # De facto leadership (from the dynamics analysis): influence at or above this is authority.
    leader_influence: float = 0.5

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | Settings | None) -> Settings:
        """Settings from a dict (unknown keys are a usage error, not silently ignored)."""
        if values is None:
            return cls()
        if isinstance(values, Settings):
            return values
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise UsageError(f"unknown harassment setting(s): {', '.join(unknown)}; known: {', '.join(known)}")
        kwargs: dict[str, Any] = {}
        for key, value in values.items():
            default = getattr(cls(), key)
            try:
                if isinstance(default, bool) and isinstance(value, str):
                    if value.strip().lower() not in ("true", "false", "1", "0", "yes", "no"):
                        raise ValueError(value)
                    value = value.strip().lower() in ("true", "1", "yes")
                kwargs[key] = type(default)(value)
            except (TypeError, ValueError):
                raise UsageError(f"harassment setting {key}: expected {type(default).__name__}, got {value!r}") from None
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
