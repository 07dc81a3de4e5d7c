"""Fuzz of ``extract`` and of the HTTP layer (hypothesis): bounded in CI, longer with SUANPAN_FUZZ_SECONDS.

``extract`` gets arbitrary Unicode, hostile runs of numeral pieces, and real reports
with pieces spliced in; it must never raise on a str, must give spans that index the
text, and must give mentions that do not overlap. The app gets random methods, paths,
query strings, headers, content types and bodies (bytes, broken UTF-8, random JSON,
near-valid requests) through the test client; it must never answer 5xx, and every
error must be application/problem+json whose ``status`` is the HTTP status. Every
response is also checked against openapi.yaml by the ``client`` fixture.

Unset, each test runs a fixed, derandomised set of examples (a few seconds, what
``make test`` runs). ``SUANPAN_FUZZ_SECONDS=600`` (``make fuzz``) shares that many
seconds among the tests, each running fresh random rounds until its share is spent.
Every failure found becomes a test in the regression tables at the end of this file.
"""

import functools
import itertools
import json
import os
import time
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from helpers import shared
from service import extract
from service.engine import taxonomy
from service.errors import MEDIA_TYPE

FUZZ_SECONDS = float(os.environ.get("SUANPAN_FUZZ_SECONDS") or 0)
FUZZ_TESTS = 6  # the tests below that share FUZZ_SECONDS
SHARED = shared.SHARED
SMALL_BODY = 4096  # the app under fuzz takes at most this many bytes, so 413 is reached cheaply

HEALTH = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.function_scoped_fixture,
]
CI_SETTINGS = settings(
    derandomize=True, database=None, deadline=None, print_blob=True, suppress_health_check=HEALTH
)
LONG_SETTINGS = settings(
    derandomize=False,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=HEALTH,
    max_examples=200,
)


def fuzz(max_examples):
    """Run the test once with ``max_examples`` fixed examples, or in random rounds for its time share."""

    def wrap(test):
        if not FUZZ_SECONDS:
            return settings(CI_SETTINGS, max_examples=max_examples)(test)
        long = LONG_SETTINGS(test)

        @functools.wraps(long)
        def rounds(*args, **kwargs):
            stop = time.monotonic() + FUZZ_SECONDS / FUZZ_TESTS
            done = 0
            while not done or time.monotonic() < stop:
                long(*args, **kwargs)
                done += 1
            print(f"{test.__name__}: {done} rounds of {LONG_SETTINGS.max_examples} examples")

        return rounds

    return wrap


# ───────────────────────── the engine ─────────────────────────

# Pieces that make numbers hard: every numeral form, scales stacked, units and
# qualifiers without numbers, separators of every width, blanks, and characters
# that change length under folding or encoding.
HOSTILE = (
    list("0123456789０１２３４５６７８９")
    + ["1,234", "1，234", "12.5", "0.", ".5", "1.2.3", "9" * 25, "-", "+"]
    + list("零〇一二两三四五六七八九十百千万亿兆壹贰叁肆伍陆柒捌玖拾佰仟萬億几数半")
    + [
        "万万",
        "亿万",
        "千百",
        "十几",
        "两三",
        "七八成",
        "百分之",
        "千分之",
        "百分之百",
        "个百分点",
        "成",
        "折",
        "万元",
        "亿元",
        "元",
        "块",
        "美元",
        "港元",
        "%",
        "％",
        "‰",
        "平方米",
        "㎡",
        "m²",
        "亩",
        "公顷",
        "套",
        "件",
        "户",
        "人次",
        "条",
        "宗",
        "个",
        "/平方米",
        "元/㎡",
    ]
    + [
        "余",
        "多",
        "近",
        "约",
        "逾",
        "左右",
        "以上",
        "以下",
        "超过",
        "不足",
        "至",
        "到",
        "~",
        "～",
        "—",
        "-",
        "或",
    ]
    + ["xx", "XX", "××", "＿＿", "__", "…", "共销售", "其中", "合计", "同比增长", "下降", "计划", "目标"]
    + [",", "，", "、", ".", "。", "；", ":", "：", "（", "）", "(", ")", "【", "】", "《", "》", '"', "“"]
    + [
        " ",
        "\u3000",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\x00",
        "\ufeff",
        "\u200b",
        "\u202e",
        "\u0301",
        "\ud800",
        "\udfff",
        "😀",
        "𠀀",
        "ﬁ",
        "Ⅻ",
        "①",
        "⑩",
        "²",
        "٣",
        "۳",
        "𝟗",
    ]
    + ["# ", "一、", "（一）", "第一章", "篇一", "\n\n"]
)
hostile_text = st.lists(st.sampled_from(HOSTILE), max_size=80).map("".join)
any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=400)


def _reports():
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus" / "docs").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files] or ["上半年共销售住宅128套，实现销售收入3.2亿元。"]


REPORTS = _reports()


@st.composite
def spliced_report(draw):
    """A window of a real report with hostile pieces inserted, replaced or deleted."""
    text = draw(st.sampled_from(REPORTS))
    start = draw(st.integers(0, max(0, len(text) - 1)))
    text = text[start : start + draw(st.integers(1, 3000))]
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        text = text[:at] + draw(hostile_text | st.sampled_from(HOSTILE)) + text[at + cut :]
    return text


LIST_LABELS = ["投诉", "咨询", "报修", "其他", "其中升级到12315的有", "涉及", "办结", "维修", "分别为", ""]
LIST_FIGURES = ["188", "1,200", "七八", "十几", "3-5", "二三十", "1.2万", "近两百", "30多", "x", "5%"]
LIST_UNITS = ["单", "件", "个", "通", "起", "人次", ""]
LIST_JOINS = ["\n- ", "\n", "、", "，", "；", "（", "）", "：", " "]
LIST_TOTALS = ["总计：", "合计", "共计", "其中", "以上合计", "两项加起来", "分类：", ""]


@st.composite
def listed_report(draw):
    """A heading, items of a list (labels, figures that may be ranges or blanks, units) and a
    total line in the shapes service reports use: the figures the breakdown rules add up."""
    parts = [draw(st.sampled_from(["工单情况：", "来电分项：", "本月受理工单1,820件。", ""]))]
    for _ in range(draw(st.integers(1, 8))):
        parts.append(draw(st.sampled_from(LIST_JOINS)))
        parts.append(draw(st.sampled_from(LIST_LABELS)))
        parts.append(draw(st.sampled_from(LIST_FIGURES)) + draw(st.sampled_from(LIST_UNITS)))
    parts.append(draw(st.sampled_from(LIST_JOINS)))
    parts.append(draw(st.sampled_from(LIST_TOTALS)) + draw(st.sampled_from(LIST_FIGURES)) + "单")
    return "".join(parts)


KPI_NAMES = sorted(k["name"] for k in taxonomy())
valid_options = st.none() | st.fixed_dictionaries(
    {}, optional={"kpis": st.lists(st.sampled_from(KPI_NAMES), max_size=4), "out_of_scope": st.booleans()}
)


def check_engine_answer(text, answer):
    """What must hold for any str: JSON without NaN, spans that index the text, no overlapping mentions."""
    json.dumps(answer, allow_nan=False)
    assert answer["document"]["chars"] == len(text)
    spans = []
    for m in answer["mentions"]:
        assert 0 <= m["start"] < m["end"] <= len(text), m
        assert text[m["start"] : m["end"]] == m["text"], m
        spans.append((m["start"], m["end"], m["text"]))
    for k in answer["kpis"]:
        assert 0 <= k["start"] < k["end"] <= len(text), k
    for p in answer["placeholders"]:
        assert text[p["start"] : p["end"]] == p["text"], p
    spans.sort()
    for (s0, e0, t0), (s1, e1, t1) in itertools.pairwise(spans):
        assert e0 <= s1, f"mentions overlap: {t0!r}@{s0}-{e0} and {t1!r}@{s1}-{e1}"


@fuzz(500)
@given(text=any_text | hostile_text, options=valid_options)
def test_extract_never_raises_on_any_text(text, options):
    note(f"text={text!r} options={options!r}")
    check_engine_answer(text, extract(text, options=options))


@fuzz(200)
@given(text=spliced_report(), options=valid_options)
def test_extract_never_raises_on_spliced_reports(text, options):
    note(f"text={text!r} options={options!r}")
    check_engine_answer(text, extract(text, options=options))


@fuzz(300)
@given(text=listed_report())
def test_extract_never_raises_on_lists_and_totals(text):
    note(f"text={text!r}")
    check_engine_answer(text, extract(text))


# ───────────────────────── the HTTP layer ─────────────────────────

PATHS = [
    "/v1/extract",
    "/v1/extract/batch",
    "/v1/kpis",
    "/healthz",
    "/readyz",
    "/metrics",
    "/openapi.yaml",
    "/openapi.json",
    "/docs",
    "/",
    "/v1",
    "/v1/extract/",
    "/v2/extract",
    "/v1/extract/batch/x",
    "/docs/x",
    "/%E4%B8%87",
    "//v1/extract",
    "/v1/extract?",
]
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
CONTENT_TYPES = [
    None,
    "",
    "application/json",
    "application/json; charset=utf-8",
    "application/json; charset=gbk",
    "application/json;charset=UTF-16",
    "text/plain",
    "text/plain; charset=utf-8",
    "text/plain; charset=latin-1",
    'text/plain; charset="utf-8"',
    "TEXT/PLAIN",
    "text/plain;;",
    "application/problem+json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "multipart/form-data; boundary=x",
    "application/xml",
    "*/*",
    "text/*",
    'application/json; x="',
    "application/vnd.api+json",
    "text/csv",
]
# Header values travel as latin-1 in WSGI; anything beyond is the server's problem, not the app's.
header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=60)
HEADER_NAMES = [
    "Accept",
    "Accept-Charset",
    "Accept-Encoding",
    "If-None-Match",
    "If-Match",
    "If-Modified-Since",
    "X-Request-ID",
    "Range",
    "Content-Encoding",
    "Content-Language",
    "Origin",
    "Authorization",
    "Cookie",
    "Expect",
    "X-Forwarded-For",
    "Cache-Control",
    "Transfer-Encoding-Hint",
    "X-Random",
]
headers = st.dictionaries(
    st.sampled_from(HEADER_NAMES),
    header_text
    | st.sampled_from(
        ["*", '"abc"', 'W/"abc"', "application/json", "text/plain", "gzip", "bytes=0-1", "", "trace-42"]
    ),
    max_size=4,
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
text_value = any_text | hostile_text | st.sampled_from(REPORTS[:3])
options_value = st.fixed_dictionaries(
    {},
    optional={
        "kpis": st.lists(st.sampled_from(KPI_NAMES) | st.text(max_size=8), max_size=3) | json_values,
        "out_of_scope": st.booleans() | json_values,
        "other": json_values,
    },
)
near_valid_json = st.one_of(
    st.fixed_dictionaries({"text": text_value}, optional={"options": options_value | json_values}),
    st.fixed_dictionaries(
        {
            "documents": st.lists(
                st.fixed_dictionaries(
                    {"id": st.text(max_size=8) | json_values, "text": text_value | json_values}
                ),
                max_size=5,
            )
            | json_values
        },
        optional={"options": options_value},
    ),
    json_values,
)


def _json_bytes(value):
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


bodies = st.one_of(
    st.none(),
    st.binary(max_size=300),
    text_value.map(lambda t: t.encode("utf-8", "surrogatepass")),
    near_valid_json.map(_json_bytes),
    near_valid_json.map(_json_bytes).flatmap(lambda b: st.integers(0, len(b)).map(lambda n: b[:n])),
    st.just(b"x" * (SMALL_BODY + 1)),
    st.sampled_from(
        [
            b"{",
            b"[]",
            b"null",
            b'""',
            b'{"text": null}',
            b"\xff\xfe",
            b"\xef\xbb\xbf{}",
            b'{"text": "\\ud800"}',
            b'{"text": 1e999}',
            b'{"text": "a", "text": 2}',
        ]
    ),
)
query_values = st.text(max_size=30) | st.sampled_from(
    ["true", "false", "1", "0", "", "units_sold", "units_sold,sales_value", "本月共销售住宅41套。"]
)
query_strings = st.one_of(
    st.none(),
    st.dictionaries(
        st.sampled_from(["text", "kpis", "out_of_scope", "options", "x", ""]), query_values, max_size=3
    ),
    st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
    st.sampled_from(
        [
            "text=%E4%B8%87%ZZ",
            "text=%ff%fe",
            "text&text=1",
            "kpis=&kpis=",
            "text=" + "%E4%B8%87" * 600,
            ";;&&==",
        ]
    ),
)


def encode_query(query):
    """A query dict as a client sends it: UTF-8 percent-escapes, lone surrogates as their WTF-8 bytes.

    The test client would refuse to encode a lone surrogate; a real client can send its bytes.
    """
    if not isinstance(query, dict):
        return query
    return "&".join(
        f"{quote(k.encode('utf-8', 'surrogatepass'))}={quote(v.encode('utf-8', 'surrogatepass'))}"
        for k, v in query.items()
    )


@pytest.fixture
def fuzz_app(app):
    app.config.update(
        MAX_BODY_BYTES=SMALL_BODY, MAX_CONTENT_LENGTH=SMALL_BODY, TESTING=False, PROPAGATE_EXCEPTIONS=False
    )  # answer an unexpected error as the service would
    return app


class FuzzClient:
    """Requests the contract covers go through conftest's ContractClient; HEAD and OPTIONS do not.

    openapi.yaml lists neither HEAD (Flask answers it for every GET route, without a
    body) nor OPTIONS (Flask's automatic Allow answer), so those are checked here only.
    Nor are paths with an empty segment (``//v1/extract``): the app answers 404 as it
    should, but openapi-core matches them to ``/v1/extract``, whose documented answers
    have no 404.
    """

    def __init__(self, app, contract):
        from conftest import ContractClient

        self.plain = app.test_client()
        app.test_client_class = ContractClient
        self.checked = app.test_client(contract=contract)

    def open(self, path, method="GET", **kwargs):
        client = self.plain if method in ("HEAD", "OPTIONS") or "//" in path else self.checked
        return client.open(path, method=method, **kwargs)

    def get(self, path, **kwargs):
        return self.open(path, method="GET", **kwargs)

    def post(self, path, **kwargs):
        return self.open(path, method="POST", **kwargs)


@pytest.fixture
def fuzz_client(fuzz_app, contract):
    return FuzzClient(fuzz_app, contract)


def check_http_answer(response, method):
    assert response.status_code < 500, (response.status_code, response.get_data()[:500])
    if response.status_code >= 400:
        assert response.mimetype == MEDIA_TYPE, (response.status_code, response.mimetype)
        if method != "HEAD":
            problem = json.loads(response.get_data())
            assert problem["status"] == response.status_code, problem
            assert problem["title"] and problem["type"], problem


@fuzz(600)
@given(
    method=st.sampled_from(METHODS),
    path=st.sampled_from(PATHS),
    query=query_strings,
    content_type=st.sampled_from(CONTENT_TYPES),
    headers=headers,
    data=bodies,
)
def test_http_never_answers_5xx(fuzz_client, method, path, query, content_type, headers, data):
    kwargs = {"method": method, "headers": headers, "query_string": encode_query(query), "data": data}
    if content_type is not None:
        kwargs["content_type"] = content_type
    note(f"{path} {kwargs!r}")
    check_http_answer(fuzz_client.open(path, **kwargs), method)


@fuzz(300)
@given(body=near_valid_json, query=query_strings, as_text=st.booleans())
def test_extract_endpoints_never_answer_5xx(fuzz_client, body, query, as_text):
    """Bodies close to valid requests reach the engine and the schemas, not just the parsers."""
    note(f"body={body!r} query={query!r} as_text={as_text}")
    query = encode_query(query)
    if as_text and isinstance(body, dict) and isinstance(body.get("text"), str):
        response = fuzz_client.post(
            "/v1/extract",
            query_string=query,
            data=body["text"].encode("utf-8", "surrogatepass"),
            content_type="text/plain; charset=utf-8",
        )
    else:
        path = "/v1/extract/batch" if isinstance(body, dict) and "documents" in body else "/v1/extract"
        response = fuzz_client.post(
            path, query_string=query, data=_json_bytes(body), content_type="application/json"
        )
    check_http_answer(response, "POST")


@fuzz(150)
@given(text=text_value, options=options_value)
def test_get_extract_never_answers_5xx(fuzz_client, text, options):
    query = {"text": text, **{k: json.dumps(v) if not isinstance(v, str) else v for k, v in options.items()}}
    note(f"query={query!r}")
    check_http_answer(fuzz_client.get("/v1/extract", query_string=encode_query(query)), "GET")


# ───────────────────────── regressions: what the fuzz found ─────────────────────────

# Engine: a 百 read as the scale of the number before it was read again as the start of
# 百分之, so two mentions shared it (1百 and 百分之5 in 1百分之5).
OVERLAPPING_MENTIONS = ["0百分之0", "1百分之5", "百分之百分之百分之"]


@pytest.mark.parametrize("text", OVERLAPPING_MENTIONS)
def test_regression_mentions_do_not_overlap(text):
    check_engine_answer(text, extract(text))


# Engine: a list's sum was asked of items one of which was a range (七八单, no single value),
# and the addition raised TypeError, so the whole report got no answer.
RANGE_IN_A_SUMMED_LIST = [
    "工单情况：\n- 投诉 188单，其中升级到12315的有七八单\n总计：218单",
    "来电分项：咨询120件、投诉十几件、报修3-5件，合计140件",
]


@pytest.mark.parametrize("text", RANGE_IN_A_SUMMED_LIST)
def test_regression_range_in_a_summed_list(text):
    check_engine_answer(text, extract(text))


# HTTP: requests the fuzz sent that the harness first got wrong; the app's answers are pinned.
HTTP_CASES = [
    # (method, path, query string, status)
    ("HEAD", "/v1/extract", None, 422),  # the GET route without `text`: status, no body
    ("GET", "//v1/extract", None, 404),  # an empty path segment is another path
    ("GET", "/v1/extract", "text=%ED%A0%80", 400),  # a lone surrogate's bytes are not UTF-8
    ("GET", "/v1/extract", "text=%ff%fe", 400),
    ("GET", "/v1/extract", "text=a&text=b", 422),
]


@pytest.mark.parametrize(
    "method, path, query, status", HTTP_CASES, ids=[f"{m} {p}?{q or ''}" for m, p, q, _ in HTTP_CASES]
)
def test_regression_http_answers(fuzz_client, method, path, query, status):
    response = fuzz_client.open(path, method=method, query_string=query)
    assert response.status_code == status
    check_http_answer(response, method)
