"""The engine's work grows in proportion to the text, on the shapes that once made it quadratic.

Work is counted, not timed: the number of Python lines the engine (service/engine/)
executes during ``extract``, loop iterations and comprehension steps included, read
with ``sys.settrace``. The count is the same on every run and on any machine, so the
test does not flake on a busy CI box. Each shape is one phrase repeated into one long
clause or a long run of clauses; four times the text must cost about four times the
work. Before the fix, every figure of `销售10套` repeated listed the cue words of its
whole clause, and 8 000 characters cost 8 times the work of 2 000 (13 times for
`销售xx套`).

What this cannot see is work done inside C (a regular expression searched over a
whole clause once per figure, or the engine compiled by mypyc): the lines are counted on
the engine's source in a child process (helpers/pure.py), and bench/scaling.py times the
shapes on what ships.
"""

import os
import sys

import pytest

import service.engine
from helpers.pure import ROOT, run_source
from service import extract

ENGINE = os.path.dirname(service.engine.__file__) + os.sep
SMALL, LARGE = 2_000, 8_000
SLACK = 1.1  # linear work with a fixed start-up cost grows at most 4×; quadratic grew 7-13×

SHAPES = {
    "cue-dense clause": "销售10套",
    "sold and left pairs": "销售10套剩余5套",
    "qizhong after each total": "共计10件，其中",
    "scale words back to back": "1.2万",
    "target and sales cues": "计划销售10套",
    "hires among headcount cues": "新进员工12名",
    "gap cues": "销售面积10平方米",
    "bare wan in a money clause": "收入10万",
    "periods before figures": "2020年销售10套",
    "ranges with a cue": "销售10-20套",
    "blanks with a cue": "销售xx套",
    "rankings": "依次为10件",
    "total and qizhong in one clause": "合计10件其中5件",
    "qizhong back to back": "其中5件",
    "scope markers": "在所有投诉中10件",
    "report with no punctuation": "本月共受理投诉10件并办结8件同时销售住宅41套实现收入3亿元",
    "mixed": "计划销售10套，完成8套，其中住宅5套（其中别墅2套），合计xx户，增长50%，10-20元；",
    "actuals after targets": "目标10万元，实际达成12万元，",
    "service categories": "投诉类10件、",
    "topic modifiers": "反映停水的工单33件，",
    "subsets in brackets": "共10套(含3套)",
    "figure scopes": "销售额10万元中，贡献5万元，",
    "lists that add up": "交办10件、直办5件、",
    "money words across shares": "销售额占比10%，首次突破10万元，",
    "bracketed blanks": "[具体数量]家，达到Y万次，",
    "bare yuan blanks": "完成销售元，回款目标为元，",
    "figures in turn": "投诉和咨询分别为12件和30件，",
    "list items that open lists": "- 投诉10件：\n",
    "items after a list lead": "投诉：10件：",
    "table rows": "| 销售10套 | 同比5% | 12% |\n",
    "tables one cell per line": "销量（台）\n12\n34\n",
    "heading units before items": "投诉分类（件）：① 质量 42 ",
    "semicolon items under a heading": "销售额：东区 10万元；",
    "bare rates on lines of their own": "完成率95%\n",
    "rates in pairs after 分别": "分别12%和7%的跌幅",
    "blanks left as spaces": "达到 万元",
    "items under a title that gives their unit": "分区域（单位：万元）\n东区 66.2\n西区 33.8\n",
    "total rows saying a figure again": "诉求 18,562 件\n合计  18,562\n",
    "targets in asides": "解答率88%（原定指标80%），满意度97.6%，",
    "gaps to an average": "办结率92.4%，比全市平均值高3.15%；",
    "total rows under total rows": "合计    5件    6件\n",
    "columns over a total row": "类别  本月  上月\n报修  86  90\n合计  86  90\n",
    "two-column tables under a unit note": "（金额：万元；订单：单）\n项目  收入\n东区  620\n",
    "who then what": "3个客户投诉、",
    "sums aimed at": "冲刺3亿元，",
    "items a line each under a colon heading": "受理60件。\n按类型分：\n咨询 30件\n报修 20件\n",
    "items under a colon heading on one long line": "分类：\n咨询 5件，报修3件",
    "single-spaced table rows with a number column": "（单位：万元）\n序号 区域 一季度\n1 华东 320\n合计 320\n",
    "people planned beside the team now": "三、明年计划\n团队扩到20人，现在12人，",
    "an earlier month's figure in brackets": "投诉12起，比10月（19起）少，",
}


def _repeat(piece, n):
    return (piece * (n // len(piece) + 1))[:n]


def lines_run(call, where=ENGINE):
    """How many lines of the files under ``where`` run during ``call()``."""
    count = 0

    def counting(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return counting

    def on_call(frame, event, arg):
        return counting if frame.f_code.co_filename.startswith(where) else None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count


def work(piece):
    """(lines run at SMALL, at LARGE characters) of ``piece`` repeated."""
    extract(_repeat(piece, 200))  # (word lists loaded before counting)
    return [lines_run(lambda n=n: extract(_repeat(piece, n))) for n in (SMALL, LARGE)]


COUNT_ALL = f"""
import json, sys
sys.path.append({str(ROOT / "tests")!r})
from test_linearity import SHAPES, work
print(json.dumps({{name: work(piece) for name, piece in SHAPES.items()}}))
"""


@pytest.fixture(scope="module")
def counts():
    """Every shape's work, counted on the engine's source in one child process."""
    return run_source(COUNT_ALL)


@pytest.mark.parametrize("name", SHAPES.keys())
def test_work_grows_linearly(name, counts):
    small, large = counts[name]
    assert small > 0
    assert large <= small * LARGE / SMALL * SLACK, (
        f"{LARGE} characters cost {large / small:.1f}× the work of {SMALL}"
    )


def test_the_count_sees_quadratic_work():
    """The counter itself: a loop over the text once per figure is caught."""

    def quadratic(text):
        return [sum(1 for _ in text) for _ in range(len(text) // 100)]

    small, large = (lines_run(lambda n=n: quadratic("x" * n), __file__) for n in (SMALL, LARGE))
    assert large > small * LARGE / SMALL * SLACK
