"""A fresh clone without the shared corpus: its tests skip with one loud line, `make score` stops
saying what it needs (README: "The shared corpus")."""

import os
import re
import subprocess
import sys

from helpers.live import ROOT
from helpers.shared import ENV


def test_without_the_corpus_the_skips_are_one_loud_line_with_their_count(tmp_path):
    missing = tmp_path / "no-shared"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_peers.py", "-p", "no:cacheprovider"],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
        env={**os.environ, ENV: str(missing)},
    )
    out = run.stdout.decode()
    assert run.returncode == 0, out
    loud = [line for line in out.splitlines() if "shared corpus is not at" in line]
    assert len(loud) == 1, out  # not one line per test location under -ra
    count = int(re.search(r"SKIPPED (\d+) tests: the shared corpus is not at (\S+) ", loud[0])[1])
    assert str(missing) in loud[0] and ENV in loud[0]
    assert re.search(rf"\b{count} skipped: no shared corpus\b", out.splitlines()[-1]), out
    assert f"shared corpus: {missing} (MISSING" in out


def test_make_score_without_the_corpus_says_what_it_needs(tmp_path):
    run = subprocess.run(
        ["make", "score", f"SUANPAN_SHARED={tmp_path / 'none'}"], cwd=ROOT, capture_output=True, timeout=60
    )
    assert run.returncode != 0
    assert b"needs the shared corpus (tools/score.py and corpus/gold)" in run.stdout
    assert b"SUANPAN_SHARED" in run.stdout and b"Traceback" not in run.stdout + run.stderr
