"""The benchmark's own parts that need no browser: the synthetic ×N criteria and the statistics."""
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
