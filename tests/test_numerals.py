"""Whole-string numeral parsing: ``service.engine.quantities.parse_number``.

``parse_number(s)`` reads ``s`` as ONE number as a person reads it (contract,
docs/CONTRACT.md): a single value, or min/max for a range, with a qualifier; None
when ``s`` is not one number. The expectations follow shared/corpus/GUIDELINE.md
("Values and qualifiers"). The last part pins the cn2an pitfalls the engine must
not inherit: cn2an is a runtime dependency, and its answers for report numerals
(七八 → 78, 两三 → 23, 十几 → error) are wrong for us.
"""

import importlib
import math
import warnings

import cn2an
import pytest

from service import extract


@pytest.fixture(scope="module")
def parse_number():
    try:
        module = importlib.import_module("service.engine.quantities")
        return module.parse_number
    except (ImportError, AttributeError) as exc:  # a failure, not a skip: the contract names it
        pytest.fail(f"service.engine.quantities.parse_number is missing: {exc!r}")


def field(number, name):
    if isinstance(number, dict):
        return number.get(name)
    return getattr(number, name)


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def assert_single(number, value, qualifier="exact"):
    assert number is not None, "not read as a number"
    got = (field(number, "value"), field(number, "min"), field(number, "max"), field(number, "qualifier"))
    assert close(got[0], value) and got[1] is None and got[2] is None and got[3] == qualifier, (
        f"want value={value} {qualifier}, got value={got[0]} min={got[1]} max={got[2]} {got[3]}"
    )


def assert_range(number, lo, hi):
    assert number is not None, "not read as a number"
    got = (field(number, "value"), field(number, "min"), field(number, "max"), field(number, "qualifier"))
    assert got[0] is None and close(got[1], lo) and close(got[2], hi) and got[3] == "range", (
        f"want range {lo}..{hi}, got value={got[0]} min={got[1]} max={got[2]} {got[3]}"
    )


# ── single values: (input, value) ──
ARABIC = [
    ("0", 0),
    ("7", 7),
    ("76", 76),
    ("2385", 2385),
    ("3.14", 3.14),
    ("0.5", 0.5),
    ("2.2247", 2.2247),
    ("615,365", 615365),
    ("1,284,600", 1284600),
    ("81,833.14", 81833.14),
    ("-22", -22),
    ("-2.3", -2.3),
]
FULL_WIDTH = [("７６", 76), ("１２８", 128), ("９６．５", 96.5), ("３，５００", 3500), ("－５", -5)]
CHINESE = [
    ("零", 0),
    ("〇", 0),
    ("一", 1),
    ("十", 10),
    ("十一", 11),
    ("二十", 20),
    ("二十一", 21),
    ("九十九", 99),
    ("一百", 100),
    ("一百零五", 105),
    ("一百二十", 120),
    ("一百一", 110),
    ("两百", 200),
    ("两千", 2000),
    ("两千零八十", 2080),
    ("三千〇五十", 3050),
    ("一千〇八", 1008),
    ("一万零二百", 10200),
    ("一万零五十", 10050),
    ("两万五千", 25000),
    ("一万五", 15000),
    ("五万四", 54000),
    ("十万", 100000),
    ("两千万", 20000000),
    ("三千五百万", 35000000),
    ("五亿三千万", 530000000),
    ("一千二百三十四万五千", 12345000),
    ("十二万", 120000),
    ("负三", -3),
    ("二〇二三", 2023),
]
CHINESE_DECIMAL = [
    ("零点五", 0.5),
    ("五点五", 5.5),
    ("一点二三", 1.23),
    ("九十八点五", 98.5),
    ("三点一四一五", 3.1415),
    ("零点八", 0.8),
    ("五点五亿", 550000000),
    ("三点二万", 32000),
]
CAPITAL = [("壹佰贰拾", 120), ("叁仟伍佰", 3500), ("伍万", 50000), ("壹拾壹", 11), ("贰", 2)]
MIXED = [
    ("1.2万", 12000),
    ("3.6亿", 360000000),
    ("1.05万亿", 1050000000000),
    ("240.1万", 2401000),
    ("3千万", 30000000),
    ("5千", 5000),
    ("12.5万", 125000),
    ("59064万", 590640000),
    ("2177.90万", 21779000),
    ("81,833.14亿", 8183314000000),
    ("1.5亿", 150000000),
    ("８万", 80000),
    ("-8600万", -86000000),
]


@pytest.mark.parametrize(
    "text,value",
    [pytest.param(t, v, id=f"arabic/{t}") for t, v in ARABIC]
    + [pytest.param(t, v, id=f"full_width/{t}") for t, v in FULL_WIDTH]
    + [pytest.param(t, v, id=f"chinese/{t}") for t, v in CHINESE]
    + [pytest.param(t, v, id=f"chinese_decimal/{t}") for t, v in CHINESE_DECIMAL]
    + [pytest.param(t, v, id=f"capital/{t}") for t, v in CAPITAL]
    + [pytest.param(t, v, id=f"mixed/{t}") for t, v in MIXED],
)
def test_single_value(parse_number, text, value):
    assert_single(parse_number(text), value)


# ── ranges: (input, min, max); the scale after the second number applies to both ──
RANGES = [
    ("七八", 7, 8),
    ("两三", 2, 3),
    ("一两", 1, 2),
    ("三五", 3, 5),
    ("十几", 11, 19),
    ("几十", 20, 99),
    ("数十", 20, 99),
    ("三四百", 300, 400),
    ("五六十", 50, 60),
    ("二三十", 20, 30),
    ("十五六", 15, 16),
    ("七八千万", 70000000, 80000000),
    ("600-700", 600, 700),
    ("600-700万", 6000000, 7000000),
    ("20~30", 20, 30),
    ("1.5-2亿", 150000000, 200000000),
    ("3至5万", 30000, 50000),
    ("15到40", 15, 40),
    ("1万至1.5万", 10000, 15000),
    ("-22亿至-17亿", -2200000000, -1700000000),
    ("五千万到八千万", 50000000, 80000000),
    ("数亿", 200000000, 999999999),
]


@pytest.mark.parametrize("text,lo,hi", [pytest.param(t, a, b, id=f"range/{t}") for t, a, b in RANGES])
def test_range(parse_number, text, lo, hi):
    assert_range(parse_number(text), lo, hi)


# ── qualifiers on a single value: (input, value, qualifier) ──
QUALIFIED = [
    ("三万余", 30000, "at_least"),
    ("500余", 500, "at_least"),
    ("十多万", 100000, "at_least"),
    ("100多", 100, "at_least"),
    ("三十多万", 300000, "at_least"),
    ("五百余万", 5000000, "at_least"),
    ("8,000余亿", 800000000000, "at_least"),
    ("近两千万", 20000000, "approx"),
    ("约3.2亿", 320000000, "approx"),
    ("200左右", 200, "approx"),
]


@pytest.mark.parametrize(
    "text,value,qualifier", [pytest.param(t, v, q, id=f"qualifier/{t}") for t, v, q in QUALIFIED]
)
def test_qualified_value(parse_number, text, value, qualifier):
    assert_single(parse_number(text), value, qualifier)


# ── not one number → None ──
NOT_NUMBERS = [
    "",
    "   ",
    "abc",
    "万",
    "亿",
    "万元",
    "xx",
    "xxx",
    "x",
    "点",
    "百分点",
    "123.1.1",
    "1.2.3",
    "1:4",
    "2019-09-30",
    "--5",
    "销售",
    "。",
    "，",
]


@pytest.mark.parametrize("text", [pytest.param(t, id=f"none/{t}") for t in NOT_NUMBERS])
def test_not_a_number(parse_number, text):
    number = parse_number(text)
    assert number is None, f"{text!r} read as {number!r}"


@pytest.mark.parametrize("text", ["76", "一千二百三十四万五千", "七八", "三万余", "１２８"])
def test_parse_is_deterministic(parse_number, text):
    assert parse_number(text) == parse_number(text)


def test_very_long_digit_run_is_finite(parse_number):
    number = parse_number("9" * 400)
    if number is not None:
        for name in ("value", "min", "max"):
            v = field(number, name)
            assert v is None or isinstance(v, int) or math.isfinite(v)


# ── cn2an pitfalls: what cn2an 0.5.24 says, and what we must say instead ──
# (input, what cn2an.transform returns, the in-context mention we expect from extract)
def cn2an_transform(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cn2an warns on fragments it cannot read
        return cn2an.transform(text, "cn2an")


def cn2an_strict(text):
    try:
        return cn2an.cn2an(text, "strict")
    except ValueError:
        return ValueError


TRANSFORM_PITFALLS = [
    # text, cn2an.transform output, expected span, (min, max) or value, unit, qualifier
    ("七八个人", "78个人", ["七八个", "七八个人"], (7, 8), "个", "range"),
    ("两三个客户", "23个客户", ["两三个"], (2, 3), "个", "range"),
    ("十几个人", "10几个人", ["十几个", "十几个人"], (11, 19), "个", "range"),
    ("三五套", "35套", ["三五套"], (3, 5), "套", "range"),
    ("三万余条", "30000余条", ["三万余条"], 30000, "条", "at_least"),
    ("近五成", "近5成", ["近五成"], 50, "%", "approx"),
    ("240.1 万辆", "240.1 万辆", ["240.1 万辆"], 2401000, "辆", "exact"),
]


@pytest.mark.parametrize(
    "text,transformed", [pytest.param(t, o, id=f"cn2an_says/{t}") for t, o, *_ in TRANSFORM_PITFALLS]
)
def test_cn2an_pitfall_is_real(text, transformed):
    """Pins the pinned cn2an's answer, so the pitfall the engine must avoid stays documented."""
    assert cn2an_transform(text) == transformed


@pytest.mark.parametrize(
    "text,spans,amount,unit,qualifier",
    [pytest.param(t, s, a, u, q, id=f"we_say/{t}") for t, _, s, a, u, q in TRANSFORM_PITFALLS],
)
def test_engine_does_not_inherit_cn2an_pitfall(text, spans, amount, unit, qualifier):
    mentions = [m for m in extract(text)["mentions"] if m["text"] in spans]
    assert len(mentions) == 1, f"no single mention for {spans}: {extract(text)['mentions']}"
    m = mentions[0]
    if isinstance(amount, tuple):
        assert m["value"] is None and close(m["min"], amount[0]) and close(m["max"], amount[1]), m
    else:
        assert close(m["value"], amount), m
    assert m["unit"] == unit and m["qualifier"] == qualifier, m


# cn2an's strict mode (its default) refuses forms reports use every day.
STRICT_REFUSALS = [("两千万", 20000000), ("1.2万", 12000), ("〇", 0), ("五万四", 54000), ("两百", 200)]


@pytest.mark.parametrize(
    "text,value", [pytest.param(t, v, id=f"strict_refuses/{t}") for t, v in STRICT_REFUSALS]
)
def test_strict_cn2an_refusals_are_read(parse_number, text, value):
    assert cn2an_strict(text) is ValueError
    assert_single(parse_number(text), value)


@pytest.mark.parametrize(
    "text,range_",
    [
        pytest.param("七八", (7, 8), id="normal_concatenates/七八"),
        pytest.param("两三", (2, 3), id="normal_concatenates/两三"),
    ],
)
def test_cn2an_normal_mode_concatenates_adjacent_digits(parse_number, text, range_):
    assert cn2an.cn2an(text, "normal") == int(text.translate(str.maketrans("七八两三", "7823")))
    assert_range(parse_number(text), *range_)


@pytest.mark.parametrize("text", ["第一", "一是", "二期"])
def test_cn2an_rewrites_ordinals_and_names_but_we_report_no_count(text):
    assert cn2an_transform(text) != text  # cn2an turns 第一 into 第1, 二期 into 2期
    in_scope = [
        m for m in extract(text)["mentions"] if m["dimension"] in {"count", "currency", "percent", "area"}
    ]
    assert in_scope == []
