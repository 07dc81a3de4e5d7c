"""The ceiling of bench/load.py: a WSGI app that reads the body and answers a small JSON, nothing else.

Served by gunicorn with the project's gunicorn.conf.py, so the difference to suanpan is
Flask, the schemas and the engine: ``gunicorn -c gunicorn.conf.py --pythonpath bench noop:app``.
"""


def app(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        environ["wsgi.input"].read(length)
    body = b'{"status": "ok"}'
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
