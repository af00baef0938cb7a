"""Medians, percentiles and spread, the same way for every figure."""
from __future__ import annotations

import statistics


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) — no interpolation, so p95 is a value that happened."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def turns(runs: int, names: list) -> list:
    """(run index, name) for `runs` rounds of every name, the order turned by one each round: what is
    compared takes turns (A B, B A, …), so a shared machine's drifting speed reaches every side alike."""
    return [(index, name) for index in range(runs)
            for name in names[index % len(names):] + names[:index % len(names)]]


def ratios(top: list[float], bottom: list[float], digits: int = 3) -> dict:
    """top ÷ bottom pair by pair (measurements of the same round), summarised."""
    return summary([t / b for t, b in zip(top, bottom)], digits)


def summary(values: list[float], digits: int = 3) -> dict:
    """{"n", "median", "p95", "min", "max"} of a list of measurements."""
    return {"n": len(values), "median": round(statistics.median(values), digits),
            "p95": round(percentile(values, 95), digits),
            "min": round(min(values), digits), "max": round(max(values), digits)}
