"""A WSGI app for the worker's own tests: /sleep?s=N takes N seconds, anything else answers at once."""

import time
from urllib.parse import parse_qs


def app(environ, start_response):
    if environ["PATH_INFO"] == "/sleep":
        time.sleep(float(parse_qs(environ["QUERY_STRING"])["s"][0]))
    start_response("200 OK", [("Content-Type", "application/json")])
    return [b'{"status": "ok"}']
