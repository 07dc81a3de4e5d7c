"""The serving layer's guards: bounded answers and metrics, cache keys, headers, OPTIONS, batch ids."""

import base64
import hashlib
import json
import re
import shutil

import pytest
import yaml

from service import engine
from service.app import SECURITY_HEADERS
from service.engine import lexicon
from service.engine.lexicon import DATA

REPORT = "2024年上半年共销售住宅41套，实现销售收入1.2亿元。"


@pytest.fixture
def plain(app):
    """A client without the contract check, for methods and answers the spec does not list."""
    return app.test_client()


# ---- bounded answers (finding 3) -------------------------------------------------------------


def test_more_mentions_than_the_cap_is_a_422_problem(app, client):
    app.config["MAX_MENTIONS"] = 100
    response = client.post("/v1/extract", data="50%" * 101, content_type="text/plain")
    assert response.status_code == 422
    assert response.get_json()["type"] == "urn:suanpan:problem:too-many-mentions"
    assert "more than the 100 mentions" in response.get_json()["detail"]


def test_mentions_up_to_the_cap_are_answered(app, client):
    app.config["MAX_MENTIONS"] = 100
    response = client.post("/v1/extract", data="50%" * 100, content_type="text/plain")
    assert (response.status_code, len(response.get_json()["mentions"])) == (200, 100)


def test_batch_document_over_the_cap_gets_its_own_422(app, client):
    app.config["MAX_MENTIONS"] = 10
    results = client.post(
        "/v1/extract/batch",
        json={"documents": [{"id": "big", "text": "50%" * 11}, {"id": "small", "text": REPORT}]},
    ).get_json()["results"]
    assert [(r["id"], r["status"]) for r in results] == [("big", 422), ("small", 200)]


# ---- metrics labels (finding 4) --------------------------------------------------------------


def test_unknown_methods_and_paths_fold_into_one_label_value(plain):
    for i in range(20):
        plain.open("/healthz", method=f"X{i}ABCDEFGHIJKL")
        plain.open(f"/scan/{i}", method="GET")
    text = plain.get("/metrics").get_data(as_text=True)
    series = set(re.findall(r'^suanpan_http_requests_total\{method="([^"]+)",route="([^"]+)"', text, re.M))
    assert series == {("other", "unmatched"), ("GET", "unmatched")}


# ---- cache keys (finding 6) ------------------------------------------------------------------


def test_own_kpi_file_gets_its_own_version_and_etag(client, monkeypatch, tmp_path):
    before = client.get("/v1/extract", query_string={"text": REPORT})
    own = tmp_path / "kpis.yaml"
    shutil.copy(DATA / "kpis.yaml", own)
    with open(own, "a", encoding="utf-8") as f:
        f.write("\n# a deployer's edit\n")
    monkeypatch.setenv("SUANPAN_KPIS_FILE", str(own))
    after = client.get("/v1/extract", query_string={"text": REPORT})
    assert after.headers["ETag"] != before.headers["ETag"]
    assert after.get_json()["extractor"]["version"] != before.get_json()["extractor"]["version"]
    assert after.get_json()["extractor"]["version"].startswith(engine.__version__ + "+")


@pytest.fixture
def own_kpis(monkeypatch, tmp_path):
    """SUANPAN_KPIS_FILE pointing at a one-KPI taxonomy, loaded afresh, and forgotten after."""
    own = tmp_path / "kpis.yaml"
    own.write_text(
        "kpis:\n  parking_spaces:\n    description: Parking spaces sold.\n"
        "    dimensions: [count]\n    cues: [车位]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SUANPAN_KPIS_FILE", str(own))
    lexicon.kpis.cache_clear()
    yield
    lexicon.kpis.cache_clear()


@pytest.mark.parametrize("path, load", [("/openapi.json", json.loads), ("/openapi.yaml", yaml.safe_load)])
def test_the_contract_names_the_kpis_of_the_file_in_use(plain, own_kpis, path, load):
    names = [k["name"] for k in plain.get("/v1/kpis").get_json()["kpis"]]
    spec = load(plain.get(path).get_data(as_text=True))
    enum = spec["components"]["schemas"]["ExtractOptions"]["properties"]["kpis"]["items"]["enum"]
    assert enum == names == ["parking_spaces"]


def test_get_answers_are_cached_privately(client):
    response = client.get("/v1/extract", query_string={"text": REPORT})
    assert "public" not in response.headers["Cache-Control"]
    assert response.headers["Cache-Control"].startswith("private")


# ---- headers (finding 7) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/healthz"),
        ("POST", "/v1/extract"),
        ("GET", "/nowhere"),
        ("DELETE", "/v1/kpis"),
        ("OPTIONS", "/v1/kpis"),
        ("GET", "/metrics"),
        ("GET", "/docs"),
        ("GET", "/openapi.json"),
    ],
)
def test_every_answer_carries_the_security_headers(plain, method, path):
    response = plain.open(path, method=method, data=REPORT, content_type="text/plain")
    for name, _ in SECURITY_HEADERS:
        assert name in response.headers, (name, response.status_code)


def test_docs_policy_allows_exactly_its_own_inline_script(plain):
    response = plain.get("/docs")
    [script] = re.findall(r"<script>(.*?)</script>", response.get_data(as_text=True), re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = response.headers["Content-Security-Policy"]
    assert (
        f"'sha256-{digest}'" in policy
        and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )


# ---- OPTIONS and batch ids (finding 9) -------------------------------------------------------


def test_options_answers_allow_without_a_body(plain):
    response = plain.options("/v1/extract")
    assert response.status_code == 204
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}
    assert response.get_data() == b"" and "Content-Type" not in response.headers


def test_options_on_an_unknown_path_is_a_404_problem(plain):
    response = plain.options("/nowhere")
    assert (response.status_code, response.mimetype) == (404, "application/problem+json")


def test_duplicate_batch_ids_are_a_422(client):
    response = client.post(
        "/v1/extract/batch",
        json={
            "documents": [{"id": "a", "text": REPORT}, {"id": "b", "text": REPORT}, {"id": "a", "text": "x"}]
        },
    )
    assert response.status_code == 422
    assert "'a'" in response.get_json()["errors"]["documents"][0]


# ---- details without Python internals (finding 5) --------------------------------------------


@pytest.mark.parametrize("raw", [b'{"text": ' + b"1" * 5000 + b"}", b'{"text": "x",}', b"[1, 2"])
def test_json_errors_say_where_not_what_python_said(client, raw):
    detail = client.post("/v1/extract", data=raw, content_type="application/json").get_json()["detail"]
    assert not re.search(r"sys\.|set_int_max_str_digits|Expecting|delimiter|char \d", detail)


def test_post_with_neither_length_nor_chunking_is_411(app):
    from werkzeug.test import EnvironBuilder, run_wsgi_app

    environ = EnvironBuilder(path="/v1/extract", method="POST", content_type="text/plain").get_environ()
    environ.pop("CONTENT_LENGTH", None)
    _, status, _ = run_wsgi_app(app, environ, buffered=True)
    assert status.startswith("411")


# ---- the lean path of POST /v1/extract (serving cost) ---------------------------------------


@pytest.mark.parametrize(
    "document",
    [
        {"text": REPORT},
        {"text": ""},
        {"text": "\ud800"},
        {"text": 41},
        {"text": None},
        {"text": REPORT, "options": {"kpis": ["revenue"]}},
        {"text": REPORT, "extra": 1},
        {"TEXT": REPORT},
        {},
        [REPORT],
        REPORT,
    ],
    ids=repr,
)
def test_a_text_alone_is_taken_as_the_schema_would_load_it(app, document):
    from marshmallow import ValidationError

    from service import api
    from service.schemas import ExtractRequest, schema

    def load(how):
        try:
            return how(document)
        except ValidationError as error:
            return error.messages

    with app.app_context():
        assert load(api.extract_request) == load(schema(ExtractRequest).load)


def test_a_body_shorter_than_its_length_is_a_400_problem(plain):
    sent = json.dumps({"text": REPORT}).encode()
    response = plain.post(
        "/v1/extract",
        data=sent,
        content_type="application/json",
        environ_overrides={"CONTENT_LENGTH": str(len(sent) + 10)},
    )
    assert (response.status_code, response.mimetype) == (400, "application/problem+json")
    assert "ended before" in response.get_json()["detail"]
