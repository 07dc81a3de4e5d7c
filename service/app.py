"""The Flask app factory: settings first, then logs, metrics, errors and the routes."""
import os
import re

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from service import api, docs, errors, logs, metrics, page, settings
from service.engine import extract

_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonProvider(DefaultJSONProvider):
    """JSON with Chinese as is, and lone surrogates (valid in a request's escapes) escaped.

    A lone surrogate cannot be encoded as UTF-8, and outside strings JSON has none, so
    escaping each one gives what ``ensure_ascii`` would have, for that character only.
    """

    ensure_ascii = False

    def dumps(self, obj, **kwargs):
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", super().dumps(obj, **kwargs))


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
    app.register_blueprint(api.bp)
    app.register_blueprint(docs.bp)
    app.register_blueprint(page.bp)
    # Load the engine's lexicon now: under preload_app the master does it once for all workers.
    extract("共销售住宅41套。")
    return app
