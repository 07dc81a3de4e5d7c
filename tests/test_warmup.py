"""The worker warm-up (service/warmup.py) asks the engine's main rules, not one path of it."""

from service import extract
from service.warmup import TEXT, warm


def test_warm_up_runs_and_returns_nothing():
    assert warm() is None


def test_warm_up_text_reaches_every_stage():
    answer = extract(TEXT)
    names = {k["name"] for k in answer["kpis"]}
    assert {"units_sold", "sales_value", "sales_target", "completion_rate", "growth_rate"} <= names
    assert {"calls", "inquiries", "complaints", "repairs", "headcount", "customers"} <= names
    assert any(k["direction"] == "down" for k in answer["kpis"])
    assert any(k["qualifier"] == "range" for k in answer["kpis"])
    assert {b["kind"] for b in answer["breakdowns"]} == {"partition", "subset"}
    assert answer["placeholders"]
    assert any(m["unit"] == "HKD" for m in answer["mentions"])
    assert len({k["section"] for k in answer["kpis"]}) > 1  # headings split it
