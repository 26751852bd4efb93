"""Issue #16, part 9: the exporter's "You" and "you" are one person; placeholder numbers are not
phones; a record with no sender or no time is kept with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from sentinelle.ingest import ReadOptions, read
from sentinelle.ingest.whatsapp.names import phone_of
from sentinelle.pipeline import ingest_files
from sentinelle.records import Message, ParseIssue
from sentinelle.store import Case
from sentinelle.store.identity import phone_key


def test_you_and_you_are_one_person(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "12/03/2024 10:00 - You: bonjour\n12/03/2024 10:01 - Marie: salut\n"
        "12/03/2024 10:02 - you: ça va\n12/03/2024 10:03 - Marie: oui\n12/03/2024 10:04 - You: bien\n",
        encoding="utf-8",
    )
    with Case.create(tmp_path / "case") as case:
        ingest_files(case, [chat])
        names = sorted(p.display_name for p in case.persons())
    assert len(names) == 2 and "Marie" in names


@pytest.mark.parametrize("number", ["+7 999 999-99-99", "+1 000 000 0000", "+33 6 00 00 00 00", "123456789"])
def test_placeholder_numbers_are_not_phones(number: str) -> None:
    assert phone_key(number) is None
    assert phone_of(number) is None


def test_real_numbers_are_still_phones() -> None:
    assert phone_key("+33 6 12 34 56 78") == "+33612345678"  # the one phone rule: E.164
    assert phone_of("+33 6 12 34 56 78") == "+33 6 12 34 56 78"


def test_placeholder_numbers_link_nobody(tmp_path: Path) -> None:
    files = []
    for i, (number, other) in enumerate([("+7 999 999-99-99", "Marie"), ("+7 (999) 999 99 99", "Paul")]):
        chat = tmp_path / f"chat{i}.txt"
        chat.write_text(f"12/03/2024 10:00 - {number}: bonjour\n12/03/2024 10:01 - {other}: salut\n"
                        f"12/03/2024 10:02 - {number}: re {i}\n12/03/2024 10:03 - {other}: ok\n", encoding="utf-8")
        files.append(chat)
    with Case.create(tmp_path / "case") as case:
        ingest_files(case, files)
        assert not [lk for lk in case.links() if lk.reason == "phone"]


def test_rows_without_sender_or_time_are_warned(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"time":"2024-01-01 10:00","sender":"A","text":"a"}\n'
                    '{"time":"2024-01-01 10:01","sender":null,"text":"b"}\n'
                    '{"time":"2024-01-01 10:02","sender":"","text":"c"}\n', encoding="utf-8")
    records = list(read(path, ReadOptions()))
    assert len([r for r in records if isinstance(r, Message)]) == 3
    causes = [r.cause for r in records if isinstance(r, ParseIssue)]
    assert any("without a sender" in c for c in causes) and any("2 messages without a sender" in c for c in causes)
