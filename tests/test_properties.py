"""Properties of ``extract`` on arbitrary text (hypothesis, bounded and deterministic).

Whatever the input (any Unicode, lone surrogates included, or text built from
numeral, scale, unit, qualifier and punctuation pieces), ``extract``:
never raises; gives offsets that are valid Python string indexes with
``text[start:end] == mention["text"]``; gives finite values; answers with
JSON-serialisable data that survives a round trip; and gives the identical answer
on a second call. The settings are fixed (``derandomize=True``, no example
database) so a run is reproducible and CI never flakes on a new example.
"""

import hashlib
import itertools
import json
import math
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service import extract
from service.engine import cues, naming, numerals, quantities
from service.engine.numerals import fold

DIMENSIONS = {
    "count",
    "currency",
    "percent",
    "area",
    "number",
    "date",
    "duration",
    "age",
    "multiple",
    "ordinal",
}
QUALIFIERS = {"exact", "approx", "at_least", "at_most", "range"}
TOP_KEYS = {"extractor", "document", "mentions", "kpis", "breakdowns", "placeholders", "warnings"}

BOUNDED = settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces reports are made of: every numeral form, scales, units, qualifiers,
# separators, masks, and the words that make a number out of scope.
PIECES = (
    list("0123456789０１２３４５６７８９")
    + ["12", "76", "2385", "615,365", "3.6", "0.5", "-", "+"]
    + list("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟几数点")
    + [
        "万元",
        "亿元",
        "元",
        "块",
        "美元",
        "港元",
        "%",
        "％",
        "百分之",
        "成",
        "个百分点",
        "平方米",
        "平米",
        "㎡",
        "m2",
        "亩",
        "公顷",
        "套",
        "件",
        "个",
        "户",
        "名",
        "人",
        "人次",
        "张",
        "条",
        "盒",
        "台",
        "辆",
        "单",
        "次",
        "组",
        "家",
        "幢",
        "/",
        "/平方米",
        "/月",
    ]
    + ["余", "多", "近", "约", "左右", "上下", "以上", "超过", "不到", "以内", "高达", "共计", "其中"]
    + [
        ",",
        ".",
        "，",
        "。",
        "、",
        "：",
        ":",
        "；",
        "（",
        "）",
        "(",
        ")",
        "-",
        "—",
        "~",
        "～",
        "到",
        "至",
        " ",
        "  ",
        "\n",
        "\t",
        "\u3000",
    ]
    + [
        "x",
        "xx",
        "xxx",
        "X",
        "第",
        "期",
        "年",
        "月",
        "日",
        "岁",
        "倍",
        "篇",
        "是",
        "号",
        "G",
        "销售",
        "共销售",
        "实现销售",
        "剩余",
        "投诉",
        "咨询",
        "维修",
        "同比增长",
        "计划",
        "目标",
        "# ",
        "## ",
        "篇一",
        "一、",
        "（一）",
    ]
)
report_like = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
any_unicode = st.text(alphabet=st.characters(exclude_categories=()), max_size=300)


def is_finite_number(v):
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return True
    return isinstance(v, float) and math.isfinite(v)


def check_span(text, item, what):
    start, end = item.get("start"), item.get("end")
    assert isinstance(start, int) and isinstance(end, int), f"{what}: offsets {start!r}, {end!r}"
    assert 0 <= start <= end <= len(text), f"{what}: span {start}..{end} outside 0..{len(text)}"


def check_answer(text, answer):
    """Every structural promise of the contract that holds for any input."""
    assert isinstance(answer, dict) and TOP_KEYS <= set(answer), set(answer)
    doc = answer["document"]
    assert doc["chars"] == len(text)
    assert doc["sha256"] == hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    sections = doc["sections"]
    assert sections, "at least one section"
    for i, section in enumerate(sections):
        assert section["index"] == i
        check_span(text, section, f"section {i}")
    ids = set()
    for m in answer["mentions"]:
        check_span(text, m, f"mention {m.get('id')}")
        assert text[m["start"] : m["end"]] == m["text"], m
        assert m["start"] < m["end"], m
        assert m["id"] not in ids, f"duplicate id {m['id']}"
        ids.add(m["id"])
        for key in ("value", "min", "max"):
            assert m[key] is None or is_finite_number(m[key]), f"{key}={m[key]!r} in {m}"
        if m["value"] is None and m["dimension"] in {"count", "currency", "percent", "area"}:
            assert m["min"] is not None or m["max"] is not None, m
        assert m["dimension"] in DIMENSIONS, m
        assert m["qualifier"] in QUALIFIERS, m
        assert 0 <= m["section"] < len(sections), m
        where = sections[m["section"]]  # the section holding the mention's start (the last if two touch)
        assert where["start"] <= m["start"] and (
            m["start"] < where["end"] or m["section"] == len(sections) - 1
        ), m
    for k in answer["kpis"]:
        check_span(text, k, f"kpi {k.get('name')}")
        assert k["mention"] in ids, k
        for key in ("value", "min", "max"):
            assert k[key] is None or is_finite_number(k[key]), k
    for p in answer["placeholders"]:
        check_span(text, p, "placeholder")
        assert text[p["start"] : p["end"]] == p["text"], p
    for b in answer["breakdowns"]:
        assert b["total"] in ids and all(part in ids for part in b["parts"]), b
    for w in answer["warnings"]:
        assert isinstance(w["code"], str) and w["code"], w


def check_json_and_repeat(text, answer):
    dumped = json.dumps(answer, allow_nan=False, sort_keys=True)
    assert json.loads(dumped) == answer, "answer does not survive a JSON round trip"
    again = extract(text)
    assert json.dumps(again, allow_nan=False, sort_keys=True) == dumped, "second call differs"


def check_everything(text):
    answer = extract(text)
    check_answer(text, answer)
    check_json_and_repeat(text, answer)


@BOUNDED
@given(any_unicode)
def test_any_unicode_gives_a_valid_repeatable_answer(text):
    check_everything(text)


@BOUNDED
@given(report_like)
def test_report_like_text_gives_a_valid_repeatable_answer(text):
    check_everything(text)


HEADINGS = [
    "2019年销售总结",
    "篇一",
    "篇二",
    "一、销售情况",
    "二、",
    "（三）服务",
    "# 客服",
    "## 第二部分",
    "第三章",
]
sectioned = st.lists(st.tuples(st.sampled_from(HEADINGS), report_like), min_size=2, max_size=6).map(
    lambda parts: "\n".join(f"{head}\n共销售住宅41套，{body}" for head, body in parts)
)


@BOUNDED
@given(sectioned)
def test_sectioned_reports_give_a_valid_repeatable_answer(text):
    """Reports of several headed parts: each mention names the section its start lies in."""
    check_everything(text)


@BOUNDED
@given(report_like, report_like)
def test_offsets_follow_the_text_when_a_prefix_is_added(prefix, text):
    """An in-scope mention found in ``text`` keeps its span and value after a sentence break."""
    in_scope = {"count", "currency", "percent", "area"}
    alone = [m for m in extract(text)["mentions"] if m["dimension"] in in_scope]
    shifted_text = prefix + "。\n" + text
    shift = len(prefix) + 2
    shifted = {
        (m["start"], m["end"], m["value"], m["min"], m["max"]) for m in extract(shifted_text)["mentions"]
    }
    check_answer(shifted_text, extract(shifted_text))
    # The prefix may only change a mention that starts right at the break.
    for m in alone:
        if m["start"] == 0:
            continue
        key = (m["start"] + shift, m["end"] + shift, m["value"], m["min"], m["max"])
        assert key in shifted, f"{m} lost after prefix {prefix!r}"


DEGENERATE = [
    "",
    " ",
    "\n",
    "万",
    "xx户",
    "一二三",
    "9" * 50,
    "万" * 40,
    "套" * 30,
    "百分之",
    "百分之百分之",
    "个百分点",
    "成",
    "万元",
    "-",
    "—",
    "~",
    "至",
    "余",
    "多",
    "xx%",
    "共计",
    "其中",
    "，其中",
    "%",
    "％",
    "点",
    "第",
    "篇",
    "# ",
    "一、",
    "（一）",
    "\ud800",
    "1" * 30 + "万亿",
]


@pytest.mark.parametrize("text", DEGENERATE)
def test_degenerate_inputs(text):
    check_everything(text)


# A numeral (a lone 一 most of all), a measure word or a longer unit it begins, and what
# follows: more text, punctuation, the end, a range sign, a space; mixed with report pieces.
ONES = ["一", "一", "一", "十一", "二", "两", "百分之一", "第一", "前一", "-一", "“一"]
AFTER_ONE = [
    "个",
    "个月",
    "个亿",
    "个万",
    "个百分点",
    "名",
    "位",
    "期",
    "度",
    "度电",
    "号线",
    "强",
    "层",
    "次",
    "起",
    "套",
    "件",
    "人",
    "份",
    "支",
    "项",
    "角",
    "分",
    "万",
    "元",
    "点",
]
FOLLOWING = [
    "",
    "新",
    "的",
    "人",
    "，",
    "。",
    "、",
    " ",
    "\u3000",
    "\n",
    "-",
    "到",
    "—5",
    " 到6",
    "\u3000至",
    "x",
    "5",
    "之一",
    "多",
]
around_one = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(ONES), st.sampled_from(AFTER_ONE), st.sampled_from(FOLLOWING)).map("".join),
        st.sampled_from(PIECES),
    ),
    max_size=12,
).map("".join)
PLAIN_SCAN = re.compile(quantities.scan_pattern(articles=False))


def read(text, scan=None, plain=True, bare=False):
    return [
        (m.start, m.end, m.number, m.unit, m.dimension, m.scaled)
        for m in quantities.Reader(fold(text), scan=scan, plain=plain, bare=bare).mentions()
    ]


@settings(BOUNDED, max_examples=600)
@given(around_one | report_like)
def test_the_scan_passes_over_only_what_the_reader_refuses(text):
    """The scan's article rule (一个新的, 一期) leaves every answer as the reader alone gives it."""
    assert read(text) == read(text, PLAIN_SCAN)


# A figure with, on each side, what some rule of the reader looks at (or nothing).
BEFORE = [
    "",
    "第",
    "第 ",
    "前",
    "之",
    "百分之",
    "上",
    "-",
    "负",
    "+",
    "约",
    "约\u3000",
    "近",
    "超",
    "多于",
    "于",
    "不到",
    "达到",
    "约为",
    "为",
    "有",
    "约有",
    "“",
    "《",
    " ",
    "L",
    "PM",
    "/",
    "统",
    "这",
    "每",
    "港币",
]
CORES = [
    "2",
    "41",
    "12.5",
    "2019",
    "09",
    "3.0",
    "615,365",
    "一",
    "二",
    "两",
    "十",
    "三万",
    "七八",
    "十几",
    "零",
    "壹",
    "拾",
]
UNITS = [
    "套",
    "名",
    "年",
    "个",
    "个月",
    "%",
    "件",
    "元",
    "万元",
    "岁",
    "期",
    "位",
    "强",
    "次",
    "m2",
    "平方米",
    "人",
    "户",
    "倍",
    "成",
    "分",
    "角",
    "",
]
AFTER = [
    "",
    "左右",
    "以上",
    "-5",
    "-5套",
    "到6年",
    "至9%",
    " ",
    "\n",
    "的",
    "/月",
    "/平方米",
    "多",
    "余",
    "新",
    "5角",
    "亿元",
    "万",
    "港币",
    "”",
    "》",
    "四季",
]  # (一年四季 is a set phrase)


@pytest.mark.parametrize("before", BEFORE)
def test_plain_figures_are_read_as_the_general_rules_read_them(before):
    """Reader._plain (41套, 一年 read at once) answers as read()'s rules do, or leaves them to
    decide: every core, unit and what follows, after each thing a rule looks at before one."""
    for core, unit, after in itertools.product(CORES, UNITS, AFTER):
        text = f"共{before}{core}{unit}{after}，"
        assert read(text) == read(text, plain=False), text


def test_plain_figures_read_whole_strings_as_the_general_rules_do():
    """The same in whole-string parsing (quantities.parse_number), where bare numbers count too."""
    for core, unit, after in itertools.product(CORES, UNITS, AFTER):
        text = f"{core}{unit}{after}"
        assert read(text, bare=True) == read(text, plain=False, bare=True), text


@settings(BOUNDED, max_examples=300)
@given(around_one | report_like)
def test_plain_figures_in_running_text_are_read_as_the_general_rules_read_them(text):
    assert read(text) == read(text, plain=False)


@BOUNDED
@given(
    st.text(
        alphabet="年月季度上下半全本今去当前第个份一二三四五六七八九十〇零0123456789xX —-–~至", max_size=24
    )
)
def test_every_period_holds_a_period_character(text):
    """KpiNamer.period looks for a period only where 年, 月 or 季 is written: it must be so."""
    for p in naming.PERIOD_RE.finditer(text):
        assert any(c in p.group() for c in naming.PERIOD_CHARS), p.group()


@BOUNDED
@given(
    st.one_of(
        st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1),
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    )
)
def test_tidy_takes_integers_as_they_are_and_floats_to_fifteen_digits(v):
    """tidy's shortcut for integers gives what its float round trip gives."""
    got = numerals.tidy(v)
    slow = round(float(f"{v:.15g}"), 9)
    assert got == (int(slow) if slow == int(slow) else slow)
    assert type(got) is (int if slow == int(slow) else float)


# characters of the cue words, so that words, their prefixes and their overlaps come up often
CUE_ALPHABET = "销售额量投诉咨询增长率同比下降办结受理计划目标完成实际客户满意度上升件套元万，、 1"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=CUE_ALPHABET, max_size=40), st.integers(min_value=0, max_value=8))
def test_the_word_scanner_finds_what_the_whole_trie_pattern_finds(text, lo):
    """CueIndex scans with a WordScanner, first character then the rest: the words, places and
    lengths the lexicon's whole trie pattern finds, on any span."""
    whole, scanner = cues._compiled()[0], cues._compiled()[-1]
    lo = min(lo, len(text))
    assert scanner.spans(text, lo, len(text)) == [m.span() for m in whole.finditer(text, lo, len(text))]


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet="年月季度上下半全本今去当前第个份一二三四五六七八九十〇零0123456789０１xX —-–~至销",
        max_size=40,
    )
)
def test_last_period_is_the_last_a_full_scan_finds(text):
    """last_period tries PERIOD_RE only where PERIOD_FIRST says a match can begin: the same answer."""
    for lo in range(0, len(text) + 1, 7):
        full = [p.group() for p in naming.PERIOD_RE.finditer(text, lo, len(text))]
        assert naming.last_period(text, lo, len(text)) == (full[-1] if full else None)


PERIOD_ALPHABET = "0123456789一二三四五六七八九十〇零年月季度上下半全本今去当第前个份—-–~至 xX销售"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=PERIOD_ALPHABET, max_size=40))
def test_no_period_starts_further_than_period_lead_before_its_first_hint(text):
    """LabelRules.period scans from PERIOD_LEAD characters before the first 年月季 of its window."""
    for m in naming.PERIOD_RE.finditer(text):
        first = naming.PERIOD_HINT.search(m.group())
        assert first is not None and first.start() <= naming.PERIOD_LEAD, m.group()


def test_the_longest_lead_is_reached():
    """The bound is tight: a period with its 月 PERIOD_LEAD characters in (so a smaller one fails)."""
    m = naming.PERIOD_RE.search("12 — 12 月")
    assert m is not None and m.group().index("月") == naming.PERIOD_LEAD
