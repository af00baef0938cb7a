"""Collect tests/scenarios/*.yaml as golden scenario tests (placeholder until scenarios land)."""
