"""Read the Dockerfile's instructions: enough to check it and to reproduce what its image runs."""

import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from helpers.live import ROOT

DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"


@dataclass(frozen=True)
class Instruction:
    """One instruction: the index of its build stage (-1 before the first FROM), keyword, arguments."""

    stage: int
    keyword: str
    args: str


def instructions(path=DOCKERFILE):
    """Every instruction in order, comments dropped and continued lines joined."""
    text = re.sub(
        r"\\\n",
        " ",
        "\n".join(line for line in Path(path).read_text().splitlines() if not line.lstrip().startswith("#")),
    )
    found, stage = [], -1
    for line in text.splitlines():
        if not line.strip():
            continue
        keyword, _, args = line.strip().partition(" ")
        keyword = keyword.upper()
        stage += keyword == "FROM"
        found.append(Instruction(stage, keyword, args.strip()))
    return found


def final_stage(path=DOCKERFILE):
    """The instructions of the last stage: what the image is."""
    found = instructions(path)
    last = max(i.stage for i in found)
    return [i for i in found if i.stage == last]


def last(keyword, stage):
    """The arguments of the last ``keyword`` instruction in ``stage``, or None."""
    args = [i.args for i in stage if i.keyword == keyword]
    return args[-1] if args else None


def exec_form(args):
    """A CMD/ENTRYPOINT argument list; ValueError when it is in shell form."""
    try:
        argv = json.loads(args)
    except json.JSONDecodeError:
        raise ValueError(f"not exec form: {args}") from None
    if not (isinstance(argv, list) and all(isinstance(a, str) for a in argv)):
        raise ValueError(f"not exec form: {args}")
    return argv


def healthcheck_argv(stage):
    """The HEALTHCHECK command as an argument list (options such as --interval skipped)."""
    args = last("HEALTHCHECK", stage)
    return exec_form(args[args.index("CMD ") + len("CMD ") :])


def env(stage):
    """The stage's ENV settings as a dict, in order, unexpanded (``PATH=/opt/venv/bin:$PATH``)."""
    values = {}
    for args in (i.args for i in stage if i.keyword == "ENV"):
        for pair in shlex.split(args):
            name, _, value = pair.partition("=")
            values[name] = value
    return values


def copies(stage):
    """(sources, destination, from_stage or None) for each COPY in ``stage``."""
    found = []
    for args in (i.args for i in stage if i.keyword == "COPY"):
        words = shlex.split(args)
        options = {w.split("=", 1)[0]: w.partition("=")[2] for w in words if w.startswith("--")}
        paths = [w for w in words if not w.startswith("--")]
        found.append((paths[:-1], paths[-1], options.get("--from")))
    return found
