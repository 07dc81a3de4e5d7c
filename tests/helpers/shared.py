"""Where the shared corpus is: ../shared beside the repository, or SUANPAN_SHARED.

It holds what this repository does not: the real reports (corpus/docs), their labels
(corpus/gold) and guideline, the two seed reports (seeds), the peers' test vectors (peers)
and the scorer (tools/score.py). Tests that need it skip without it, and the session ends
with one line saying how many did and where the corpus was looked for.
"""

import os
from pathlib import Path

from helpers.live import ROOT

ENV = "SUANPAN_SHARED"
SHARED = Path(os.environ.get(ENV) or ROOT.parent / "shared").resolve()
# Every skip for a missing corpus gives this reason, so the summary can count them.
REASON = f"the shared corpus is not at {SHARED} (set {ENV})"


def folder(*parts):
    """A folder of the shared corpus, or a skip of the calling test when it is not there."""
    import pytest

    path = SHARED.joinpath(*parts)
    if not path.is_dir():
        pytest.skip(REASON)
    return path
