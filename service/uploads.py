"""Reports sent as files: multipart/form-data with a `file` field, or a raw Word, PDF or text body.

The request side of service/readers.py: which reader, within which limits, and its errors
as problem+json.
"""

import io

from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser

from service import body, readers
from service.errors import Problem

MULTIPART = "multipart/form-data"
FIELD = "file"
# Bodies read as files; a text/plain body is read as one only when it is not UTF-8.
TYPES = (MULTIPART, readers.DOCX, readers.PDF, readers.OCTET_STREAM)


def media_type():
    """The media type of a POST /v1/extract body, JSON's charset checked; 415 for others."""
    if request.mimetype in (body.TEXT, *TYPES):
        return request.mimetype
    if request.mimetype == body.JSON:
        return body.media_type((body.JSON,))
    raise Problem(
        415,
        f"Send the report as application/json, text/plain, a Word (.docx) or "
        f"PDF file, or multipart/form-data with a `{FIELD}` field (got "
        f"{request.content_type or 'no Content-Type'!r}).",
    )


def text_body():
    """A text/plain body: ``(text, None)`` when it is UTF-8 as sent (offsets index the body
    itself, a byte order mark included), else ``(None, Document)`` read in its charset."""
    charset = request.mimetype_params.get("charset")
    data = body.raw()
    if charset is None or charset.lower() in ("utf-8", "utf8"):
        try:
            return data.decode("utf-8"), None
        except UnicodeDecodeError as error:
            if charset:
                raise Problem(
                    400, f"The body is not valid UTF-8 (byte {error.start}).", "invalid-utf8"
                ) from None
    # The body limit has bounded it; its text may be up to 1.5 times as long in UTF-8.
    limit = current_app.config["MAX_BODY_BYTES"]
    return None, _read(data, readers.TEXT, readers.Limits(limit, 0, 2 * limit), charset=charset)


def file_body():
    """The Document of a multipart upload or a raw Word, PDF or octet-stream body."""
    limits = readers.Limits.of(current_app.config["MAX_FILE_BYTES"], current_app.config["MAX_BODY_BYTES"])
    try:
        data = body.raw(limits.file_bytes)
    except Problem as problem:
        if problem.code != 413:
            raise
        raise Problem(
            413,
            f"The file is larger than {limits.file_bytes} bytes; split the "
            f"report or raise SUANPAN_MAX_FILE_BYTES.",
        ) from None
    if request.mimetype != MULTIPART:
        return _read(data, request.mimetype, limits)
    part = _the_file(data)
    return _read(
        part.read(),
        part.mimetype or None,
        limits,
        charset=part.mimetype_params.get("charset"),
        filename=part.filename or None,
    )


def _the_file(data):
    # The body is in memory already (within the file limit), so the parts stay there too.
    parser = FormDataParser(_in_memory, max_form_memory_size=64 * 1024, max_form_parts=16, silent=False)
    try:
        _, form, files = parser.parse(io.BytesIO(data), MULTIPART, len(data), request.mimetype_params)
    except RequestEntityTooLarge:
        raise Problem(413, "A form field other than the file is too large.") from None
    except ValueError as error:
        raise Problem(400, f"The multipart body cannot be parsed: {error}.") from None
    # A part may come without a name (None): it is reported under "".
    problems = {name or "": ["Unknown field."] for name in {*form, *files} if name != FIELD}
    given = files.getlist(FIELD)
    if not given:
        problems[FIELD] = [
            "Missing data for required field."
            if FIELD not in form
            else "Send the report as a file part (with a filename)."
        ]
    elif len(given) > 1:
        problems[FIELD] = ["Send one file; POST /v1/extract/batch takes several texts."]
    if problems:
        raise Problem(422, "The form does not match the schema; see `errors`.", "validation-error", problems)
    return given[0]


def _in_memory(*_args, **_kwargs):
    return io.BytesIO()


def _read(data, declared, limits, **kwargs):
    try:
        return readers.read(data, declared, limits=limits, **kwargs)
    except readers.ReadError as error:
        raise Problem(error.status, str(error), error.kind) from None
