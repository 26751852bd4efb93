"""Pipeline step: harassment cases over a stored case.

Reads the records, the detections, the roster and (when present) the dynamics result from the
case, runs `sentinelle.harassment.find_cases`, stores the result as
`case.put_result("harassment", VERSION, "cases", result.to_json(), settings)`.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import CaseError, UsageError
from ..harassment import VERSION, Settings, find_cases
from ..harassment.power import rank_level
from ..records import Source
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


def authority_of(case: Any, from_dynamics: bool = True) -> dict[str, Any]:
    """{"ranks": {person: rank name}, "leaders": {person: influence}, "leader_flags": [...]} from the
    roster and the stored dynamics result (`case.get_result("dynamics", "case")`)."""
    index = _person_index(case)
    ranks: dict[str, str] = {}  # the rank as declared; sentinelle.harassment.power reads its level
    for entry in case.roster():
        for declared in (getattr(entry, "rank", None), getattr(entry, "role", None)):
            if declared and rank_level(declared) is not None:
                key = fold(entry.person)
                ranks[index.get(key, key)] = declared
                break
    out: dict[str, Any] = {"ranks": ranks}
    if from_dynamics:
        out["leaders"], flags = _leaders(case.get_result("dynamics", "case"))
        if flags is not None:
            out["leader_flags"] = flags
    return out


def run_harassment(
    case: Any,
    authority_from_dynamics: bool = True,
    settings: Settings | Mapping[str, Any] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run the harassment analysis over an open case, store and return its JSON result."""
    cfg = Settings.from_mapping(settings)
    say = progress or (lambda _msg: None)
    say("reading records")
    conversations = case.conversations()
    messages = list(case.messages())
    events = list(case.events())
    detections = {d.message_id: d for d in case.detections() if d.message_id}
    if messages and not detections:
        say("no detections stored: run `sentinelle scan` first for abuse categories; patterns only")
    authority = authority_of(case, authority_from_dynamics)
    say(f"analysing {len(messages)} messages")

    def person_of(conversation_id: str, name: str) -> str:
        return case.person_of(conversation_id, name) or fold(name)

    result = find_cases(conversations, messages, events, detections, person_of=person_of,
                        authority=authority, settings=cfg)
    data = result.to_json()
    data["detections_used"] = len(detections)
    case.put_result("harassment", VERSION, "cases", data, cfg.to_dict())
    return data


def list_cases(case: Any, settings: Mapping[str, Any] | None = None, refresh: bool = False,
               progress: Progress | None = None) -> dict[str, Any]:
    """The stored result when its settings match, else a fresh run (stored)."""
    cfg = Settings.from_mapping(settings)
    stored = None if refresh else case.get_result("harassment", "cases")
    if stored and stored.get("settings") == cfg.to_dict() and stored.get("version") == VERSION:
        return stored
    return run_harassment(case, settings=cfg, progress=progress)


def _source_text(case: Any, source: Mapping[str, Any]) -> str | None:
    """The exact source bytes of a record (decoded for display), from the original in the case."""
    try:
        raw = case.source_bytes(Source(**{k: source.get(k) for k in _SOURCE_FIELDS if k in source}))
    except (OSError, KeyError, TypeError, zipfile.BadZipFile, CaseError):
        return None
    return raw.decode("utf-8", errors="replace")


def case_report(case: Any, person: str, settings: Mapping[str, Any] | None = None,
                refresh: bool = False, progress: Progress | None = None) -> dict[str, Any]:
    """One case (by target person id or name) with the source bytes of every timeline item."""
    data = list_cases(case, settings, refresh, progress)
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
