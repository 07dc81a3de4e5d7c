"""Report-level tests: breakdowns, placeholders, sections, KPIs and periods on whole texts.

The texts are the two seed reports (shared/seeds), the real reports in
shared/corpus/docs, and a few short reports written here to check that the rules
generalise. Expectations follow shared/corpus/GUIDELINE.md and issue 2; spans
are located by searching the text, never by hard-coded offsets.
"""

import itertools
import re
from functools import cache

import pytest
from test_properties import check_answer

from helpers import shared
from service import extract

SHARED = shared.SHARED
SEEDS = SHARED / "seeds"
DOCS = SHARED / "corpus" / "docs"
SEED_SALES = "000_1233faf6df12c4de.txt"  # 销售部年终总结范文(6篇)
SEED_SERVICE = "002_0c9af6567898c9b6.txt"  # 物业客服主管上半年工作总结报告(通用8篇)
IN_SCOPE = {"count", "currency", "percent", "area"}

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=shared.REASON)


@cache
def seed_text(name):
    return (SEEDS / name).read_text(encoding="utf-8")


@cache
def answer_for(name):
    return extract(seed_text(name))


def offsets(text, needle):
    return [m.start() for m in re.finditer(re.escape(needle), text)]


def nth(text, needle, n=0):
    found = offsets(text, needle)
    assert len(found) > n, f"{needle!r} occurs {len(found)} times in the text"
    return found[n]


def at(text, anchor, figure, n=0):
    """Offset of ``figure`` inside the n-th occurrence of ``anchor``."""
    return nth(text, anchor, n) + anchor.index(figure)


def mention_at(answer, start, text=None):
    """The in-scope mention starting at ``start`` (and with ``text``, when given), or None."""
    for m in answer["mentions"]:
        if m["start"] == start and m["dimension"] in IN_SCOPE and (text is None or m["text"] == text):
            return m
    return None


def kpi_for(answer, mention):
    return [k for k in answer["kpis"] if k["mention"] == mention["id"]]


def overlap(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end


def in_scope_overlapping(answer, start, end):
    return [
        m
        for m in answer["mentions"]
        if m["dimension"] in IN_SCOPE and overlap(m["start"], m["end"], start, end)
    ]


def breakdown_with_total(answer, total):
    return [b for b in answer["breakdowns"] if b["total"] == total["id"]]


def starts_of(answer, ids):
    by_id = {m["id"]: m for m in answer["mentions"]}
    return sorted(by_id[i]["start"] for i in ids if i in by_id)


# ───────────────────────── the service seed: breakdown 2385 件 ─────────────────────────

SERVICE_PARTS = [
    ("155件", 155, "inquiries"),
    ("43件", 43, "suggestions"),
    ("69件", 69, "complaints"),
    ("752件", 752, "repairs"),
    ("740件", 740, "repairs"),
    ("26件", 26, None),
    ("23件", 23, "praises"),
]


def service_total():
    text = seed_text(SEED_SERVICE)
    start = nth(text, "2385")
    total = mention_at(answer_for(SEED_SERVICE), start)
    assert total is not None, "no mention for 共计2385\\n\\n件"
    return total


def service_part_starts():
    text = seed_text(SEED_SERVICE)
    after = nth(text, "其中住户咨询")
    return [text.index(part, after) for part, _, _ in SERVICE_PARTS]


def test_breakdown_total_spans_the_line_break():
    total = service_total()
    assert total["text"] == "2385\n\n件"
    assert (total["value"], total["unit"], total["dimension"], total["qualifier"]) == (
        2385,
        "件",
        "count",
        "exact",
    )


@pytest.mark.parametrize("part,value,kpi", [pytest.param(*p, id=f"part/{p[0]}") for p in SERVICE_PARTS])
def test_breakdown_part_is_a_mention_with_its_kpi(part, value, kpi):
    text = seed_text(SEED_SERVICE)
    start = text.index(part, nth(text, "其中住户咨询"))
    m = mention_at(answer_for(SEED_SERVICE), start, part)
    assert m is not None, f"no mention for {part}"
    assert (m["value"], m["unit"], m["dimension"]) == (value, "件", "count")
    assert m["kpi"] == kpi


def test_breakdown_pairs_the_total_with_its_seven_parts():
    answer = answer_for(SEED_SERVICE)
    found = breakdown_with_total(answer, service_total())
    assert len(found) == 1, f"breakdowns with total 2385: {found}"
    assert starts_of(answer, found[0]["parts"]) == service_part_starts()


def test_breakdown_reports_the_sum_and_the_mismatch():
    found = breakdown_with_total(answer_for(SEED_SERVICE), service_total())
    assert found, "no breakdown with total 2385"
    b = found[0]
    assert b["total_value"] == 2385
    assert b["parts_sum"] == 1808
    assert b["consistent"] is False
    assert b.get("unit") == "件"


def test_breakdown_mismatch_warning_points_at_the_breakdown():
    text = seed_text(SEED_SERVICE)
    region = (nth(text, "接待来电来访共计"), text.index("表扬23件") + len("表扬23件"))
    warnings = [w for w in answer_for(SEED_SERVICE)["warnings"] if w["code"] == "breakdown_mismatch"]
    assert any(overlap(w["start"], w["end"], *region) for w in warnings), warnings


def test_breakdown_total_is_service_requests():
    total = service_total()
    assert total["kpi"] == "service_requests"
    assert [k["value"] for k in kpi_for(answer_for(SEED_SERVICE), total)] == [2385]


def test_repeated_figures_after_the_breakdown_are_not_parts():
    """'居家维修服务量高达740件，公共区域752件' repeats two parts later; they are not in the breakdown."""
    text = seed_text(SEED_SERVICE)
    answer = answer_for(SEED_SERVICE)
    later = [nth(text, "740件", 1), nth(text, "752件", 1)]
    for start in later:
        assert mention_at(answer, start) is not None
    parts = {s for b in answer["breakdowns"] for s in starts_of(answer, b["parts"])}
    assert not parts & set(later)


@pytest.mark.parametrize("card,value", [("4571张", 4571), ("380张", 380)])
def test_cards_issued(card, value):
    text = seed_text(SEED_SERVICE)
    m = mention_at(answer_for(SEED_SERVICE), nth(text, card), card)
    assert m is not None and m["value"] == value and m["kpi"] == "cards_issued", m


# ───────────────────────── the sales seed: nested totals ─────────────────────────

NESTED_SEED = {  # label: (anchor in the sentence, the figure inside it)
    "41": ("共销售住宅41套", "41套"),
    "2": ("营业房2套。", "2套"),
    "39": ("销售39套", "39套"),
    "2b": ("三期房源销售2套", "2套"),
    "1": ("水源路营业房销售1套", "1套"),
    "1b": ("纬二路营业房1套", "1套"),
}


def sales_sentence_mentions():
    """The six mentions of '共销售住宅41套,营业房2套。其中,…39套,…2套;…1套,…1套'."""
    text = seed_text(SEED_SALES)
    answer = answer_for(SEED_SALES)
    return {
        label: mention_at(answer, at(text, anchor, figure)) for label, (anchor, figure) in NESTED_SEED.items()
    }


@pytest.mark.parametrize("label,value", [("41", 41), ("2", 2), ("39", 39), ("2b", 2), ("1", 1), ("1b", 1)])
def test_nested_sentence_mentions_are_units_sold(label, value):
    m = sales_sentence_mentions()[label]
    assert m is not None, f"no mention for the {label} figure"
    assert (m["value"], m["unit"], m["kpi"]) == (value, "套", "units_sold"), m


@pytest.mark.parametrize(
    "total,parts",
    [pytest.param("41", ["39", "2b"], id="41套=39套+2套"), pytest.param("2", ["1", "1b"], id="2套=1套+1套")],
)
def test_nested_totals_pair_each_part_with_its_own_total(total, parts):
    ms = sales_sentence_mentions()
    assert ms[total] is not None, "total not found"
    answer = answer_for(SEED_SALES)
    found = breakdown_with_total(answer, ms[total])
    assert len(found) == 1, f"breakdowns with total {total}套: {found}"
    assert sorted(found[0]["parts"]) == sorted(ms[p]["id"] for p in parts if ms[p])
    assert len(found[0]["parts"]) == len(parts)
    assert found[0]["parts_sum"] == ms[total]["value"] and found[0]["consistent"] is True


def test_consistent_breakdowns_raise_no_warning():
    ms = sales_sentence_mentions()
    region = (ms["41"]["start"] if ms["41"] else 0, ms["1b"]["end"] if ms["1b"] else 0)
    warnings = [
        w
        for w in answer_for(SEED_SALES)["warnings"]
        if w["code"] == "breakdown_mismatch" and overlap(w["start"], w["end"], *region)
    ]
    assert warnings == []


# ───────────────────────── KPIs and periods on the sales seed ─────────────────────────

SALES_KPIS = [
    # needle, occurrence, value or (min, max), unit, qualifier, kpi
    ("76套", 0, 76, "套", "exact", "units_sold"),
    ("近两千万元", 0, 20000000, "CNY", "approx", "sales_value"),
    ("600-700万", 0, (6000000, 7000000), "CNY", "range", "sales_target"),
    ("三万余条", 0, 30000, "条", "at_least", "messages_sent"),
    ("4名", 0, 4, "名", "exact", "staff_left"),
    ("4名", 1, 4, "名", "exact", "staff_hired"),
    ("十几个", 0, (11, 19), "个", "range", "headcount"),
    ("七八个", 0, (7, 8), "个", "range", "headcount"),
    ("四套", 0, 4, "套", "exact", "sales_target"),
]


@pytest.mark.parametrize(
    "needle,n,amount,unit,qualifier,kpi",
    [pytest.param(*k, id=f"kpi/{k[0]}#{k[1]}={k[5]}") for k in SALES_KPIS],
)
def test_sales_seed_kpi(needle, n, amount, unit, qualifier, kpi):
    text = seed_text(SEED_SALES)
    answer = answer_for(SEED_SALES)
    m = mention_at(answer, nth(text, needle, n))
    assert m is not None, f"no mention at {needle}"
    if isinstance(amount, tuple):
        assert (m["value"], m["min"], m["max"]) == (None, *amount), m
    else:
        assert (m["value"], m["min"], m["max"]) == (amount, None, None), m
    assert (m["unit"], m["qualifier"], m["kpi"]) == (unit, qualifier, kpi), m
    assert [k["name"] for k in kpi_for(answer, m)] == [kpi]


def test_target_range_is_not_an_actual():
    text = seed_text(SEED_SALES)
    m = mention_at(answer_for(SEED_SALES), nth(text, "600-700万"))
    assert m is not None
    assert not [k for k in kpi_for(answer_for(SEED_SALES), m) if k["name"] == "sales_value"]


@pytest.mark.parametrize("needle,period", [("76套", "四个月"), ("41套", "本年度")])
def test_period_in_the_same_sentence_is_attached(needle, period):
    text = seed_text(SEED_SALES)
    answer = answer_for(SEED_SALES)
    m = mention_at(answer, nth(text, needle))
    assert m is not None
    kpis = kpi_for(answer, m)
    assert kpis and period in (kpis[0].get("period") or ""), kpis


def test_period_is_not_a_mention():
    text = seed_text(SEED_SALES)
    start = nth(text, "四个月销售76套")
    assert in_scope_overlapping(answer_for(SEED_SALES), start, start + 3) == []


# ───────────────────────── placeholders ─────────────────────────

PLACEHOLDERS = [
    (SEED_SALES, "共销售多层套", "units_sold"),
    (SEED_SALES, "剩余套", "units_remaining"),
    (SEED_SALES, "已销售套", "units_sold"),
    (SEED_SALES, "共销售套", "units_sold"),
    (SEED_SALES, "销售面积平方米", "sales_area"),
    (SEED_SALES, "实现销售万元", "sales_value"),
    (SEED_SALES, "计划实现销售xx元", "sales_target"),
    (SEED_SALES, "放户户", None),
    (SEED_SALES, "原来的平方米", None),
    (SEED_SALES, "增加到了万平方米", None),
    (SEED_SERVICE, "xxx个电话", "calls"),
    (SEED_SERVICE, "问题xxx个", "resolved"),
    (SEED_SERVICE, "非机动车张", "cards_issued"),
    (SEED_SERVICE, "催缴xx户", None),
    (SEED_SERVICE, "未交xx户", None),
    (SEED_SERVICE, "业主xx户", None),
]


def placeholder_id(p):
    return f"{'sales' if p[0] == SEED_SALES else 'service'}/{p[1]}"


@pytest.mark.parametrize("doc,needle,kpi", [pytest.param(*p, id=placeholder_id(p)) for p in PLACEHOLDERS])
def test_placeholder_is_reported_with_its_kpi(doc, needle, kpi):
    text = seed_text(doc)
    answer = answer_for(doc)
    for start in offsets(text, needle):
        end = start + len(needle)
        found = [p for p in answer["placeholders"] if overlap(p["start"], p["end"], start, end)]
        assert found, f"no placeholder at {needle!r}@{start}"
        if kpi is not None:
            assert any(p["kpi"] == kpi for p in found), found


@pytest.mark.parametrize("doc,needle,kpi", [pytest.param(*p, id=placeholder_id(p)) for p in PLACEHOLDERS])
def test_placeholder_is_never_a_mention(doc, needle, kpi):
    text = seed_text(doc)
    answer = answer_for(doc)
    for start in offsets(text, needle):
        assert in_scope_overlapping(answer, start, start + len(needle)) == []
        assert not [k for k in answer["kpis"] if overlap(k["start"], k["end"], start, start + len(needle))]


def test_placeholder_text_matches_its_span():
    for doc in (SEED_SALES, SEED_SERVICE):
        text = seed_text(doc)
        for p in answer_for(doc)["placeholders"]:
            assert text[p["start"] : p["end"]] == p["text"], p


# ───────────────────────── out-of-scope numbers in the seeds ─────────────────────────

OUT_OF_SCOPE = [
    (SEED_SALES, "20xx年"),
    (SEED_SALES, "9月30日"),
    (SEED_SALES, "12月末"),
    (SEED_SALES, "3到8倍"),
    (SEED_SALES, "四个月"),
    (SEED_SALES, "8月份"),
    (SEED_SALES, "1:4"),
    (SEED_SALES, "纬二路"),
    (SEED_SALES, "二期"),
    (SEED_SALES, "一期"),
    (SEED_SALES, "2024-01-18"),
    (SEED_SALES, "一、"),
    (SEED_SALES, "(一)"),
    (SEED_SALES, "一个新的台阶"),
    (SEED_SALES, "每一个人"),
    (SEED_SERVICE, "27岁"),
    (SEED_SERVICE, "三年来"),
    (SEED_SERVICE, "2019年"),
    (SEED_SERVICE, "篇一"),
    (SEED_SERVICE, "篇八"),
    (SEED_SERVICE, "历时x个月"),
    (SEED_SERVICE, "x个月来"),
    (SEED_SERVICE, "1. "),
]


@pytest.mark.parametrize(
    "doc,needle", [pytest.param(*o, id=placeholder_id((o[0], o[1], None))) for o in OUT_OF_SCOPE]
)
def test_out_of_scope_number_is_not_an_in_scope_mention(doc, needle):
    text = seed_text(doc)
    answer = answer_for(doc)
    assert offsets(text, needle), needle
    for start in offsets(text, needle):
        hits = in_scope_overlapping(answer, start, start + len(needle))
        assert hits == [], f"{needle!r}@{start}: {[h['text'] for h in hits]}"


def test_seed_service_totals():
    """The seed's 7 breakdown parts and 2 cards are all in-scope count mentions."""
    answer = answer_for(SEED_SERVICE)
    units = [m["unit"] for m in answer["mentions"] if m["dimension"] == "count"]
    assert units.count("件") >= 10 and units.count("张") >= 2


# ───────────────────────── sections ─────────────────────────


def section_of(answer, m):
    return answer["document"]["sections"][m["section"]]


def test_sections_are_ordered_and_disjoint():
    for doc in (SEED_SALES, SEED_SERVICE):
        sections = answer_for(doc)["document"]["sections"]
        for a, b in itertools.pairwise(sections):
            assert a["end"] <= b["start"], (doc, a, b)


@pytest.mark.parametrize("doc", [SEED_SALES, SEED_SERVICE])
def test_every_mention_and_kpi_names_the_section_that_holds_it(doc):
    answer = answer_for(doc)
    for item in answer["mentions"] + answer["kpis"]:
        s = section_of(answer, item)
        assert s["start"] <= item["start"] and item["end"] <= s["end"], (item, s)


ARTICLES = ["篇一", "篇二", "篇三", "篇四", "篇五", "篇六", "篇七", "篇八"]


@pytest.mark.parametrize("article", ARTICLES)
def test_markdown_articles_are_sections_with_titles(article):
    text = seed_text(SEED_SERVICE)
    heading = nth(text, f"工作总结报告{article}")
    line_start = text.rfind("\n", 0, heading) + 1
    line_end = text.find("\n", heading)
    sections = answer_for(SEED_SERVICE)["document"]["sections"]
    found = [s for s in sections if line_start <= s["start"] <= line_end and article in (s["title"] or "")]
    assert len(found) == 1, (
        f"no section titled …{article} starting on its heading line: "
        f"{[(s['title'], s['start']) for s in sections]}"
    )


def test_breakdown_lies_in_article_seven():
    answer = answer_for(SEED_SERVICE)
    total = service_total()
    title = section_of(answer, total)["title"] or ""
    # 篇七 is split no further before the breakdown: no heading lies between them
    assert "篇七" in title, title


def test_section_spans_do_not_cross_article_headings():
    text = seed_text(SEED_SERVICE)
    headings = [nth(text, f"工作总结报告{a}") for a in ARTICLES]
    for s in answer_for(SEED_SERVICE)["document"]["sections"]:
        inside = [
            h for h in headings if s["start"] < h < s["end"] and text.rfind("\n", 0, h) + 1 > s["start"]
        ]
        assert inside == [], (s, inside)


NUMBERED_HEADINGS = [
    "一、全年完成销售业绩统计分析",
    "二、人员调整及交接",
    "三、一期房源交付使用",
    "一、现将本年度销售业绩汇报如下",
    "二、新的营销模式的学习及适应",
]


@pytest.mark.parametrize("heading", NUMBERED_HEADINGS)
def test_numbered_headings_start_sections(heading):
    text = seed_text(SEED_SALES)
    start = nth(text, heading)
    sections = answer_for(SEED_SALES)["document"]["sections"]
    found = [
        s
        for s in sections
        if text.rfind("\n", 0, start) + 1 <= s["start"] <= start and heading[2:] in (s["title"] or "")
    ]
    assert len(found) == 1, [(s["title"], s["start"]) for s in sections]


def test_figures_of_different_articles_lie_in_different_sections():
    text = seed_text(SEED_SALES)
    answer = answer_for(SEED_SALES)
    a, b = mention_at(answer, nth(text, "76套")), mention_at(answer, nth(text, "41套"))
    assert a and b and a["section"] != b["section"]
    assert "现将本年度销售业绩汇报如下" in (section_of(answer, b)["title"] or "")


# ── short reports written here: the same rules on unseen text ──

MULTI_ARTICLE = """# 门店年度工作总结（通用3篇）

## 门店年度工作总结篇一

本年度共销售住宅120套，实现销售额8600万元。

## 门店年度工作总结篇二

一、销售业绩
全年卖出新车65辆。
二、人员情况
销售部现有员工14人，全年离职3人。

## 门店年度工作总结篇三

上半年受理报修共计120件，其中公共维修70件，居家维修50件。
"""

PLAIN_ARTICLES = """客服部工作总结篇一
今年共接待来访业主860人次。
客服部工作总结篇二
全年收到锦旗12面，感谢信9封。
"""


def test_written_report_sections_and_titles():
    answer = extract(MULTI_ARTICLE)
    titles = [s["title"] or "" for s in answer["document"]["sections"]]
    for want in ("篇一", "篇二", "篇三", "销售业绩", "人员情况"):
        assert any(want in t for t in titles), titles


@pytest.mark.parametrize(
    "anchor,figure,title",
    [
        ("120套", "120套", "篇一"),
        ("65辆", "65辆", "销售业绩"),
        ("14人", "14人", "人员情况"),
        ("公共维修70件", "70件", "篇三"),
    ],
)
def test_written_report_mention_names_its_section(anchor, figure, title):
    answer = extract(MULTI_ARTICLE)
    m = mention_at(answer, at(MULTI_ARTICLE, anchor, figure))
    assert m is not None, figure
    assert title in (section_of(answer, m)["title"] or "")


def test_plain_article_headings_split_sections():
    answer = extract(PLAIN_ARTICLES)
    titles = [s["title"] or "" for s in answer["document"]["sections"]]
    assert any("篇一" in t for t in titles) and any("篇二" in t for t in titles), titles
    m = mention_at(answer, nth(PLAIN_ARTICLES, "12面"))
    assert m is not None and "篇二" in (section_of(answer, m)["title"] or "")


def test_written_consistent_breakdown():
    answer = extract(MULTI_ARTICLE)
    total = mention_at(answer, nth(MULTI_ARTICLE, "120件"))
    assert total is not None
    found = breakdown_with_total(answer, total)
    assert len(found) == 1
    assert starts_of(answer, found[0]["parts"]) == [nth(MULTI_ARTICLE, "70件"), nth(MULTI_ARTICLE, "50件")]
    assert (found[0]["total_value"], found[0]["parts_sum"], found[0]["consistent"]) == (120, 120, True)
    assert not [w for w in answer["warnings"] if w["code"] == "breakdown_mismatch"]


NESTED = "本年度共销售住宅52套，公寓6套。其中，东区住宅30套，西区住宅22套；A座公寓4套，B座公寓2套。"


@pytest.mark.parametrize(
    "total,parts",
    [
        pytest.param(
            ("住宅52套", "52套"), [("东区住宅30套", "30套"), ("西区住宅22套", "22套")], id="52=30+22"
        ),
        pytest.param(("公寓6套", "6套"), [("A座公寓4套", "4套"), ("B座公寓2套", "2套")], id="6=4+2"),
    ],
)
def test_written_nested_totals(total, parts):
    answer = extract(NESTED)
    t = mention_at(answer, at(NESTED, *total))
    assert t is not None
    found = breakdown_with_total(answer, t)
    assert len(found) == 1, answer["breakdowns"]
    assert starts_of(answer, found[0]["parts"]) == [at(NESTED, *p) for p in parts]
    assert found[0]["consistent"] is True


MISMATCH = "全年共处理投诉共计60件，其中物业服务类25件，装修类20件。"


def test_written_mismatched_breakdown_warns():
    answer = extract(MISMATCH)
    total = mention_at(answer, nth(MISMATCH, "60件"))
    assert total is not None
    found = breakdown_with_total(answer, total)
    assert found and found[0]["parts_sum"] == 45 and found[0]["consistent"] is False
    assert [w for w in answer["warnings"] if w["code"] == "breakdown_mismatch"]


# ───────────────────────── every real report in shared/corpus/docs ─────────────────────────

DOC_FILES = sorted(DOCS.glob("*.txt")) if DOCS.is_dir() else []
# Suffixes that make a number a date, an age, a multiple or an address, never in scope.
NOT_IN_SCOPE_END = ("年", "月", "日", "岁", "倍", "号", "周岁", "季度")


@pytest.mark.parametrize("path", [pytest.param(p, id=f"doc/{p.name}") for p in DOC_FILES])
def test_real_report_answer_is_well_formed(path):
    text = path.read_text(encoding="utf-8")
    answer = extract(text)
    check_answer(text, answer)
    for m in answer["mentions"]:
        if m["dimension"] not in IN_SCOPE:
            continue
        assert not m["text"].rstrip().endswith(NOT_IN_SCOPE_END), m
        assert not m["text"].startswith("第"), m
        if m["dimension"] == "percent":
            assert m["unit"] in {"%", "pp"}, m
        if m["dimension"] == "area":
            assert m["unit"] in {"m2", "mu", "ha", "km2"}, m
        if m["dimension"] == "currency":
            assert re.fullmatch(r"[A-Z]{3}(/.+)?", m["unit"] or ""), m
        if m["kpi"] is not None:
            assert [k for k in answer["kpis"] if k["mention"] == m["id"] and k["name"] == m["kpi"]], m


@pytest.mark.parametrize(
    "anchor,figure,period",
    [
        ("全年卖出新车65辆", "65辆", "全年"),
        ("本年度共销售住宅120套", "120套", "本年度"),
        ("上半年受理报修共计120件", "120件", "上半年"),
    ],
)
def test_written_report_period_is_attached(anchor, figure, period):
    answer = extract(MULTI_ARTICLE)
    m = mention_at(answer, at(MULTI_ARTICLE, anchor, figure))
    assert m is not None, figure
    kpis = kpi_for(answer, m)
    assert kpis and period in (kpis[0].get("period") or ""), kpis


BLANKS = "二、本月工作情况\n本月新增意向客户xx组，成交套，实现销售额万元，客户满意率达到xx%。\n"


@pytest.mark.parametrize(
    "needle,kpi",
    [
        ("客户xx组", "customers"),
        ("成交套", "units_sold"),
        ("销售额万元", "sales_value"),
        ("满意率达到xx%", "satisfaction_rate"),
    ],
)
def test_written_report_placeholders(needle, kpi):
    answer = extract(BLANKS)
    start = nth(BLANKS, needle)
    found = [p for p in answer["placeholders"] if overlap(p["start"], p["end"], start, start + len(needle))]
    assert found and any(p["kpi"] == kpi for p in found), answer["placeholders"]
    assert in_scope_overlapping(answer, start, start + len(needle)) == []
