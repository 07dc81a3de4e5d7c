"""The engine run from its source in a child process, whether or not it is compiled here.

Python imports an extension module before the source beside it, so the child gets an import
hook that finds only sources under service/ (every other package, C extensions included,
loads as usual)."""

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = f"""
import importlib.machinery as _m, sys as _sys
_SERVICE = {str(ROOT / "service")!r}
_sources = _m.FileFinder.path_hook((_m.SourceFileLoader, _m.SOURCE_SUFFIXES))
def _hook(path):
    if path != {str(ROOT)!r} and not path.startswith(_SERVICE):
        raise ImportError(path)
    return _sources(path)
_sys.path_hooks.insert(0, _hook)
_sys.path_importer_cache.clear()
_sys.path.insert(0, {str(ROOT)!r})
"""


def compiled() -> bool:
    """Whether this process runs the compiled engine."""
    import service.engine.kpis

    return service.engine.kpis.__file__.endswith(sysconfig.get_config_var("EXT_SUFFIX"))


def run_source(code: str, payload=None, timeout=600):
    """Run ``code`` (which reads JSON ``payload`` from stdin and prints JSON) on the engine's
    source; returns what it printed, parsed."""
    out = subprocess.run(
        [sys.executable, "-c", PRELUDE + code],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)
