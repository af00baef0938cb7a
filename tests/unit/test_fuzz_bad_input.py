"""Fuzzing: generated garbage through the command line's entry point, the build's YAML loader and the whole
build. Every input gives a result or one clean message — never a traceback — in bounded time and memory."""
from __future__ import annotations

import io
import json
import os
import resource
import shutil
import sys

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import cli
from checker.build.compile import build_bundle
from checker.build.errors import BuildError, BuildFailed
from checker.build.yamlload import load_yaml
from tests.conftest import MINI

FUZZ = settings(max_examples=100, deadline=3000, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])
START_RSS_MB = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

ids = st.sampled_from(["azov-memo", "tolyatti-kdn-2015", "other", "teacher", "family", "cruelty-physical",
                       "children_ages", "children_count", "income_ratio", "single_parent", "", "x" * 300])
scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-10**80, max_value=10**80)
           | st.floats(allow_nan=False) | st.text(max_size=50) | ids)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=6)
                           | st.dictionaries(st.text(max_size=10) | ids, inner, max_size=6), max_leaves=40)
answers = st.fixed_dictionaries({"schema": st.sampled_from([1, 1.0, True, "1", 2, None])},
                                optional={"jurisdiction": ids | scalars, "role": ids | scalars,
                                          "signs": st.lists(ids | scalars, max_size=8) | json_values,
                                          "facts": st.dictionaries(ids, json_values, max_size=5) | json_values})


def _deep(depth: int, opener: str) -> str:
    closer = {"[": "]", "{": "}"}[opener]
    return (opener + ('"a":' if opener == "{" else "")) * depth + "1" + closer * depth


texts = (st.builds(json.dumps, answers) | st.builds(json.dumps, json_values)
         | st.builds(lambda n: '{"schema": 1, "facts": {"income_ratio": ' + "7" * n + "}}",
                     st.integers(1, 20_000))
         | st.builds(_deep, st.integers(1, 20_000), st.sampled_from("[{"))
         | st.builds(lambda n: '{"schema": 1, "role": "' + "я" * n + '"}', st.integers(0, 30_000)))
raw_inputs = st.binary(max_size=2000) | texts.map(lambda t: t.encode("utf-8")) | st.builds(
    lambda t, cut: t.encode("utf-8")[:cut], texts, st.integers(0, 200))


def _main(args, stdin: bytes):
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"), out, err
    try:
        code = cli.main(args)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


@FUZZ
@given(data=raw_inputs, command=st.sampled_from(["evaluate", "compare"]))
def test_cli_entry_point_never_breaks(data, command):
    args = [command, "-"] + (["--no-what-if"] if command == "evaluate" else [])
    code, out, err = _main(args, data)
    if code == 0:
        assert json.loads(out) and err == ""
    else:
        assert code == 2 and out == ""
        assert err.startswith("ошибка: ") and err.count("\n") == 1 and len(err) < 600, err[:300]


yaml_texts = (st.text(max_size=300)
              | st.builds(yaml.safe_dump, json_values.filter(lambda v: not isinstance(v, float)))
              | st.builds(lambda n, k: "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * k) + "]\n"
                                               for i in range(1, n)).join(["a0: &a0 [x, y]\n", ""]),
                          st.integers(2, 14), st.integers(2, 12))
              | st.builds(lambda n, c: c * n, st.integers(1, 30_000), st.sampled_from(["[", "{a: ", "- ", "&a [*a, "]))
              | st.sampled_from(["date: 2017-13-45", "n: 0x1F", "n: 1_000", "t: 1:30", "x: .nan", "? [a]\n: b",
                                 "a: !!python/name:os.system", "<<: {a: 1}", "a: *nowhere", "%YAML 9.9\n---\na: 1"]))


@FUZZ
@given(text=yaml_texts)
def test_yaml_loader_never_breaks(text):
    try:
        load_yaml("fuzz.yaml", text)
    except BuildError as error:
        assert str(error).startswith("fuzz.yaml:") and len(str(error)) < 600


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "criteria"
    shutil.copytree(MINI, root)
    return root


FILES = ["common/facts.yaml", "common/signs.yaml", "mini-doc/source.yaml", "mini-doc/help.yaml",
         "mini-doc/lists.yaml", "mini-doc/levels.yaml", "mini-doc/urgent.yaml"]


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


@settings(max_examples=40, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), name=st.sampled_from(FILES))
def test_build_never_breaks_on_a_mutated_tree(tree, data, name):
    """Replace one value anywhere in a valid file with generated YAML: the build passes or lists errors."""
    path = tree / name
    original = path.read_text(encoding="utf-8")
    parsed = yaml.safe_load(original)
    target = data.draw(st.sampled_from([p for p in _paths(parsed) if p]))
    value = data.draw(json_values | st.sampled_from([6.10, "6.10", [], {}, None, ["a", "b"], {"sign": ["a"]}]))
    node = parsed
    for step in target[:-1]:
        node = node[step]
    node[target[-1]] = value
    try:
        path.write_text(yaml.safe_dump(parsed, allow_unicode=True), encoding="utf-8")
        build_bundle(str(tree))
    except BuildFailed as failed:
        assert failed.errors and all(str(e).count(":") >= 2 for e in failed.errors)
    finally:
        path.write_text(original, encoding="utf-8")


def test_fuzzing_kept_memory_bounded():
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024 - START_RSS_MB
    assert grown < 1024, f"peak memory grew by {grown} MB during fuzzing"
