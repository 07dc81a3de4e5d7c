"""Answers as CSV for dashboards and spreadsheets: one row per KPI (RFC 4180, UTF-8 with BOM).

Used by the API (``Accept: text/csv``) and the command line (``--format csv``). Plain Python.
"""

import csv
import io
import re

MEDIA_TYPE = "text/csv"
# RFC 4180's optional `header` parameter: the first row names the columns.
CONTENT_TYPE = "text/csv; charset=utf-8; header=present"
BOM = "\ufeff"
# The KPI fields, in column order. `direction` and `part_of` are read with .get(): they are
# empty in answers of an engine that does not give them.
KPI_COLUMNS = (
    "name",
    "value",
    "unit",
    "direction",
    "qualifier",
    "min",
    "max",
    "period",
    "label",
    "part_of",
    "start",
    "end",
    "evidence",
)
DOCUMENT_COLUMN = "document"
# A document of a batch (or a file of the command line) that could not be read gets one row
# with its id and the problem's detail here, so it is not silently missing from a sheet.
ERROR_COLUMN = "error"
# A cell starting with one of these is a formula to a spreadsheet (CSV injection); text cells
# that do get a leading apostrophe. Numbers are written by us, never quoted from the report.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_COLUMNS = {
    "name",
    "unit",
    "direction",
    "qualifier",
    "period",
    "label",
    "part_of",
    "evidence",
    DOCUMENT_COLUMN,
    ERROR_COLUMN,
}


def _cell(column, value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if column in _TEXT_COLUMNS and text.startswith(_FORMULA_START):
        text = "'" + text
    # A lone surrogate (valid in a JSON request's escapes) cannot be written as UTF-8.
    return _SURROGATE.sub("\ufffd", text)


def kpi_rows(answer):
    """The KPIs of one answer as dicts of KPI_COLUMNS, in the answer's order."""
    return [{column: kpi.get(column) for column in KPI_COLUMNS} for kpi in answer["kpis"]]


def answer_csv(answer):
    """One answer as CSV text (with BOM): a header, then one row per KPI."""
    return _write(KPI_COLUMNS, ({c: row[c] for c in KPI_COLUMNS} for row in kpi_rows(answer)))


def documents_csv(results):
    """Several documents as one CSV text (with BOM), rows prefixed by the document's id.

    ``results`` are ``(id, answer, error)`` triples: ``answer`` an extraction or None,
    ``error`` None or the words saying why the document was not read.
    """
    columns = (DOCUMENT_COLUMN, *KPI_COLUMNS, ERROR_COLUMN)

    def rows():
        for document_id, answer, error in results:
            if answer is None:
                yield {DOCUMENT_COLUMN: document_id, ERROR_COLUMN: error}
                continue
            for row in kpi_rows(answer):
                yield {DOCUMENT_COLUMN: document_id, **row}

    return _write(columns, rows())


def batch_csv(batch):
    """A POST /v1/extract/batch answer (``{"results": [...]}``) as CSV text."""
    return documents_csv(
        (r["id"], r.get("answer"), r.get("error", {}).get("detail")) for r in batch["results"]
    )


def _write(columns, rows):
    out = io.StringIO()
    out.write(BOM)
    # The csv module's defaults are RFC 4180: CRLF line ends, fields with a comma, quote or
    # line break quoted, quotes doubled.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(c, row.get(c)) for c in columns])
    return out.getvalue()


def encode(text):
    """CSV text as the bytes sent: UTF-8 (the BOM is already its first character)."""
    return text.encode("utf-8")
