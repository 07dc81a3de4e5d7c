"""Schemathesis against the app: generated requests, valid and not, get no 500 and no answer off the spec."""

from pathlib import Path

import pytest
import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance

from service import create_app, readers, uploads

SPEC = Path(__file__).resolve().parent.parent / "openapi.yaml"

CONFIG = schemathesis.Config.from_dict(
    {
        # Bounded and repeatable: a few minutes at most, the same cases on every run.
        "generation": {"max-examples": 100, "deterministic": True, "database": "none"},
        "phases": {"stateful": {"enabled": False}},
        "checks": {
            # /readyz may answer 503 by design (documented); every other 5xx is still a failure.
            "not_a_server_error": {"expected-statuses": ["2xx", "3xx", "4xx", "503"]},
        },
    }
)


# Word and PDF bodies are bytes, sent as schemathesis sends application/octet-stream.
schemathesis.serializer.alias([readers.DOCX, readers.PDF], "application/octet-stream")
schema = schemathesis.openapi.from_path(SPEC, config=CONFIG)


def stated_length(wsgi_app):
    """Content-Length 0 for an empty body, as any HTTP client sends it.

    Werkzeug's test client leaves the header out when the body is empty; the service
    answers a POST framed neither by length nor by chunking with 411.
    """

    def app(environ, start_response):
        if "CONTENT_LENGTH" not in environ and "HTTP_TRANSFER_ENCODING" not in environ:
            environ["CONTENT_LENGTH"] = "0"
        return wsgi_app(environ, start_response)

    return app


@pytest.fixture(scope="module")
def shared_app():
    """One app for all generated cases: it is stateless, bar its metrics counters."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)  # count in this process
        app = create_app({"TESTING": True})
        app.wsgi_app = stated_length(app.wsgi_app)
        yield app


@schema.parametrize()
def test_generated_requests_get_documented_answers(case, shared_app):
    # A file body's schema is "binary": random bytes fit it, yet are not a Word, PDF or text
    # file, so rejecting them (documented 4xx) is right; every other check still runs.
    files = case.media_type and case.media_type.split(";")[0] in uploads.TYPES
    case.call_and_validate(app=shared_app, excluded_checks=[positive_data_acceptance] if files else None)
