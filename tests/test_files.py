"""Reports as files: Word, PDF and text in Chinese encodings, uploaded or as raw bodies, and the
bad files each get their problem (service/readers.py, service/uploads.py).

Every file is made here (tests/helpers/files.py), never copied from elsewhere.
"""

import io
import tracemalloc
import zipfile
import zlib

import pytest

from helpers.files import deflate, docx_with_document_xml, make_docx, make_pdf, multipart, zeros_deflated
from service import readers

DOCX = readers.DOCX
PDF = readers.PDF
REPORT = "2024年上半年，本项目共销售住宅41套，实现销售收入1.2亿元。其中住户咨询155件。"


def upload(client, data, filename, content_type=None, **kwargs):
    body, form_type = multipart(data, filename, content_type or "application/octet-stream")
    return client.post("/v1/extract", data=body, content_type=form_type, **kwargs)


def answered(response):
    """The 200 answer, after checking its offsets index ``document.text``."""
    assert response.status_code == 200, response.get_json()
    answer = response.get_json()
    text = answer["document"]["text"]
    assert answer["document"]["chars"] == len(text)
    for mention in answer["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    return answer


def problem(response, status, kind=None):
    assert (response.status_code, response.mimetype) == (status, "application/problem+json"), (
        response.get_data(as_text=True)
    )
    body = response.get_json()
    if kind:
        assert body["type"] == f"urn:suanpan:problem:{kind}"
    return body


def kpis(answer):
    return {(k["name"], k["value"]) for k in answer["kpis"]}


# ---- Word -------------------------------------------------------------------------------------


def test_docx_upload_reads_paragraphs_and_tables_in_order(client):
    data = make_docx("2024年上半年经营情况", [["项目", "数量"], ["销售住宅", "41套"]], "其中住户咨询155件。")
    answer = answered(upload(client, data, "report.docx"))
    assert answer["document"]["text"] == (
        "2024年上半年经营情况\n项目\t数量\n销售住宅\t41套\n其中住户咨询155件。"
    )
    assert answer["document"]["source"] == {
        "media_type": DOCX,
        "filename": "report.docx",
        "bytes": len(data),
        "encoding": None,
        "pages": None,
        "paragraphs": 2,
        "tables": 1,
    }
    assert ("inquiries", 155) in kpis(answer)


def test_a_word_table_row_is_one_line_with_merged_cells_once(client):
    data = make_docx([["销售数量", "5,454台", "同比增长12%"], ["合计", None, "2,385件"]])
    answer = answered(client.post("/v1/extract", data=data, content_type=DOCX))
    assert answer["document"]["text"].splitlines() == ["销售数量\t5,454台\t同比增长12%", "合计\t2,385件"]
    assert ("units_sold", 5454) in kpis(answer)


def test_docx_answers_csv_too(client):
    response = client.post(
        "/v1/extract", data=make_docx(REPORT), content_type=DOCX, headers={"Accept": "text/csv"}
    )
    assert response.mimetype == "text/csv"
    assert ",住户咨询,,39,43,其中住户咨询155件\r\n" in response.get_data(as_text=True)


# ---- PDF --------------------------------------------------------------------------------------


def test_pdf_upload_reads_every_page(client):
    data = make_pdf(["2024年上半年，本项目共销售住宅41套，"], ["其中住户咨询155件。"])
    answer = answered(upload(client, data, "report.pdf"))
    assert answer["document"]["text"] == "2024年上半年，本项目共销售住宅41套，\n其中住户咨询155件。"
    assert answer["document"]["source"]["pages"] == 2
    assert kpis(answer) >= {("units_sold", 41), ("inquiries", 155)}


def test_pdf_raw_body_and_octet_stream_read_the_same(client):
    data = make_pdf([REPORT])
    as_pdf = answered(client.post("/v1/extract", data=data, content_type=PDF))
    sniffed = answered(client.post("/v1/extract", data=data, content_type="application/octet-stream"))
    assert as_pdf == sniffed and as_pdf["document"]["source"]["media_type"] == PDF


def test_pdf_encrypted_only_against_editing_is_read(client):
    answer = answered(
        client.post("/v1/extract", content_type=PDF, data=make_pdf(["共销售住宅41套"], encrypt=("", "owner")))
    )
    assert kpis(answer) == {("units_sold", 41)}


# ---- text in its encodings --------------------------------------------------------------------

ENCODINGS = [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),
    ("big5", "big5"),
    ("utf-16", "utf-16"),
    ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
]
TRADITIONAL = "2024年上半年，本項目共銷售住宅41套，實現銷售收入1.2億元。"


@pytest.mark.parametrize("encoding, read_as", ENCODINGS, ids=[e for e, _ in ENCODINGS])
def test_txt_upload_in_any_common_encoding_is_detected(client, encoding, read_as):
    text = TRADITIONAL if encoding == "big5" else REPORT
    answer = answered(upload(client, text.encode(encoding), "report.txt"))
    assert answer["document"]["text"] == text  # no byte order mark
    assert answer["document"]["source"]["encoding"] == read_as
    assert ("sales_value", 120000000) in kpis(answer)
    detected = [w for w in answer["warnings"] if w["code"] == "encoding_detected"]
    assert bool(detected) == (read_as in ("gb18030", "big5", "utf-16-le", "utf-16-be"))


@pytest.mark.parametrize("charset", ["gbk", "GB2312", "gb18030", "big5", "utf-16"])
def test_text_plain_with_a_declared_charset_is_read_in_it(client, charset):
    text = TRADITIONAL if charset == "big5" else "本月共销售住宅41套。"
    answer = answered(
        client.post("/v1/extract", data=text.encode(charset), content_type=f"text/plain; charset={charset}")
    )
    assert answer["document"]["text"] == text
    assert answer["document"]["source"]["encoding"] == zlib_name(charset)
    assert answer["warnings"] == []
    assert kpis(answer) == (
        {("units_sold", 41), ("sales_value", 120000000)} if charset == "big5" else {("units_sold", 41)}
    )  # (traditional characters read as simplified)


def zlib_name(charset):
    import codecs

    return codecs.lookup(charset).name


def test_short_gbk_without_charset_is_not_taken_for_utf16(client):
    """charset-normalizer alone reads these 20 bytes as UTF-16-BE (Hangul)."""
    answer = answered(
        client.post("/v1/extract", data="本月共销售住宅41套。".encode("gbk"), content_type="text/plain")
    )
    assert answer["document"]["text"] == "本月共销售住宅41套。"
    assert [w["code"] for w in answer["warnings"]] == ["encoding_detected"]


def test_utf8_text_plain_answers_as_before_without_text_or_source(client):
    answer = client.post("/v1/extract", data=REPORT.encode(), content_type="text/plain").get_json()
    assert "text" not in answer["document"] and "source" not in answer["document"]


def test_a_txt_part_with_a_charset_is_read_in_it(client):
    data = "本月共销售住宅41套。".encode("gbk")
    answer = answered(upload(client, data, "r.txt", "text/plain; charset=gbk"))
    assert answer["document"]["source"]["encoding"] == "gbk" and answer["warnings"] == []


# ---- bad files --------------------------------------------------------------------------------


def test_truncated_docx_is_422_saying_so(client):
    data = make_docx(REPORT)
    body = problem(upload(client, data[: len(data) // 2], "report.docx"), 422, "unreadable-file")
    assert "not a complete zip" in body["detail"]


def test_a_zip_that_is_not_word_is_422(client):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("report.txt", REPORT)
    body = problem(client.post("/v1/extract", data=out.getvalue(), content_type=DOCX), 422)
    assert "no word/document.xml" in body["detail"]


def test_docx_with_broken_xml_is_422(client):
    xml = b"<w:document"
    data = docx_with_document_xml(deflate(xml), zlib.crc32(xml), len(xml))
    assert "cannot be parsed" in problem(upload(client, data, "r.docx"), 422)["detail"]


def test_pdf_with_a_user_password_is_422_saying_encrypted(client):
    data = make_pdf(["共销售住宅41套"], encrypt=("secret", "owner"))
    body = problem(upload(client, data, "r.pdf"), 422, "unreadable-file")
    assert "encrypted" in body["detail"]


def test_image_only_pdf_is_422_saying_scanned(client):
    body = problem(
        upload(client, make_pdf(["共销售住宅41套"] * 3, image_only=True), "scan.pdf"), 422, "unreadable-file"
    )
    assert "no text layer" in body["detail"] and "OCR" in body["detail"]


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_truncated_or_garbled_pdf_is_422(client, cut):
    data = make_pdf([REPORT])
    problem(
        client.post("/v1/extract", data=data[: int(len(data) * cut)], content_type=PDF),
        422,
        "unreadable-file",
    )


@pytest.mark.parametrize(
    "filename, content_type",
    [
        ("report.doc", None),
        ("report.png", "image/png"),
        ("report.xlsx", "application/vnd.ms-excel"),
        ("old", "application/msword"),
    ],
    ids=["doc-by-name", "png", "excel", "doc-by-type"],
)
def test_file_types_not_read_are_415(client, filename, content_type):
    problem(upload(client, b"\xd0\xcf\x11\xe0 not read", filename, content_type), 415)


def test_old_word_sent_as_octet_stream_is_415_by_its_bytes(client):
    body = problem(
        client.post(
            "/v1/extract", data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", content_type="application/octet-stream"
        ),
        415,
    )
    assert ".docx" in body["detail"]


def test_undecodable_text_is_400(client):
    problem(upload(client, bytes(range(128, 256)) * 4, "r.txt"), 400, "undecodable-text")
    problem(
        client.post("/v1/extract", data=b"\x81\x20", content_type="text/plain; charset=gbk"),
        400,
        "undecodable-text",
    )


def test_file_over_the_limit_is_413(app, client):
    app.config["MAX_FILE_BYTES"] = 20_000
    data = make_docx(REPORT)
    assert len(data) > 20_000
    for response in (
        client.post("/v1/extract", data=data, content_type=DOCX),
        upload(client, data, "r.docx"),
    ):
        assert "SUANPAN_MAX_FILE_BYTES" in problem(response, 413)["detail"]


def test_a_file_whose_text_is_over_the_body_limit_is_413(app, client):
    app.config["MAX_BODY_BYTES"] = 3_000
    body = problem(upload(client, make_docx(REPORT * 40), "r.docx"), 413)
    assert "text of the file" in body["detail"]


def test_docx_zip_bomb_is_413_within_the_body_limit_and_bounded_memory(app, client):
    """1 GiB of zeros as word/document.xml, deflated to 1 MiB: refused by its directory."""
    deflated, crc = zeros_deflated(1024)
    bomb = docx_with_document_xml(deflated, crc, 1 << 30)
    assert len(bomb) < app.config["MAX_FILE_BYTES"]
    tracemalloc.start()
    try:
        response = upload(client, bomb, "bomb.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "unpacks to 1074" in problem(response, 413)["detail"]
    assert peak < 16 * len(bomb) < (1 << 30) // 32


def test_docx_entry_lying_about_its_size_is_422_in_bounded_memory(client):
    """The directory says 1 KiB and the stream holds 1 GiB: zipfile stops at the declared size."""
    deflated, crc = zeros_deflated(1024)
    liar = docx_with_document_xml(deflated, crc, 1024)
    tracemalloc.start()
    try:
        response = client.post("/v1/extract", data=liar, content_type=DOCX)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    problem(response, 422, "unreadable-file")
    assert peak < 16 * len(liar)


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"file": "共销售住宅41套"}, "file", "Send the report as a file part"),
        ({}, "file", "Missing data"),
        ({"file": (io.BytesIO(b"41"), "a.txt"), "kpis": "units_sold"}, "kpis", "Unknown field"),
    ],
    ids=["text-field", "nothing", "extra-field"],
)
def test_multipart_without_exactly_one_file_is_422(client, data, field, message):
    response = client.post("/v1/extract", data=data, content_type="multipart/form-data")
    assert message in problem(response, 422, "validation-error")["errors"][field][0]


def test_multipart_with_two_files_is_422(client):
    part = (
        '--b\r\nContent-Disposition: form-data; name="file"; filename="{}"\r\n'
        "Content-Type: text/plain\r\n\r\n41套\r\n"
    )
    data = (part.format("a.txt") + part.format("b.txt") + "--b--\r\n").encode()
    response = client.post("/v1/extract", data=data, content_type="multipart/form-data; boundary=b")
    assert "one file" in problem(response, 422, "validation-error")["errors"]["file"][0]


def test_multipart_options_go_in_the_query_string(client):
    answer = answered(
        client.post(
            "/v1/extract?kpis=inquiries",
            content_type="multipart/form-data",
            data={"file": (io.BytesIO(REPORT.encode()), "r.txt")},
        )
    )
    assert kpis(answer) == {("inquiries", 155)}


def test_broken_multipart_is_400(client):
    response = client.post(
        "/v1/extract", data=b"--x\r\nnot a part", content_type="multipart/form-data; boundary=x"
    )
    problem(response, 400)
