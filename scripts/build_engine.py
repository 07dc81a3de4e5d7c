"""Compile the extraction engine (service/engine/*.py) to C extensions with mypyc.

    python scripts/build_engine.py          # build in place: service/engine/*.so
    python scripts/build_engine.py --clean  # remove them: the engine runs as plain Python again

The engine's source stays the only source: the same modules, type-checked by mypy, run
unchanged as plain Python wherever no extension is built (an extension next to a module
is imported before it). Compiled, they run the same code about a fifth to a third faster
(bench/NOTES.md, "The engine compiled"); tests/test_compiled.py checks that both give the
same answers. Needs a C compiler and Python's headers, and mypy (requirements-build.txt).
"""

import argparse
import os
import shutil
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "service" / "engine"
BUILD = ROOT / "build" / "engine"
GROUP = "suanpan_engine"
SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")


def built() -> list[Path]:
    return sorted(ENGINE.glob("*" + SUFFIX)) + sorted(ROOT.glob(GROUP + "__mypyc*" + SUFFIX))


def clean() -> None:
    for p in built():
        p.unlink()
    shutil.rmtree(BUILD, ignore_errors=True)


def build() -> None:
    from mypyc.build import mypycify
    from setuptools import setup

    modules = sorted(str(p.relative_to(ROOT)) for p in ENGINE.glob("*.py"))
    setup(
        name="suanpan-engine",
        packages=[],  # (no package discovery: the project is not installed, only compiled)
        py_modules=[],
        # one shared library for all modules, at the top beside service/ (mypyc derives each
        # module's __file__ and __path__ from it): a copy of the app takes it with service/
        ext_modules=mypycify(modules, group_name=GROUP, opt_level="3"),
        script_args=["-q", "build_ext", "--inplace", "--build-temp", str(BUILD)],
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clean", action="store_true", help="remove the compiled modules")
    a = ap.parse_args()
    clean()
    if not a.clean:
        os.chdir(ROOT)
        build()
        for p in built():  # (setuptools copies an unchanged module's shim with its old time)
            os.utime(p)
        print(f"compiled {len(built())} extension modules into {ENGINE.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
