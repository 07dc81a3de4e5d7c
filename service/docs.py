"""The contract and its docs: /openapi.yaml, /openapi.json, and Swagger UI at /docs, all local."""

import base64
import functools
import hashlib
import json
from pathlib import Path

import yaml
from flask import Blueprint, abort, current_app, send_from_directory, url_for
from swagger_ui_bundle import swagger_ui_path

from service import engine

SPEC = Path(__file__).resolve().parent.parent / "openapi.yaml"
# Only what the page loads: the bundle's own index.html points at petstore.swagger.io.
ASSETS = (
    "swagger-ui.css",
    "swagger-ui-bundle.js",
    "swagger-ui-standalone-preset.js",
    "favicon-32x32.png",
    "favicon-16x16.png",
)
PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>suanpan API</title>
<link rel="stylesheet" href="{css}"><link rel="icon" type="image/png" href="{icon}"></head>
<body><div id="swagger-ui"></div>
<script src="{bundle}"></script><script src="{preset}"></script>
<script>{script}</script></body></html>
"""
SCRIPT = """
window.onload = function () {{
  // validatorUrl null: otherwise the page sends the spec to validator.swagger.io.
  window.ui = SwaggerUIBundle({{url: "{spec}", dom_id: "#swagger-ui", validatorUrl: null,
    deepLinking: true, presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout"}});
}};
"""
# Swagger UI runs our one inline script (allowed by its hash) and sets inline styles.
CSP = (
    "default-src 'self'; script-src 'self' 'sha256-{digest}'; style-src 'self' "
    "'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'"
)

bp = Blueprint("docs", __name__)


@functools.cache
def committed_yaml():
    """The committed openapi.yaml (kept equal to service/openapi.py's output by a test)."""
    return SPEC.read_text(encoding="utf-8")


def _names_now():
    return tuple(kpi["name"] for kpi in engine.taxonomy())


@functools.lru_cache(maxsize=4)
def spec_document(names):
    """The contract for the KPI names in use: a deployer's SUANPAN_KPIS_FILE has its own enum."""
    document = yaml.safe_load(committed_yaml())
    shipped = document["components"]["schemas"]["ExtractOptions"]["properties"]["kpis"]["items"]["enum"]

    def rename(node):
        if isinstance(node, dict):
            if node.get("enum") == shipped:
                node["enum"] = list(names)
            for value in node.values():
                rename(value)
        elif isinstance(node, list):
            for value in node:
                rename(value)

    if list(names) != shipped:
        rename(document)
    return document, list(names) == shipped


@functools.lru_cache(maxsize=4)
def spec_yaml(names):
    document, shipped = spec_document(names)
    return (
        committed_yaml()
        if shipped
        else yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    )


@functools.lru_cache(maxsize=4)
def spec_json(names):
    return json.dumps(spec_document(names)[0], ensure_ascii=False)


@bp.get("/openapi.yaml")
def openapi_yaml():
    return current_app.response_class(spec_yaml(_names_now()), mimetype="application/yaml")


@bp.get("/openapi.json")
def openapi_json():
    return current_app.response_class(spec_json(_names_now()), mimetype="application/json")


@bp.get("/docs")
def page():
    def asset(name):
        return url_for("docs.asset", name=name)

    script = SCRIPT.format(spec=url_for("docs.openapi_json"))
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return current_app.response_class(
        PAGE.format(
            css=asset(ASSETS[0]),
            bundle=asset(ASSETS[1]),
            preset=asset(ASSETS[2]),
            icon=asset(ASSETS[3]),
            script=script,
        ),
        mimetype="text/html",
        headers={"Content-Security-Policy": CSP.format(digest=digest)},
    )


@bp.get("/docs/<name>")
def asset(name):
    if name not in ASSETS:
        abort(404)
    return send_from_directory(swagger_ui_path, name)
