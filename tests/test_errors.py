"""Bad input gets a clear problem+json answer, never a crash: 400, 404, 405, 413, 415, 422, 500."""

import hashlib
import json

import pytest
from conftest import chunked_environ

from service.errors import MEDIA_TYPE

LIMIT = 1024 * 1024


def problem(response, status):
    """The problem body of ``response``, after checking its status, media type and members."""
    assert (response.status_code, response.mimetype) == (status, MEDIA_TYPE), response.data
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    return body


def post_json_text(client, raw):
    # Content-Length stated, as any client sends it: the test client leaves it out for b"".
    return client.post(
        "/v1/extract",
        data=raw,
        content_type="application/json",
        environ_overrides={"CONTENT_LENGTH": str(len(raw))},
    )


# ---- 400 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b'{"text": "41',
        b'{"text": "x"} trailing',
        b"",
        b"{'text': 'x'}",
        b'{"text": NaN',
        '\ufeff{"text": "x"}'.encode(),
        b'{"text": "x",}',
    ],
    ids=["truncated", "trailing-garbage", "empty-body", "single-quotes", "bare-nan", "bom", "trailing-comma"],
)
def test_malformed_json_is_400(client, raw):
    assert problem(post_json_text(client, raw), 400)["type"].endswith("malformed-json")


# A text/plain body without a charset that is not UTF-8 is decoded by detection
# (tests/test_files.py); declared UTF-8 is held to.
@pytest.mark.parametrize(
    "content_type, raw",
    [
        ("text/plain; charset=utf-8", b"\xff\xfe\x41"),
        ("text/plain; charset=utf-8", "共销售".encode("gbk")),
        ("text/plain; charset=utf-8", "中".encode()[:2]),
        ("application/json", b'{"text": "\xc3\x28"}'),
        ("text/plain; charset=UTF-8", b"\xed\xa0\x80"),
    ],
    ids=["bad-lead-bytes", "gbk-text", "truncated-character", "bad-byte-in-json", "encoded-surrogate"],
)
def test_body_not_utf8_is_400(client, content_type, raw):
    response = client.post("/v1/extract", data=raw, content_type=content_type)
    assert problem(response, 400)["type"].endswith("invalid-utf8")


def test_query_not_utf8_is_400(client):
    assert problem(client.get("/v1/extract?text=%B9%B2"), 400)["type"].endswith("invalid-utf8")


def test_batch_malformed_json_is_400(client):
    response = client.post("/v1/extract/batch", data=b'{"documents": [', content_type="application/json")
    problem(response, 400)


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000,
        b'{"a":' * 100_000,
        b'{"text": "x", "options": ' + b"[" * 50_000,
    ],
    ids=["arrays", "objects", "inside-options"],
)
def test_json_nested_past_the_parser_is_400(client, raw):
    problem(post_json_text(client, raw), 400)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"text": "x", "options": {"kpis": ' + b"[" * 500 + b"]" * 500 + b"}}",
        b'{"text": ' + b'{"a":' * 500 + b"1" + b"}" * 500 + b"}",
        b"[" * 500 + b"]" * 500,
    ],
    ids=["in-kpis", "as-text", "as-the-body"],
)
def test_json_nested_but_parseable_is_422(client, raw):
    problem(post_json_text(client, raw), 422)


# ---- 413 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("character", ["x", "中", "\x00"], ids=["ascii", "chinese", "nul"])
def test_a_body_of_one_character_up_to_the_limit_is_read(client, character):
    text = character * (LIMIT // len(character.encode()))
    response = client.post("/v1/extract", data=text.encode(), content_type="text/plain")
    assert (response.status_code, response.get_json()["document"]["chars"]) == (200, len(text))


@pytest.mark.parametrize(
    "content_type, data",
    [
        ("text/plain", b"x" * (LIMIT + 1)),
        ("application/json", json.dumps({"text": "x" * LIMIT}).encode()),
    ],
    ids=["text", "json"],
)
def test_body_over_the_limit_by_content_length_is_413(client, content_type, data):
    problem(client.post("/v1/extract", data=data, content_type=content_type), 413)


def test_batch_over_the_limit_is_413(client):
    documents = [{"id": str(i), "text": "x" * 20_000} for i in range(60)]
    problem(client.post("/v1/extract/batch", json={"documents": documents}), 413)


@pytest.mark.parametrize(
    "size, status", [(1000, 200), (1001, 413), (5000, 413)], ids=["at-limit", "one-byte-over", "far-over"]
)
def test_chunked_body_is_measured_while_read(app, client, size, status):
    """No Content-Length: Werkzeug alone would cut the body at the limit and answer 200."""
    app.config["MAX_BODY_BYTES"] = 1000
    response = client.stream(chunked_environ("/v1/extract", b"x" * size))
    assert response.status_code == status


def test_chunked_body_over_the_limit_is_never_answered_truncated(app, client):
    app.config["MAX_BODY_BYTES"] = 1000
    body = json.dumps({"text": "x" * 2000}).encode()
    response = client.stream(chunked_environ("/v1/extract", body, "application/json"))
    problem(response, 413)


def test_limit_is_configurable(app, client):
    app.config["MAX_BODY_BYTES"] = 10
    problem(client.post("/v1/extract", data="12345678901", content_type="text/plain"), 413)


# ---- 415 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "application/x-www-form-urlencoded",
        "text/html",
        "application/xml",
        "application/json; charset=latin-1",
        "application/msword",
        "image/png",
        "text/plain; charset=x-no-such-charset",
        "text/plain; charset=rot13",
    ],
    ids=[
        "none",
        "form",
        "html",
        "xml",
        "json-latin-1",
        "old-word",
        "png",
        "unknown-charset",
        "not-a-text-codec",
    ],
)
def test_other_content_types_are_415(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    problem(client.post("/v1/extract", data=b"x", headers=headers), 415)


def test_batch_takes_json_only(client):
    problem(client.post("/v1/extract/batch", data="x", content_type="text/plain"), 415)


# ---- 422 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload, field",
    [
        ({}, "text"),
        ({"text": None}, "text"),
        ({"text": 41}, "text"),
        ({"text": ["x"]}, "text"),
        ({"text": {"zh": "x"}}, "text"),
        ({"text": "x", "colour": "red"}, "colour"),
        ({"text": "x", "options": {"colour": "red"}}, "options"),
        ({"text": "x", "options": "all"}, "options"),
        ({"text": "x", "options": {"out_of_scope": "false"}}, "options"),
        ({"text": "x", "options": {"out_of_scope": 0}}, "options"),
        ({"text": "x", "options": {"kpis": "units_sold"}}, "options"),
        ({"text": "x", "options": {"kpis": ["no_such_kpi"]}}, "options"),
        ({"text": "x", "options": {"kpis": [41]}}, "options"),
        (["x"], "_schema"),
        ("x", "_schema"),
        (41, "_schema"),
        (None, "_schema"),
    ],
    ids=[
        "missing-text",
        "null-text",
        "number-text",
        "list-text",
        "object-text",
        "unknown-field",
        "unknown-option",
        "options-not-object",
        "out-of-scope-string",
        "out-of-scope-number",
        "kpis-not-list",
        "unknown-kpi",
        "kpi-not-string",
        "top-level-array",
        "top-level-string",
        "top-level-number",
        "top-level-null",
    ],
)
def test_schema_violations_are_422_with_the_field(client, payload, field):
    body = problem(post_json_text(client, json.dumps(payload).encode()), 422)
    assert field in body["errors"]


@pytest.mark.parametrize(
    "query, field",
    [
        ("", "text"),
        ("?text=x&text=y", "text"),
        ("?text=" + "x" * 501, "text"),
        ("?text=x&out_of_scope=maybe", "out_of_scope"),
        ("?text=x&kpis=no_such_kpi", "kpis"),
        ("?text=x&colour=red", "colour"),
    ],
    ids=["missing-text", "text-twice", "text-too-long", "bad-boolean", "unknown-kpi", "unknown-parameter"],
)
def test_get_query_violations_are_422_with_the_parameter(client, query, field):
    body = problem(client.get("/v1/extract" + query), 422)
    assert field in body["errors"]


def test_post_query_violations_are_422(client):
    body = problem(client.post("/v1/extract?kpis=no_such_kpi", data="x", content_type="text/plain"), 422)
    assert "kpis" in body["errors"]


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"documents": []}, "documents"),
        ({"documents": [{"id": str(i), "text": "x"} for i in range(101)]}, "documents"),
        ({"documents": {"id": "a", "text": "x"}}, "documents"),
        ({"documents": "x"}, "documents"),
        ({}, "documents"),
        ({"documents": [{"id": "a", "text": "x"}], "options": {"colour": 1}}, "options"),
        ({"documents": [{"id": "a", "text": "x"}], "colour": 1}, "colour"),
    ],
    ids=[
        "empty",
        "over-the-maximum",
        "object-not-list",
        "string-not-list",
        "missing",
        "unknown-option",
        "unknown-field",
    ],
)
def test_batch_violations_are_422(client, payload, field):
    body = problem(client.post("/v1/extract/batch", json=payload), 422)
    assert field in body["errors"]


def test_batch_maximum_is_configurable(app, client):
    app.config["MAX_BATCH"] = 2
    documents = [{"id": str(i), "text": "x"} for i in range(3)]
    problem(client.post("/v1/extract/batch", json={"documents": documents}), 422)


# ---- odd but valid text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.post("/v1/extract", json={"text": "a\u0000b"}),
        lambda c: c.post("/v1/extract", data=b"a\x00b", content_type="text/plain"),
        lambda c: c.get("/v1/extract?text=a%00b"),
    ],
    ids=["json-escape", "raw-byte", "query"],
)
def test_nul_bytes_are_ordinary_characters(client, send):
    response = send(client)
    assert (response.status_code, response.get_json()["document"]["chars"]) == (200, 3)


@pytest.mark.parametrize(
    "escaped, text",
    [
        (r"\ud800", "\ud800"),
        (r"\udfff", "\udfff"),
        (r"a\ud800b", "a\ud800b"),
        (r"\udc00\ud800", "\udc00\ud800"),
        (r"共\ud83d销售41套", "共\ud83d销售41套"),
    ],
    ids=["high", "low", "inside-text", "reversed-pair", "in-a-report"],
)
def test_lone_surrogates_in_json_escapes_are_read(client, escaped, text):
    response = post_json_text(client, f'{{"text": "{escaped}"}}'.encode())
    document = response.get_json()["document"]
    assert response.status_code == 200
    assert (document["chars"], document["sha256"]) == (
        len(text),
        hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    )


def test_lone_surrogate_in_an_unknown_field_name_gives_a_valid_422(client):
    body = problem(post_json_text(client, b'{"text": "x", "\\ud800": 1}'), 422)
    assert "\ud800" in body["errors"]


def test_a_surrogate_pair_in_escapes_is_one_character(client):
    response = post_json_text(client, b'{"text": "\\ud83d\\ude00"}')
    assert response.get_json()["document"]["chars"] == 1


# ---- 404, 405, 500 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/nowhere",
        "/v1",
        "/v1/extract/",
        "/docs/index.html",
        "/docs/swagger-initializer.js",
        "/docs/../README.md",
    ],
    ids=["unknown", "prefix", "trailing-slash", "bundle-index", "bundle-initializer", "traversal"],
)
def test_unknown_paths_are_404_problems(client, path):
    problem(client.get(path), 404)


@pytest.mark.parametrize(
    "method, path, allow",
    [
        ("DELETE", "/v1/extract", {"GET", "HEAD", "OPTIONS", "POST"}),
        ("PUT", "/v1/extract/batch", {"OPTIONS", "POST"}),
        ("GET", "/v1/extract/batch", {"OPTIONS", "POST"}),
        ("POST", "/v1/kpis", {"GET", "HEAD", "OPTIONS"}),
        ("POST", "/healthz", {"GET", "HEAD", "OPTIONS"}),
    ],
    ids=["delete-extract", "put-batch", "get-batch", "post-kpis", "post-healthz"],
)
def test_wrong_methods_are_405_problems_with_allow(client, method, path, allow):
    response = client.open(path, method=method)
    problem(response, 405)
    assert set(response.headers["Allow"].split(", ")) == allow


def test_unexpected_errors_are_500_problems_without_internals(client, fake_engine):
    fake_engine(raises=KeyError("secret internals"))
    response = client.post("/v1/extract", json={"text": "x"}, headers={"X-Request-ID": "r9"})
    body = problem(response, 500)
    assert "secret" not in response.get_data(as_text=True) and "KeyError" not in body["detail"]
    assert body["request_id"] == "r9"
