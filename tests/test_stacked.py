"""Tables pasted one cell per line (service/engine/stacked.py): set out again as rows, every
offset kept, and read as any table is."""

from hypothesis import given
from hypothesis import strategies as st

from service import extract
from service.engine.stacked import tabulate_stacked

STACKED = "指标\n本月\n上月\n来电量（通）\n9,842\n10,315\n投诉量（件）\n37\n52"


def test_a_stacked_table_becomes_tab_separated_rows():
    assert tabulate_stacked(STACKED) == "指标\t本月\t上月\n来电量（通）\t9,842\t10,315\n投诉量（件）\t37\t52"


def test_labels_and_figures_line_by_line_become_rows_of_two_cells():
    text = "本月简报（金额单位：万元）\n营业额\n312.5\n回款\n280.4"
    assert tabulate_stacked(text) == "本月简报（金额单位：万元）\n营业额\t312.5\n回款\t280.4"


def test_the_cells_of_a_stacked_table_are_read_with_their_row_labels_units_and_kpis():
    answer = extract(STACKED)
    got = {(m["text"], m["unit"]) for m in answer["mentions"]}
    assert got == {("9,842", "通"), ("10,315", "通"), ("37", "件"), ("52", "件")}
    texts = {m["id"]: m["text"] for m in answer["mentions"]}
    named = {texts[k["mention"]]: k["name"] for k in answer["kpis"]}
    assert named == {"9,842": "calls", "10,315": "calls", "37": "complaints", "52": "complaints"}


def test_mention_offsets_point_into_the_text_as_written():
    answer = extract(STACKED)
    for m in answer["mentions"]:
        assert STACKED[m["start"] : m["end"]] == m["text"]


def test_one_row_or_prose_is_left_as_written():
    for text in (
        "销售额\n486.2\n全年销售情况良好。",  # one row only
        "一、销售情况\n全年共销售住宅128套，\n同比增长12%。\n二、客户服务",  # prose lines
        "2023年\n2024年\n2025年",  # no label before a figure
    ):
        assert tabulate_stacked(text) is text


@given(st.text(alphabet="销售额\n0123456789.,%—量（件）", max_size=200))
def test_only_line_breaks_become_tabs_and_the_length_is_kept(text):
    out = tabulate_stacked(text)
    assert len(out) == len(text)
    assert all(a == b or (a, b) == ("\n", "\t") for a, b in zip(text, out, strict=True))
