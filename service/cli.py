"""The command line: `python -m service extract FILE...` runs the engine in-process on files.

The files are read by service/readers.py, as the API reads uploads; answers are the API's
JSON, its CSV (service/export.py), or a table for a terminal.
"""

import argparse
import json
import os
import sys
import unicodedata

from service import engine, errors, export, readers, settings

EXAMPLES = """\
examples:
  python -m service extract report.docx
      the answer as JSON, as POST /v1/extract gives it (with document.text and .source)
  python -m service extract *.pdf *.docx --format csv > kpis.csv
      one CSV for all the files, one row per KPI, the file name first
  python -m service extract a.txt b.txt --kpis units_sold,sales_value
      JSON Lines, one line per file ({"id", "status", "answer" or "error"}, as a batch)
  iconv -t GBK report.txt | python -m service extract - --format table
      the report from standard input (any encoding: declared with --encoding, else detected)

exit status: 0 when every file was read, 1 when some could not be (the others are still
done, and each failure is said on stderr), 2 for bad usage.
"""
PROGRESS_FROM = 4  # files; fewer finish before a bar would be worth drawing


def parser():
    main = argparse.ArgumentParser(
        prog="python -m service", description="suanpan: KPIs from Chinese business reports."
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract",
        help="read report files and print their KPIs",
        description="Read report files (.docx, .pdf, .txt in UTF-8, GB18030/GBK, Big5 or "
        "UTF-16) and print what the engine finds.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument("files", nargs="+", metavar="FILE", help="a report file, or - for standard input")
    extract.add_argument(
        "--format",
        choices=("json", "csv", "table"),
        default="json",
        help="JSON (JSON Lines for several files; the default), CSV, or a table for the terminal",
    )
    extract.add_argument(
        "--kpis",
        type=_kpi_names,
        metavar="NAME,...",
        help="report only these KPIs (names as GET /v1/kpis lists them)",
    )
    extract.add_argument(
        "--encoding", metavar="CHARSET", help="the charset of text files (default: detected)"
    )
    return main


def _kpi_names(value):
    names = [name.strip() for name in value.split(",") if name.strip()]
    known = {kpi["name"] for kpi in engine.taxonomy()}
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown KPI {', '.join(unknown) or '(none given)'}; known: {', '.join(sorted(known))}"
        )
    return names


def main(argv=None):
    arguments = parser().parse_args(argv)
    if arguments.files.count("-") > 1:
        parser().error("standard input (-) can be read once")
    try:
        config = {**settings.defaults(), **settings.from_environ(os.environ)}
    except ValueError as error:
        parser().error(str(error))
    limits = readers.Limits.of(config["MAX_FILE_BYTES"], config["MAX_BODY_BYTES"])
    options = {"kpis": arguments.kpis} if arguments.kpis else {}
    progress = Progress(len(arguments.files))
    results = []
    for name in arguments.files:
        results.append(_result(name, arguments.encoding, options, limits, progress))
        progress.step(name)
    progress.done()
    try:
        sys.stdout.write(render(results, arguments.format))
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader has all it wanted
        sys.stderr.close()
    return 1 if any(r["status"] != 200 for r in results) else 0


def _result(name, encoding, options, limits, progress):
    """One file as a batch result: ``{"id", "status", "answer"}`` or ``{..., "error"}``."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else _read_file(name)
        document = readers.read(data, charset=encoding, limits=limits, filename=None if name == "-" else name)
    except readers.ReadError as error:
        return _failure(name, error.status, str(error), error.kind, progress)
    except OSError as error:
        return _failure(
            name,
            404 if isinstance(error, FileNotFoundError) else 400,
            f"cannot read it: {error.strerror or error}",
            None,
            progress,
        )
    answer = readers.annotate(engine.extract(document.text, options=options), document)
    return {"id": name, "status": 200, "answer": answer}


def _read_file(name):
    with open(name, "rb") as file:
        return file.read()


def _failure(name, status, detail, kind, progress):
    progress.say(f"suanpan: {name}: {detail}")
    return {"id": name, "status": status, "error": errors.body(status, detail, kind)}


def render(results, form):
    if form == "csv":
        if len(results) == 1 and results[0]["status"] == 200:
            return export.answer_csv(results[0]["answer"])
        return export.batch_csv({"results": results})
    if form == "table":
        return "".join(_table(result) for result in results)
    if len(results) == 1:
        return json.dumps(results[0].get("answer", results[0]), ensure_ascii=False, indent=2) + "\n"
    return "".join(json.dumps(result, ensure_ascii=False) + "\n" for result in results)


# ---- a table for the terminal -----------------------------------------------------------

TABLE_COLUMNS = ("name", "value", "unit", "direction", "qualifier", "period", "label", "part_of", "evidence")
OPTIONAL_COLUMNS = {"direction", "part_of"}  # shown when some KPI has one


def _table(result):
    if result["status"] != 200:
        return f"== {result['id']}: not read: {result['error']['detail']}\n\n"
    answer = result["answer"]
    source = answer["document"]["source"]
    about = ", ".join(
        str(source[key]) + (f" {key}" if key in ("pages", "paragraphs") else "")
        for key in ("media_type", "encoding", "pages", "paragraphs")
        if source[key] is not None
    )
    columns = tuple(
        c
        for c in TABLE_COLUMNS
        if c not in OPTIONAL_COLUMNS or any(kpi.get(c) is not None for kpi in answer["kpis"])
    )
    rows = [columns] + [tuple(_shown(kpi, column) for column in columns) for kpi in answer["kpis"]]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(columns))]
    lines = [f"== {result['id']} ({about}): {len(answer['kpis'])} KPIs"]
    for row in rows:
        lines.append(
            "  ".join(
                cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=True)
            ).rstrip()
        )
    lines.extend(f"warning: {w['code']}: {w['message']}" for w in answer["warnings"])
    return "\n".join(lines) + "\n\n"


def _shown(kpi, column):
    if column == "value" and kpi["value"] is None and kpi.get("min") is not None:
        return f"{_number(kpi['min'])}–{_number(kpi['max'])}"
    value = kpi.get(column)
    if value is None:
        return ""
    return _number(value) if column == "value" else " ".join(str(value).split())


def _number(value):
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"


def _width(text):
    """Columns ``text`` takes in a terminal: two for wide (CJK) characters."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# ---- progress -----------------------------------------------------------------------------


class Progress:
    """A bar on stderr for more than a few files, only when stderr is a terminal."""

    def __init__(self, total, stream=None):
        self.stream = stream or sys.stderr
        self.total, self.count = total, 0
        self.shown = total >= PROGRESS_FROM and self.stream.isatty()

    def step(self, name):
        self.count += 1
        if self.shown:
            filled = 30 * self.count // self.total
            self.stream.write(
                f"\r\033[K[{'#' * filled}{'.' * (30 - filled)}] {self.count}/{self.total} {name}"
            )
            self.stream.flush()

    def say(self, message):
        """A line on stderr, clearing the bar first."""
        self.stream.write(("\r\033[K" if self.shown else "") + message + "\n")

    def done(self):
        if self.shown:
            self.stream.write("\n")
