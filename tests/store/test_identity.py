"""Linking the same person across conversations, with reasons; the user's merges and splits hold."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import pytest

from sentinelle.errors import UsageError
from sentinelle.records import Conversation, Message, Participant, Source
from sentinelle.store import Case
from sentinelle.store.identity import fold_name, phone_key


def chat(tmp_path: Path, name: str, platform: str, senders: list[tuple[str, str | None]], participants=()):
    """A file on disk and its records: one message per (sender name, sender id)."""
    data = "".join(f"{n}: message {i} de {n}\n" for i, (n, _) in enumerate(senders)).encode() + name.encode()
    path = tmp_path / name
    path.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    conv = sha[:16]
    records = [Conversation(conv, platform, name, sha)]
    offset = 0
    for i, (n, sid) in enumerate(senders):
        line = f"{n}: message {i} de {n}\n".encode()
        src = Source(sha, i + 1, i + 1, offset, offset + len(line))
        records.append(Message(f"{conv}:{offset}", conv, datetime(2024, 1, 1, 9, i), "t", n, f"message {i} in {name}", src,
                               sender_id=sid))  # fmt: skip
        offset += len(line)
    records += [Participant(conv, n, phone=phone) for n, phone in participants]
    return path, records, conv


@pytest.fixture
def case(tmp_path: Path):
    with Case.create(tmp_path / "case") as c:
        yield c


def by_reason(case: Case) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set] = {}
    for lk in case.links():
        out.setdefault(lk.reason, set()).add((lk.a[1], lk.b[1], lk.confidence))
    return out


def test_phone_platform_id_and_name_links_carry_reason_and_confidence(case: Case, tmp_path: Path) -> None:
    # WhatsApp A: a sender saved as a phone number; WhatsApp B: the same number known as a participant
    _, a, ca = chat(tmp_path, "a.txt", "whatsapp", [("+33 6 12 34 56 78", None), ("Élodie Martin", None)])
    _, b, cb = chat(tmp_path, "b.txt", "whatsapp", [("Jean", None), ("elodie  MARTIN", None)], [("Jean", "06 12 34 56 78")])
    # Telegram: the same account under two display names in two chats
    _, t1, c1 = chat(tmp_path, "t1.json", "telegram", [("Bob", "user42"), ("Zoé", "user7")])
    _, t2, c2 = chat(tmp_path, "t2.json", "telegram", [("Robert D.", "user42")])
    for name, recs in (("a.txt", a), ("b.txt", b), ("t1.json", t1), ("t2.json", t2)):
        case.add_file(tmp_path / name, recs)
    persons = {p.display_name: p for p in case.relink_persons()}
    links = by_reason(case)
    assert links["phone"] == {("+33 6 12 34 56 78", "Jean", 0.95)}
    assert links["platform_id"] == {("user42", "user42", 0.99)}
    assert links["name"] == {("Élodie Martin", "elodie  MARTIN", 0.6)}
    assert case.person_of(ca, "+33 6 12 34 56 78") == case.person_of(cb, "Jean")
    assert case.person_of(c1, "user42") == case.person_of(c2, "Robert D.") == case.person_of(c1, "Bob")
    assert case.person_of(c1, "Zoé") != case.person_of(c1, "Bob")
    assert case.person_of(ca, "nobody") is None
    elodie = case.person_of(ca, "Élodie Martin")
    assert elodie == case.person_of(cb, "elodie  MARTIN")
    assert {p.id for p in persons.values()} >= {elodie}
    assert len(case.persons()) == 4  # phone/Jean, Élodie, Bob/Robert, Zoé
    assert sorted(next(p for p in case.persons() if p.id == elodie).conversations) == sorted([ca, cb])


def test_user_split_and_merge_survive_relinking(case: Case, tmp_path: Path) -> None:
    _, a, ca = chat(tmp_path, "a.txt", "whatsapp", [("Marc", None), ("Paul", None)])
    _, b, cb = chat(tmp_path, "b.txt", "whatsapp", [("marc", None), ("P. Durand", None)])
    case.add_file(tmp_path / "a.txt", a)
    case.add_file(tmp_path / "b.txt", b)
    case.relink_persons()
    marc = case.person_of(ca, "Marc")
    assert marc == case.person_of(cb, "marc")  # same folded name
    new = case.split_person(marc, ["marc"], reason="deux Marc différents")
    assert case.person_of(cb, "marc") == new != case.person_of(ca, "Marc")
    merged = case.merge_persons("Paul", "P. Durand", reason="même matricule")
    assert case.person_of(ca, "Paul") == case.person_of(cb, "P. Durand") == merged
    assert ("Paul", "P. Durand", 1.0) in by_reason(case)["manual"]
    # a new file and a full re-link keep both decisions
    _, c, cc = chat(tmp_path, "c.txt", "whatsapp", [("Marc", None)])
    case.add_file(tmp_path / "c.txt", c)
    case.relink_persons()
    assert case.person_of(cb, "marc") != case.person_of(ca, "Marc") == case.person_of(cc, "Marc")
    assert case.person_of(ca, "Paul") == case.person_of(cb, "P. Durand")
    # a later merge undoes the earlier split
    case.merge_persons(case.person_of(cb, "marc"), case.person_of(ca, "Marc"))
    assert case.person_of(cb, "marc") == case.person_of(ca, "Marc")
    with pytest.raises(UsageError, match="no person"):
        case.merge_persons("Inconnu", "Paul")
    with pytest.raises(UsageError, match="both sides"):
        case.split_person("Paul", ["Paul", "P. Durand"])


def test_long_numeric_platform_ids_are_not_phones(case: Case, tmp_path: Path) -> None:
    _, d, cd = chat(tmp_path, "d.json", "discord", [("gamer", "100000000712345678")])
    _, w, cw = chat(tmp_path, "w.txt", "whatsapp", [("Ami", "+33 7 12 34 56 78")])
    case.add_file(tmp_path / "d.json", d)
    case.add_file(tmp_path / "w.txt", w)
    case.relink_persons()
    assert case.links() == [] and case.person_of(cd, "gamer") != case.person_of(cw, "Ami")
    assert [p.phones for p in case.persons() if p.display_name == "Ami"] == [("+33712345678",)]  # E.164 (sentinelle.phones)


def test_folding_and_phone_keys() -> None:
    assert fold_name("~\u202fÉlodie\u00a0 MARTIN\u200e") == "elodie martin"
    assert fold_name("  ") is None and fold_name(None) is None
    assert phone_key("+33 6 12 34 56 78") == phone_key("06 12 34 56 78") == phone_key("\u202a+33 6-12-34-56-78\u202c")
    assert phone_key("Jean") is None and phone_key("12") is None


def test_the_exporter_is_never_linked_by_name(case: Case, tmp_path: Path) -> None:
    """Each export's "Vous"/"You" is that export's own exporter: two exports by two members must
    not make them one person, while ordinary names still link."""
    for name in ("a.txt", "b.txt"):
        path, records, _ = chat(tmp_path, name, "whatsapp", [("Vous", None), ("You", None), ("Lucie Martin", None)])
        case.add_file(path, records, format="whatsapp", options={})
    case.relink_persons()
    linked = {frozenset((a, b)) for a, b, _ in by_reason(case).get("name", set())}
    assert frozenset(("Lucie Martin", "Lucie Martin")) in linked
    assert not any("Vous" in pair or "You" in pair for pair in linked)
    assert sum(1 for p in case.persons() if p.display_name in ("Vous", "You")) == 4


def test_the_exporter_named_by_the_user_links_to_that_person(case: Case, tmp_path: Path) -> None:
    """`ingest --exporter NAME`: that export's "Vous" is NAME, and links to NAME elsewhere."""
    path_a, records_a, conv_a = chat(tmp_path, "a.txt", "whatsapp", [("Vous", None), ("Lucie Martin", None)])
    path_b, records_b, conv_b = chat(tmp_path, "b.txt", "whatsapp", [("Karim Haddad", None), ("Lucie Martin", None)])
    case.add_file(path_a, records_a, format="whatsapp", options={"exporter": "Karim Haddad"})
    case.add_file(path_b, records_b, format="whatsapp", options={})
    case.relink_persons()
    assert case.person_of(conv_a, "Vous") == case.person_of(conv_b, "Karim Haddad")
    assert case.person_of(conv_a, "Vous") != case.person_of(conv_a, "Lucie Martin")
