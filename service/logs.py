"""JSON-line logs and the request id: one access line per request, never the report text."""

import json
import logging
import re
import secrets
import sys
import time
from datetime import UTC, datetime

from flask import g, request

ACCESS = logging.getLogger("suanpan.access")
# Echoed into headers and logs as given, so only a plain token is kept; anything else is replaced.
_TRUSTED_ID = re.compile(r"[A-Za-z0-9._:+=/-]{1,128}\Z")


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message and the record's ``fields``."""

    def format(self, record):
        line = {
            "ts": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(getattr(record, "fields", {}))
        return json.dumps(line, ensure_ascii=False, default=str)


class _StderrHandler(logging.StreamHandler):
    """Writes to sys.stderr as it is at each record, so test capture and reopened streams work."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


def configure(level):
    """Send the ``suanpan`` loggers to stderr as JSON lines at ``level`` (once per process)."""
    root = logging.getLogger("suanpan")
    root.setLevel(level)
    # Own handler, no propagation: a root handler set by a host would print every line twice.
    root.propagate = False
    if not any(isinstance(h, _StderrHandler) for h in root.handlers):
        handler = _StderrHandler()
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)


def request_id():
    """This request's id: the caller's X-Request-ID when it is a plain token, else a new one."""
    if "request_id" not in g:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _TRUSTED_ID.match(given) else secrets.token_hex(16)
    return g.request_id


def elapsed_seconds():
    """Seconds since this request started."""
    return time.perf_counter() - g.get("started", time.perf_counter())


def _start():
    g.started = time.perf_counter()
    request_id()


def _finish(response):
    rid = request_id()
    response.headers["X-Request-ID"] = rid
    req = request._get_current_object()  # one proxy look-up, not one per attribute
    # request.path, not the URL: a GET query string carries report text.
    ACCESS.info(
        "request",
        extra={
            "fields": {
                "method": req.method,
                "path": req.path,
                "status": response.status_code,
                "duration_ms": round(elapsed_seconds() * 1000, 3),
                "bytes": response.content_length,
                "request_id": rid,
            }
        },
    )
    return response


def init_app(app):
    configure(app.config["LOG_LEVEL"])
    app.before_request(_start)
    app.after_request(_finish)
