"""The compiled engine (scripts/build_engine.py, run by `make install`) is its source, faster:
the same answers on every text here, and never an edit of the source left unrun."""

import os
import sysconfig
import time

import pytest
import yaml

from helpers.pure import ROOT, compiled, run_source
from helpers.shared import SHARED
from service import extract, stale_compiled_modules

EXT = sysconfig.get_config_var("EXT_SUFFIX")
EXTRACT_ALL = """
import json, sys
from service import extract
print(json.dumps([extract(t) for t in json.load(sys.stdin)]))
"""


def texts():
    """Every phrase of the phrase corpus, the README's example report and, where the shared
    corpus is at hand, its reports and seeds."""
    out = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.yaml")):
        out += [e["phrase"] for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []]
    out.append((ROOT / "docs" / "examples" / "report.txt").read_text(encoding="utf-8"))
    for sub in ("seeds", "corpus/docs"):  # (not there: no texts, and no skip)
        out += [p.read_text(encoding="utf-8") for p in sorted(SHARED.joinpath(sub).glob("*.txt"))]
    return out


def test_ci_tests_the_compiled_engine():
    """`make test` compiles the engine first, so CI tests what `make run` and the image run."""
    if os.environ.get("CI") != "true":
        pytest.skip("only CI is sure to have compiled it (SUANPAN_COMPILE=0 leaves it plain Python)")
    assert compiled()


def test_the_child_process_runs_the_source():
    code = "import json, service.engine.kpis as k, service.engine as e; print(json.dumps([k.__file__, e.__file__]))"
    assert all(f.endswith(".py") for f in run_source(code))


def test_compiled_and_source_give_the_same_answers():
    corpus = texts()
    assert len(corpus) > 500
    from_source = run_source(EXTRACT_ALL, corpus)
    here = [extract(t) for t in corpus]
    diffs = [i for i, (a, b) in enumerate(zip(here, from_source, strict=True)) if a != b]
    assert not diffs, f"{len(diffs)} texts answered differently, the first: {corpus[diffs[0]][:80]!r}"


def test_an_edited_module_is_named_stale(tmp_path):
    src, ext = tmp_path / "kpis.py", tmp_path / ("kpis" + EXT)
    src.write_text("x = 1\n")
    ext.write_bytes(b"")
    past = time.time() - 60
    os.utime(src, (past, past))
    assert stale_compiled_modules(tmp_path) == []
    os.utime(src, None)  # edited after the build
    assert stale_compiled_modules(tmp_path) == ["kpis"]
    ext.unlink()  # plain Python: nothing to be stale
    assert stale_compiled_modules(tmp_path) == []
