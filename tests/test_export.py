"""CSV for dashboards: `Accept: text/csv` on /v1/extract and /v1/extract/batch (service/export.py)."""

import csv
import io

import pytest
from conftest import kpi

from service import export, extract

REPORT = "2024年上半年，本项目共销售住宅41套，实现销售收入1.2亿元。其中住户咨询155件。"
CSV = {"Accept": "text/csv"}


def parse(response):
    """The rows of a CSV answer as dicts, after checking the bytes are RFC 4180 with a BOM."""
    data = response.get_data()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8")[1:]
    assert text.endswith("\r\n")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_post_with_accept_csv_gives_one_row_per_kpi_with_the_json_values(client):
    response = client.post("/v1/extract", json={"text": REPORT}, headers=CSV)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert "Accept" in response.headers["Vary"]
    rows = parse(response)
    kpis = extract(REPORT)["kpis"]
    assert list(rows[0]) == list(export.KPI_COLUMNS)
    assert [(r["name"], r["value"], r["unit"], r["period"], r["evidence"]) for r in rows] == [
        (k["name"], str(k["value"]), k["unit"], k["period"] or "", k["evidence"]) for k in kpis
    ]
    assert [REPORT[int(r["start"]) : int(r["end"])] for r in rows] == [
        REPORT[k["start"] : k["end"]] for k in kpis
    ]
    assert rows[1]["value"] == "120000000"  # integral money, not 120000000.0


def test_text_plain_body_and_get_answer_csv_too(client):
    post = client.post("/v1/extract", data=REPORT.encode(), content_type="text/plain", headers=CSV)
    get = client.get("/v1/extract", query_string={"text": REPORT}, headers=CSV)
    assert parse(post) == parse(get) != []


@pytest.mark.parametrize(
    "accept", [None, "*/*", "application/json", "text/csv;q=0.5, application/json", "text/html, */*;q=0.8"]
)
def test_json_stays_the_answer_unless_csv_is_preferred(client, accept):
    headers = {"Accept": accept} if accept else {}
    response = client.post("/v1/extract", json={"text": REPORT}, headers=headers)
    assert response.mimetype == "application/json"


def test_csv_quotes_as_rfc_4180_and_defuses_formulas(client, fake_engine):
    tricky = {
        **kpi("units_sold", 41),
        "evidence": '共销售"住宅",41套\n其中',
        "label": "=1+2",
        "period": "-上半年",
        "min": 40,
        "max": 42.5,
    }
    fake_engine(tricky)
    response = client.post("/v1/extract", json={"text": "41套"}, headers=CSV)
    text = response.get_data(as_text=True)
    assert '"共销售""住宅"",41套\n其中"' in text
    (row,) = parse(response)
    assert (row["evidence"], row["label"], row["period"]) == ('共销售"住宅",41套\n其中', "'=1+2", "'-上半年")
    assert (row["min"], row["max"], row["value"]) == ("40", "42.5", "41")


def test_direction_and_part_of_are_columns_when_the_engine_gives_them(client, fake_engine):
    fake_engine(
        {**kpi("units_sold", 41), "direction": "increase", "part_of": "m1"}, kpi("units_sold", 7, start=5)
    )
    first, second = parse(client.post("/v1/extract", json={"text": "41套"}, headers=CSV))
    assert (first["direction"], first["part_of"]) == ("increase", "m1")
    assert (second["direction"], second["part_of"]) == ("", "")


def test_a_report_without_kpis_is_the_header_alone(client):
    response = client.post("/v1/extract", json={"text": "没有数字。"}, headers=CSV)
    assert response.get_data() == ("\ufeff" + ",".join(export.KPI_COLUMNS) + "\r\n").encode()


def test_csv_and_json_of_the_same_get_have_different_etags(client):
    query = {"text": REPORT}
    as_json = client.get("/v1/extract", query_string=query)
    as_csv = client.get("/v1/extract", query_string=query, headers=CSV)
    assert as_json.headers["ETag"] != as_csv.headers["ETag"]
    again = client.get(
        "/v1/extract", query_string=query, headers={**CSV, "If-None-Match": as_csv.headers["ETag"]}
    )
    assert again.status_code == 304
    crossed = client.get(
        "/v1/extract", query_string=query, headers={**CSV, "If-None-Match": as_json.headers["ETag"]}
    )
    assert crossed.status_code == 200 and crossed.mimetype == "text/csv"


def test_batch_csv_prefixes_rows_with_the_document_id_and_lists_failures(client):
    response = client.post(
        "/v1/extract/batch",
        headers=CSV,
        json={
            "documents": [
                {"id": "h1", "text": REPORT},
                {"id": "bad", "text": 7},
                {"id": "none", "text": "无"},
                {"id": "jul", "text": "本月共销售住宅41套。"},
            ]
        },
    )
    rows = parse(response)
    assert list(rows[0]) == ["document", *export.KPI_COLUMNS, "error"]
    assert [r["document"] for r in rows] == ["h1"] * len(extract(REPORT)["kpis"]) + ["bad", "jul"]
    bad = rows[-2]
    assert bad["name"] == "" and "does not match the schema" in bad["error"]
    assert (rows[-1]["name"], rows[-1]["value"], rows[-1]["error"]) == ("units_sold", "41", "")


def test_errors_stay_problem_json_when_csv_is_asked(client):
    response = client.post("/v1/extract", json={"txt": REPORT}, headers=CSV)
    assert (response.status_code, response.mimetype) == (422, "application/problem+json")


def test_lone_surrogates_become_replacement_characters_in_csv(client):
    response = client.post(
        "/v1/extract", data='{"text": "\\ud800共销售住宅41套"}', content_type="application/json", headers=CSV
    )
    (row,) = parse(response)
    assert row["evidence"].startswith("\ufffd共销售")
