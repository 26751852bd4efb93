"""The dynamics step over a case: read records, persons and roster from the store, run the pure
analysis, store its JSON as result ("dynamics", VERSION, "case"); and the roster import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..contract import DynamicsData
from ..dynamics import DynamicsResult, DynamicsSettings, RosterRow, analyze_dynamics, parse_roster
from ..errors import InputError
from ..store import Case, RosterEntry

STEP = "dynamics"
RESULT_KEY = "case"

# progress(stage): "reading", "analysing", "storing"
Progress = Callable[[str], None]


def compute_dynamics(case: Case, settings: DynamicsSettings, say: Callable[[str], None]) -> DynamicsResult:
    """The dynamics of a whole case (nothing stored): records, persons and roster from the case."""
    say("reading")
    persons = case.persons()
    # every name a person was seen under addresses them (nicknames the case knows)
    aliases = {name: p.id for p in persons for name in (p.display_name, *p.names) if name}
    roster = [parse_roster_entry(r) for r in case.roster()]

    def person_of(conversation_id: str, name: str) -> str | None:
        return case.person_of(conversation_id, name)  # None: the analysis folds the name

    say("analysing")
    return analyze_dynamics(
        case.conversations(),
        case.messages(),
        case.events(),
        person_of=person_of,
        roster=roster,
        settings=settings,
        participants=case.participants(),
        aliases=aliases,
        stances=message_stances(case),
    )


def run_dynamics(
    case: Case,
    progress: Progress | None = None,
    settings: DynamicsSettings | None = None,
    *,
    gexf: str | Path | None = None,
    graphml: str | Path | None = None,
) -> DynamicsResult:
    """Analyse the group dynamics of a whole case and store the result with the fingerprint of
    its inputs (see pipeline.steps); optional graph exports."""
    from .steps import STEPS, Env, inputs_of, store

    step = STEPS[STEP]
    settings = settings or DynamicsSettings()
    say = progress or (lambda stage: None)
    inputs = inputs_of(case, step, Env(), {}, settings)
    result = compute_dynamics(case, settings, say)
    say("storing")
    store(case, step, settings, DynamicsData(**result.to_json()), inputs)
    if gexf:
        result.write_gexf(gexf)
    if graphml:
        result.write_graphml(graphml)
    return result


def message_stances(case: Case) -> dict[str, str]:
    """What the detector read in each message the dynamics must not misread: "counter" and
    "reported" (an objection or a quote is no directive), "flagged" (misconduct, which a "stop
    it" then answers). Empty when the case was not scanned."""
    out: dict[str, str] = {}
    for d in case.detections(notable_only=True):  # the others (most of a case) say nothing here
        if d.message_id and d.stance in ("counter", "reported"):
            out[d.message_id] = d.stance
        elif d.message_id and d.flagged:
            out[d.message_id] = "flagged"
    return out


def parse_roster_entry(entry: RosterEntry) -> RosterRow:
    return RosterRow(entry.person, entry.rank, entry.role, entry.unit, bool(entry.union_rep))


def import_roster_file(case: Case, path: str | Path) -> list[RosterEntry]:
    """Read a roster CSV (UTF-8, or the legacy encoding a spreadsheet saved) into the case."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read roster: {exc.strerror}", path=str(p)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            raise InputError("roster is not text (unknown encoding)", path=str(p)) from None
        text = str(best)
    rows = parse_roster(text, str(p))
    entries = [RosterEntry(r.person, r.rank, r.role, r.unit, r.union_rep) for r in rows]
    case.import_roster(entries)
    return entries
