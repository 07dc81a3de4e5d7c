"""The routes: load the request, call the engine, dump the answer."""

import hashlib
import json
import time

from flask import Blueprint, current_app, request

from service import body, engine, errors, export, logs, metrics, readers, readiness, uploads
from service.schemas import (
    BatchRequest,
    BatchResponse,
    ExtractQuery,
    ExtractRequest,
    Health,
    InvalidDocument,
    KpiList,
    OptionsQuery,
    Readiness,
    schema,
)

bp = Blueprint("api", __name__)


def etag(text, options, *representation):
    """Strong validator of an answer: the same text, options and extractor version give it.

    The version covers the lexicon files in use (engine.version()), so a deployer's own
    KPI file or a new release never shares a tag with answers it would change;
    ``representation`` names anything else the bytes depend on (CSV rather than JSON).
    """
    digest = hashlib.sha256(json.dumps([engine.version(), options, *representation], sort_keys=True).encode())
    digest.update(b"\0" + text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _extract(text, options):
    # The engine's answer is already the Extraction schema's shape (a test holds dump to be
    # the identity on real answers), so it is sent as is: dumping it again costs a third
    # of a request.
    limit = current_app.config["MAX_MENTIONS"]
    started = time.thread_time()
    try:
        answer = engine.extract(text, options=options, max_mentions=limit)
    except engine.TooManyMentions:
        raise errors.Problem(
            422,
            f"The text holds more than the {limit} mentions one answer may carry "
            f"(SUANPAN_MAX_MENTIONS); split the report.",
            "too-many-mentions",
        ) from None
    metrics.observe_answer(answer, time.thread_time() - started)
    return answer


_JSON_FIRST = frozenset(("", "*/*", body.JSON))


def wants_csv():
    """Whether the client prefers CSV (``Accept: text/csv``) to JSON; JSON when it says nothing."""
    if request.headers.get("Accept", "") in _JSON_FIRST:
        return False  # what best_match gives for these, without parsing them
    return request.accept_mimetypes.best_match((body.JSON, export.MEDIA_TYPE)) == export.MEDIA_TYPE


def csv_response(text):
    response = current_app.response_class(export.encode(text), content_type=export.CONTENT_TYPE)
    response.vary.add("Accept")
    return response


def _answer(text, options, document=None):
    """The extraction as a response with its ETag; 304 when a GET already holds it.

    JSON, or CSV with one row per KPI when the client prefers it (``Accept: text/csv``).
    ``document`` is the file the text was read from, if it was: the answer then carries the
    text and where it came from.
    """
    as_csv = wants_csv()
    representation = [*([export.MEDIA_TYPE] if as_csv else []), *([document.source] if document else [])]
    tag = etag(text, options, *representation)
    if request.method == "GET" and request.if_none_match.contains_weak(tag):
        response = current_app.response_class(status=304)
    else:
        answer = _extract(text, options)
        if document:
            answer = readers.annotate(answer, document)
        response = csv_response(export.answer_csv(answer)) if as_csv else current_app.json.response(answer)
    headers = response.headers
    if not as_csv:  # csv_response has said it
        headers.add("Vary", "Accept")
    headers["ETag"] = f'"{tag}"'
    if request.method == "GET":
        max_age = current_app.config["CACHE_MAX_AGE"]
        headers["Cache-Control"] = f"private, max-age={max_age}" if max_age else "private, no-cache"
    return response


def query_options(query_schema):
    """The options in the query string, loaded by ``query_schema``; none when it is empty."""
    if not request.query_string:
        return {}  # what the schema loads from nothing, without building it
    return query_schema.load(body.query(query_schema))


def extract_request(document):
    """A JSON body loaded by ExtractRequest. ``{"text": "…"}`` alone, what nearly every
    caller sends, is what the schema would give back unchanged, so it is taken as it is."""
    if type(document) is dict and len(document) == 1 and type(document.get("text")) is str:
        return document
    return schema(ExtractRequest).load(document)


@bp.post("/v1/extract")
def extract_post():
    media_type = uploads.media_type()
    options = query_options(schema(OptionsQuery))
    if media_type == body.JSON:
        loaded = extract_request(body.json_document())
        return _answer(loaded["text"], {**options, **loaded.get("options", {})})
    text, document = uploads.text_body() if media_type == body.TEXT else (None, uploads.file_body())
    return _answer(document.text if document else text, options, document)


@bp.get("/v1/extract")
def extract_get():
    query = schema(ExtractQuery, max_text=current_app.config["MAX_GET_TEXT"])
    options = query.load(body.query(query))
    return _answer(options.pop("text"), options)


def _batch_result(index, document, options):
    if isinstance(document, InvalidDocument):
        return {
            "id": document.id,
            "status": 422,
            "error": errors.validation_body(
                document.errors, f"Document {index} does not match the schema; see `errors`."
            ),
        }
    try:
        return {"id": document["id"], "status": 200, "answer": _extract(document["text"], options)}
    except errors.Problem as problem:  # too many mentions: this document's own 422
        return {
            "id": document["id"],
            "status": problem.code,
            "error": errors.body(problem.code, problem.description, problem.kind),
        }
    except Exception as error:  # noqa: BLE001 - one document's failure must not sink the batch
        errors.log_unexpected(error, document=index)
        return {
            "id": document["id"],
            "status": 500,
            "error": errors.body(500, errors.INTERNAL_DETAIL, request_id=logs.request_id()),
        }


@bp.post("/v1/extract/batch")
def extract_batch():
    body.media_type((body.JSON,))
    loaded = schema(BatchRequest, max_documents=current_app.config["MAX_BATCH"]).load(body.json_document())
    options = loaded.get("options", {})
    answer = schema(BatchResponse).dump(
        {"results": [_batch_result(i, document, options) for i, document in enumerate(loaded["documents"])]}
    )
    return csv_response(export.batch_csv(answer)) if wants_csv() else answer


@bp.get("/v1/kpis")
def kpis():
    return schema(KpiList).dump({"kpis": engine.taxonomy()})


@bp.get("/healthz")
def healthz():
    return schema(Health).dump({"status": "ok"})


@bp.get("/readyz")
def readyz():
    failure = readiness.failure()
    if failure:
        raise errors.Problem(503, failure, "not-ready")
    return schema(Readiness).dump(
        {"status": "ready", "extractor": {"name": "suanpan", "version": engine.version()}}
    )


@bp.get("/metrics")
def metrics_text():
    data, content_type = metrics.exposition()
    return current_app.response_class(data, headers={"Content-Type": content_type})
