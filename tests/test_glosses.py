"""Pinyin glosses of mirror pages (萬(wàn)箱, 個(gè)百分點(diǎn)): read through, every span still in the text given."""

import pytest

from service import extract
from service.engine.glosses import strip_glosses

GLOSSED = "一季度全省銷(xiāo)售90.92萬(wàn)箱，同比減少5.1%；庫(kù)存占比29.8%，同比上升2個(gè)百分點(diǎn)。"


def test_glosses_are_taken_out_and_mapped_back():
    read, glosses = strip_glosses(GLOSSED)
    assert read == "一季度全省銷售90.92萬箱，同比減少5.1%；庫存占比29.8%，同比上升2個百分點。"
    assert glosses is not None
    i = read.index("90.92萬箱")
    assert GLOSSED[glosses.at(i) : glosses.end(i + len("90.92萬箱"))] == "90.92萬(wàn)箱"


@pytest.mark.parametrize(
    "text", ["销售额（万元）：128.5", "办结率(%)为98", "收入(yuan)120元", "无括号的文本"]
)
def test_a_text_without_glosses_is_read_as_given(text):
    read, glosses = strip_glosses(text)
    assert read is text and glosses is None


def test_figures_split_by_glosses_are_read_and_quoted_as_given():
    answer = extract(GLOSSED)
    by_text = {m["text"]: m for m in answer["mentions"]}
    sold = by_text["90.92萬(wàn)箱"]
    assert (sold["value"], sold["unit"], sold["kpi"]) == (909200, "箱", "units_sold")
    points = by_text["2個(gè)百分點"]  # (not the gloss after its last character)
    assert (points["unit"], points["kpi"]) == ("pp", "growth_rate")
    for m in answer["mentions"]:
        assert GLOSSED[m["start"] : m["end"]] == m["text"]
    for k in answer["kpis"]:
        assert k["evidence"] in GLOSSED
    assert answer["document"]["chars"] == len(GLOSSED)


def test_an_answer_without_glosses_is_unchanged_by_the_map():
    plain = "一季度全省銷售90.92萬箱，同比減少5.1%。"
    answer = extract(plain)
    assert [m["text"] for m in answer["mentions"]] == [
        plain[m["start"] : m["end"]] for m in answer["mentions"]
    ]
