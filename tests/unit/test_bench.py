"""The benchmark's own parts that need no browser: the synthetic ×N criteria, the statistics, taking turns."""
from __future__ import annotations

import os

import pytest

from checker.build.bench import stats, synthetic
from checker.build.compile import build_bundle
from tests.conftest import ROOT

CRITERIA = os.path.join(ROOT, "criteria")


def test_synthetic_criteria_validate_and_multiply_every_document(tmp_path):
    ids = synthetic.document_ids(CRITERIA)
    written = synthetic.multiply(CRITERIA, str(tmp_path / "x2"), 2)
    assert sorted(written) == sorted(ids + [f"{doc}-x2" for doc in ids])
    bundle = build_bundle(str(tmp_path / "x2"))            # raises BuildFailed with located errors if invalid
    assert sorted(bundle["documents"]) == sorted(written)
    for doc in ids:
        copy = bundle["documents"][f"{doc}-x2"]
        assert copy["source"]["short"].endswith("(копия 2)")
        # every citation inside a copy names the copy, never the original
        assert f'"doc": "{doc}"' not in str(copy).replace("'", '"')


def test_multiply_rejects_zero(tmp_path):
    with pytest.raises(ValueError):
        synthetic.multiply(CRITERIA, str(tmp_path / "x0"), 0)


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert stats.percentile(values, 95) == 95
    assert stats.percentile(values, 50) == 50
    assert stats.percentile([7.0], 95) == 7.0
    assert stats.summary([3, 1, 2]) == {"n": 3, "median": 2, "p95": 3, "min": 1, "max": 3}


def test_what_is_compared_takes_turns_and_is_divided_run_by_run():
    """A machine slowing down twice each round: the ×N build still reads as twice the ×1 build in every
    pair, which a ratio of medians measured one after the other would not."""
    from checker.build.bench import run
    order = []

    def job(name, seconds):
        return lambda index: order.append((name, index)) or seconds[index]

    taken = run._alternated(3, {"x1": job("x1", [1, 2, 4]), "xN": job("xN", [2, 4, 8])})
    assert order == [("x1", 0), ("xN", 0), ("xN", 1), ("x1", 1), ("x1", 2), ("xN", 2)]
    assert taken == {"x1": [1, 2, 4], "xN": [2, 4, 8]}
    growth = run._growth(taken, "xN", "x1")
    assert (growth["min"], growth["median"], growth["max"], growth["n"]) == (2, 2, 2, 3)


def test_page_ratios_pair_the_same_rounds():
    checker = {"cold": [1.2, 2.4, 1.8], "warm": [0.6, 1.2, 0.9]}
    floor = {"cold": [1.0, 2.0, 1.5], "warm": [1.0, 2.0, 1.5]}
    assert stats.ratios(checker["cold"], floor["cold"])["median"] == 1.2
    assert stats.ratios(checker["cold"], floor["cold"])["max"] == 1.2
    assert stats.ratios(checker["warm"], floor["warm"])["median"] == 0.6
