"""The directive detector and the compliance reading on the labelled set tests/data/directives/
(1,669 lines, 64 threads, written apart from the detector): targets on the HELD-OUT part, which
is not read while tuning (see sentinelle.dynamics.evaluate for the split). The figures print with
`python bench/directives_eval.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from dynamics.dyn_builders import Chat, records
from sentinelle.dynamics import analyze_dynamics, read_directive
from sentinelle.dynamics.evaluate import line_files, load_lines, load_threads, measure_lines, measure_threads

DATA = Path(__file__).resolve().parents[1] / "data" / "directives"


@pytest.fixture(scope="module")
def heldout():
    return measure_lines(load_lines(DATA, "heldout")), measure_threads(load_threads(DATA, "heldout"))


def test_the_split_is_fixed_and_about_60_40() -> None:
    tune, held = line_files(DATA, "tune"), line_files(DATA, "heldout")
    assert not set(tune) & set(held) and len(tune) + len(held) == len(list(DATA.glob("lines_*.jsonl"))) == 10
    n_tune, n_held = len(load_lines(DATA, "tune")), len(load_lines(DATA, "heldout"))
    assert n_tune + n_held >= 1600 and 0.55 <= n_tune / (n_tune + n_held) <= 0.70
    assert len(load_threads(DATA)) >= 60


# The targets. Measured on the held-out part on 2026-12-03 (main before this branch ->
# this branch): directive P 0.571 -> 0.671, R 0.443 -> 0.549; silence order P 0.487 -> 0.674
# (R 0.190 -> 0.305); compliance accuracy 0.542 -> 0.625 (24 threads). The targets are NOT met:
# strict xfail, so that this test fails loudly (XPASS) the day they are, and the mark goes.
@pytest.mark.xfail(strict=True, reason="targets missed on the held-out part: directive P 0.67 R 0.55, silence P 0.67")
def test_heldout_targets(heldout) -> None:
    lines, _ = heldout
    assert lines["all"]["directive"]["precision"] >= 0.90
    assert lines["all"]["directive"]["recall"] >= 0.85
    assert lines["all"]["silence_order"]["precision"] >= 0.95


def test_heldout_floors_hold_what_was_measured(heldout) -> None:
    """No regression below the figures measured when this branch was written (a small margin)."""
    lines, threads = heldout
    assert lines["all"]["directive"]["precision"] >= 0.64 and lines["all"]["directive"]["recall"] >= 0.52
    assert lines["all"]["silence_order"]["precision"] >= 0.64 and lines["all"]["silence_order"]["recall"] >= 0.28
    assert threads["n"] >= 20 and threads["accuracy"] >= 0.54


EMOJI_ONLY = ["👍", "😂", "🤐", "🤫", "🤫🤫", "🙊", "🔇", "🛑", "⛔", "🚫", "✋", "🫡", "🙏", "😡", "🤬", "🤐🤐🤐",
              "👍🏽", "🫢", "😶", "😬", "🙄", "🤡", "🖕", "👊", "💪", "😂😂😂", "❤️", "🤝", "⚠️", "‼️", "❗", "🔥🔥"]


@pytest.mark.parametrize("text", EMOJI_ONLY)
def test_an_emoji_only_reply_is_never_a_directive(text: str) -> None:
    assert read_directive(text) is None
    assert read_directive(f" {text} {text} ") is None


@pytest.mark.parametrize("text", [
    "Arrête de dire que les femmes sont inférieures, t'es sérieux là ?",
    "Arrête avec tes remarques sur les juifs Damien, c'est du racisme pur et simple",
    "Arrêtez, ce n'est pas drôle. Ça dure depuis janvier et ça va trop loin.",
    "Stop calling him names, it's not funny.",
    "arrête je pleure",
    "dis-lui de fuir 😂",
    "tu me revaudras ça 😅",
    "Vous avez supprimé ce message",
    "J'active les messages éphémères quelques jours",
    "Sit dolore dolor culpa dolore.",
    "Sit id ullamco sunt amet, sint pariatur elit incididunt qui.",
])
def test_objections_banter_and_filler_are_not_orders(text: str) -> None:
    assert read_directive(text) is None


@pytest.mark.parametrize("text", [
    "Les délégués, vous vous taisez. Rien ne sort du groupe, pas de syndicats ici.",
    "Olivier tu supprimes ton message et tu ne contactes personne.",
    "Personne ne parle de l'affaire d'hier en dehors de la brigade. Compris ?",
    "Ce qui se passe en patrouille reste en patrouille.",
    "Le commissaire n'a pas besoin de savoir pour la voiture.",
])
def test_silence_orders_still_found(text: str) -> None:
    m = read_directive(text)
    assert m is not None and m.kind == "silence_order", m


def test_the_detector_stance_keeps_objections_out_of_directives() -> None:
    """Counter-speech the text alone does not reveal, and a "stop" answering a flagged message."""
    c = Chat("g", "g")
    slur = c.say("Kev", "Les femmes dans la police c'est bon pour le café")
    c.say("Ju", "+1")
    objection = c.say("Camille", "Arrête de dire ça sur les femmes.")
    stop = c.say("Mehdi", "Arrête avec ça Kev.")
    order = c.say("Chef", "Ne parlez pas aux syndicats.")
    plain = analyze_dynamics(*records(c)).to_json()
    assert {d["message_id"] for d in plain["directives"]} >= {objection.id, order.id}
    seen = analyze_dynamics(*records(c), stances={objection.id: "counter", slur.id: "flagged"}).to_json()
    kept = {d["message_id"] for d in seen["directives"]}
    assert objection.id not in kept and stop.id not in kept and order.id in kept
    assert [s["message_id"] for s in seen["silence_orders"]] == [order.id]
