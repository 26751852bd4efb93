"""The colleague a flagged message speaks to, by the message's own words (mention, vocative)."""

import pytest

from sentinelle.detection.api import _addressee, detect


@pytest.mark.parametrize(("text", "who"), [
    ("Karim, tu vas encore prier pendant la pause ?", "Karim"),
    ("@Sarah_B t'es qu'une salope", "Sarah_B"),
    ("Eh Mehdi, retourne au bled", "Mehdi"),
    ("t'es vraiment moche, Julie ?", "Julie"),
    ("Bon, je vais te buter", None),
    ("Franchement, les arabes dehors", None),
    ("rdv 14h devant le poste", None),
])
def test_addressee_from_mention_or_vocative(text: str, who: str | None) -> None:
    got = _addressee(text)
    assert (got[0] if got else None) == who
    if got:
        assert who in text[got[1][0]:got[1][1]]


def test_flagged_message_names_its_addressee_and_benign_one_does_not() -> None:
    bad, ok = detect(["Karim, retourne dans ton pays sale arabe", "Karim, tu peux passer au bureau ?"])
    assert bad.flagged and [r.detail for r in bad.reasons if r.kind == "addressee"] == ["Karim"]
    assert not ok.flagged and not [r for r in ok.reasons if r.kind == "addressee"]
