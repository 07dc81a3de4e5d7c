"""Run gunicorn.conf.py as gunicorn does, under a patched environment, and return its names."""

import os
import runpy

# prometheus_client picks single- or multi-process mode once, when first imported, from
# PROMETHEUS_MULTIPROC_DIR. Import it now, while the test environment has none, so that
# the config's child_exit (which imports it) never flips this test process into
# multiprocess mode while a test has the variable set.
import prometheus_client.values  # noqa: F401

from helpers.live import ROOT

CONF = ROOT / "gunicorn.conf.py"


def load(monkeypatch, **env):
    """The config module's globals with ``env`` set (None removes a variable), as in a new master.

    With PROMETHEUS_MULTIPROC_DIR unset (or None in ``env``) the module makes a temporary
    directory: call its ``on_exit`` to remove it. The environment is restored after the test.
    """
    for name in ("SUANPAN_METRICS_PREPARED_BY", "PROMETHEUS_MULTIPROC_DIR"):
        # The module sets these; monkeypatch only undoes what it recorded, so record them
        # now, set or not, or a value the module sets outlives the test.
        monkeypatch.setenv(name, os.environ.get(name, ""))
        if not os.environ[name] or name == "SUANPAN_METRICS_PREPARED_BY":  # as in a new master
            monkeypatch.delenv(name)
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))
