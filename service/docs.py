"""The contract and its docs: /openapi.yaml, /openapi.json, and Swagger UI at /docs, all local."""
import functools
import json
from pathlib import Path

import yaml
from flask import Blueprint, abort, current_app, send_from_directory, url_for
from swagger_ui_bundle import swagger_ui_path

SPEC = Path(__file__).resolve().parent.parent / "openapi.yaml"
# Only what the page loads: the bundle's own index.html points at petstore.swagger.io.
ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
          "favicon-32x32.png", "favicon-16x16.png")
PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>suanpan API</title>
<link rel="stylesheet" href="{css}"><link rel="icon" type="image/png" href="{icon}"></head>
<body><div id="swagger-ui"></div>
<script src="{bundle}"></script><script src="{preset}"></script>
<script>
window.onload = function () {{
  // validatorUrl null: otherwise the page sends the spec to validator.swagger.io.
  window.ui = SwaggerUIBundle({{url: "{spec}", dom_id: "#swagger-ui", validatorUrl: null,
    deepLinking: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout"}});
}};
</script></body></html>
"""

bp = Blueprint("docs", __name__)


@functools.cache
def spec_yaml():
    """The committed openapi.yaml (kept equal to service/openapi.py's output by a test)."""
    return SPEC.read_text(encoding="utf-8")


@functools.cache
def spec_json():
    return json.dumps(yaml.safe_load(spec_yaml()), ensure_ascii=False)


@bp.get("/openapi.yaml")
def openapi_yaml():
    return current_app.response_class(spec_yaml(), mimetype="application/yaml")


@bp.get("/openapi.json")
def openapi_json():
    return current_app.response_class(spec_json(), mimetype="application/json")


@bp.get("/docs")
def page():
    def asset(name):
        return url_for("docs.asset", name=name)
    return current_app.response_class(PAGE.format(
        css=asset(ASSETS[0]), bundle=asset(ASSETS[1]), preset=asset(ASSETS[2]),
        icon=asset(ASSETS[3]), spec=url_for("docs.openapi_json")), mimetype="text/html")


@bp.get("/docs/<name>")
def asset(name):
    if name not in ASSETS:
        abort(404)
    return send_from_directory(swagger_ui_path, name)
