"""The page at /: paste a report or drop a file and see what was read. Plain files, no build step.

The page loads only its own files from /static/, and has no inline script or style, so it
runs under a Content-Security-Policy of 'self'.
"""
from pathlib import Path

from flask import Blueprint, abort, send_from_directory

FOLDER = Path(__file__).resolve().parent / "static"
# The files the page loads, with their media types: named here, since the platform's
# mimetypes table varies (application/javascript on some systems).
FILES = {"page.css": "text/css", "page.js": "text/javascript", "favicon.svg": "image/svg+xml"}

bp = Blueprint("page", __name__)


@bp.get("/")
def index():
    return send_from_directory(FOLDER, "index.html", mimetype="text/html")


@bp.get("/static/<name>")
def asset(name):
    if name not in FILES:
        abort(404)
    return send_from_directory(FOLDER, name, mimetype=FILES[name])
