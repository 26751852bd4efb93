"""The report context: everything the report and the exports show, as plain JSON-able data.

Built from the case through the store API only (never from the analysis packages): detections,
the stored `dynamics` and `harassment` results, the decision log, metadata. Sort orders are fixed
so that the same case always gives the same context. With `pseudonymise`, every name and phone
number (senders, people, message texts, results) goes through the case's `Pseudonymiser`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import UTC, date, datetime
from pathlib import PurePath
from typing import Any

import msgspec

from .. import __version__
from ..evidence.decisions import latest_decisions
from ..evidence.pseudonym import Pseudonymiser
from ..records import to_dict
from .reading import reading_notes

STEPS = ("scan", "dynamics", "harassment")
MAX_EVIDENCE = 5000  # records cited by analyses, in the appendix (collapsed: it costs bytes, not pages)
EVIDENCE_KEYS = frozenset({"evidence", "message_id", "record_id", "acknowledgements", "repetitions", "pushback", "ids",
                           "first_complaint", "first_act", "first_words", "first_message"})
EVENT_LISTS = frozenset({"removal", "departure", "acts"})  # lists of records whose own `id` is cited


@dataclass
class ReportContext:
    tool: dict[str, str]
    generated_at: str
    lang: str
    confirmed_only: bool
    pseudonymised: bool
    case: dict[str, Any]
    files: list[dict[str, Any]]
    conversations: list[dict[str, Any]]
    counts: dict[str, int]
    period: dict[str, str | None]
    versions: list[dict[str, Any]]
    steps: dict[str, bool]
    people: list[dict[str, Any]]
    activity: dict[str, Any]
    by_category: dict[str, int]
    by_target: dict[str, int]
    flags: list[dict[str, Any]]
    dynamics: dict[str, Any] | None
    directives: list[dict[str, Any]]
    harassment: list[dict[str, Any]]
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)
    review: dict[str, int] = field(default_factory=dict)
    person_names: dict[str, str] = field(default_factory=dict)  # person key -> name shown
    # step -> why its stored result is not fresh (inputs changed since it was computed); every
    # command resolves the steps first, so this is empty unless a step could not run again
    stale: dict[str, str] = field(default_factory=dict)
    # per file, what to check about how it was read (report.reading): [{name, sha256, notes}]
    reading: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def plain(value: Any) -> Any:
    """Model objects, dates and sets as JSON-able values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {k: plain(v) for k, v in asdict(value).items()}
    if isinstance(value, msgspec.Struct):  # the records read from exports
        return {k: plain(v) for k, v in to_dict(value).items()}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return value


def _attr(obj: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if hasattr(obj, name):
            return getattr(obj, name)
    return default


def source_ref(source: Any) -> dict[str, Any]:
    return {
        "sha256": source.sha256,
        "path": PurePath(source.path).name if source.path else "",  # the file name, not where it was read from
        "lines": [source.line_start, source.line_end],
        "bytes": [source.byte_start, source.byte_end],
        **({"container_sha256": source.container_sha256, "member": source.member} if source.container_sha256 else {}),
    }


def record_view(record: Any, name: Any) -> dict[str, Any]:
    """A message or event as the report shows it."""
    is_message = _attr(record, "kind") == "message"
    return {
        "id": record.id,
        "kind": record.kind,
        "conversation_id": record.conversation_id,
        "time": record.time.isoformat(sep=" ") if record.time else record.time_raw,
        "sender": name(record.sender if is_message else record.actor),
        "text": record.text,
        **({} if is_message else {"event": str(record.type)}),  # shown in words by the report
        "source": source_ref(record.source),
    }


def item_status(item_id: str, decisions: dict[str, dict[str, Any]], text: Any = None) -> dict[str, Any]:
    """The last decision on an item; `text` pseudonymises the note and reviewer when given."""
    text = text or (lambda value: value)
    d = decisions.get(item_id)
    if d is None:
        return {"item_id": item_id, "status": "pending"}
    return {
        "item_id": item_id,
        "status": d["decision"],
        "reviewer": text(d.get("reviewer") or ""),
        "note": text(d.get("note") or ""),
        "time": d.get("time"),
        "entry": d.get("seq"),
    }


def comparable(time: datetime) -> datetime:
    """Exports mix local times (WhatsApp) and zoned times (Telegram, Discord): zoned ones are
    compared, bucketed and shown in UTC, local ones as written."""
    return time.astimezone(UTC).replace(tzinfo=None) if time.tzinfo else time


def _bucket(first: datetime | None, last: datetime | None) -> str:
    if first and last and (last - first).days > 92:
        return "month"
    return "day"


def _key(time: datetime | None, bucket: str) -> str | None:
    if time is None:
        return None
    return time.strftime("%Y-%m") if bucket == "month" else time.strftime("%Y-%m-%d")


def _directive_id(d: dict[str, Any]) -> str:
    ev = d.get("evidence") or []
    return "directive:" + str(d.get("id") or d.get("message_id") or (ev[0] if ev else "?"))


def _case_id(c: dict[str, Any]) -> str:
    return "case:" + str(c.get("id") or c.get("target") or "?")


def build_context(
    case: Any,
    *,
    lang: str = "fr",
    confirmed_only: bool = False,
    pseudonymise: bool | None = None,
    generated_at: str | None = None,
    context_size: int = 2,
    stale: dict[str, str] | None = None,
) -> ReportContext:
    """`pseudonymise=None` follows the case's metadata (set when the case was created).
    `stale`: step -> why, for results the caller knows are not fresh (the detector changed);
    the case's own record of inputs is checked here too, so nothing stale is shown unmarked."""
    if pseudonymise is None:
        pseudonymise = bool(getattr(case.metadata, "pseudonymise", False))
    pseudo = Pseudonymiser.for_case(case) if pseudonymise else None

    def name(value: str | None) -> str | None:
        return pseudo.name(value) if pseudo and value else value

    def text(value: str) -> str:
        return pseudo.text(value) if pseudo else value

    def hide(src: dict[str, Any]) -> dict[str, Any]:
        return {k: (text(x) if k in ("path", "member") and isinstance(x, str) else x) for k, x in src.items()}

    def view(record: Any) -> dict[str, Any]:
        v = record_view(record, name)
        v["text"] = text(v["text"])
        # the same message in other exports of the chat: each copy's own file and bytes
        v["also"] = [source_ref(c.source) for c in case.copies(record.id)] if hasattr(case, "copies") else []
        if pseudo:  # an export of a one-to-one chat is named after the contact
            v["source"], v["also"] = hide(v["source"]), [hide(a) for a in v["also"]]
        return v

    decisions = latest_decisions(case.decisions())
    meta = plain(case.metadata) or {}
    if pseudo:
        meta = {k: (text(v) if isinstance(v, str) and k not in {"retention_until", "obtained_when"} else v) for k, v in meta.items()}

    # one pass over the messages: counts per person, per bucket, per conversation
    conversations = {c.id: c for c in case.conversations()}
    per_person: Counter[str] = Counter()
    person_span: dict[str, list[str]] = {}
    per_conv: Counter[str] = Counter()
    conv_span: dict[str, list[datetime]] = {}
    times: list[datetime] = []
    person_cache: dict[tuple[str, str], str] = {}
    sender_of: dict[str, str] = {}
    for message in case.messages():
        per_conv[message.conversation_id] += 1
        sender = message.sender or message.sender_id or "?"
        key = (message.conversation_id, sender)
        if key not in person_cache:
            try:
                person_cache[key] = str(case.person_of(message.conversation_id, sender))
            except Exception:  # noqa: BLE001 - a sender the store cannot link stays by name
                person_cache[key] = sender
        pid = person_cache[key]
        per_person[pid] += 1
        sender_of[message.id] = pid
        if message.time:
            when = comparable(message.time)
            times.append(when)
            span = conv_span.setdefault(message.conversation_id, [when, when])
            span[0], span[1] = min(span[0], when), max(span[1], when)
            stamp = when.isoformat(sep=" ")
            ps = person_span.setdefault(pid, [stamp, stamp])
            ps[0], ps[1] = min(ps[0], stamp), max(ps[1], stamp)
    first, last = (min(times), max(times)) if times else (None, None)
    bucket = _bucket(first, last)
    activity_messages = Counter(k for t in times if (k := _key(t, bucket)))

    # flags
    detections: dict[str, Any] = {}
    for det in case.detections(flagged_only=True):
        if det.message_id:
            detections[det.message_id] = det  # the latest stored reading of a message wins
    flags: list[dict[str, Any]] = []
    review: Counter[str] = Counter()
    activity_flags: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    by_target: Counter[str] = Counter()
    flags_per_person: Counter[str] = Counter()
    model_versions: Counter[str] = Counter()
    for message_id, det in detections.items():
        message = case.message(message_id)
        if message is None:
            continue
        status = item_status(f"flag:{message_id}", decisions, text)
        model_versions[det.model_version] += 1
        review[status["status"]] += 1  # the case's true state, whatever the report leaves out
        if confirmed_only and status["status"] != "confirm":
            continue
        top = det.top_category or "unknown"
        by_category[top] += 1
        for target in det.targets:
            by_target[target] += 1
        flags_per_person[sender_of.get(message_id, message.sender or "?")] += 1
        if k := _key(comparable(message.time) if message.time else None, bucket):
            activity_flags[k] += 1
        item = view(message)
        item.update(
            {
                "item_id": f"flag:{message_id}",
                "review": status,
                "category": top,
                "categories": {c: round(float(s), 3) for c, s in sorted(det.categories.items())},
                "targets": sorted(det.targets),
                "severity": det.severity,
                "stance": det.stance,
                "language": det.language,
                "model_version": det.model_version,
                "reasons": [
                    {**r.to_dict(), **({"matched": text(r.matched)} if r.matched else {})} for r in det.reasons
                ],
                "context": [
                    {**view(r), "is_flagged": r.id == message_id}
                    for r in case.context(message_id, before=context_size, after=context_size)
                ],
            }
        )
        flags.append(item)
    flags.sort(key=lambda f: (f["time"] or "", f["id"]))

    # stored analysis results, marked when their inputs changed since they were computed
    stale = dict(stale or {})
    for step, key in (("dynamics", "case"), ("harassment", "cases")):
        row = case.result(step, key)
        if row is not None and (changed := case.stale_inputs(row)):
            stale.setdefault(step, "changed since: " + ", ".join(changed))
    dynamics = case.get_result("dynamics", "case")
    harassment = case.get_result("harassment", "cases")
    if pseudo:
        dynamics = pseudo.deep(dynamics) if dynamics is not None else None
        harassment = pseudo.deep(harassment) if harassment is not None else None
    outcomes = {str(x.get("message_id")): x.get("outcome") for x in (dynamics or {}).get("compliance", []) or []
                if isinstance(x, dict)}
    directives = []
    for d in (dynamics or {}).get("directives", []) or []:
        d = dict(d)
        if d.get("message_id") in outcomes and "outcome" not in d:
            d["outcome"] = outcomes[d["message_id"]]
        d["item_id"] = _directive_id(d)
        d["review"] = item_status(d["item_id"], decisions, text)
        if confirmed_only and d["review"]["status"] != "confirm":
            continue
        directives.append(d)
    cases = []
    for c in (harassment or {}).get("cases", []) or []:
        c = dict(c)
        c["item_id"] = _case_id(c)
        c["review"] = item_status(c["item_id"], decisions, text)
        if confirmed_only and c["review"]["status"] != "confirm":
            continue
        cases.append(c)

    # people
    roster = {}
    try:
        roster = {str(_attr(r, "person")): plain(r) for r in case.roster()}
    except AttributeError:
        pass
    people = []
    for person in case.persons():
        pid = str(_attr(person, "id"))
        display = _attr(person, "display_name", "name", default=pid)
        names = sorted({display, *(_attr(person, "names", "names_seen", default=()) or ())})
        role = next((roster[n] for n in names if n in roster), None)
        people.append(
            {
                "id": pid,
                "name": name(display),
                "names": sorted({name(n) for n in names}) if pseudo else names,
                "messages": per_person.get(pid, 0),
                "flags": flags_per_person.get(pid, 0),
                "first": person_span.get(pid, [None, None])[0],
                "last": person_span.get(pid, [None, None])[1],
                "conversations": len(_attr(person, "conversations", default=()) or ()),
                "role": ({k: (name(v) if k == "person" else v) for k, v in role.items()} if role else None),
            }
        )
    people.sort(key=lambda p: (-p["messages"], str(p["name"]), p["id"]))
    person_names = {p["id"]: str(p["name"]) for p in people}
    for row in (dynamics or {}).get("people", []) or []:
        if isinstance(row, dict) and row.get("person") and row.get("name"):
            person_names.setdefault(str(row["person"]), str(row["name"]))

    # evidence appendix: every record an analysis cites, looked up once; the findings a reader
    # checks first (directives, silence orders, parallel command, harassment) take precedence
    cited: dict[str, None] = {}

    def collect(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            if key in EVENT_LISTS and isinstance(value.get("id"), str):
                cited.setdefault(value["id"])
            for k, v in value.items():
                collect(v, k)
        elif isinstance(value, list):
            for v in value:
                collect(v, key)
        elif isinstance(value, str) and key in EVIDENCE_KEYS:
            cited.setdefault(value)

    dyn = dynamics or {}
    for section in ("directives", "silence_orders", "parallel_command", "compliance", "spokespeople"):
        collect(dyn.get(section))
    collect([{k: v for k, v in c.items() if k != "timeline"} for c in cases])
    collect(dyn)
    evidence = {}
    for rid in list(cited)[:MAX_EVIDENCE]:
        record = case.record(rid)
        if record is not None:
            evidence[rid] = view(record)
    evidence = dict(sorted(evidence.items(), key=lambda kv: (kv[1]["conversation_id"], kv[1]["source"]["bytes"][0])))

    versions = [{"step": "sentinelle", "version": __version__, "settings": {}}]
    for mv in sorted(model_versions):
        versions.append({"step": "scan", "version": mv, "settings": {}})
    for step in ("dynamics", "harassment"):
        for row in case.results(step):
            versions.append(
                {
                    "step": step,
                    "key": _attr(row, "key"),
                    "version": _attr(row, "version"),
                    "settings": plain(_attr(row, "settings", default={})),
                }
            )

    files = []
    for info in case.files():
        f = plain(info)
        if pseudo:
            f["name"] = text(f.get("name") or "")
            if f.get("member"):
                f["member"] = text(f["member"])
            if (f.get("options") or {}).get("exporter"):  # who made the export is a person too
                f["options"] = {**f["options"], "exporter": text(f["options"]["exporter"])}
            for key in ("merges", "alike"):  # look-alike senders kept apart are people too
                f[key] = [{**m, "hints": {**m.get("hints", {}), "names": [[name(a), name(b), n] for a, b, n in
                                                                          m.get("hints", {}).get("names", [])]}}
                          for m in f.get(key) or []]  # fmt: skip
        files.append(f)
    files.sort(key=lambda f: (str(f.get("ingested_at") or ""), str(f.get("sha256"))))

    convs = []
    for cid, conv in sorted(conversations.items()):
        span = conv_span.get(cid)
        convs.append(
            {
                "id": cid,
                "title": text(conv.title or "") or cid,
                "platform": conv.platform,
                "messages": per_conv.get(cid, 0),
                "first": span[0].isoformat(sep=" ") if span else None,
                "last": span[1].isoformat(sep=" ") if span else None,
                **_sources(case, cid, text, name),
            }
        )

    return ReportContext(
        tool={"name": "sentinelle", "version": __version__},
        generated_at=generated_at or "",
        lang=lang,
        confirmed_only=confirmed_only,
        pseudonymised=pseudo is not None,
        case=meta,
        files=files,
        conversations=convs,
        reading=reading_notes(case, text),
        counts={
            "messages": case.count_messages(),
            "events": case.count_events(),
            "conversations": len(conversations),
            "people": len(people),
            "writers": sum(1 for p in people if p["messages"]),
            "files": len(files),
            "flags": len(flags),
            "directives": len(directives),
            "silence_orders": len((dynamics or {}).get("silence_orders", []) or []),
            "cases": len(cases),
            "cited": len(cited),
        },
        period={
            "first": first.isoformat(sep=" ") if first else None,
            "last": last.isoformat(sep=" ") if last else None,
        },
        versions=versions,
        stale=stale,
        steps={
            "scan": bool(model_versions) or any(True for _ in _limited(case.detections(), 1)),
            "dynamics": dynamics is not None,
            "harassment": harassment is not None,
        },
        people=people,
        activity={
            "bucket": bucket,
            "rows": [
                {"period": k, "messages": activity_messages.get(k, 0), "flags": activity_flags.get(k, 0)}
                for k in sorted(set(activity_messages) | set(activity_flags))
            ],
        },
        by_category=dict(sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_target=dict(sorted(by_target.items(), key=lambda kv: (-kv[1], kv[0]))),
        flags=flags,
        dynamics=dynamics,
        directives=directives,
        harassment=cases,
        evidence=evidence,
        review={s: review.get(s, 0) for s in ("confirm", "dismiss", "skip", "pending")},
        person_names=dict(sorted(person_names.items())),
    )


def _sources(case: Any, conversation_id: str, text: Any, name: Any) -> dict[str, Any]:
    """A conversation made of several exports: what each export carries, what they share, how
    their copies differ and which look-alikes were kept apart."""
    merges = case.merges(conversation_id) if hasattr(case, "merges") else []
    if not merges:
        return {}
    sources = sorted(case.provenance(conversation_id), key=lambda r: (-r["messages"], r["name"], r["sha256"]))
    return {
        "sources": [{**r, "name": text(r["name"])} for r in sources],
        "differences": {k: sum(int(m.get(k) or 0) for m in merges)
                        for k in ("deleted_in_one", "edited_in_one", "text_differs")},  # fmt: skip
        "kept_apart": [{"a": name(a), "b": name(b), "n": n} for m in merges for a, b, n in m.get("hints", {}).get("names", [])],
        "other_time": sum((m.get("hints", {}).get("other_time") or [0])[0] for m in merges),
    }


def _limited(iterable: Any, n: int) -> list[Any]:
    out = []
    for item in iterable:
        out.append(item)
        if len(out) >= n:
            break
    return out


def flagged_people(ctx: ReportContext, n: int = 5) -> list[str]:
    """The most flagged senders, for the summary."""
    rows = [p for p in ctx.people if p["flags"]]
    rows.sort(key=lambda p: (-p["flags"], str(p["name"])))
    return [f"{p['name']} ({p['flags']})" for p in rows[:n]]


def grouped(items: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        out[str(item.get(key))].append(item)
    return dict(sorted(out.items()))
