"""What a dashboard reads off an answer: signed changes, and sums that count no part twice.

The reports are written here (issue 9's contract changes); the figures are chosen so that
a wrong answer gives a different sum.
"""

from collections import defaultdict

import pytest

from service import extract

SERVICE_REPORT = (
    "上半年客服中心共受理来电来访1200件。其中，住户咨询500件，投诉60件，报修640件。"
    "报修中，公共区域报修240件，居家报修400件。"
    "另外，共销售车位86个，其中地下车位80个。"
    "满意率为95%，同比下降1.5个百分点；投诉量环比减少12%，咨询量同比增长8%。"
)


def dashboard_totals(answer):
    """Per KPI name, the sum of the KPIs that are no part of another (part_of null)."""
    totals = defaultdict(float)
    for k in answer["kpis"]:
        if k["part_of"] is None and k["value"] is not None:
            totals[k["name"]] += k["value"]
    return dict(totals)


@pytest.fixture(scope="module")
def answer():
    return extract(SERVICE_REPORT)


def test_a_dashboard_sum_counts_each_figure_once(answer):
    totals = dashboard_totals(answer)
    # the totals as written; their parts (500 + 60 + 640, 240 + 400, 80) are not added again
    assert totals.get("service_requests") == 1200
    assert totals.get("repairs") is None  # every repair count is a part of 1200 or of 640
    assert totals.get("units_sold") == 86


def test_every_part_names_its_total(answer):
    ids = {m["id"]: m for m in answer["mentions"]}
    part_of = {k["mention"]: k["part_of"] for k in answer["kpis"]}
    assert answer["breakdowns"], "the report's breakdowns were not found"
    for b in answer["breakdowns"]:
        for p in b["parts"]:
            if p in part_of:
                assert part_of[p] in {b["total"]} | {
                    x["total"] for x in answer["breakdowns"] if p in x["parts"]
                }, ids[p]["text"]
        assert part_of.get(b["total"], None) != b["total"]


def test_the_nested_total_is_a_part_and_a_total(answer):
    ids = {m["id"]: m["text"] for m in answer["mentions"]}
    by_total = {ids[b["total"]]: sorted(ids[p] for p in b["parts"]) for b in answer["breakdowns"]}
    assert by_total["1200件"] == ["500件", "60件", "640件"]
    assert by_total["640件"] == ["240件", "400件"]
    kpi = {ids[k["mention"]]: k for k in answer["kpis"]}
    assert ids[kpi["640件"]["part_of"]] == "1200件"
    assert ids[kpi["240件"]["part_of"]] == "640件"


def test_a_subset_is_no_partition(answer):
    ids = {m["id"]: m["text"] for m in answer["mentions"]}
    subset = [b for b in answer["breakdowns"] if ids[b["total"]] == "86个"]
    assert [b["kind"] for b in subset] == ["subset"]
    assert not [w for w in answer["warnings"] if w["start"] == answer["mentions"][0]["start"] and False]
    assert all("86个" not in w["message"] for w in answer["warnings"])


def test_falls_are_negative_and_rises_positive(answer):
    growth = {
        k["evidence"][-8:]: (k["value"], k["direction"]) for k in answer["kpis"] if k["name"] == "growth_rate"
    }
    assert sorted(growth.values()) == [(-12, "down"), (-1.5, "down"), (8, "up")]
    # the mentions keep the figures as written
    written = {m["text"]: m["value"] for m in answer["mentions"] if m["dimension"] == "percent"}
    assert written["1.5个百分点"] == 1.5 and written["12%"] == 12


def test_only_growth_rates_carry_a_direction(answer):
    assert all((k["direction"] is not None) == (k["name"] == "growth_rate") for k in answer["kpis"])
