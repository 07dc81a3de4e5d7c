"""The shipped lexicon files list each word once: a word written twice in one list is dead data,
and where the two copies drift apart (one edited, one not) the list no longer says what it seems
to."""

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "service" / "engine" / "data"


def _word_lists(raw, where=""):
    """Every list of plain words in a loaded YAML tree, with where it stands."""
    if isinstance(raw, dict):
        for key, value in raw.items():
            yield from _word_lists(value, f"{where}.{key}" if where else str(key))
    elif isinstance(raw, list) and raw and all(isinstance(x, str) for x in raw):
        yield where, raw


@pytest.mark.parametrize("name", ["kpis.yaml", "units.yaml", "placeholders.yaml"])
def test_no_word_is_listed_twice(name):
    raw = yaml.safe_load((DATA / name).read_text("utf-8"))
    twice = {
        where: sorted({w for w in words if words.count(w) > 1})
        for where, words in _word_lists(raw)
        if len(set(words)) < len(words)
    }
    assert not twice, twice
