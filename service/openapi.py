"""The OpenAPI document, built from the marshmallow schemas: `python -m service.openapi > openapi.yaml`."""

import sys
from typing import Any
from urllib.parse import quote

import yaml
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from service import engine, errors, export, readers, readiness, schemas, uploads
from service.docs import ASSETS
from service.page import FILES
from service.settings import SETTINGS, defaults

REPORT = (
    "2024年上半年，本项目共销售住宅41套，销售面积4520平方米，实现销售收入1.2亿元，"
    "同比增长15%。其中住户咨询155件。"
)
EXAMPLE_REQUEST_ID = "example"
EXAMPLE_VERSION = f"{engine.__version__}+<digest of the lexicon files>"
JSON = "application/json"
_LIMITS = defaults()

# Requests run against the app when the document is built; each answer becomes the example for
# its path, method and status, so the examples are what the service really says.
RUNS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("/v1/extract", "post", {"json": {"text": REPORT}}),
    ("/v1/extract", "post", {"data": REPORT, "content_type": "text/plain; charset=utf-8"}),
    (
        "/v1/extract",
        "post",
        {"data": readiness.TEXT.encode("gbk"), "content_type": "text/plain; charset=gbk"},
    ),
    ("/v1/extract", "post", {"data": '{"text": "共销售住宅41套', "content_type": JSON}),
    ("/v1/extract", "post", {"data": b"x" * (_LIMITS["MAX_BODY_BYTES"] + 1), "content_type": "text/plain"}),
    ("/v1/extract", "post", {"data": "text=41", "content_type": "application/x-www-form-urlencoded"}),
    ("/v1/extract", "post", {"json": {"txt": REPORT, "options": {"out_of_scope": "no"}}}),
    ("/v1/extract", "post", {"json": {"text": REPORT}, "headers": {"Accept": export.MEDIA_TYPE}}),
    ("/v1/extract?text=" + quote(readiness.TEXT), "get", {}),
    ("/v1/extract?text=" + quote(readiness.TEXT), "get", {"headers": {"Accept": export.MEDIA_TYPE}}),
    ("/v1/extract?text=%FF", "get", {}),
    ("/v1/extract?text=" + "x" * (_LIMITS["MAX_GET_TEXT"] + 1), "get", {}),
    (
        "/v1/extract/batch",
        "post",
        {
            "json": {
                "documents": [{"id": "2024-h1", "text": REPORT}, {"id": "2024-07", "text": readiness.TEXT}]
            }
        },
    ),
    (
        "/v1/extract/batch",
        "post",
        {
            "json": {"documents": [{"id": "2024-h1", "text": REPORT}, {"id": "2024-07", "text": 41}]},
            "headers": {"Accept": export.MEDIA_TYPE},
        },
    ),
    ("/v1/extract/batch", "post", {"json": {"documents": []}}),
    ("/v1/kpis", "get", {}),
    ("/healthz", "get", {}),
    ("/readyz", "get", {}),
    ("/docs/missing.js", "get", {}),
    ("/static/missing.js", "get", {}),
)

PROBLEMS = {
    400: "Malformed JSON, a body or query string that is not valid UTF-8, or a text/plain "
    "body that is not valid in its declared charset (or in any detected one).",
    404: "No such file.",
    413: "The body is larger than SUANPAN_MAX_BODY_BYTES, by its Content-Length or, for a "
    "chunked body, counted while reading it.",
    411: "A body framed neither by Content-Length nor by chunking.",
    415: "A Content-Type not listed for the request body, or a charset other than UTF-8.",
    422: "The request does not match the schema: `errors` says, per field, what is wrong.",
    500: "An unexpected error; the logs have it under the request id.",
    503: "The engine is not loaded, or its self-check report did not give the expected KPI.",
}
FILE_PROBLEMS = {
    "d400": PROBLEMS[400] + " A multipart body that cannot be parsed.",
    "d413": PROBLEMS[413] + " For a file (multipart, Word, PDF, octet-stream), the limit is "
    "SUANPAN_MAX_FILE_BYTES; a .docx whose parts unpack to more than 4 times that (a zip "
    "bomb) and a file whose text is more than SUANPAN_MAX_BODY_BYTES as UTF-8 are "
    "refused too.",
    "d415": "A Content-Type not listed for the request body; a file type not read (an "
    "upload's part type or name, e.g. .doc); a charset Python does not know; or a "
    "charset other than UTF-8 on JSON.",
    "d422": "The request does not match the schema (`errors` says, per field, what is "
    "wrong), or a file that cannot be parsed: a truncated .docx, a zip that is not "
    "Word, a damaged PDF, a PDF encrypted with a password, or one without a text "
    "layer (scanned images).",
}
HEADERS = {
    "X-Request-ID": (
        "The request's id: the caller's X-Request-ID when it is a plain token "
        "(letters, digits, `._:+=/-`, at most 128), otherwise a new one. Logs carry it.",
        True,
    ),
    "ETag": ("Strong validator: a hash of the text, the options and the extractor version.", True),
    "Cache-Control": (
        "`private, no-cache`, or `private, max-age=N` with N from SUANPAN_CACHE_MAX_AGE.",
        True,
    ),
}
DESCRIPTION = f"""\
Reads Chinese business reports and returns their KPIs as JSON, with evidence spans.

Every answer is a pure function of the request and the extractor version. Every error is
`application/problem+json` (RFC 9457). Send `X-Request-ID` to choose the id logs and errors
carry.

Before a request reaches an operation, the server itself may answer it with a problem:
400 (a malformed request line, header or chunked body, or Content-Length with
Transfer-Encoding), 408 (the request did not arrive whole within SUANPAN_READ_TIMEOUT),
414 (a request line over 8190 bytes), 431 (headers too many or too large), 501 (a
transfer coding other than chunked) and 503 (a request still running at the worker
timeout).

Settings (environment variables):

{"".join(f"- `{s.env}` (default {s.shown_default}): {s.meaning}" + chr(10) for s in SETTINGS)}"""


def _content(media, schema, description=None):
    body = {"schema": schema}
    return {media: body if description is None else {**body, "description": description}}


def _answer(description, schema, media=JSON, headers=()):
    return {"description": description, "headers": _headers(headers), "content": _content(media, schema)}


def _or_csv(response, description):
    """``response`` (a 200 in JSON) with CSV as the other media type a client may Accept."""
    csv = _content(export.MEDIA_TYPE, _text(description))
    return {**response, "content": {**response["content"], **csv}}


CSV_ANSWER = (
    "With `Accept: text/csv`: one row per KPI, RFC 4180 (CRLF, quotes doubled), UTF-8 "
    "with a BOM so spreadsheets read Chinese; columns "
    + ", ".join(export.KPI_COLUMNS)
    + ". Empty cells are nulls; a text cell that would "
    "start a formula (=, +, -, @) gets a leading apostrophe."
)
CSV_BATCH = (
    "With `Accept: text/csv`: one row per KPI of every document, the document's id "
    f"first; a document that was not read has one row with its id and the problem's "
    f"detail in `{export.ERROR_COLUMN}`. Otherwise as for POST /v1/extract."
)


def _headers(names):
    return {name: name for name in ("X-Request-ID", *names)}


def _problems(*statuses, **descriptions):
    """Problem responses for ``statuses``, with PROBLEMS' descriptions unless given (``d422=``)."""
    return {
        str(s): {
            "description": descriptions.get(f"d{s}", PROBLEMS[s]),
            "headers": _headers(()),
            "content": _content(errors.MEDIA_TYPE, "Problem"),
        }
        for s in (*statuses, 500)
    }


def _unchanged():
    """The 304 of a file revalidated by its ETag (sent with `Cache-Control: no-cache`)."""
    return {
        "304": {"description": "The copy the If-None-Match tag names is current.", "headers": _headers(())}
    }


def _operation(summary, description, responses, parameters=(), request_body=None):
    operation = {
        "summary": summary,
        "description": description,
        "parameters": [*parameters, "RequestId"],
        "responses": responses,
    }
    if request_body:
        operation["requestBody"] = request_body
    return operation


def _binary(description):
    return {"type": "string", "format": "binary", "description": description}


def _text(description):
    return {"type": "string", "description": description}


def paths():
    """Every path and operation, with all the status codes each can answer."""
    extraction = _or_csv(_answer("The engine's answer.", "Extraction", headers=("ETag",)), CSV_ANSWER)
    return {
        "/v1/extract": {
            "get": _operation(
                "Read a short report given in the query string",
                "For dashboards and curl. Conditional: send the ETag back in If-None-Match "
                "and an unchanged answer is a 304 with no body.",
                {
                    "200": _or_csv(
                        _answer("The engine's answer.", "Extraction", headers=("ETag", "Cache-Control")),
                        CSV_ANSWER,
                    ),
                    "304": {
                        "description": "The answer the If-None-Match tag names is current.",
                        "headers": _headers(("ETag", "Cache-Control")),
                    },
                    **_problems(400, 422, d400="The query string is not valid UTF-8."),
                },
                [{"in": "query", "schema": schemas.ExtractQuery}],
            ),
            "post": _operation(
                "Read a report",
                "The body is the report as `text/plain`, JSON with `text` and `options`, or a "
                "file: a multipart/form-data upload with a `file` field, or a raw Word or PDF "
                "body. Options may also be given in the query string; with a JSON body, its "
                "`options` win where both name the same option. For a file, the answer "
                "carries `document.text` (what the offsets index) and `document.source`; a "
                "Word table row is one line with its cells separated by tabs.",
                {"200": extraction, **_problems(400, 411, 413, 415, 422, **FILE_PROBLEMS)},
                [{"in": "query", "schema": schemas.OptionsQuery}],
                {
                    "required": True,
                    "content": {
                        **_content(JSON, "ExtractRequest"),
                        **_content(
                            "text/plain",
                            _text(
                                "The report as text. In UTF-8 (with or without charset=utf-8) offsets "
                                "index the body as sent; any other declared charset (`gbk`, "
                                "`gb18030`, `big5`, `utf-16`) is decoded, and without one a body that "
                                "is not UTF-8 is read by its byte order mark or by detection (a "
                                "warning says so). Then the answer carries `document.text`."
                            ),
                        ),
                        **_content(
                            uploads.MULTIPART,
                            {
                                "type": "object",
                                "required": [uploads.FIELD],
                                "properties": {
                                    uploads.FIELD: _binary(
                                        "The report: .docx, .pdf or .txt, told by the part's Content-Type, "
                                        "else its file name, else its first bytes."
                                    )
                                },
                            },
                        ),
                        **_content(readers.DOCX, _binary("A Word report.")),
                        **_content(readers.PDF, _binary("A PDF report with a text layer.")),
                        **_content(
                            readers.OCTET_STREAM,
                            _binary("A .docx, .pdf or text file, told by its first bytes."),
                        ),
                    },
                },
            ),
        },
        "/v1/extract/batch": {
            "post": _operation(
                "Read several reports",
                "Results come in the order sent, with their ids. An invalid document gets its own "
                "error entry (status 422) and the others are still read.",
                {
                    "200": _or_csv(_answer("One result per document.", "BatchResponse"), CSV_BATCH),
                    **_problems(
                        400,
                        411,
                        413,
                        415,
                        422,
                        d422="Not a list of 1 to SUANPAN_MAX_BATCH documents, or bad options.",
                    ),
                },
                request_body={"required": True, "content": _content("application/json", "BatchRequest")},
            )
        },
        "/v1/kpis": {
            "get": _operation(
                "List the KPIs",
                "The taxonomy: the names answers use and `kpis` accepts.",
                {"200": _answer("The KPIs.", "KpiList"), **_problems()},
            )
        },
        "/healthz": {
            "get": _operation(
                "Liveness", "The process answers.", {"200": _answer("Alive.", "Health"), **_problems()}
            )
        },
        "/readyz": {
            "get": _operation(
                "Readiness",
                f"The engine is loaded and reads KPI {readiness.EXPECTED['name']} = "
                f"{readiness.EXPECTED['value']} from the self-check report {readiness.TEXT!r}.",
                {"200": _answer("Ready.", "Readiness"), **_problems(503)},
            )
        },
        "/metrics": {
            "get": _operation(
                "Prometheus metrics",
                "Requests and latency by route and status; documents, "
                "characters and KPIs by name. Right across gunicorn workers when "
                "PROMETHEUS_MULTIPROC_DIR is set.",
                {"200": _answer("Prometheus text format.", _text("Metrics."), "text/plain"), **_problems()},
            )
        },
        "/openapi.yaml": {
            "get": _operation(
                "This document, as YAML",
                "The contract.",
                {"200": _answer("OpenAPI 3.0.", {"type": "object"}, "application/yaml"), **_problems()},
            )
        },
        "/openapi.json": {
            "get": _operation(
                "This document, as JSON",
                "The contract.",
                {"200": _answer("OpenAPI 3.0.", {"type": "object"}), **_problems()},
            )
        },
        "/docs": {
            "get": _operation(
                "Interactive docs",
                "Swagger UI, served from the installed swagger-ui-bundle.",
                {"200": _answer("The page.", _text("HTML."), "text/html"), **_problems()},
            )
        },
        "/docs/{name}": {
            "get": _operation(
                "A file of the docs page",
                f"One of: {', '.join(ASSETS)}.",
                {
                    "200": {
                        "description": "The file.",
                        "headers": _headers(()),
                        "content": {
                            **_content("text/css", _text("Style sheet.")),
                            **_content("text/javascript", _text("Script.")),
                            **_content("image/png", {"type": "string", "format": "binary"}),
                        },
                    },
                    **_problems(404),
                },
                [{"in": "path", "name": "name", "required": True, "schema": {"type": "string"}}],
            )
        },
        "/": {
            "get": _operation(
                "A page to read a report",
                "Paste a report or drop a file: the text with every figure highlighted by KPI, "
                "the KPIs, the breakdowns and the warnings, and the answer as JSON or CSV. Plain "
                "HTML, CSS and JavaScript from /static/, no inline script or style.",
                {"200": _answer("The page.", _text("HTML."), "text/html"), **_unchanged(), **_problems()},
            )
        },
        "/static/{name}": {
            "get": _operation(
                "A file of the page",
                f"One of: {', '.join(FILES)}.",
                {
                    "200": {
                        "description": "The file.",
                        "headers": _headers(()),
                        "content": {
                            **_content("text/css", _text("Style sheet.")),
                            **_content("text/javascript", _text("Script.")),
                            **_content("image/svg+xml", _text("Icon.")),
                        },
                    },
                    **_unchanged(),
                    **_problems(404),
                },
                [{"in": "path", "name": "name", "required": True, "schema": {"type": "string"}}],
            )
        },
    }


def _documented_path(url, document):
    """The documented path a URL falls under (``/docs/x.js`` → ``/docs/{name}``)."""
    path = url.split("?")[0]
    if path in document["paths"]:
        return path
    return next(p for p in document["paths"] if "{" in p and path.startswith(p.split("{")[0]))


def add_examples(document):
    """Run RUNS against a fresh app; each first answer per path, method and status is its example.

    The first JSON body sent to each operation becomes its request example.
    """
    from service.app import create_app  # Flask is needed to build the document, not to import it

    client = create_app({"TESTING": True}).test_client()
    for url, method, kwargs in RUNS:
        kwargs = dict(kwargs)
        headers = {"X-Request-ID": EXAMPLE_REQUEST_ID, **kwargs.pop("headers", {})}
        response = client.open(url, method=method.upper(), headers=headers, **kwargs)
        if response.status_code == 500:
            raise RuntimeError(f"{method.upper()} {url} answered 500: {response.get_data()!r}")
        operation = document["paths"][_documented_path(url, document)][method]
        answer = operation["responses"][str(response.status_code)].get("content", {})
        if response.is_json:
            answer[response.mimetype].setdefault("example", response.get_json())
        elif response.mimetype == export.MEDIA_TYPE:
            answer[response.mimetype].setdefault("example", response.get_data(as_text=True))
        if "json" in kwargs:
            operation["requestBody"]["content"][JSON].setdefault("example", kwargs["json"])
    document["paths"]["/v1/extract"]["post"]["requestBody"]["content"]["text/plain"]["example"] = REPORT
    _generic_version(document["paths"], engine.version())


def _generic_version(node, version):
    """Examples show the version's form, not this lexicon's digest: the document then changes
    with the contract, not with every edit of a word list."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if value == version:
            node[key] = EXAMPLE_VERSION
        elif isinstance(value, (dict, list)):
            _generic_version(value, version)


def _any_document(document):
    """A batch takes any item: one that is not a BatchDocument gets its own 422 result.

    So the request is valid whatever its items are, and the spec says so; the item's
    shape is still named for clients, and the answer documents what happens to a bad one.
    """
    documents = document["components"]["schemas"]["BatchRequest"]["properties"]["documents"]
    documents["items"] = {
        "anyOf": [documents["items"], {}],
        "description": (
            "A BatchDocument. An item that is not one is answered in its own result with "
            "status 422 and the reasons in `error.errors`; the other documents are still read."
        ),
    }


def build():
    """The OpenAPI document as a dict."""
    spec = APISpec(
        title="suanpan",
        version=engine.__version__,
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={"description": DESCRIPTION},
    )
    for name, (description, required) in HEADERS.items():
        spec.components.header(
            name, {"description": description, "required": required, "schema": {"type": "string"}}
        )
    spec.components.parameter(
        "RequestId",
        "header",
        {
            "name": "X-Request-ID",
            "required": False,
            "schema": {"type": "string"},
            "description": "Your id for the request, echoed back and logged (see the header).",
        },
    )
    for schema in (
        schemas.Problem,
        schemas.Extraction,
        schemas.ExtractRequest,
        schemas.BatchRequest,
        schemas.BatchResponse,
        schemas.KpiList,
        schemas.Health,
        schemas.Readiness,
    ):
        spec.components.schema(schema.__name__, schema=schema)
    for path, operations in paths().items():
        spec.path(path=path, operations=operations)
    document = spec.to_dict()
    _any_document(document)
    add_examples(document)
    return document


def to_yaml(document):
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


if __name__ == "__main__":
    sys.stdout.write(to_yaml(build()))
