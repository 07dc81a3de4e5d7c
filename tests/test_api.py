"""The endpoints: what each answers for good requests, with headers, logs and metrics."""

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from conftest import chunked_environ, kpi

from helpers import shared
from service import api, engine, extract, settings
from service.schemas import Extraction

ROOT = Path(__file__).resolve().parent.parent
REPORT = "2024年上半年，本项目共销售住宅41套，实现销售收入1.2亿元。其中住户咨询155件。"


def expected(text):
    """What the service must answer for ``text``: the engine's answer, as the schema dumps it."""
    return Extraction().dump(extract(text))


# ---- POST and GET /v1/extract ---------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "text/plain; charset=utf-8",
        "text/plain; charset=UTF-8",
        "text/plain;charset=utf8",
    ],
    ids=["no-charset", "utf-8", "upper-case", "utf8-no-space"],
)
def test_post_text_plain_answers_the_engine(client, content_type):
    response = client.post("/v1/extract", data=REPORT.encode(), content_type=content_type)
    assert (response.status_code, response.get_json()) == (200, expected(REPORT))


def test_post_json_answers_the_engine(client):
    response = client.post("/v1/extract", json={"text": REPORT})
    assert (response.status_code, response.get_json()) == (200, expected(REPORT))


def test_get_answers_the_engine(client):
    response = client.get("/v1/extract", query_string={"text": REPORT})
    assert (response.status_code, response.get_json()) == (200, expected(REPORT))


@pytest.mark.parametrize(
    "text",
    [
        REPORT,
        "汇总：营业收入3.5亿元，𠮷野家门店12家。😀",
        "ｆｕｌｌ　ｗｉｄｔｈ１２３",
        "a\r\nb\tc",
    ],
    ids=["report", "astral-characters", "full-width", "control-whitespace"],
)
def test_non_ascii_round_trip_keeps_every_character(client, text):
    """httpbin style: the text comes back intact, counted in characters, offsets into it."""
    answer = client.post("/v1/extract", data=text.encode(), content_type="text/plain").get_json()
    assert answer["document"]["chars"] == len(text)
    assert answer["document"]["sha256"] == hashlib.sha256(text.encode()).hexdigest()
    for mention in answer["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]


@pytest.mark.parametrize(
    "prefix", ["", "𠮷😀", "\u0000\ufeff", "ｆｕｌｌ"], ids=["none", "astral", "nul-and-bom", "full-width"]
)
def test_offsets_index_into_the_text_as_sent(client, prefix):
    """Characters before the numbers that are wider in UTF-8 or UTF-16 must not shift offsets."""
    text = prefix + REPORT
    answer = client.post("/v1/extract", data=text.encode(), content_type="text/plain").get_json()
    spans = [(m["start"], m["end"], m["text"]) for m in answer["mentions"]]
    assert spans and all(text[start:end] == written for start, end, written in spans)


def test_answers_are_utf8_json_with_chinese_unescaped(client):
    response = client.post("/v1/extract", json={"text": REPORT})
    assert response.mimetype == "application/json"
    assert "\\u" not in response.get_data(as_text=True)


def test_empty_text_gives_an_empty_answer(client):
    answer = client.post("/v1/extract", json={"text": ""}).get_json()
    assert (answer["document"]["chars"], answer["mentions"], answer["kpis"]) == (0, [], [])


def test_query_options_reach_the_engine_with_a_text_body(client, monkeypatch, taxonomy):
    seen = []
    monkeypatch.setattr(
        engine, "extract", lambda text, options=None, **_: seen.append(options) or extract(text)
    )
    client.post("/v1/extract?kpis=revenue&out_of_scope=false", data="x", content_type="text/plain")
    assert seen == [{"kpis": ["revenue"], "out_of_scope": False}]


def test_json_options_win_over_query_options(client, monkeypatch, taxonomy):
    seen = []
    monkeypatch.setattr(
        engine, "extract", lambda text, options=None, **_: seen.append(options) or extract(text)
    )
    client.post(
        "/v1/extract?out_of_scope=true&kpis=revenue", json={"text": "x", "options": {"out_of_scope": False}}
    )
    assert seen == [{"kpis": ["revenue"], "out_of_scope": False}]


# ---- ETag, Cache-Control, 304 ----------------------------------------------------------------


def test_get_and_post_of_the_same_text_share_the_etag(client):
    get = client.get("/v1/extract", query_string={"text": REPORT})
    post = client.post("/v1/extract", json={"text": REPORT})
    assert get.headers["ETag"] == post.headers["ETag"] == f'"{api.etag(REPORT, {})}"'


@pytest.mark.parametrize(
    "change",
    [
        lambda: api.etag("other", {}),
        lambda: api.etag(REPORT, {"out_of_scope": False}),
        lambda: api.etag(REPORT, {"kpis": ["revenue"]}),
    ],
    ids=["other-text", "out-of-scope-option", "kpis-option"],
)
def test_etag_changes_with_text_and_options(change):
    assert change() != api.etag(REPORT, {})


def test_etag_changes_with_the_extractor_version(monkeypatch):
    before = api.etag(REPORT, {})
    monkeypatch.setattr(engine, "version", lambda: "9.9.9+000000000000")
    assert api.etag(REPORT, {}) != before


def test_etag_is_strong(client):
    tag = client.get("/v1/extract", query_string={"text": REPORT}).headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', tag)


@pytest.mark.parametrize(
    "if_none_match",
    [
        "{tag}",
        "W/{tag}",
        '"other", {tag}',
        "*",
    ],
    ids=["same-tag", "weak-form", "in-a-list", "star"],
)
def test_get_with_a_matching_if_none_match_is_304(client, if_none_match):
    tag = client.get("/v1/extract", query_string={"text": REPORT}).headers["ETag"]
    response = client.get(
        "/v1/extract", query_string={"text": REPORT}, headers={"If-None-Match": if_none_match.format(tag=tag)}
    )
    assert (response.status_code, response.data, response.headers["ETag"]) == (304, b"", tag)


def test_304_does_not_run_the_engine(client, monkeypatch):
    tag = client.get("/v1/extract", query_string={"text": REPORT}).headers["ETag"]
    monkeypatch.setattr(engine, "extract", lambda *a, **k: pytest.fail("engine ran"))
    assert (
        client.get("/v1/extract", query_string={"text": REPORT}, headers={"If-None-Match": tag}).status_code
        == 304
    )


def test_get_with_a_stale_if_none_match_is_200(client):
    response = client.get("/v1/extract", query_string={"text": REPORT}, headers={"If-None-Match": '"stale"'})
    assert response.status_code == 200


def test_post_ignores_if_none_match(client):
    tag = client.post("/v1/extract", json={"text": REPORT}).headers["ETag"]
    response = client.post("/v1/extract", json={"text": REPORT}, headers={"If-None-Match": tag})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "config, header",
    [
        ({}, "private, no-cache"),
        ({"CACHE_MAX_AGE": 60}, "private, max-age=60"),
    ],
    ids=["default", "configured"],
)
def test_get_is_cached_privately_for_the_configured_time(app, client, config, header):
    app.config.update(config)
    response = client.get("/v1/extract", query_string={"text": REPORT})
    assert response.headers["Cache-Control"] == header


# ---- batch ----------------------------------------------------------------------------------


def test_batch_answers_every_document_in_order_with_its_id(client):
    documents = [{"id": f"d{i}", "text": f"第{i}份报告共销售{i}套"} for i in range(5)]
    results = client.post("/v1/extract/batch", json={"documents": documents}).get_json()["results"]
    assert [(r["id"], r["status"], r["answer"]) for r in results] == [
        (d["id"], 200, expected(d["text"])) for d in documents
    ]


@pytest.mark.parametrize(
    "bad, bad_id, field",
    [
        ({"id": "b", "text": None}, "b", "text"),
        ({"id": "b", "text": 41}, "b", "text"),
        ({"id": "b"}, "b", "text"),
        ({"text": "x"}, None, "id"),
        ({"id": 7, "text": "x"}, None, "id"),
        ({"id": "b", "text": "x", "colour": "red"}, "b", "colour"),
        ("just a string", None, "_schema"),
        (None, None, "_schema"),
    ],
    ids=[
        "null-text",
        "number-text",
        "missing-text",
        "missing-id",
        "number-id",
        "unknown-field",
        "not-an-object",
        "null-document",
    ],
)
def test_batch_bad_document_gets_its_own_error_and_the_rest_succeed(client, bad, bad_id, field):
    documents = [{"id": "a", "text": "甲"}, bad, {"id": "c", "text": "丙"}]
    results = client.post("/v1/extract/batch", json={"documents": documents}).get_json()["results"]
    assert [(r["id"], r["status"]) for r in results] == [("a", 200), (bad_id, 422), ("c", 200)]
    assert field in results[1]["error"]["errors"]


def test_batch_engine_failure_on_one_document_spares_the_others(client, monkeypatch, logs):
    def extract_or_fail(text, options=None, **_):
        if text == "boom":
            raise RuntimeError("boom")
        return extract(text)

    monkeypatch.setattr(engine, "extract", extract_or_fail)
    documents = [{"id": "a", "text": "甲"}, {"id": "b", "text": "boom"}]
    results = client.post("/v1/extract/batch", json={"documents": documents}).get_json()["results"]
    assert [(r["id"], r["status"]) for r in results] == [("a", 200), ("b", 500)]
    assert [line["document"] for line in logs.of("suanpan.error")] == [1]


def test_batch_options_apply_to_every_document(client, monkeypatch, taxonomy):
    seen = []
    monkeypatch.setattr(
        engine, "extract", lambda text, options=None, **_: seen.append(options) or extract(text)
    )
    client.post(
        "/v1/extract/batch",
        json={"documents": [{"id": i, "text": "x"} for i in "ab"], "options": {"kpis": ["revenue"]}},
    )
    assert seen == [{"kpis": ["revenue"]}] * 2


def test_batch_of_exactly_the_maximum_is_accepted(app, client):
    app.config["MAX_BATCH"] = 3
    documents = [{"id": str(i), "text": "x"} for i in range(3)]
    assert client.post("/v1/extract/batch", json={"documents": documents}).status_code == 200


# ---- taxonomy, health, readiness ----------------------------------------------------------


def test_kpis_lists_the_engine_taxonomy(client):
    kpis = client.get("/v1/kpis").get_json()["kpis"]
    assert kpis and all(isinstance(k["name"], str) and isinstance(k["description"], str) for k in kpis)


def test_kpis_answer_is_the_taxonomy(client, taxonomy):
    assert client.get("/v1/kpis").get_json() == {"kpis": taxonomy}


def test_healthz_is_ok(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_readyz_is_ready_with_the_real_engine(client):
    """Fails until the engine reads 共销售住宅41套 as units_sold = 41."""
    response = client.get("/readyz")
    assert response.status_code == 200, response.get_json()


def test_readyz_is_ready_when_the_self_check_gives_the_expected_kpi(client, fake_engine):
    fake_engine(kpi("units_sold", 41))
    assert client.get("/readyz").get_json() == {
        "status": "ready",
        "extractor": {"name": "suanpan", "version": engine.version()},
    }


@pytest.mark.parametrize(
    "kpis, raises",
    [
        ((), None),
        ((kpi("units_sold", 40),), None),
        ((kpi("inquiries", 41),), None),
        ((), RuntimeError("engine broken")),
    ],
    ids=["no-kpi", "wrong-value", "wrong-name", "engine-raises"],
)
def test_readyz_is_503_when_the_self_check_is_wrong(client, fake_engine, kpis, raises):
    fake_engine(*kpis, raises=raises)
    response = client.get("/readyz")
    assert (response.status_code, response.get_json()["type"]) == (503, "urn:suanpan:problem:not-ready")


# ---- request id and logs --------------------------------------------------------------------


def test_request_id_given_is_echoed(client):
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"


@pytest.mark.parametrize(
    "given",
    [None, "", "has space", "x" * 129, "new\u2028line", "a;b"],
    ids=["absent", "empty", "space", "too-long", "unicode", "semicolon"],
)
def test_request_id_is_generated_when_absent_or_not_a_plain_token(client, given):
    headers = {} if given is None else {"X-Request-ID": given}
    assert re.fullmatch(r"[0-9a-f]{32}", client.get("/healthz", headers=headers).headers["X-Request-ID"])


def test_problem_carries_the_request_id(client):
    response = client.get("/nowhere", headers={"X-Request-ID": "req-7"})
    assert response.get_json()["request_id"] == "req-7"


def test_access_log_is_one_json_line_with_the_request_facts(client, logs):
    response = client.post("/v1/extract", json={"text": REPORT}, headers={"X-Request-ID": "r1"})
    [line] = logs.of("suanpan.access")
    assert {k: line[k] for k in ("method", "path", "status", "bytes", "request_id")} == {
        "method": "POST",
        "path": "/v1/extract",
        "status": 200,
        "bytes": len(response.data),
        "request_id": "r1",
    }
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.get("/v1/extract", query_string={"text": "机密销售41套"}),
        lambda c: c.post("/v1/extract", json={"text": "机密销售41套"}),
        lambda c: c.post("/v1/extract", data="机密销售41套", content_type="text/plain"),
        lambda c: c.post("/v1/extract/batch", json={"documents": [{"id": "a", "text": "机密销售41套"}]}),
    ],
    ids=["get-query", "post-json", "post-text", "batch"],
)
def test_report_text_never_reaches_the_logs(client, logs, send):
    send(client)
    assert logs.lines and not any("机密" in line or "%E6%9C%BA" in line for line in logs.lines)


def test_unexpected_error_is_logged_with_request_id_but_not_its_message(client, fake_engine, logs):
    fake_engine(raises=ValueError("机密销售41套"))
    client.post("/v1/extract", json={"text": "机密销售41套"}, headers={"X-Request-ID": "r500"})
    [line] = logs.of("suanpan.error")
    assert (line["request_id"], line["error"]) == ("r500", "ValueError")
    assert "机密" not in json.dumps(line, ensure_ascii=False)


# ---- metrics --------------------------------------------------------------------------------


def _sample(text, metric, **labels):
    """The value of one sample in Prometheus text, or None."""
    label_text = ",".join(f'{k}="{v}"' for k, v in labels.items())
    pattern = re.escape(metric + (f"{{{label_text}}}" if labels else "")) + r" (\S+)"
    match = re.search(f"^{pattern}$", text, re.M)
    return float(match.group(1)) if match else None


def test_metrics_count_requests_by_route_and_status(client):
    client.post("/v1/extract", json={"text": "x"})
    client.post("/v1/extract", json={})
    client.get("/nowhere/at/all")
    text = client.get("/metrics").get_data(as_text=True)
    counts = [
        _sample(text, "suanpan_http_requests_total", method=m, route=r, status=s)
        for m, r, s in (
            ("POST", "/v1/extract", "200"),
            ("POST", "/v1/extract", "422"),
            ("GET", "unmatched", "404"),
        )
    ]
    assert counts == [1, 1, 1]


def test_metrics_time_requests_by_route_and_status(client):
    client.get("/healthz")
    text = client.get("/metrics").get_data(as_text=True)
    assert (
        _sample(
            text, "suanpan_http_request_duration_seconds_count", method="GET", route="/healthz", status="200"
        )
        == 1
    )


def test_metrics_count_documents_characters_and_kpis(client, fake_engine):
    fake_engine(kpi("units_sold", 41), kpi("units_sold", 3), kpi("revenue", 5))
    client.post("/v1/extract", json={"text": "四个字符"})
    client.post("/v1/extract/batch", json={"documents": [{"id": "a", "text": "五个个字符"}]})
    text = client.get("/metrics").get_data(as_text=True)
    assert [
        _sample(text, "suanpan_documents_total"),
        _sample(text, "suanpan_characters_total"),
        _sample(text, "suanpan_kpis_total", name="units_sold"),
        _sample(text, "suanpan_kpis_total", name="revenue"),
    ] == [2, 9, 4, 2]


def test_metrics_add_up_the_engines_cpu_time(client, fake_engine, monkeypatch):
    fake_engine(kpi("units_sold", 41))
    clock = iter([10.0, 10.25, 20.0, 20.5])  # each extraction reads its thread's clock twice
    monkeypatch.setattr(api.time, "thread_time", lambda: next(clock))
    client.post("/v1/extract", json={"text": "四个字符"})
    client.post("/v1/extract/batch", json={"documents": [{"id": "a", "text": "五个个字符"}]})
    text = client.get("/metrics").get_data(as_text=True)
    assert _sample(text, "suanpan_engine_cpu_seconds_total") == 0.75


_WORKER = """
import sys
from service import create_app
client = create_app({"TESTING": True}).test_client()
for _ in range(int(sys.argv[1])):
    client.post("/v1/extract", json={"text": "共销售住宅41套"})
print(client.get("/metrics").get_data(as_text=True))
"""


def test_metrics_add_up_across_worker_processes(tmp_path):
    """Like gunicorn workers: separate processes, one PROMETHEUS_MULTIPROC_DIR, one total."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}

    def worker(posts):
        return subprocess.run(
            [sys.executable, "-c", _WORKER, str(posts)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout

    worker(2)
    text = worker(3)
    assert [
        _sample(text, "suanpan_documents_total"),
        _sample(text, "suanpan_http_requests_total", method="POST", route="/v1/extract", status="200"),
    ] == [5, 5]


# ---- the contract and the docs ----------------------------------------------------------------


def test_openapi_yaml_is_the_committed_file(client):
    response = client.get("/openapi.yaml")
    assert response.get_data(as_text=True) == (ROOT / "openapi.yaml").read_text(encoding="utf-8")


def test_openapi_json_is_the_same_document(client):
    document = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    assert client.get("/openapi.json").get_json() == document


def test_docs_page_loads_only_local_files(client):
    page = client.get("/docs").get_data(as_text=True)
    assert "validatorUrl: null" in page
    assert not re.search(r"(https?:)?//[a-z]", page)


@pytest.mark.parametrize(
    "name, mimetype",
    [
        ("swagger-ui.css", "text/css"),
        ("swagger-ui-bundle.js", "text/javascript"),
        ("swagger-ui-standalone-preset.js", "text/javascript"),
        ("favicon-32x32.png", "image/png"),
    ],
    ids=["css", "bundle", "preset", "icon"],
)
def test_docs_assets_are_served_from_the_installed_bundle(client, name, mimetype):
    response = client.get(f"/docs/{name}")
    assert (response.status_code, response.mimetype) == (200, mimetype)


def test_docs_page_links_only_served_assets(client):
    page = client.get("/docs").get_data(as_text=True)
    links = re.findall(r'(?:href|src|url): ?"?=?"?(/[^"]+)"', page)
    assert links and all(client.get(link).status_code == 200 for link in links)


# ---- settings ---------------------------------------------------------------------------------


def test_environment_overrides_the_defaults(monkeypatch):
    monkeypatch.setenv("SUANPAN_MAX_BATCH", "7")
    from service import create_app

    assert create_app().config["MAX_BATCH"] == 7


def test_test_config_overrides_the_environment(monkeypatch):
    monkeypatch.setenv("SUANPAN_MAX_BATCH", "7")
    from service import create_app

    assert create_app({"MAX_BATCH": 2}).config["MAX_BATCH"] == 2


@pytest.mark.parametrize(
    "name, value",
    [
        ("SUANPAN_MAX_BODY_BYTES", "lots"),
        ("SUANPAN_MAX_BATCH", "0"),
        ("SUANPAN_LOG_LEVEL", "LOUD"),
    ],
    ids=["not-a-number", "zero", "not-a-level"],
)
def test_a_bad_setting_stops_start_up_naming_it(name, value):
    with pytest.raises(ValueError, match=name):
        settings.from_environ({name: value})


def test_settings_table_lists_every_variable():
    table = settings.markdown_table()
    assert [line.split("`")[1] for line in table.splitlines()[2:]] == [s.env for s in settings.SETTINGS]


def test_get_text_limit_is_configurable(app, client):
    app.config["MAX_GET_TEXT"] = 3
    assert client.get("/v1/extract", query_string={"text": "四个字符"}).status_code == 422


def test_chunked_body_within_the_limit_is_read_whole(app, client):
    app.config["MAX_BODY_BYTES"] = 1000
    text = "中" * 333  # 999 bytes
    response = client.stream(chunked_environ("/v1/extract", text.encode()))
    assert (response.status_code, response.json["document"]["chars"]) == (200, 333)


def test_get_query_text_with_reserved_characters_arrives_intact(client):
    text = "收入+5%&利润=3亿 #1"
    answer = client.get("/v1/extract?text=" + quote(text)).get_json()
    assert answer["document"]["sha256"] == hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("name", ["seed", "doc"])
def test_engine_answers_are_already_in_the_schema_shape(name):
    # the view sends the engine's answer without a marshmallow dump: that is only right
    # while dumping it would change nothing
    from service import extract
    from service.schemas import Extraction

    folder = shared.folder(*(("seeds",) if name == "seed" else ("corpus", "docs")))
    for path in sorted(folder.glob("*.txt")):
        answer = extract(path.read_text(encoding="utf-8"), options={"out_of_scope": True})
        assert Extraction().dump(answer) == answer, path.name
