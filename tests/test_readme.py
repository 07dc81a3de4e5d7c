"""The README tells the truth: its first commands, its curl examples run against a live
gunicorn with the answers it shows, its settings tables, and the files it names."""

import json
import os
import re
import runpy
import subprocess

import pytest

from helpers import gunicorn_conf
from helpers.live import ROOT, gunicorn
from service import create_app

README = ROOT / "README.md"
TEXT = README.read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.S | re.M)
ANY = "…"  # in a shown header value: any value


def blocks():
    """(language, body, heading above it) of every fenced block, in order."""
    found = []
    for m in FENCE.finditer(TEXT):
        headings = re.findall(r"^#+ (.+)$", TEXT[: m.start()], re.M)
        found.append((m[1], m[2], headings[-1] if headings else ""))
    return found


def examples():
    """Each bash block that runs curl, paired with the http block right after it."""
    found, shown = [], blocks()
    for (lang, body, heading), after in zip(shown, shown[1:] + [(None, None, None)], strict=True):
        if lang == "bash" and re.search(r"^\s*(\w+=\$\()?curl ", body, re.M):
            assert after[0] == "http", f"no answer shown after: {body}"
            path = re.findall(r"localhost:8000(\S*)", body)[-1]
            found.append(pytest.param(body, after[1], id=f"{heading}: {path}"))
    return found


def parse_http(text):
    """(status, [(header, value)], body) of an HTTP response as curl -i prints it."""
    text = text.replace("\r\n", "\n")
    while re.match(r"HTTP/[\d.]+ 1\d\d", text):  # interim answers (100 Continue)
        text = text.split("\n\n", 1)[1]
    head, _, body = text.partition("\n\n")
    status_line, *lines = head.splitlines()
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines]
    return int(status_line.split()[1]), headers, body


def tokens(value):
    """A header value as the set of its comma-separated parts (Allow's order is not fixed)."""
    return {part.strip() for part in value.split(",")}


def contains(actual, shown):
    """True when every field ``shown`` is in ``actual`` with that value (lists: each shown item
    matches some actual item); fields left out of ``shown`` may be anything."""
    if isinstance(shown, dict):
        return isinstance(actual, dict) and all(
            k in actual and contains(actual[k], v) for k, v in shown.items()
        )
    if isinstance(shown, list):
        return isinstance(actual, list) and all(any(contains(a, s) for a in actual) for s in shown)
    return actual == shown and isinstance(actual, bool) == isinstance(shown, bool)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with gunicorn(tmp_path_factory.mktemp("readme"), workers=2) as live:
        yield live


def test_opens_with_the_two_commands_for_a_fresh_machine():
    lang, body, _ = blocks()[0]
    commands = [line.split("#")[0].strip() for line in body.splitlines()]
    assert (lang, commands) == ("bash", ["make run", "make test"])
    assert TEXT.index("```bash") < 200  # right under the title


def test_ci_runs_the_readme_test_command():
    # after installing Chromium for the page's browser tests when it is missing
    script = (ROOT / ".ci" / "run").read_text().splitlines()
    assert [
        line.strip() for line in script if line.strip() and not line.startswith(("#", "set ", "cd "))
    ] == ["scripts/install-chromium.sh", "make test"]


@pytest.mark.parametrize("command, answer", examples())
def test_curl_example_answers_as_shown(server, command, answer):
    script = command.replace("localhost:8000", f"127.0.0.1:{server.port}")
    run = subprocess.run(
        ["bash", "-c", script],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "no_proxy": "*"},
    )  # loopback, no proxy
    assert run.returncode == 0, run.stderr.decode()
    status, headers, body = parse_http(run.stdout.decode("utf-8"))
    want_status, want_headers, want_body = parse_http(answer)
    assert status == want_status, body
    got = {name.lower(): tokens(value) for name, value in headers}
    for name, value in want_headers:
        assert name.lower() in got and (value == ANY or tokens(value) == got[name.lower()]), (name, value)
    if want_body.strip().startswith(("{", "[")):
        assert contains(json.loads(body), json.loads(want_body)), body
    else:
        assert set(want_body.strip().splitlines()) <= set(body.splitlines()), body


def test_every_endpoint_has_a_curl_example():
    shown = " ".join(body for lang, body, _ in blocks() if lang == "bash")
    rules = {r.rule for r in create_app().url_map.iter_rules() if "<" not in r.rule}
    assert not [rule for rule in rules if f"localhost:8000{rule}" not in shown]


def test_settings_table_is_the_one_in_settings_py():
    rendered = runpy.run_path(str(ROOT / "scripts" / "readme_settings.py"))["rendered"]
    assert TEXT == rendered(TEXT), "the README's settings table is stale: run `make readme`"


def test_every_variable_gunicorn_conf_reads_is_documented():
    conf = (ROOT / "gunicorn.conf.py").read_text()
    read = set(re.findall(r"""(?:_env_int\(|environ\.get\()["']([A-Z_]+)["']""", conf)) - {
        "PROMETHEUS_MULTIPROC_DIR"
    }
    assert read and not [name for name in read if f"| `{name}` |" not in TEXT]


def test_documented_port_is_gunicorns_default(monkeypatch, tmp_path):
    conf = gunicorn_conf.load(monkeypatch, PORT=None, PROMETHEUS_MULTIPROC_DIR=str(tmp_path))
    assert f"| `PORT` | `{conf['bind'][0].rsplit(':', 1)[1]}` |" in TEXT


def test_every_path_it_names_exists():
    named = set(re.findall(r"`((?:[\w.-]+/)+[\w.-]*|[\w-]+\.(?:py|sh|yaml|txt|toml|md))`", TEXT))
    named |= set(re.findall(r"@([\w.-]+/[\w./-]+)", TEXT))  # curl's @file
    assert named and not sorted(p for p in named if not (ROOT / p).exists())
