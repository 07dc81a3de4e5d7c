"""The Dockerfile and .dockerignore: lint-clean, slim, non-root, exec form, nothing extra sent."""

import subprocess
import sys
from pathlib import Path

from helpers.dockerfile import (
    DOCKERFILE,
    DOCKERIGNORE,
    copies,
    exec_form,
    final_stage,
    healthcheck_argv,
    instructions,
    last,
)

HADOLINT = Path(sys.executable).with_name("hadolint")


def test_hadolint_finds_nothing():
    result = subprocess.run([str(HADOLINT), str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_default_base_is_slim_python_of_the_tested_version():
    arg = next(i.args for i in instructions() if i.keyword == "ARG" and i.args.startswith("BASE_IMAGE="))
    assert arg == f"BASE_IMAGE=python:{sys.version_info.major}.{sys.version_info.minor}-slim"


def test_every_stage_starts_from_the_base_argument():
    assert [i.args.split()[0] for i in instructions() if i.keyword == "FROM"] == ["${BASE_IMAGE}"] * 2


def test_final_stage_takes_the_virtualenv_from_the_builder():
    assert (["/opt/venv"], "/opt/venv", "builder") in copies(final_stage())


def test_runs_as_a_numeric_non_root_user():
    uid, _, gid = last("USER", final_stage()).partition(":")
    assert uid.isdigit() and gid.isdigit() and 0 not in (int(uid), int(gid))


def test_cmd_runs_gunicorn_with_the_config_file_in_exec_form():
    argv = exec_form(last("CMD", final_stage()))
    assert argv[0] == "gunicorn" and argv[argv.index("--config") + 1] == "gunicorn.conf.py"


def test_healthcheck_is_exec_form_on_healthz():
    argv = healthcheck_argv(final_stage())
    assert argv[:2] == ["python", "-c"] and "/healthz" in argv[2]


def test_dockerignore_lets_in_exactly_what_is_copied():
    lines = [
        ln.strip() for ln in DOCKERIGNORE.read_text().splitlines() if ln.strip() and not ln.startswith("#")
    ]
    let_in = {ln[1:].rstrip("/") for ln in lines if ln.startswith("!")}
    copied = {src.rstrip("/") for srcs, _, frm in copies(instructions()) if frm is None for src in srcs}
    assert (lines[0], let_in) == ("*", copied)


def test_dockerignore_keeps_bytecode_caches_out():
    assert "**/__pycache__" in DOCKERIGNORE.read_text().splitlines()
