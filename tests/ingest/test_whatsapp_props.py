"""Property tests: a writer renders random chats in every layout; reading them back gives the
chat back (authors, texts, times, event types). Arbitrary input never crashes the reader."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whatsapp_helpers import check_ranges, read_all

from sentinelle.errors import SentinelleError
from sentinelle.records import Event, Message, ParseIssue

NN, NB, LRM = "\u202f", "\u00a0", "\u200e"


def h12(t: datetime) -> tuple[int, str]:
    return (t.hour % 12 or 12), ("AM" if t.hour < 12 else "PM")


# name -> (header renderer, is iOS)
LAYOUTS = {
    "android-fr": (lambda t: f"{t:%d/%m/%Y %H:%M} - ", False),
    "android-fr-a": (lambda t: f"{t:%d/%m/%Y} à {t:%H:%M} - ", False),
    "android-gb": (lambda t: f"{t:%d/%m/%Y, %H:%M} - ", False),
    "android-us-12h": (lambda t: f"{t.month}/{t.day}/{t:%y}, {h12(t)[0]}:{t:%M}{NN}{h12(t)[1]} - ", False),
    "android-de": (lambda t: f"{t:%d.%m.%y, %H:%M} - ", False),
    "android-es-12h": (
        lambda t: f"{t.day}/{t.month}/{t.year} {h12(t)[0]}:{t:%M}{NB}{h12(t)[1][0].lower()}.{NB}m. - ",
        False,
    ),
    "android-ymd": (lambda t: f"{t:%Y-%m-%d %H:%M} - ", False),
    "android-fi": (lambda t: f"{t.day}.{t.month}.{t.year} klo {t:%H.%M} - ", False),
    "ios-fr": (lambda t: f"[{t:%d/%m/%Y %H:%M:%S}] ", True),
    "ios-us-12h": (lambda t: f"[{t.month}/{t.day}/{t:%y}, {h12(t)[0]}:{t:%M:%S} {h12(t)[1]}] ", True),
    "ios-de": (lambda t: f"[{t:%d.%m.%y, %H:%M:%S}] ", True),
}

FIRST = [
    "Jean",
    "Marie",
    "Inès",
    "Zoé",
    "Brigadier",
    "Capitaine",
    "Léa",
    "Omar",
    "Yannick",
    "Sarah",
    "Ana",
    "Chen",
]
LAST = ["", " Morel", " B.", " 🚓", " Duval", " de la Tour", " 🌸", "-Claire"]
WORDS = [
    "bonjour",
    "patrouille",
    "réunion",
    "demain",
    "ok",
    "👍",
    "😂",
    "à",
    "14h",
    "véhicule",
    "rapport",
    "été",
    "ça",
]

names = st.one_of(
    st.builds(lambda a, b: a + b, st.sampled_from(FIRST), st.sampled_from(LAST)),
    st.builds(lambda n: f"+33 6 39 98 {n // 100:02d} {n % 100:02d}", st.integers(0, 9999)),
)
lines = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
bodies = st.one_of(
    lines,
    st.lists(lines, min_size=2, max_size=4).map("\n".join),
    st.builds(lambda a, b: f"{a}\n12/03/2024 {b}", lines, lines),  # a line starting with a date
    st.builds(lambda a, b: f"{a} : {b}", lines, lines),
)
SYSTEM = [
    ("added", "{a} a ajouté {b}"),
    ("removed", "{a} a retiré {b}"),
    ("left", "{a} est parti"),
    ("subject_changed", "{a} a modifié le sujet en “Brigade : {w}”"),
    ("joined_by_link", "{a} a rejoint ce groupe grâce à son lien d'invitation"),
    ("added", "{a} added {b}"),
    ("subject_changed", '{a} changed the subject from "x" to "y: {w}"'),
    ("left", "{a} left"),
]


@st.composite
def chats(draw):
    people = draw(st.lists(names, min_size=2, max_size=5, unique=True))
    colon_name = draw(st.booleans())
    if colon_name:
        people.append("Cdt: Roux")
    start = datetime(draw(st.integers(2015, 2030)), 1, draw(st.integers(1, 10)), draw(st.integers(0, 23)))
    n = draw(st.integers(3, 25))
    steps = draw(st.lists(st.integers(1, 4 * 3600), min_size=n, max_size=n))
    items = []
    t = start
    for i, step in enumerate(steps):
        t += timedelta(seconds=step)
        if draw(st.integers(0, 5)) == 0:
            kind, template = draw(st.sampled_from(SYSTEM))
            a, b = draw(st.sampled_from(people[:-1] if colon_name else people)), draw(st.sampled_from(people))
            items.append(("event", kind, a, template.format(a=a, b=b, w=draw(st.sampled_from(WORDS))), t))
        else:
            who = people[i % len(people)] if i < len(people) else draw(st.sampled_from(people))
            body = draw(bodies)
            if who == "Cdt: Roux":
                body = body.replace(":", ";")
            items.append(("message", None, who, body, t))
    if colon_name:  # a name with ": " is told apart from a body only when it writes twice
        for k in (1, 2):
            items.append(
                ("message", None, "Cdt: Roux", draw(lines).replace(":", ";"), t + timedelta(minutes=k))
            )
    # the file must show a day above 12 (so that d/m vs m/d is decidable) and more than one date
    items.append(("message", None, people[0], "fin", start.replace(day=25, hour=12)))
    return items


def render(items, layout: str, newline: str) -> str:
    header, ios = LAYOUTS[layout]
    out = []
    for kind, _etype, who, text, t in items:
        if not ios:
            t = t.replace(second=0)
        text = text.replace("\n", newline)
        if kind == "message":
            out.append(f"{header(t)}{who}: {text}")
        elif ios:
            out.append(f"{header(t)}Groupe Test: {LRM}{text}")
        else:
            out.append(f"{header(t)}{text}")
    return newline.join(out) + newline


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chat=chats(), layout=st.sampled_from(sorted(LAYOUTS)), newline=st.sampled_from(["\n", "\r\n"]))
def test_write_then_read_gives_the_chat_back(tmp_path_factory, chat, layout, newline) -> None:
    path = tmp_path_factory.mktemp("wa") / "Discussion WhatsApp avec Groupe Test.txt"
    path.write_bytes(render(chat, layout, newline).encode())
    records = read_all(path)
    assert not [r for r in records if isinstance(r, ParseIssue)]
    got = [r for r in records if isinstance(r, Message | Event)]
    assert len(got) == len(chat)
    ios = LAYOUTS[layout][1]
    for rec, (kind, etype, who, text, t) in zip(got, chat, strict=True):
        expected_t = t if ios else t.replace(second=0)
        assert rec.time == expected_t, (layout, rec.time_raw)
        if kind == "message":
            assert isinstance(rec, Message), (rec, text)
            assert rec.sender == who
            assert rec.text == text.replace("\n", newline)
        else:
            assert isinstance(rec, Event), (rec, text)
            assert rec.type == etype
            assert rec.actor == who
    assert records[-1].date_order == ("ymd" if "ymd" in layout else "mdy" if "us" in layout else "dmy")
    check_ranges(path, records)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_never_crash(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("raw") / "x.txt"
    path.write_bytes(data)
    try:
        records = read_all(path)
    except SentinelleError:
        return
    assert records[-1].kind == "summary"


header_bits = st.sampled_from(
    ["12/03/2024 10:00 - ", "[3/27/22, 9:41:55 PM] ", "29.01.18, 12:24 - ", "\u200e[", "Jean: ", ": ", "\n", "\r\n",
     "a a ajouté b", "99/99/9999 99:99 - ", "2565 BE", "R4", "\u202f", "p. m. - ", "~ ", "<Médias omis>", "\ufeff"]
)  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.one_of(header_bits, st.text(max_size=12)), max_size=30))
def test_arbitrary_text_never_crashes(tmp_path_factory, parts: list[str]) -> None:
    path = tmp_path_factory.mktemp("txt") / "y.txt"
    path.write_bytes("".join(parts).encode("utf-8", "surrogatepass"))
    try:
        records = read_all(path)
    except SentinelleError:
        return
    check_ranges_if_decodable(path, records)


def check_ranges_if_decodable(path: Path, records: list) -> None:
    data = path.read_bytes()
    for rec in records:
        if isinstance(rec, Message | Event):
            piece = data[rec.source.byte_start : rec.source.byte_end].decode("utf-8", "surrogateescape")
            assert rec.text in piece
