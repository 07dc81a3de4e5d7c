"""Run gunicorn.conf.py as gunicorn does, under a patched environment, and return its names."""
import runpy

from helpers.live import ROOT

CONF = ROOT / "gunicorn.conf.py"


def load(monkeypatch, **env):
    """The config module's globals with ``env`` set (None removes a variable), as in a new master.

    Give PROMETHEUS_MULTIPROC_DIR (a path, or None to have the module make a temporary
    directory, removed by its ``on_exit``) so that what the module sets is undone after.
    """
    monkeypatch.delenv("SUANPAN_METRICS_PREPARED_BY", raising=False)
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))
