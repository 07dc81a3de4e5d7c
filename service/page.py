"""The page at /: paste a report or drop a file and see what was read. Plain files, no build step.

The page loads only its own files from /static/, and has no inline script or style, so it
runs under a Content-Security-Policy of 'self'.
"""

from pathlib import Path

from flask import Blueprint, abort, current_app, request

FOLDER = Path(__file__).resolve().parent / "static"
# The files the page loads, with their media types: named here, since the platform's
# mimetypes table varies (application/javascript on some systems).
FILES = {"page.css": "text/css", "page.js": "text/javascript", "favicon.svg": "image/svg+xml"}

bp = Blueprint("page", __name__)


def _send(name, mimetype):
    """A small file from memory (no open file left to a client that never reads the body),
    with an ETag; revalidated on each use, so a new version shows at once."""
    response = current_app.response_class((FOLDER / name).read_bytes(), mimetype=mimetype)
    response.add_etag()
    response.cache_control.no_cache = True
    etag, _ = response.get_etag()
    if etag and request.if_none_match.contains_weak(etag):
        # revalidated: 304 with no body. (If-Match and If-Unmodified-Since are for writes: a GET
        # of a page ignores them, rather than answer werkzeug's 412 page in HTML.)
        response.status_code = 304
        response.set_data(b"")
        del response.headers["Content-Type"]
    return response


@bp.get("/")
def index():
    return _send("index.html", "text/html")


@bp.get("/static/<name>")
def asset(name):
    if name not in FILES:
        abort(404)
    return _send(name, FILES[name])
