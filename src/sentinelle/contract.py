"""The analysis step contract's shared pieces (bottom layer: every analysis may import it).

A step (see `sentinelle.pipeline.steps` for the registry and docs/steps.md) has a name, one
version string, a frozen Settings class read with `settings_from_mapping` (unknown keys are a
usage error) and digested with `settings_digest`, the inputs it requires, the one progress
signature `Progress`, and a typed result: the msgspec Structs below, whose JSON form is the one
stored in the case (unchanged from before the contract).

A stored result records the fingerprint of what it was computed from: `fingerprint(...)` over
the step, its version, its settings digest and its inputs (the case's revisions of the records,
persons and roster it read, the digests of the upstream results, the detector's version). Any
change of any of them changes the fingerprint, and the result is recomputed before it is shown.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import msgspec
import orjson

from .errors import UsageError

# progress(stage, done, total): what the step is doing, and how far (total 0 when unknown)
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int = 0, total: int = 0) -> None:
    """The progress callback of a step nobody watches."""


def _default(value: Any) -> Any:
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON-able: {type(value).__name__}")


def canonical(value: Any) -> bytes:
    """One byte string per value: keys sorted, sets sorted, no whitespace."""
    return orjson.dumps(value, default=_default, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)


def digest(value: Any) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


S = TypeVar("S")


def settings_from_mapping(cls: type[S], values: Mapping[str, Any] | S | None, what: str = "") -> S:
    """Settings of a frozen dataclass from a mapping: unknown keys are a usage error (never
    silently ignored), strings given on a command line are converted to the field's type."""
    if values is None:
        return cls()
    if isinstance(values, cls):
        return values
    assert dataclasses.is_dataclass(cls)
    defaults = cls()
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(values) - known)  # type: ignore[arg-type]
    what = what or cls.__name__
    if unknown:
        raise UsageError(f"unknown {what} setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    kwargs: dict[str, Any] = {}
    for key, value in values.items():  # type: ignore[union-attr]
        default = getattr(defaults, key)
        try:
            if isinstance(default, bool) and isinstance(value, str):
                if value.strip().lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(value)
                value = value.strip().lower() in ("true", "1", "yes")
            elif isinstance(default, dict):
                value = dict(value)
            elif default is not None and not isinstance(value, type(default)):
                value = type(default)(value)
            kwargs[key] = value
        except (TypeError, ValueError):
            raise UsageError(f"{what} setting {key}: expected {type(default).__name__}, got {value!r}") from None
    return cls(**kwargs)


def settings_to_dict(settings: Any) -> dict[str, Any]:
    return dataclasses.asdict(settings)


def settings_digest(settings: Any) -> str:
    return digest(settings_to_dict(settings))[:16]


def fingerprint(step: str, version: str, settings: str, inputs: Mapping[str, Any]) -> str:
    """The fingerprint of one computation: step, version, settings digest and every input."""
    return digest({"step": step, "version": version, "settings": settings, "inputs": inputs})


# --- typed results (their JSON form is what the case stores and the exports show) ------------------


class ScanResult(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The scan step: every message scored by one detector version (the detections themselves
    are stored per message, in the case's detections table)."""

    model_version: str
    messages: int = 0
    scanned: int = 0
    skipped: int = 0  # already scanned with this model version, or nothing to read
    flagged: int = 0


class DynamicsData(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The dynamics step. `people[*].influence` and `max_influence` are weighted sums of the
    `DynamicsSettings.weights` terms: 0 up to sum(weights) (6.5 with the defaults), not [0, 1]."""

    version: str
    settings: dict[str, Any]
    people: list[dict[str, Any]]
    leadership: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    edges_total: int
    graph: dict[str, Any]
    directives: list[dict[str, Any]]
    compliance: list[dict[str, Any]]
    spokespeople: list[dict[str, Any]]
    silence_orders: list[dict[str, Any]]
    parallel_command: list[dict[str, Any]]
    lifecycle: list[dict[str, Any]]
    crossgroup: dict[str, Any]


class HarassmentData(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The harassment step: cases ranked by severity and duration."""

    version: str
    settings: dict[str, Any]
    counts: dict[str, Any]
    cases: list[dict[str, Any]]
    detections_used: int = 0


def to_builtins(result: msgspec.Struct) -> Any:
    return msgspec.to_builtins(result)


R = TypeVar("R", bound=msgspec.Struct)


def decode(data: Any, result_type: type[R]) -> R:
    """A stored JSON result back into its type (msgspec.ValidationError when it is not one)."""
    return msgspec.convert(data, result_type)
