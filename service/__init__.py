"""suanpan: the two doors in, ``extract`` (plain Python) and ``create_app`` (Flask)."""

import sysconfig
import warnings
from pathlib import Path


def stale_compiled_modules(engine_dir: Path = Path(__file__).parent / "engine") -> list[str]:
    """Engine modules whose source changed after they were compiled (scripts/build_engine.py).

    Python imports an extension module before the source beside it, so an edit to a compiled
    module would silently not run: ``make engine`` compiles again, ``--clean`` removes them."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    stale = []
    for src in sorted(engine_dir.glob("*.py")):
        ext = src.with_name(src.stem + suffix)
        if ext.exists() and ext.stat().st_mtime < src.stat().st_mtime:
            stale.append(src.stem)
    return stale


if _stale := stale_compiled_modules():
    warnings.warn(
        f"the compiled engine is older than its source ({', '.join(_stale)}): "
        "run `make engine`, or `python scripts/build_engine.py --clean` to run the source",
        RuntimeWarning,
        stacklevel=2,
    )

from service.engine import __version__, extract  # noqa: E402

__all__ = ["__version__", "create_app", "extract", "stale_compiled_modules"]


def create_app(test_config=None):
    """Build the Flask app; Flask is imported here so ``extract`` never needs it."""
    from service.app import create_app as _create_app

    return _create_app(test_config)
