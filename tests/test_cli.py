"""`python -m service extract`, run as a user would: a subprocess, files made here, exit codes."""

import csv
import io
import json
import os
import pty
import re
import shlex
import subprocess
import sys

import pytest

from helpers.files import make_docx, make_pdf
from helpers.live import ROOT
from service import export, readers

REPORT = "2024年上半年，本项目共销售住宅41套，实现销售收入1.2亿元。其中住户咨询155件。"


def run(*args, stdin=b"", cwd=None, **kwargs):
    streams = kwargs or {"capture_output": True}
    return subprocess.run(
        [sys.executable, "-m", "service", *args],
        input=stdin,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        **streams,
    )


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """A folder with a report in each kind of file the readers take, and a bad one."""
    folder = tmp_path_factory.mktemp("reports")
    files = {
        "a.txt": REPORT.encode(),
        "b.docx": make_docx(REPORT),
        "c.pdf": make_pdf([REPORT]),
        "d.txt": "本月共销售住宅41套。".encode("gbk"),
        "locked.pdf": make_pdf([REPORT], encrypt=("secret", "owner")),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_help_shows_examples_and_exit_codes():
    result = run("extract", "--help")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "python -m service extract report.docx" in out and "--format csv" in out
    assert "exit status" in out


@pytest.mark.parametrize(
    "args, says",
    [
        ((), "COMMAND"),
        (("extract",), "FILE"),
        (("extract", "a.txt", "--format", "xml"), "xml"),
        (("extract", "a.txt", "--kpis", "units_sold,nope"), "unknown KPI nope"),
        (("extract", "-", "-"), "standard input"),
    ],
    ids=["no-command", "no-file", "bad-format", "unknown-kpi", "stdin-twice"],
)
def test_bad_usage_exits_2_saying_why(args, says):
    result = run(*args)
    assert result.returncode == 2 and says in result.stderr.decode()
    assert result.stdout == b""


def test_one_file_prints_the_apis_answer(reports, client):
    result = run("extract", "b.docx", cwd=reports)
    assert result.returncode == 0 and result.stderr == b""
    answer = json.loads(result.stdout)
    api = client.post(
        "/v1/extract", data=(reports / "b.docx").read_bytes(), content_type=readers.DOCX
    ).get_json()
    api["document"]["source"]["filename"] = "b.docx"
    assert answer == api


def test_several_files_are_json_lines_in_order_and_a_bad_one_spares_the_rest(reports):
    result = run(
        "extract",
        "a.txt",
        "missing.txt",
        "b.docx",
        "c.pdf",
        "locked.pdf",
        "d.txt",
        "--kpis",
        "units_sold",
        cwd=reports,
    )
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(r["id"], r["status"]) for r in lines] == [
        ("a.txt", 200),
        ("missing.txt", 404),
        ("b.docx", 200),
        ("c.pdf", 200),
        ("locked.pdf", 422),
        ("d.txt", 200),
    ]
    assert all(
        [(k["name"], k["value"]) for k in r["answer"]["kpis"]] == [("units_sold", 41)]
        for r in lines
        if r["status"] == 200
    )
    assert "encrypted" in lines[4]["error"]["detail"]
    errors = result.stderr.decode().splitlines()
    assert errors == [
        "suanpan: missing.txt: cannot read it: No such file or directory",
        f"suanpan: locked.pdf: {lines[4]['error']['detail']}",
    ]


def test_stdin_in_gbk_is_detected_or_read_as_declared():
    data = REPORT.encode("gbk")
    detected = json.loads(run("extract", "-", stdin=data).stdout)
    declared = json.loads(run("extract", "-", "--encoding", "gbk", stdin=data).stdout)
    assert detected["document"]["text"] == declared["document"]["text"] == REPORT
    assert [w["code"] for w in detected["warnings"]] == ["encoding_detected"]
    assert declared["warnings"] == [] and declared["document"]["source"]["encoding"] == "gbk"


def test_csv_of_several_files_names_the_file_on_each_row(reports):
    result = run("extract", "a.txt", "c.pdf", "missing.txt", "--format", "csv", cwd=reports)
    assert result.returncode == 1 and result.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8-sig"), newline="")))
    assert {r["document"] for r in rows} == {"a.txt", "c.pdf", "missing.txt"}
    assert [r["value"] for r in rows if r["document"] == "c.pdf" and r["name"] == "inquiries"] == ["155"]


def test_csv_of_one_file_is_the_apis_csv(reports):
    result = run("extract", "a.txt", "--format", "csv", cwd=reports)
    assert result.stdout.decode("utf-8").splitlines()[0] == "\ufeff" + ",".join(export.KPI_COLUMNS)


def test_table_aligns_chinese_by_display_width(reports):
    result = run("extract", "a.txt", "--format", "table", cwd=reports)
    assert result.returncode == 0
    heading, header, *rows = result.stdout.decode().strip().splitlines()
    assert heading == "== a.txt (text/plain, utf-8): 3 KPIs"
    evidence_column = header.index("evidence")
    assert rows[2].startswith("inquiries") and rows[2].endswith("其中住户咨询155件")
    assert "120,000,000" in rows[1]
    # Every evidence starts in the same terminal column, counting a CJK character as two.
    from service.cli import _width

    assert {_width(row[: len(row) - len(row.split("  ")[-1])]) for row in rows} == {evidence_column}


def test_progress_bar_only_when_stderr_is_a_terminal(reports):
    names = ["a.txt", "b.docx", "c.pdf", "d.txt"]
    quiet = run("extract", *names, cwd=reports)
    assert quiet.returncode == 0 and quiet.stderr == b""
    leader, follower = pty.openpty()
    try:
        shown = run("extract", *names, cwd=reports, stderr=follower, stdout=subprocess.PIPE)
        os.close(follower)
        follower = None
        bar = os.read(leader, 65536).decode()
    finally:
        os.close(leader)
        if follower is not None:
            os.close(follower)
    assert shown.returncode == 0
    assert "4/4 d.txt" in bar and "[" + "#" * 30 + "]" in bar
    assert len(shown.stdout.decode().splitlines()) == 4


def test_the_readme_example_prints_what_the_readme_shows():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    command, shown = re.search(
        r"```bash\n\.venv/bin/python -m service (extract [^\n]+)\n```\n\n```text\n(.*?)```", text, re.S
    ).groups()
    result = run(*shlex.split(command), cwd=ROOT)
    assert (result.returncode, result.stdout.decode()) == (0, shown + "\n")
