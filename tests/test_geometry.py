"""Sentence and clause bounds: a list set out line by line after a colon reads as one sentence."""

import pytest

from service.engine.sections import Geometry, find_sections


def _geometry(text):
    return Geometry(text, find_sections(text))


def _same_sentence(text, a, b):
    geo = _geometry(text)
    i, j = text.index(a), text.index(b)
    return geo.sentence(i, i + len(a)) == geo.sentence(j, j + len(b))


@pytest.mark.parametrize("lead", ["其中：", "其中:", "其中：\u3000", "其中: \t", "其中：\r"])
def test_list_items_after_a_colon_ending_a_line_are_one_sentence(lead):
    text = f"本月受理投诉39件，{lead}\n1.停车管理21件\n2.卫生保洁18件\n下月计划如下"
    assert _same_sentence(text, "21件", "18件")
    assert _same_sentence(text, "39件", "21件")
    assert not _same_sentence(text, "18件", "下月")  # (a line that is no list item ends the list)


def test_lines_without_a_colon_lead_stay_sentences_of_their_own():
    text = "本月受理投诉39件\n1.停车管理21件\n2.卫生保洁18件\n"
    assert not _same_sentence(text, "21件", "18件")


def test_an_item_line_ending_in_a_colon_opens_no_second_walk():
    # every line is both a list item and a lead: the one list runs to the end
    text = "说明：\n" + "- 投诉10件：\n" * 50 + "结束"
    geo = _geometry(text)
    ends = [i for i in geo.sentence_ends if text[i] == "\n"]
    assert ends == [len(text) - 3]  # (only the last item's line break ends a sentence)


def test_clause_ends_split_clauses_but_not_numbers():
    text = "销售额1,234万元，同比增长12%；咨询8件"
    geo = _geometry(text)
    assert [text[i] for i in geo.clause_ends] == ["，", "；"]
