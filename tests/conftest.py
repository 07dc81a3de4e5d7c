"""Fixtures: the app, a client whose every answer is checked against openapi.yaml, and the logs."""

import io
import json
import logging
from pathlib import Path

import pytest
import yaml
from flask.testing import FlaskClient
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound, ServerNotFound
from openapi_schema_validator import OAS30Validator
from werkzeug.test import EnvironBuilder, run_wsgi_app
from werkzeug.wrappers import Request, Response

from service import create_app, engine
from service.errors import MEDIA_TYPE
from service.logs import JsonFormatter

SPEC = Path(__file__).resolve().parent.parent / "openapi.yaml"


def _text(data):
    return data.decode("utf-8")


@pytest.fixture(scope="session")
def contract():
    # openapi-core knows application/json only; our other media types are read here.
    readers = {
        MEDIA_TYPE: json.loads,
        "application/yaml": yaml.safe_load,
        "text/html": _text,
        "text/css": _text,
        "text/javascript": _text,
        "text/csv": _text,
        "image/png": bytes,
        "image/svg+xml": _text,
    }
    return OpenAPI.from_file_path(str(SPEC), config=Config(extra_media_type_deserializers=readers))


def check_against_contract(contract, request, response):
    """Fail unless ``response`` is what openapi.yaml promises for ``request``.

    Paths and methods the document does not have (404, 405) must still answer a problem.
    """
    # The app has read the body; response validation needs the method, path and query only.
    request = Request({**request.environ, "wsgi.input": io.BytesIO(), "CONTENT_LENGTH": "0"})
    try:
        contract.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response))
    # ServerNotFound too: openapi-core takes any URL ending in "/" for the page at "/" (it
    # matches paths by suffix), then finds no server under which it is that path.
    except (PathNotFound, OperationNotFound, ServerNotFound):
        assert response.status_code in (404, 405), response.status_code
        assert response.mimetype == MEDIA_TYPE
        problem = (contract.spec / "components" / "schemas" / "Problem").read_value()
        OAS30Validator(problem).validate(response.get_json())


class ContractClient(FlaskClient):
    """A test client that checks every response against openapi.yaml."""

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract

    def open(self, *args, **kwargs):
        # Buffered: the body is read (and files the app opened are closed) before checking it.
        response = super().open(*args, buffered=True, **kwargs)
        check_against_contract(self.contract, response.request, response)
        return response

    def stream(self, environ):
        """Send a prepared environ as a server would (e.g. a chunked body with no length)."""
        body, status, headers = run_wsgi_app(self.application, environ, buffered=True)
        response = Response(body, status, headers)
        check_against_contract(self.contract, Request(environ), response)
        return response


@pytest.fixture(autouse=True)
def _metrics_in_this_process(monkeypatch):
    """Each test starts without PROMETHEUS_MULTIPROC_DIR; tests of multiprocess mode set it.

    Running gunicorn.conf.py in-process sets it (to a directory it removes on exit), and an
    app built while it is set would count into that directory.
    """
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)


@pytest.fixture
def app():
    return create_app({"TESTING": True})


@pytest.fixture
def client(app, contract):
    app.test_client_class = ContractClient
    return app.test_client(contract=contract)


def chunked_environ(path, data, content_type="text/plain; charset=utf-8"):
    """A WSGI environ as gunicorn gives for a chunked body: no Content-Length, input terminated."""
    environ = EnvironBuilder(path=path, method="POST", content_type=content_type).get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ.update(
        {"wsgi.input": io.BytesIO(data), "wsgi.input_terminated": True, "HTTP_TRANSFER_ENCODING": "chunked"}
    )
    return environ


class LogCapture(logging.Handler):
    """Keeps the JSON lines the ``suanpan`` loggers write, as they would reach stderr."""

    def __init__(self):
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))

    def of(self, logger):
        """The lines of ``logger``, parsed."""
        return [line for line in map(json.loads, self.lines) if line["logger"] == logger]


@pytest.fixture
def logs(app):
    capture = LogCapture()
    logger = logging.getLogger("suanpan")
    logger.addHandler(capture)
    yield capture
    logger.removeHandler(capture)


def kpi(name, value, start=0, text="41套"):
    """A KPI as the engine's contract shapes it, for fakes of the engine."""
    return {
        "name": name,
        "value": value,
        "min": None,
        "max": None,
        "unit": "套",
        "dimension": "count",
        "qualifier": "exact",
        "mention": "m1",
        "start": start,
        "end": start + len(text),
        "label": None,
        "period": None,
        "section": 0,
        "evidence": text,
        "direction": None,
        "part_of": None,
    }


@pytest.fixture
def fake_engine(monkeypatch):
    """Make the engine answer its real (empty) shape plus the KPIs given, or raise what is given."""
    real = engine.extract

    def install(*kpis, raises=None):
        def extract(text, options=None, **_):
            if raises is not None:
                raise raises
            return {**real(text), "kpis": list(kpis)}

        monkeypatch.setattr(engine, "extract", extract)

    return install


@pytest.fixture
def taxonomy(monkeypatch):
    """A fixed two-KPI taxonomy, for tests of how the API uses it (not of its contents)."""
    kpis = [
        {
            "name": "units_sold",
            "description": "Units sold.",
            "dimensions": ["count"],
            "units": ["套", "台"],
            "keywords": ["销售"],
        },
        {
            "name": "revenue",
            "description": "Revenue.",
            "dimensions": ["currency"],
            "units": None,
            "keywords": ["收入"],
        },
    ]
    # raising=False: the fixture also works while the engine has no taxonomy() yet.
    monkeypatch.setattr(engine, "taxonomy", lambda: kpis, raising=False)
    return kpis


# ---- the shared corpus beside the repository (tests/helpers/shared.py) ------------------------


def pytest_report_header(config):
    from helpers.shared import ENV, SHARED

    return f"shared corpus: {SHARED} ({'found' if SHARED.is_dir() else 'MISSING'}; {ENV} to move)"


def pytest_terminal_summary(terminalreporter):
    """One loud line when tests were skipped for want of the shared corpus, with their count.

    Those skips leave the `-ra` list (one line per test location would bury the point) and
    are counted apart on the last line: "…, 138 skipped: no shared corpus".
    """
    from helpers.shared import REASON

    stats = terminalreporter.stats
    skipped = [
        report
        for report in stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and REASON in report.longrepr[2]
    ]
    if skipped:
        stats["skipped"] = [report for report in stats["skipped"] if report not in skipped]
        stats["skipped: no shared corpus"] = skipped
        terminalreporter.write_sep(
            "!",
            f"SKIPPED {len(skipped)} tests: {REASON}; see README.md, 'The shared corpus'",
            red=True,
            bold=True,
        )
