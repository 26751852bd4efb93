"""The standing fuzz campaign (issue #16): real exports mutated inside message bodies must give
the same messages from the same senders, without a traceback; structural mutations may be
refused, with one clear error line and a documented exit code. Deterministic (derandomized
hypothesis); bench/fuzz_readers.py runs the same mutations for as long as asked."""

from __future__ import annotations

import random
from pathlib import Path

import fuzz_exports as fx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sentinelle.cli import main

CORPUS = fx.corpus()
STRUCTURAL = fx.structural_corpus()
FUZZ = settings(max_examples=600, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def test_the_corpus_holds_real_exports() -> None:
    assert len(CORPUS) >= 15
    assert sum(fx.baseline(p) is not None for p in CORPUS) >= 15


@FUZZ
@given(index=st.integers(0, max(0, len(CORPUS) - 1)), seed=st.integers(0, 2**32 - 1), count=st.sampled_from([1, 3]))
def test_body_mutations_keep_every_message_and_sender(tmp_path_factory, index: int, seed: int, count: int) -> None:
    if not CORPUS:
        pytest.skip("no exports")
    path = CORPUS[index]
    base = fx.baseline(path)
    if base is None:
        return
    rng = random.Random(seed)
    data, kinds = fx.mutate_bodies(path, base, rng, count)
    mutated = tmp_path_factory.mktemp("fuzz") / path.name
    mutated.write_bytes(data)
    tally = fx.Tally()
    fx.check_body_mutation(path, mutated, base, kinds, tally)
    assert tally.ok(), tally


@FUZZ
@given(index=st.integers(0, max(0, len(STRUCTURAL) - 1)), seed=st.integers(0, 2**32 - 1))
def test_structural_mutations_never_crash(tmp_path_factory, index: int, seed: int) -> None:
    if not STRUCTURAL:
        pytest.skip("no exports")
    path = STRUCTURAL[index]
    data, kind = fx.mutate_structure(path.read_bytes(), random.Random(seed))
    mutated = tmp_path_factory.mktemp("fuzz") / path.name
    mutated.write_bytes(data)
    tally = fx.Tally()
    fx.check_structural(path, mutated, kind, tally)
    assert tally.ok(), tally


@pytest.mark.parametrize("seed", range(12))
def test_the_cli_exits_with_a_documented_code(tmp_path: Path, capsys, seed: int) -> None:
    rng = random.Random(seed)
    path = rng.choice(STRUCTURAL)
    data, _ = fx.mutate_structure(path.read_bytes(), rng)
    mutated = tmp_path / path.name
    mutated.write_bytes(data)
    with pytest.raises(SystemExit) as exit_info:
        main(["parse", "--quiet", str(mutated)])
    _, err = capsys.readouterr()
    assert exit_info.value.code in (0, 3), err
    assert "Traceback" not in err
    if exit_info.value.code:
        assert len(err.strip().splitlines()) == 1 and str(mutated) in err
