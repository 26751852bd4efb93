"""The matcher alone: two overlapping windows of one chat, however repetitive, merge back into the
chat exactly (every line once, in order); keys and offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sentinelle.records import Flag
from sentinelle.store.matching import Item, compare, interpolate, merged_order, normalise_text

SENDERS = ["a", "b", "c"]
TEXTS = ["ok", "ok", "ok", "<media>", "oui", "non", "demain", "rdv 10h"]  # few texts: many repeats


@st.composite
def chats(draw):
    n = draw(st.integers(8, 80))
    minute, lines = 0, []
    for _ in range(n):
        minute += draw(st.sampled_from([0, 0, 1, 2, 7]))
        text = draw(st.sampled_from([*TEXTS, None, None]))  # None: a line said once
        lines.append((minute, draw(st.sampled_from(SENDERS)), text or f"line {len(lines)}"))
    last = lines[-1][0]
    a = draw(st.integers(0, last))
    b = draw(st.integers(0, last))
    lo, hi = min(a, b), max(a, b)
    offset = draw(st.sampled_from([0, 60, -60, 30, -120, 15]))
    return lines, lo, hi, offset


def items(lines, keep, offset, tag):
    out = []
    for k, (minute, sender, text) in enumerate(lines):
        if keep(minute):
            out.append(Item(f"{tag}{k}", float(len(out) + 1), "message", minute + offset, sender, text, sender, tag))
    return out


@given(chats())
def test_two_overlapping_windows_merge_back_into_the_chat(case) -> None:
    lines, lo, hi, offset = case
    first, second = (lambda m: m <= hi), (lambda m: m >= lo)  # both hold every line of [lo, hi]
    target, source = items(lines, first, 0, "t"), items(lines, second, offset, "s")
    ov = compare(target, source)
    said_once = [t for m, _, t in lines if lo <= m <= hi and t.startswith("line")]
    if len(said_once) < 2:
        return  # only repeated lines in common: nothing tells the two clocks apart
    assert ov.same_chat() and ov.offset == -offset
    assert all(target[i].id[1:] == source[j].id[1:] for i, j in ov.pairs)  # the same line of the chat
    order = merged_order(target, source, ov.pairs)
    merged = [int((target[k] if side == "t" else source[k]).id[1:]) for side, k in order]
    assert merged == list(range(len(lines)))
    ords = interpolate(order, target)
    assert ords is not None
    positions = [target[k].ord if side == "t" else ords[k] for side, k in order]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)


def test_different_chats_of_the_same_people_do_not_pass() -> None:
    a = [Item(f"a{k}", k, "message", 10 * k, "x", f"line {k}", "x", "A") for k in range(50)]
    b = [Item(f"b{k}", k, "message", 10 * k + 3, "x", f"other {k}", "x", "B") for k in range(50)]
    b[5] = Item("b5", 5, "message", 50, "x", "line 5", "x", "B")  # one forwarded line at the same minute
    b[9] = Item("b9", 9, "message", 90, "x", "line 9", "x", "B")
    ov = compare(a, b)
    assert ov.matched == 2 and not ov.same_chat()


def test_text_keys_share_what_two_exports_of_a_message_share() -> None:
    assert normalise_text("\u200eimage omitted", {Flag.MEDIA_OMITTED}) == normalise_text(
        "IMG-1.jpg (file attached)\nCaption", {Flag.ATTACHMENT})  # fmt: skip
    assert normalise_text("Ce message a été supprimé", {Flag.DELETED}) == normalise_text(
        "\u200eYou deleted this message.", {Flag.DELETED})  # fmt: skip
    assert normalise_text("Bonjour  à\r\ntous <Ce message a été modifié>", {Flag.EDITED}) == "bonjour à tous"
    assert normalise_text("location: https://maps.google.com/?q=1,2", {Flag.LOCATION}) == normalise_text(
        "\u200eLocalisation: https://maps.google.com/?q=1,2", {Flag.LOCATION})  # fmt: skip
    assert normalise_text("Réunion à 10h") != normalise_text("Reunion a 10h")  # accents are text
