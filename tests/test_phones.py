"""The one phone-number rule (sentinelle.phones), shared by identity, dynamics and pseudonymiser."""

from __future__ import annotations

import pytest

from sentinelle import phones
from sentinelle.dynamics import corpus
from sentinelle.evidence import pseudonym
from sentinelle.store import identity

SPELLINGS = ["+33 6 12 34 56 78", "06 12 34 56 78", "0612345678", "0033 6 12 34 56 78", "06.12.34.56.78",
             "(06) 12-34-56-78", "612345678", "\u202a+33 6-12-34-56-78\u202c", "+33\u00a06\u00a012\u00a034\u00a056\u00a078"]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_is_one_e164_number(spelling: str) -> None:
    assert phones.phone_key(spelling) == "+33612345678"


@pytest.mark.parametrize("text", ["Jean", "12", "2024-03-12", "12/03/2024", "100000000712345678", "", None])
def test_what_is_not_a_phone(text: str | None) -> None:
    assert phones.phone_key(text) is None


def test_other_countries_keep_their_code() -> None:
    assert phones.phone_key("+44 20 7946 0958") == "+442079460958"
    assert phones.phone_key("+32 470 12 34 56") == "+32470123456"


def test_identity_dynamics_and_pseudonymiser_use_the_same_rule() -> None:
    assert identity.phone_key is corpus.phone_key is pseudonym.phone_key is phones.phone_key
