"""One application/problem+json envelope (RFC 9457) for every error the service answers."""

import logging
import traceback

from flask import current_app, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from service import logs

MEDIA_TYPE = "application/problem+json"
LOG = logging.getLogger("suanpan.error")
# Problem kinds a client may want to tell apart; the rest are `about:blank` with the status title.
KINDS = {
    "malformed-json": "Malformed JSON",
    "invalid-utf8": "Not valid UTF-8",
    "validation-error": "Request does not match the schema",
    "not-ready": "Engine self-check failed",
    "unreadable-file": "File cannot be read",
    "undecodable-text": "Text not valid in its charset",
    "too-many-mentions": "Too many mentions for one answer",
}
INTERNAL_DETAIL = "The server met an unexpected error; quote the request id when you report it."


class Problem(HTTPException):
    """An HTTP error with a problem kind and per-field errors, raised by views and helpers."""

    def __init__(self, status, detail, kind=None, errors=None):
        super().__init__(description=detail)
        self.code = status
        self.kind = kind
        self.errors = errors


def body(status, detail, kind=None, errors=None, request_id=None):
    """The problem document for ``status`` as a dict."""
    problem = {
        "type": f"urn:suanpan:problem:{kind}" if kind else "about:blank",
        "title": KINDS[kind] if kind else HTTP_STATUS_CODES[status],
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        problem["errors"] = errors
    if request_id is not None:
        problem["request_id"] = request_id
    return problem


def validation_body(messages, detail="The request does not match the schema; see `errors`."):
    """The 422 problem document for marshmallow's error messages."""
    return body(422, detail, "validation-error", messages)


def response(problem, headers=()):
    """A problem dict as a response, with this request's id inside."""
    problem = {**problem, "request_id": logs.request_id()}
    return current_app.response_class(
        current_app.json.dumps(problem), problem["status"], headers=list(headers), mimetype=MEDIA_TYPE
    )


def log_unexpected(error, **fields):
    """Log an unexpected exception with the request id: its type and frames, never its message.

    The message is left out because it may quote the report (``ValueError(text)``).
    """
    LOG.error(
        "unexpected error",
        extra={
            "fields": {
                "request_id": logs.request_id(),
                "method": request.method,
                "path": request.path,
                "error": type(error).__qualname__,
                "traceback": "".join(traceback.format_tb(error.__traceback__)),
                **fields,
            }
        },
    )


def _http_error(error):
    # Keep headers such as Allow (405); the content type is ours.
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return response(
        body(error.code, error.description, getattr(error, "kind", None), getattr(error, "errors", None)),
        headers,
    )


def _validation_error(error):
    return response(validation_body(error.normalized_messages()))


def _unexpected(error):
    log_unexpected(error)
    return response(body(500, INTERNAL_DETAIL))


def init_app(app):
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(ValidationError, _validation_error)
    app.register_error_handler(Exception, _unexpected)
