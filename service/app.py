"""The Flask app factory: settings first, then logs, metrics, errors and the routes."""

import os
import re

import orjson
from flask import Flask, request
from flask.json.provider import DefaultJSONProvider

from service import api, docs, errors, logs, metrics, page, settings
from service.engine import extract

_SURROGATE = re.compile("[\ud800-\udfff]")
# On every answer, the app's and the worker's (service/worker.py): an API answers JSON that
# no page should sniff, frame or load resources for; /docs widens the policy for Swagger UI.
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
)


class JsonProvider(DefaultJSONProvider):
    """JSON with Chinese as is, and lone surrogates (valid in a request's escapes) escaped.

    A lone surrogate cannot be encoded as UTF-8, and outside strings JSON has none, so
    escaping each one gives what ``ensure_ascii`` would have, for that character only.
    Answers are written by orjson (UTF-8 as is, keys sorted, as the standard encoder here
    writes them) at a tenth of the cost; what orjson refuses (a lone surrogate, an integer
    past 64 bits, a type it does not know) goes the standard way.
    """

    ensure_ascii = False

    def response(self, *args, **kwargs):
        if self.compact is False or (self.compact is None and self._app.debug):
            return super().response(*args, **kwargs)
        obj = self._prepare_response_obj(args, kwargs)
        try:
            data = orjson.dumps(obj, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
        except (orjson.JSONEncodeError, TypeError):
            return super().response(*args, **kwargs)
        return self._app.response_class(data, mimetype=self.mimetype)

    def dumps(self, obj, **kwargs):
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", super().dumps(obj, **kwargs))


_SECURITY = tuple((name.lower(), name, value) for name, value in SECURITY_HEADERS)


def _secure(response):
    """Each security header the view has not set itself (/docs sets its own policy)."""
    headers = response.headers
    present = {name.lower() for name in headers.keys()}  # one pass, not a look-up per header
    for key, name, value in _SECURITY:
        if key not in present:
            headers.add(name, value)
    return response


def _options(response):
    """OPTIONS is answered as the others are: Allow says the methods, and no empty HTML body."""
    if request.method == "OPTIONS" and response.status_code == 200 and "Allow" in response.headers:
        response.status_code = 204
        response.set_data(b"")
        del response.headers["Content-Type"]
    return response


def create_app(test_config=None):
    """Build the app: defaults, overridden by SUANPAN_* variables, overridden by ``test_config``."""
    app = Flask(__name__, static_folder=None)
    app.json = JsonProvider(app)
    app.config.from_mapping(settings.defaults())
    app.config.from_mapping(settings.from_environ(os.environ))
    if test_config:
        app.config.from_mapping(test_config)
    # Werkzeug's own limit guards anything that reads the body its way; body.raw() enforces ours.
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_BODY_BYTES"]
    logs.init_app(app)
    metrics.init_app(app)
    errors.init_app(app)
    app.after_request(_options)
    app.after_request(_secure)
    app.register_blueprint(api.bp)
    app.register_blueprint(docs.bp)
    app.register_blueprint(page.bp)
    # Load the engine's lexicon now: under preload_app the master does it once for all workers.
    extract("共销售住宅41套。")
    return app
