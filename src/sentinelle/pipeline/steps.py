"""The analysis steps over a case, one registry, and the resolver that never shows a stale result.

Every step implements `Step`: a name, one version string, a frozen Settings class, the inputs
it requires, one progress signature (`sentinelle.contract.Progress`) and a typed result
(`sentinelle.contract.ScanResult`, `DynamicsData`, `HarassmentData`). Inputs are either the
case's own (`records`, `persons`, `roster`: counted by the case's revisions, bumped in the same
transaction as each change), the detector (`model`: its version), or another step's result
(`scan`, `dynamics`: its digest). The fingerprint of all of them, with the settings digest and
the step's version, is stored with the result; `resolve` reuses a result whose fingerprint is
the current one and recomputes the others, in dependency order. See docs/steps.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import msgspec

from ..contract import (
    DynamicsData,
    HarassmentData,
    Progress,
    ScanResult,
    fingerprint,
    no_progress,
    settings_digest,
    settings_from_mapping,
    settings_to_dict,
)
from ..dynamics import VERSION as DYNAMICS_VERSION
from ..dynamics import DynamicsSettings
from ..errors import SentinelleError
from ..harassment import VERSION as HARASSMENT_VERSION
from ..harassment import Settings as HarassmentSettings
from ..store import Case, ResultRow

if TYPE_CHECKING:  # pragma: no cover
    from ..detection.api import Detector

# the case's own inputs, and the revision counter that stands for each
CASE_INPUTS = {"records": "files", "persons": "persons", "roster": "roster"}
MODEL = "model"  # the detector's version


@dataclass
class Env:
    """What a step may need besides the case: the detector (the shipped one when None, loaded
    on first use: `cases` on a fresh case waits for it once), and how many processes may score
    messages (None: one per core; 1: this process; the result is the same)."""

    detector: Detector | None = None
    workers: int | None = None

    def get_detector(self) -> Detector:
        if self.detector is None:
            from ..detection.api import default_detector

            self.detector = default_detector()
        return self.detector

    def model_version(self) -> str:
        return self.get_detector().version


@dataclass
class StepContext:
    """What `Step.run` receives: the case, the environment and the fresh upstream results."""

    case: Case
    env: Env
    upstream: dict[str, ResultRow] = field(default_factory=dict)


class Step(Protocol):
    name: ClassVar[str]
    key: ClassVar[str]  # the result's key in the case
    requires: ClassVar[tuple[str, ...]]  # CASE_INPUTS keys, MODEL, or names of other steps
    Settings: ClassVar[type]
    Result: ClassVar[type[msgspec.Struct]]

    def version(self) -> str: ...
    def run(self, ctx: StepContext, settings: Any, progress: Progress) -> msgspec.Struct: ...


@dataclass(frozen=True)
class ScanSettings:
    """The scan has no setting: the number of workers changes its speed, not its result."""


class ScanStep:
    """Score every message with the detector (its preceding messages as context)."""

    name = "scan"
    key = "case"
    requires = ("records", MODEL)
    Settings = ScanSettings
    Result = ScanResult

    def version(self) -> str:
        return "scan-1"

    def run(self, ctx: StepContext, settings: Any, progress: Progress) -> ScanResult:
        from .scan import scan_case

        detector = ctx.env.get_detector()
        scan_case(ctx.case, progress=lambda done, total: progress("scan", done, total), detector=detector,
                  workers=ctx.env.workers)
        return scan_state(ctx.case, detector.version)


def scan_state(case: Case, model_version: str) -> ScanResult:
    """What the case holds from one detector version (the same after a scan that had nothing
    left to do: a downstream result stays fresh)."""
    counts = case.backend.detection_versions().get(model_version, {})
    return ScanResult(model_version, messages=case.count_messages(), scanned=int(counts.get("scanned") or 0),
                      flagged=int(counts.get("flagged") or 0))


class DynamicsStep:
    """Who leads, who obeys, who is silenced; groups' lifecycles."""

    name = "dynamics"
    key = "case"
    # the detections tell counter-speech and objections apart from directives and silence orders
    requires = ("records", "persons", "roster", "scan")
    Settings = DynamicsSettings
    Result = DynamicsData

    def version(self) -> str:
        return DYNAMICS_VERSION

    def run(self, ctx: StepContext, settings: Any, progress: Progress) -> DynamicsData:
        from .dynamics import compute_dynamics

        result = compute_dynamics(ctx.case, settings, lambda stage: progress(stage, 0, 0))
        return msgspec.convert(result.to_json(), DynamicsData)


class HarassmentStep:
    """Harassment cases (campaigns and pile-ons) from the detections, roster and dynamics."""

    name = "harassment"
    key = "cases"
    requires = ("records", "persons", "roster", "scan", "dynamics")
    Settings = HarassmentSettings
    Result = HarassmentData

    def version(self) -> str:
        return HARASSMENT_VERSION

    def run(self, ctx: StepContext, settings: Any, progress: Progress) -> HarassmentData:
        from .harassment import compute_harassment

        scan = ctx.upstream.get("scan")
        dynamics = ctx.upstream.get("dynamics")
        data = compute_harassment(
            ctx.case, settings, lambda msg: progress(msg, 0, 0),
            model_version=scan.data["model_version"] if scan else None,
            dynamics=dynamics.data if dynamics else None,
        )
        return msgspec.convert(data, HarassmentData)


# the one registry, in dependency order
STEPS: dict[str, Step] = {s.name: s for s in (ScanStep(), DynamicsStep(), HarassmentStep())}


def step_settings(step: Step, values: Mapping[str, Any] | Any | None = None) -> Any:
    return settings_from_mapping(step.Settings, values, step.name)


def needed(targets: Iterable[str]) -> list[str]:
    """The steps `targets` need, themselves included, in dependency order."""
    want: set[str] = set()

    def add(name: str) -> None:
        if name not in STEPS:
            raise KeyError(f"no step {name!r}; steps: {', '.join(STEPS)}")
        if name not in want:
            want.add(name)
            for req in STEPS[name].requires:
                if req in STEPS:
                    add(req)

    for t in targets:
        add(t)
    return [name for name in STEPS if name in want]


def inputs_of(case: Case, step: Step, env: Env, upstream: Mapping[str, ResultRow | None],
              settings: Any) -> dict[str, Any]:
    """Everything a result of `step` depends on, as the case and the environment are now."""
    revisions = case.revisions()
    out: dict[str, Any] = {"revisions": {}, "upstream": {}, "settings": settings_digest(settings)}
    for req in step.requires:
        if req in CASE_INPUTS:
            out["revisions"][CASE_INPUTS[req]] = revisions.get(CASE_INPUTS[req], 0)
        elif req == MODEL:
            out[MODEL] = env.model_version()
        else:
            up = upstream.get(req)
            out["upstream"][f"{req}/{STEPS[req].key}"] = up.digest if up else None
            if req == "scan":  # the detections themselves, not only their counts
                out["revisions"]["detections"] = revisions.get("detections", 0)
    return out


def fingerprint_of(step: Step, inputs: Mapping[str, Any]) -> str:
    return fingerprint(step.name, step.version(), inputs["settings"], inputs)


def store(case: Case, step: Step, settings: Any, result: msgspec.Struct, inputs: dict[str, Any]) -> ResultRow:
    data = msgspec.to_builtins(result)
    return case.put_result(step.name, step.version(), step.key, data, settings_to_dict(settings),
                           fingerprint=fingerprint_of(step, inputs), inputs=inputs)


def record_scan(case: Case, env: Env) -> ResultRow:
    """Store the scan step's result after a scan run outside the resolver (`sentinelle scan`)."""
    step = STEPS["scan"]
    cfg = step_settings(step)
    inputs = inputs_of(case, step, env, {}, cfg)
    return store(case, step, cfg, scan_state(case, env.model_version()), inputs)


@dataclass
class Resolved:
    step: str
    status: str  # fresh (reused) | computed | stale (shown as stored, marked) | missing | cannot
    row: ResultRow | None = None
    reason: str = ""  # why it is stale or cannot run, one line

    @property
    def data(self) -> Any:
        return self.row.data if self.row else None


@dataclass
class Resolution:
    steps: dict[str, Resolved] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def data(self, step: str) -> Any:
        r = self.steps.get(step)
        return r.data if r else None

    def stale(self) -> dict[str, str]:
        """step -> why, for every result shown that is not fresh."""
        return {s: r.reason or r.status for s, r in self.steps.items() if r.status in ("stale", "cannot", "missing")}


def resolve(
    case: Case,
    targets: Iterable[str],
    *,
    settings: Mapping[str, Any] | None = None,
    env: Env | None = None,
    progress: Progress | None = None,
    refresh: Iterable[str] = (),
    compute: bool = True,
    on_step: Callable[[str], None] | None = None,
) -> Resolution:
    """The results `targets` need, each fresh: reused when its fingerprint is the current one,
    recomputed (and stored) when not. With `compute=False` nothing runs: a result that is not
    fresh is returned as `stale` (or `missing`) with the reason, for the caller to mark."""
    import time

    env = env or Env()
    settings = settings or {}
    say = progress or no_progress
    refresh = set(refresh)
    out = Resolution()
    rows: dict[str, ResultRow | None] = {}
    for name in needed(targets):
        step = STEPS[name]
        cfg = step_settings(step, settings.get(name))
        stored = case.result(step.name, step.key)
        blocked = [r for r in step.requires if r in STEPS and out.steps[r].status in ("cannot", "missing")]
        if blocked:
            why = f"needs {', '.join(blocked)}: {out.steps[blocked[0]].reason}"
            out.steps[name] = Resolved(name, "stale" if stored else "cannot", stored, why)
            rows[name] = stored
            continue
        try:
            inputs = inputs_of(case, step, env, rows, cfg)
        except SentinelleError as exc:  # the detector cannot be loaded
            out.steps[name] = Resolved(name, "stale" if stored else "cannot", stored, f"cannot run: {exc}")
            rows[name] = stored
            continue
        fp = fingerprint_of(step, inputs)
        behind = [r for r in step.requires if r in STEPS and out.steps[r].status == "stale"]
        if behind and stored is not None:  # its upstream is shown stale: so is it
            own = _changed(stored, inputs)
            why = "changed since: " + ", ".join([*own, *(b for b in behind if b not in own)])
            out.steps[name] = Resolved(name, "stale", stored, why)
            rows[name] = stored
            continue
        if stored is not None and stored.fingerprint == fp and name not in refresh:
            out.steps[name] = Resolved(name, "fresh", stored)
            rows[name] = stored
            continue
        if not compute:
            why = _why_stale(case, stored, inputs) if stored else "not computed yet"
            out.steps[name] = Resolved(name, "stale" if stored else "missing", stored, why)
            rows[name] = stored
            continue
        if on_step:
            on_step(name)
        start = time.perf_counter()

        def tell(stage: str, done: int, total: int, name: str = name) -> None:
            say(stage if stage.startswith(name) else f"{name}: {stage}", done, total)

        try:
            result = step.run(StepContext(case, env, {k: v for k, v in rows.items() if v}), cfg, tell)
        except SentinelleError as exc:
            out.steps[name] = Resolved(name, "stale" if stored else "cannot", stored, f"cannot run: {exc}")
            rows[name] = stored
            continue
        row = store(case, step, cfg, result, inputs)
        out.timings[name] = time.perf_counter() - start
        out.steps[name] = Resolved(name, "computed", row)
        rows[name] = row
    return out


def _changed(row: ResultRow, inputs: Mapping[str, Any]) -> list[str]:
    if row.inputs is None:
        return ["stored before input tracking"]
    changed = [k for k, v in inputs["revisions"].items() if row.inputs.get("revisions", {}).get(k) != v]
    changed += [k.partition("/")[0] for k, v in inputs["upstream"].items() if row.inputs.get("upstream", {}).get(k) != v]
    if inputs.get(MODEL) != row.inputs.get(MODEL):
        changed.append("model")
    if inputs["settings"] != row.inputs.get("settings"):
        changed.append("settings")
    return changed


def _why_stale(case: Case, row: ResultRow, inputs: Mapping[str, Any]) -> str:
    return "changed since: " + (", ".join(_changed(row, inputs)) or "version")


def ensure(case: Case, targets: Iterable[str] = ("harassment",), *, compute: bool = True,
           progress: Progress | None = None, env: Env | None = None,
           warn: Callable[[str], None] | None = None) -> Resolution:
    """What `report`, `review`, `bundle` and `analyze` call first: every result they show made
    fresh (or, with compute=False or when a step cannot run, marked stale), one warning line per
    result that is not fresh."""
    res = resolve(case, targets, compute=compute, progress=progress, env=env)
    if warn:
        for step, why in res.stale().items():
            shown = "shown as stored, marked STALE" if res.steps[step].row else "not available"
            warn(f"{step}: {why} ({shown})")
    return res
