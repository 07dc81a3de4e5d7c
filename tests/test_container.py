"""What the image does, without Docker: a fresh venv from requirements.txt alone, the files the
Dockerfile copies, and the image's own CMD, ENV and HEALTHCHECK. Takes about a minute (pip)."""

import json
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import PurePosixPath

import pytest

from helpers.dockerfile import copies, exec_form, final_stage, healthcheck_argv, last
from helpers.dockerfile import env as dockerfile_env
from helpers.live import ROOT, gunicorn

IMAGE_VENV = "/opt/venv"  # where the Dockerfile puts the virtualenv
BUILDER_SRC = "/src"  # where its builder stage compiles the engine
PIP_TIMEOUT = 600
OFFLINE = re.compile(
    r"NewConnectionError|Max retries exceeded|Temporary failure in name resolution|"
    r"Network is unreachable|No route to host|Name or service not known"
)


def make_venv(path):
    """A virtualenv with requirements.txt installed and nothing else; skip if PyPI is unreachable."""
    subprocess.run([sys._base_executable, "-m", "venv", str(path)], check=True, timeout=120)
    req = path.parent / "requirements.txt"
    shutil.copy(ROOT / "requirements.txt", req)  # alone: no -r of the dev set can slip in
    result = subprocess.run(
        [
            str(path / "bin" / "pip"),
            "install",
            "--no-cache-dir",
            "-q",
            "--disable-pip-version-check",
            "-r",
            str(req),
        ],
        capture_output=True,
        text=True,
        timeout=PIP_TIMEOUT,
    )
    if result.returncode and OFFLINE.search(result.stdout + result.stderr):
        pytest.skip(f"PyPI unreachable, cannot build the image's venv: {result.stderr[-300:]}")
    assert result.returncode == 0, result.stdout + result.stderr


def copy_app(stage, workdir):
    """Copy what the final stage COPYs from the build context into ``workdir`` (the image's WORKDIR)."""
    image_workdir = PurePosixPath(last("WORKDIR", stage))
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo")  # as .dockerignore says
    for sources, dest, from_stage in copies(stage):
        if from_stage and sources == [IMAGE_VENV]:
            continue  # (made by make_venv)
        target = workdir / (image_workdir / dest).relative_to(image_workdir)
        for source in sources:
            if from_stage:
                # the builder compiles the engine in BUILDER_SRC as `make install` does here
                assert source.startswith(BUILDER_SRC + "/"), source
                found = sorted(ROOT.glob(source[len(BUILDER_SRC) + 1 :]))
                if not found and "*" in source:
                    pytest.skip(f"the engine is not compiled here (make engine), so {source} is not")
                for src in found:
                    copy_one(src, target / src.name if dest.endswith("/") else target, ignore)
                continue
            src = ROOT / source
            copy_one(src, target / src.name if dest.endswith("/") else target, ignore)


def copy_one(src, into, ignore):
    if src.is_dir():
        shutil.copytree(src, into, ignore=ignore)
    else:
        into.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, into)


def image_env(stage, venv, home):
    """The final stage's ENV with the venv where the image has it, plus a home that does not exist."""
    values = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    for name, value in dockerfile_env(stage).items():
        value = value.replace(IMAGE_VENV, str(venv))
        values[name] = re.sub(r"\$(\w+)|\$\{(\w+)\}", lambda m: values.get(m[1] or m[2], ""), value)
    return values


@pytest.fixture(scope="module")
def image(tmp_path_factory):
    """The image, reproduced and running: yields (server, its environment)."""
    base = tmp_path_factory.mktemp("image")
    stage = final_stage()
    make_venv(base / "venv")
    copy_app(stage, base / "app")
    env = image_env(stage, base / "venv", base / "nonexistent")
    with gunicorn(
        base, exec_form(last("CMD", stage)), env=env, cwd=base / "app", workers=None, inherit_env=False
    ) as server:
        yield server, env, base


def test_image_runs_the_compiled_engine(image):
    """Its app folder holds the engine as the builder compiles it, and that is what imports."""
    _, env, base = image
    code = "import service.engine.kpis as k; print(k.__file__)"
    result = subprocess.run(
        ["python", "-c", code], env=env, cwd=base / "app", capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(sysconfig.get_config_var("EXT_SUFFIX"))


def test_image_answers_readyz(image):
    server, _, _ = image
    assert server.request("GET", "/readyz")[0] == 200


def test_image_answers_an_extraction(image):
    server, _, _ = image
    text = "今年实现销售收入12亿元。"
    status, _, body = server.request(
        "POST", "/v1/extract", text.encode(), {"Content-Type": "text/plain; charset=utf-8"}
    )
    assert (status, json.loads(body)["document"]["chars"]) == (200, len(text))


def test_image_healthcheck_passes(image):
    server, env, _ = image
    result = subprocess.run(
        healthcheck_argv(final_stage()),
        env={**env, "PORT": str(server.port)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", ["/openapi.yaml", "/openapi.json", "/docs"])
def test_image_serves_the_contract_and_docs(image, path):
    # the image must carry openapi.yaml: the docs endpoints read it from the app folder
    server, _, _ = image
    assert server.request("GET", path)[0] == 200
