"""Reading requests: media type, body size (chunked too), UTF-8, JSON and the query string."""

import json
from urllib.parse import parse_qsl

import orjson
from flask import current_app, request
from marshmallow import fields
from werkzeug.exceptions import ClientDisconnected

from service.errors import Problem

JSON = "application/json"
TEXT = "text/plain"
_CHUNK = 64 * 1024


def media_type(accepted):
    """The request's media type if it is one of ``accepted`` in UTF-8, else 415."""
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if request.mimetype not in accepted or charset not in ("utf-8", "utf8"):
        raise Problem(
            415,
            f"Send the body as {' or '.join(accepted)} in UTF-8 "
            f"(got {request.content_type or 'no Content-Type'!r}).",
        )
    return request.mimetype


def raw(limit=None):
    """The body's bytes; 413 once it runs past ``limit``, whether or not it gave a length.

    Werkzeug's own reader stops a chunked body at the limit and hands back the truncated
    bytes, so an answer would be about text the client never sent: we read one byte past it.
    A body framed neither by length nor by chunking gets 411; one that ends early or is
    malformed, 400.
    """
    limit = current_app.config["MAX_BODY_BYTES"] if limit is None else limit
    stream = request.environ["wsgi.input"]
    length = request.content_length
    try:
        if length is not None:
            if length > limit:
                raise _too_large(limit)
            data = stream.read(length)
            while len(data) < length:  # a stream may give less than asked; nothing: it ended
                more = stream.read(length - len(data))
                if not more:
                    raise ClientDisconnected()
                data += more
            return data
        if "chunked" not in request.headers.get("Transfer-Encoding", "").lower():
            raise Problem(411, "Send the body with a Content-Length or chunked.")
        data = bytearray()
        while len(data) <= limit:
            chunk = stream.read(min(_CHUNK, limit + 1 - len(data)))
            if not chunk:
                return bytes(data)
            data += chunk
    except (OSError, ClientDisconnected) as error:  # the client left or stalled mid-body
        raise Problem(400, "The body ended before its announced end.") from error
    except Exception as error:
        # gunicorn's framing errors (a bad chunk size), met while the app reads the body;
        # recognised by module so that the app never imports gunicorn.
        if type(error).__module__.startswith("gunicorn."):
            raise Problem(400, "The body's chunked framing is malformed.") from error
        raise
    raise _too_large(limit)


def _too_large(limit):
    return Problem(
        413, f"The body is larger than {limit} bytes; split the report or raise SUANPAN_MAX_BODY_BYTES."
    )


def text():
    """The body decoded as UTF-8, exactly as sent (no BOM stripping: offsets index into it)."""
    try:
        return raw().decode("utf-8")
    except UnicodeDecodeError as error:
        raise Problem(400, f"The body is not valid UTF-8 (byte {error.start}).", "invalid-utf8") from None


def json_document():
    """The body parsed as JSON; 400 when it is not JSON or nests too deeply to parse."""
    data = text()
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        pass  # or JSON orjson does not take (lone surrogates, long integers): the standard way
    try:
        return json.loads(data)
    except json.JSONDecodeError as error:
        raise Problem(
            400, f"The body is not valid JSON (line {error.lineno}, column {error.colno}).", "malformed-json"
        ) from None
    except ValueError:  # the only other: an integer with more digits than Python will read
        raise Problem(400, "The body is not valid JSON: a number is too long.", "malformed-json") from None
    except RecursionError:
        raise Problem(400, "The body's JSON nests too deeply.", "malformed-json") from None


def query(schema):
    """The query string as a dict for ``schema``: lists for List fields, one value otherwise.

    Decoded strictly (Werkzeug would put U+FFFD in place of bad bytes), and a scalar
    parameter given twice is reported, not silently reduced to one of its values.
    """
    # Latin-1 maps bytes to code points one to one, so the strict UTF-8 decode sees the raw bytes.
    raw_query = request.query_string.decode("latin-1")
    try:
        pairs = [
            (k.encode("latin-1").decode("utf-8"), v.encode("latin-1").decode("utf-8"))
            for k, v in parse_qsl(raw_query, keep_blank_values=True, encoding="latin-1")
        ]
    except UnicodeDecodeError:
        raise Problem(
            400, "The query string is not valid UTF-8 once percent-decoded.", "invalid-utf8"
        ) from None
    values, errors = {}, {}
    for name, value in pairs:
        values.setdefault(name, []).append(value)
    for name, given in values.items():
        if not isinstance(schema.fields.get(name), fields.List):
            if len(given) > 1:
                errors[name] = ["Give this parameter once."]
            values[name] = given[0]
    if errors:
        raise Problem(
            422, "The query string does not match the schema; see `errors`.", "validation-error", errors
        )
    return values
