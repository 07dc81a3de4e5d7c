"""The document's currency: the ``currency`` option, and which yuan or dollar a bare 元 or $ is."""

import pytest

from service import extract
from service.engine import OptionError


def units(text, **options):
    return [
        (m["text"], m["unit"])
        for m in extract(text, options or None)["mentions"]
        if m["dimension"] == "currency"
    ]


@pytest.mark.parametrize(
    "text, option, expected",
    [
        ("全年营业额3.2亿元", "HKD", [("3.2亿元", "HKD")]),  # the text does not say: the option does
        ("全年营业额3.2亿元", None, [("3.2亿元", "CNY")]),
        ("单价2.1万元/平方米", "MOP", [("2.1万元/平方米", "MOP/m2")]),
        ("本月销售额$500万", "HKD", [("$500万", "HKD")]),
        ("本月销售额$500万", "CNY", [("$500万", "USD")]),  # a $ is never yuan
        ("本月销售额500万港元", "TWD", [("500万港元", "HKD")]),  # the figure's own unit wins
        ("营收人民币3亿元", "HKD", [("3亿元", "CNY")]),  # 人民币 is the figure's own word
        ("本公司以新台幣計價，營收3億元", "HKD", [("3億元", "TWD")]),  # the text says, not the option
    ],
)
def test_a_bare_figure_takes_the_option_only_where_the_text_says_nothing(text, option, expected):
    assert units(text, **({"currency": option} if option else {})) == expected


def test_the_currency_named_most_often_in_a_traditional_text_wins():
    text = "港幣收入佔八成。以港幣計價營收3億元，另有收入人民幣2,000萬元，合計3.2億元"
    assert units(text) == [("3億元", "HKD"), ("2,000萬元", "CNY"), ("3.2億元", "HKD")]


def test_a_bare_yuan_in_traditional_text_takes_the_place_it_names_most():
    text = "台灣門市全年營業額12.5億元，其中台北旗艦店3.2億元，香港快閃店0.1億元"
    assert [unit for _, unit in units(text)] == ["TWD", "TWD", "TWD"]
    assert units("台灣門市全年營業額12.5億元", currency="HKD") == [("12.5億元", "HKD")]  # the option first
    assert units("台湾门市全年营业额12.5亿元") == [("12.5亿元", "CNY")]  # simplified: places do not say


def test_a_traditional_text_that_names_renminbi_most_keeps_its_yuan_as_cny():
    text = "以人民幣計價，營收3億元；人民幣收入佔九成，港幣收入佔一成"
    assert units(text, currency="HKD") == [("3億元", "CNY")]


def test_a_dollar_takes_the_place_the_text_names_when_no_currency_word_says():
    assert units("澳門分店本月營業額$860萬") == [("$860萬", "MOP")]
    assert units("台灣門市本月營業額$860萬") == [("$860萬", "TWD")]


@pytest.mark.parametrize("bad", ["hkd", "HK", "HKDD", 840, ""])
def test_a_currency_option_that_is_no_iso_code_is_refused(bad):
    with pytest.raises(OptionError):
        extract("营业额3亿元", {"currency": bad})


def test_the_api_takes_the_currency_option_in_json_and_in_the_query(client):
    answer = client.post(
        "/v1/extract", json={"text": "营业额3亿元", "options": {"currency": "HKD"}}
    ).get_json()
    assert answer["mentions"][0]["unit"] == "HKD"
    answer = client.post(
        "/v1/extract?currency=TWD", data="营业额3亿元".encode(), content_type="text/plain; charset=utf-8"
    ).get_json()
    assert answer["mentions"][0]["unit"] == "TWD"


def test_the_api_answers_a_bad_currency_option_with_a_422_problem(client):
    response = client.post("/v1/extract", json={"text": "x", "options": {"currency": "hkd"}})
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert "currency" in response.get_json()["errors"]["options"]
