"""The engine's data flows one way (text → numerals → quantities → KPIs): each module imports
only modules on a lower floor, and none imports Flask."""

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[1] / "service" / "engine"
# The floors, lowest first: a module may import from any floor below its own.
FLOORS = [
    {"findchars", "glosses"},  # text search: characters, word tries; pinyin glosses taken out
    {"lexicon", "numerals", "sections"},  # data files; numerals as written; bounds
    {"reading", "cues", "cells", "stacked", "plans"},  # the reader's characters; cues; table cells; plans
    {
        "refusals",
        "qualifiers",
        "ranges",
        "measures",  # the reader's rule families
        "naming",
        "currency",
        "totals",
        "placeholders",
    },  # the namer's and finder's floors; money; template blanks
    {
        "quantities",
        "choice",
        "neighbours",
        "targets",
        "labels",  # the reader; the namer's families
        "marked",
        "summed",
        "columns",
    },  # the finder's families
    {"tables"},  # the namer's family that asks the cue choice (a column's header)
    {"kpis", "breakdowns"},  # mentions + cues → KPIs, totals
    {"__init__"},  # extract(): the pipeline
]
FLOOR = {name: i for i, names in enumerate(FLOORS) for name in names}


def engine_imports(path):
    """The engine modules a file imports, anywhere in it (function-level imports count)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "service.engine":
                found |= {a.name for a in node.names}
            elif node.module.startswith("service.engine."):
                found.add(node.module.rsplit(".", 1)[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.rsplit(".", 1)[1] for a in node.names if a.name.startswith("service.engine.")}
    return found


def all_imports(path):
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
    return names


MODULES = sorted(p for p in ENGINE.glob("*.py"))


def test_every_engine_module_has_a_floor():
    assert {p.stem for p in MODULES} == set(FLOOR)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_imports_go_down_only(path):
    upward = {m for m in engine_imports(path) if m in FLOOR and FLOOR[m] >= FLOOR[path.stem]}
    assert not upward, (
        f"{path.stem} (floor {FLOOR[path.stem]}) imports {sorted(upward)} from its floor or above"
    )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_the_engine_never_imports_flask(path):
    assert not all_imports(path) & {"flask", "werkzeug", "marshmallow"}
