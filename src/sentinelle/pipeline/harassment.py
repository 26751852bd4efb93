"""Pipeline step: harassment cases over a stored case.

Reads the records, the detections, the roster and (when present) the dynamics result from the
case, runs `sentinelle.harassment.find_cases`, stores the result as
`case.put_result("harassment", VERSION, "cases", result.to_json(), settings)`.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from typing import Any

from ..contract import HarassmentData
from ..contract import Progress as ContractProgress
from ..errors import CaseError, UsageError
from ..harassment import VERSION, Settings, find_cases
from ..harassment.power import rank_level
from ..records import Source
from ..store import Case
from ..textutil import fold

Progress = Callable[[str], None]
_SOURCE_FIELDS = ("sha256", "line_start", "line_end", "byte_start", "byte_end", "path", "container_sha256", "member")

__all__ = ["VERSION", "authority_of", "case_report", "list_cases", "run_harassment"]


def _person_index(case: Any) -> dict[str, str]:
    """Folded name / phone / platform id -> person id, from the case's people."""
    index: dict[str, str] = {}
    for p in case.persons():
        pid = str(getattr(p, "id", p))
        for attr in ("display_name", "name", "names", "names_seen", "phones", "platform_ids"):
            value = getattr(p, attr, None)
            for v in [value] if isinstance(value, str) else (value or ()):
                if v:
                    index.setdefault(fold(str(v)), pid)
    return index


def _leaders(dynamics: Mapping[str, Any] | None) -> tuple[dict[str, float], list[str] | None]:
    """Influence per person, and who is a leader, from the dynamics result's "people" rows
    ({"person", "max_influence", "leader_in": [conversation ids], ...})."""
    if not dynamics:
        return {}, None
    influence: dict[str, float] = {}
    flags: list[str] = []
    for row in dynamics.get("people") or []:
        if not isinstance(row, Mapping) or row.get("person") is None:
            continue
        value = row.get("max_influence", row.get("influence"))
        if isinstance(value, int | float):
            influence[str(row["person"])] = float(value)
        if row.get("leader_in"):
            flags.append(str(row["person"]))
    return influence, flags


def authority_of(case: Case, from_dynamics: bool = True, dynamics: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """{"ranks": {person: rank name}, "leaders": {person: influence}, "leader_flags": [...]} from the
    roster and the dynamics result given (else the stored one) unless `from_dynamics` is False."""
    index = _person_index(case)
    ranks: dict[str, str] = {}  # the rank as declared; sentinelle.harassment.power reads its level
    for entry in case.roster():
        # rank and role together, read as the dynamics analysis reads them (sentinelle.ranks)
        declared = ", ".join(x for x in (getattr(entry, "rank", None), getattr(entry, "role", None)) if x)
        if declared and rank_level(declared) is not None:
            key = fold(entry.person)
            ranks[index.get(key, key)] = declared
    out: dict[str, Any] = {"ranks": ranks}
    if from_dynamics:
        out["leaders"], flags = _leaders(dynamics if dynamics is not None else case.get_result("dynamics", "case"))
        if flags is not None:
            out["leader_flags"] = flags
    return out


def compute_harassment(
    case: Case,
    settings: Settings,
    say: Callable[[str], None],
    *,
    model_version: str | None = None,
    dynamics: Mapping[str, Any] | None = None,
    authority_from_dynamics: bool = True,
) -> dict[str, Any]:
    """Harassment cases over an open case (nothing stored), from the detections of
    `model_version` (the latest stored when None) and the given dynamics result."""
    say("reading records")
    conversations = case.conversations()
    messages = list(case.messages())
    events = list(case.events())
    detections = {d.message_id: d for d in case.detections(model_version) if d.message_id}
    if messages and not detections:
        say("no detections stored: run `sentinelle scan` first for abuse categories; patterns only")
    authority = authority_of(case, authority_from_dynamics, dynamics)
    say(f"analysing {len(messages)} messages")

    def person_of(conversation_id: str, name: str) -> str:
        return case.person_of(conversation_id, name) or fold(name)

    result = find_cases(conversations, messages, events, detections, person_of=person_of,
                        authority=authority, settings=settings)
    data = result.to_json()
    data["detections_used"] = len(detections)
    return data


def run_harassment(
    case: Case,
    authority_from_dynamics: bool = True,
    settings: Settings | Mapping[str, Any] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run the harassment analysis over an open case with what it holds now (the latest
    detections, the stored dynamics result), store and return its JSON result. Commands use
    `list_cases`, which first brings the scan and the dynamics up to date."""
    from .steps import STEPS, Env, inputs_of, store

    step = STEPS["harassment"]
    cfg = Settings.from_mapping(settings)
    upstream = {name: case.result(name, STEPS[name].key) for name in ("scan", "dynamics")}
    inputs = inputs_of(case, step, Env(), upstream, cfg)
    dynamics = upstream["dynamics"]
    data = compute_harassment(case, cfg, progress or (lambda _msg: None),
                              dynamics=dynamics.data if dynamics else None,
                              authority_from_dynamics=authority_from_dynamics)
    store(case, step, cfg, HarassmentData(**data), inputs)
    return data


def list_cases(case: Case, settings: Mapping[str, Any] | None = None, refresh: bool = False,
               progress: ContractProgress | None = None, env: Any = None) -> dict[str, Any]:
    """The harassment result, fresh: the scan, the dynamics and the cases are reused when their
    inputs are unchanged and recomputed when not (see pipeline.steps.resolve)."""
    from .steps import resolve

    res = resolve(case, ["harassment"], settings={"harassment": settings}, progress=progress,
                  refresh={"harassment"} if refresh else (), env=env)
    got = res.steps["harassment"]
    if got.status in ("cannot", "stale", "missing"):
        raise CaseError(f"harassment cannot run: {got.reason}", path=str(case.path))
    return got.data


def _source_text(case: Any, source: Mapping[str, Any]) -> str | None:
    """The exact source bytes of a record (decoded for display), from the original in the case."""
    try:
        raw = case.source_bytes(Source(**{k: source.get(k) for k in _SOURCE_FIELDS if k in source}))
    except (OSError, KeyError, TypeError, zipfile.BadZipFile, CaseError):
        return None
    return raw.decode("utf-8", errors="replace")


def case_report(case: Case, person: str, settings: Mapping[str, Any] | None = None,
                refresh: bool = False, progress: ContractProgress | None = None, env: Any = None) -> dict[str, Any]:
    """One case (by target person id or name) with the source bytes of every timeline item."""
    data = list_cases(case, settings, refresh, progress, env)
    key = fold(person)
    index = _person_index(case)
    wanted = {person, key, index.get(key, key)}
    try:
        wanted.add(case.resolve_person(person))
    except UsageError:
        pass  # not a known person id or name: the folded name may still be a case's target
    for c in data["cases"]:
        if c["target"] in wanted or key in {fold(n) for n in c.get("target_names", [])}:
            for item in c["timeline"]:
                if "source" in item:
                    item["source_text"] = _source_text(case, item["source"])
            return c
    known = ", ".join(c["target"] for c in data["cases"]) or "none"
    raise UsageError(f"no harassment case for {person!r} (cases: {known})")
