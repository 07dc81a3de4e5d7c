"""Table rows: a figure alone in a cell of a row set out with | or tabs (a pasted table, a
Word table as the file reader writes it) takes the KPI its column's header names: 同比 or
增/减幅 a growth rate (the figure's sign gives the direction), 完成率 a completion rate, 占比
none.  The header is the first row of the block of rows above the figure's; where it names
nothing, the figure keeps what its row says.  Bounded looks: a row is at most TABLE_REACH
characters, and each row's header is found once (walking up at most HEADER_ROWS rows).
"""

import re
from functools import lru_cache
from typing import Final

from mypy_extensions import trait

from service.engine.cells import (
    HEAD_COUNT_RE,
    HEADING_UNIT_RE,
    ITEM_LINE_RE,
    RULE_LINE_CHARS,
    TITLE_RE,
    TITLE_UNIT_RE,
    TOTAL_ROWS,
    UNIT_COLUMN_RE,
    unit_cell,
)
from service.engine.choice import CueChoice
from service.engine.lexicon import kpis
from service.engine.naming import (
    CHANGE,
    DECIDED_NONE,
    FOLLOW_UP,
    FOLLOW_UP_VETOED,
    NOTHING,
    TARGET_HEADS,
    Choice,
)
from service.engine.reading import SALES

INTAKE_HEADS: Final = ("受理", "接收", "接报")  # a column of what each branch took in

CELL_MARKS: Final = " ↑↓"  # what may stand beside the figure in its cell (↑9.5%)
TABLE_REACH: Final = 300  # the longest row read as one
HEADER_ROWS: Final = 60  # rows walked up to a table's header at most
LABEL_LINE: Final = 16  # the longest line read as a tile's label (一次解决率, 用户满意度)
TITLE_LINE: Final = 30  # the longest line above a table's header read as its title
RATE_AIM_HEADS: Final = (*TARGET_HEADS, "考核值", "考核目标", "目标值", "要求")  # a column of rates aimed at
RATE_ENDS: Final = ("率", "度")  # (计划完成率: a rate reached, not aimed at)
PERIOD_HEADS: Final = (
    "本季度",
    "本月",
    "当月",
    "本年",
    "全年",
    "年度",
    "本季",
    "本期",
    "当期",
    "今年",
    "月度",
    "季度",
    "累计",
)
# a header over signed changes (变化, 按季变化, 同比增减(%))
CHANGE_HEAD_RE: Final = re.compile(
    r"(?:按[年季月]|同比|环比|累计|较上[年季月]度?|比上[年季月]度?)?(?:变化|变化率|增减|增减率|变动|变幅|增减幅度?)(?:[（(]%[)）])?"
    # (较二季度, 较上月, 比去年同期: a column set against an earlier period)
    r"|(?:[较比]|[与同和](?=[^比]{1,8}比))(?:上年|去年|前年|上季度?|上月|上周|上期|[一二三四1-4]季度|(?:1[0-2]|[1-9]|[一二三四五六七八九十]|十[一二])月份?)"
    r"(?:同期)?(?:相?比)?(?:[（(]%[)）])?"  # (与上月比, 同去年同期相比)
)
ACTUAL_HEADS: Final = frozenset(("实际完成", "完成", "完成值", "实际完成值", "实际完成情况", "完成情况"))
CAPTION_WORD: Final = "如下"  # (分类统计如下：: a caption that points at the table)
LEAD_SENTENCE: Final = 80  # characters back from such a caption to the sentence that leads to it
BLANK_LINES: Final = 3  # empty lines a tile's figure may stand below its label
LABEL_ENDS: Final = ("率", "度", "量", "数", "额")  # a tile's label names a measure: 好评率, 满意度, 投诉量
# a cell of a row set out with spaces (a PDF's table); a figure grouped by single spaces (8 877) is one
# (between runs of two spaces or more: in a row set out with single spaces, 240 425 are two cells)
SPACED_CELL_RE: Final = re.compile(r"(?<=[ \u3000]{2})\d{1,3}(?: \d{3})+(?=[ \u3000]{2}|\n|$)|[^ \u3000\n]+")
SPACES: Final = (" ", "\u3000")
MIN_SPACED_CELLS: Final = 3  # a label and two figures at least: fewer is a phrase with a space in it
# a header cell naming a period: 2023年, 2023年度, 3月, 3月份, 1季度, Q1, 2024
PERIOD_CELL_RE: Final = re.compile(
    r"(?:\d{2,4}年度?|(?:\d{1,2}[-–—~～至])?\d{1,2}月份?|[1-4]季度|Q[1-4]|20\d\d)(?:[（(][^)）]{1,4}[)）])?"
    r"(?:[\u4e00-\u9fff]{1,6}(?:[（(][^)）\d]{1,4}[)）])?)?"  # (Q2销售, 2024年销售额（万元）: a period's measure)
)
LIST_ITEMS: Final = 12  # item lines walked up to a list's title at most
UNIT_NOTE: Final = "单位"  # (a title line that notes its unit)


# KPIs a column's header may name while its figures count in another unit (完成（套）: sold all the same)
SOLD_KPIS: Final = frozenset(
    ("units_sold", "sales_value", "sales_target", "orders", "sales_area", "completion_rate")
)
# a column of the stock put on sale beside a column of what sold: all of it, not what is left
SUPPLY_HEADS: Final = ("可售", "总可售", "推售", "供应", "供货")
SOLD_HEADS: Final = ("已售", "签约", "认购", "去化", "成交", "销售")


def _separator(line: str) -> str | None:
    """The cell separator of a table row, or None for a line that is no row."""
    if line.count("|") >= 2:
        return "|"
    # (a tab row may have two cells, 东区⇥128; a tab opening the line only indents it)
    return "\t" if "\t" in line.strip(" \t\u3000") else None


def _unperiod(label: str) -> str:
    """A header's words past the period it opens with (本月预算: 预算, 全年实际: 实际)."""
    for p in PERIOD_HEADS:
        if label.startswith(p):
            return label[len(p) :]
    return label


@lru_cache(maxsize=1)
def _indicator_title() -> re.Pattern[str]:
    """二、各项目主要指标, 核心经营指标: a title over the figures the report counts, no target (the words
    that make 指标 a heading of what came out, kpis.yaml indicator_leads)."""
    leads = "|".join(map(re.escape, kpis().indicator_leads))
    return re.compile(r"(?:" + leads + r")[^\n，。：:]{0,4}指标")


def _spaced(t: str, m) -> bool:
    """Whether a space stands right before or after the figure: it may be a cell of a row set
    out with spaces."""
    return t[m.start - 1 : m.start] in SPACES or t[m.end : m.end + 1] in SPACES


@trait
class TableRules(CueChoice):
    """A figure's KPI from its table column's header."""

    def _table_header(self, m) -> Choice | None:
        """What the header of the figure's column names for it, if it sits alone in a cell of a
        table row under a header; None otherwise (or where the header names nothing)."""
        t = self.t
        if not self._cell_seps and not _spaced(t, m):
            return None  # (most figures: in a sentence, not a cell)
        ls = self._line_start(m.start)
        le = t.find("\n", m.end, m.end + TABLE_REACH)
        if le < 0 and m.end + TABLE_REACH >= len(t):
            le = len(t)  # (the last line)
        if ls < 0 or le < 0:
            return None  # (a line longer than any row)
        sep = _separator(t[ls:le]) if self._cell_seps else None
        if sep is None:
            return self._spaced_row(m, ls, le) if _spaced(t, m) else None
        cs, ce = t.rfind(sep, ls, m.start), t.find(sep, m.end, le)
        cell = t[cs + 1 if cs >= 0 else ls : ce if ce >= 0 else le]
        if cell.strip(CELL_MARKS) != t[m.start : m.end]:
            return None  # (the cell says more than the figure: its own words decide)
        head = self._head_of(ls, sep)
        if head == ls:
            return None  # (the figure's row is the first: no header above it)
        he = t.find("\n", head, ls)
        bounds = [head - 1] + [i for i in range(head, he) if t[i] == sep] + [he]
        if len(bounds) != t.count(sep, ls, le) + 2:
            return None  # (a header of merged cells, or of another table: its columns are not the row's)
        col = t.count(sep, ls, m.start)
        a, b = bounds[col] + 1, bounds[col + 1]
        choice = self.choose(m.dimension, m.unit, a, b, b, b)
        if choice.kpi in FOLLOW_UP_VETOED and t.find(FOLLOW_UP, a, b) >= 0:
            return DECIDED_NONE  # 维修（台） | 回访（户）: follow-up calls made, as in a sentence
        if choice.kpi == "completion_rate" and m.dimension == "percent" and t[a:b].strip() in ACTUAL_HEADS:
            # 指标 | 目标值 | 实际完成 ⏎ 一次修复率 | 90% | 88.7%: the rate the row names, as it came out
            choice = NOTHING
        if not choice.found and any(
            h.roles.kpis and not SOLD_KPIS.intersection(h.roles.kpis) for h in self.cues.within(a, b)
        ):
            # 分月销量（单位：台）⏎月份⇥新车⇥试驾: a column of what its header names, counted in the
            # table's unit no KPI of that word allows: no sale the title names
            return DECIDED_NONE
        if not choice.found and t[a:b].strip() == m.unit and m.unit in self.lex.own_units:
            return Choice(self.lex.own_units[m.unit], True)  # 类别⇥接待人次⇥间夜: a column of room nights
        if not choice.found and m.dimension == "percent" and CHANGE_HEAD_RE.fullmatch(t[a:b].strip()):
            choice = Choice("growth_rate", True)  # 渠道 | 2022年 | 2023年 | 变化: the column of changes
        if m.dimension == "percent" or choice.found and choice.kpi is None:
            # 本月实际 | 本月预算: a budget beside what was done is the target (预算 alone names no KPI);
            # 指标 | 年度目标 | 实际 ⏎ 好评率 | 98% | 98.6%: a rate aimed at, none reached
            aimed = self._target_column(m, t[a:b].strip(), t[head:he])
            if aimed is not None:
                return aimed
        if not choice.found:
            la = self._row_start(ls, le, sep)
            label = t[a:b].strip()
            lb = t.find(sep, la, le)
            if UNIT_COLUMN_RE.search(t, head, he):
                la, lb = self._label_before_unit(ls, le, sep) or (la, lb)
            if (
                m.dimension == "percent"
                and label.startswith(RATE_AIM_HEADS)
                and not label.endswith(RATE_ENDS)
            ):
                return DECIDED_NONE  # 客户满意度 | 98.3% | 98.1% | ≥97% under 考核值: the rate aimed at
            row = self._row_label(m, la, lb)
            if row is not None and row.kpi in SALES:
                # 销售额（万元） | 1200 | 1250 under 计划 | 实际: the row's sales, the column's target
                row = self._target_column(m, label, t[head:he]) or row
            return (
                row
                or self._actual_column(m, label, t[head:he])
                or self._target_column(m, label, t[head:he])
                or (
                    self._subset_column(m, bounds[col - 1] + 1, a - 1)
                    if col and label.startswith("其中")
                    else None
                )
                or self._title_above(m, head)
            )
        if choice.kpi in ("growth_rate", CHANGE):
            # (同比, 增/减幅: the sign written on the figure, or an arrow beside it, says which way)
            return Choice(choice.kpi, True, "↓" in cell)
        if (
            choice.kpi == "units_remaining"
            and t[a:b].strip().startswith(SUPPLY_HEADS)
            and any(w in t[head:he] for w in SOLD_HEADS)
        ):
            return (
                DECIDED_NONE  # 分期 | 可售(套) | 已签约(套) | 去化率: the stock put on sale, some of it sold
            )
        if self._ranks_topics(choice, t[head:he]):
            return Choice(None, True)  # 问题类别 | 诉求量（件）: each row a topic's requests, a category
        if (
            choice.kpi == "service_requests"
            and not any(w in t[a:b] for w in INTAKE_HEADS)
            and any(c.strip() in self.lex.handler_heads for c in t[head:he].split(sep))
        ):
            # 承办单位 | 工单数: each row the tickets one unit was sent, a share (not 单位 | 受理（件）: what
            # each branch took in, its requests)
            return Choice(None, True)
        if choice.kpi == "service_requests":
            la = self._row_start(ls, le, sep)
            row = self._row_label(m, la, t.find(sep, la, le))
            if row is not None and row.kpi in self.lex.specific_service:
                return row  # 咨询 | 14,211 under 工单数(单): the row names which requests they are
            title = self._title_above(m, head)
            if title.kpi in self.lex.specific_service and title.kpi != "calls":
                # 投诉工单按原因分：⏎原因 | 工单数（张）: the tickets the title names (not calls: a channel,
                # under which a column of all the requests stays one)
                return title
        return self._targeted(choice, t[a:b])

    def _row_start(self, ls: int, le: int, sep: str) -> int:
        """Where the first cell of the row at [ls, le) starts (| 营业收入 | …: past the rule)."""
        t = self.t
        return ls if t[ls:le].lstrip()[:1] != sep else t.find(sep, ls, le) + 1

    def _label_before_unit(self, ls: int, le: int, sep: str) -> tuple[int, int] | None:
        """经济指标 | 总收入 | 万元 | 21177: in a table with a column of units, the row's label is
        the cell right before its unit's (not a group's name in the first cell); None where the
        row writes no unit."""
        t = self.t
        bounds = [ls - 1] + [i for i in range(ls, le) if t[i] == sep] + [le]
        for k in range(2, len(bounds) - 1):
            if unit_cell(t[bounds[k] + 1 : bounds[k + 1]].strip()) is not None:
                return bounds[k - 1] + 1, bounds[k]
        return None

    @staticmethod
    def _targeted(choice: Choice, label: str) -> Choice:
        """计划销量（套）: a column of sales named with a target word holds targets."""
        if choice.kpi in SALES and label.lstrip().startswith(TARGET_HEADS):
            return Choice("sales_target", True)
        return choice

    def _actual_column(self, m, label: str, header: str) -> Choice | None:
        """目标（台） | 实际（台）: a column of what was done, beside a column of targets, holds
        the sales (units sold, or their value) the targets were set for."""
        if not _unperiod(label).startswith(self.lex.actual_words + self.lex.outcome_words):
            return None
        if not any(w in header for w in TARGET_HEADS):
            return None
        for kpi in ("sales_value", "units_sold", "orders"):  # (目标（单） | 完成（单）: orders)
            if self.lex.allows(kpi, m.dimension, m.unit):
                return Choice(kpi, True)
        return None

    def _target_column(self, m, label: str, header: str) -> Choice | None:
        """计划（台） | 实际（台）: a column named by a target word alone, beside one of what was
        done, holds the targets."""
        label = _unperiod(label)
        if not label.startswith(TARGET_HEADS) or not any(
            w in header for w in self.lex.actual_words + self.lex.outcome_words
        ):
            return None
        if m.dimension == "percent":
            # (a target word alone, 年度目标, 目标值: not 任务完成率, the share of it done)
            return DECIDED_NONE if label.removesuffix("值") in TARGET_HEADS else None
        return Choice("sales_target", True) if self.lex.allows("sales_target", m.dimension, m.unit) else None

    def _subset_column(self, m, a: int, b: int) -> Choice | None:
        """维修（台次） | 其中保外（台次）: a column headed 其中… holds a part of the column before it,
        and counts what that one names."""
        choice = self.choose(m.dimension, m.unit, a, b, b, b)
        return choice if choice.found and choice.kpi is not None else None

    def _spaced_row(self, m, ls: int, le: int) -> Choice | None:
        """散客房 41.20% 39.90% 68.67% under 项目 本期 上月 预算完成: a figure alone in a cell of a row
        set out with spaces takes what its column's header names; where that names nothing, what
        the row's first cell names, or nothing (not the header's other words, a line above)."""
        t = self.t
        cells = [c.span() for c in SPACED_CELL_RE.finditer(t, ls, le)]
        if len(cells) < MIN_SPACED_CELLS - 1 or (m.start, m.end) not in cells:
            return None
        head = self._spaced_head(ls, len(cells))
        if len(cells) < MIN_SPACED_CELLS and (
            head < 0 or HEAD_COUNT_RE.search(t, head, t.find("\n", head, ls)) is None
        ):
            return None  # (two cells: a table only under a header naming its count, 类别  件数)
        if head < 0:
            return self._total_row_above(m, ls, cells)
        he = t.find("\n", head, ls)
        heads = [c.span() for c in SPACED_CELL_RE.finditer(t, head, he)]
        k = cells.index((m.start, m.end)) - (len(cells) - len(heads))  # (a header with no label cell)
        if k < 0:
            return None
        a, b = heads[k]
        choice = self.choose(m.dimension, m.unit, a, b, b, b)
        if choice.found:
            if choice.kpi in ("growth_rate", CHANGE):
                return Choice(choice.kpi, True, t[m.start] == "-")
            if choice.kpi is not None and not self.lex.kpis[choice.kpi].parts_keep_kpi:
                # 管道报修  5,870 under 类别  工单数: a category of all contacts, named by its row
                named = self._row_label(m, cells[0][0], cells[0][1])
                if named is not None and named.kpi is not None:
                    return named
            aimed = self._target_column(m, t[a:b], t[head:he]) if choice.kpi is None else None
            if aimed is not None:
                # (预算 | 实际: 预算 names no KPI alone; a row naming none, 客单价, stays none)
                row = self._row_label(m, cells[0][0], cells[0][1])
                if row is None or row.kpi is not None:
                    return aimed
            return self._targeted(choice, t[a:b])
        label = (
            cells[1] if len(cells) > MIN_SPACED_CELLS and t[cells[0][0] : cells[0][1]].isdigit() else cells[0]
        )
        named = self._row_label(m, label[0], label[1]) or self._actual_column(m, t[a:b], t[head:he])
        if named is not None:
            return named
        title = self._title_above(m, head)
        spec = self.lex.kpis.get(title.kpi) if title.kpi is not None else None
        if spec is not None and not spec.parts_keep_kpi and t[label[0] : label[1]] not in TOTAL_ROWS:
            return DECIDED_NONE  # 表1 热线工单分类统计 ⏎ 4  水质水压反映  1,233: a category no word names
        return title

    def _total_row_above(self, m, ls: int, cells: list) -> Choice | None:
        """合计   214.0   141 under 6月   40.4   30   26: a total row that leaves its last columns out
        takes, cell by cell, what the header of the rows above names."""
        t = self.t
        if t[cells[0][0] : cells[0][1]] not in TOTAL_ROWS or ls == 0:
            return None
        pls = self._line_start(ls - 1)
        above = [c.span() for c in SPACED_CELL_RE.finditer(t, pls, ls - 1)] if pls >= 0 else []
        if len(above) <= len(cells):
            return None
        head = self._spaced_head(pls, len(above))
        if head < 0:
            return None
        heads = [c.span() for c in SPACED_CELL_RE.finditer(t, head, t.find("\n", head, pls))]
        # (序号  类别  2023年 ⏎ 1  报修  12,884 ⏎ 合计  30,990: the rows' first cell numbers them, and
        # the total row leaves it out)
        numbered = t[above[0][0] : above[0][1]].isdigit()
        a, b = heads[cells.index((m.start, m.end)) + (len(above) - len(cells) if numbered else 0)]
        choice = self.choose(m.dimension, m.unit, a, b, b, b)
        if choice.found:
            return choice
        title = self._title_above(m, head)  # (2023年 | 2022年 name no measure: the table's title does)
        return title if title.kpi is not None else None

    def _row_label(self, m, a: int, b: int) -> Choice | None:
        """Where the column's header names nothing: what the row's first cell [a, b) names;
        None for a figure in the first cell itself, or where the cell names nothing."""
        if m.start < b:
            return None
        choice = self.choose(m.dimension, m.unit, a, b, b, b)
        return choice if choice.found else None

    def _title_above(self, m, head: int) -> Choice:
        """一季度各车型销量（单位：台）⏎车型 | 1月 | 2月: where neither the column nor the row names
        the figure, what a short title line right above the table's header names; nothing else
        (not what prose further up says)."""
        if head <= 0:
            return Choice(None, True)
        above = self.t.rfind("\n", 0, head - 1) + 1
        if head > 1 and not self.t[above : head - 1].strip():
            head = above  # (an empty line between: the title above that)
        lo = max(0, head - 1 - TITLE_LINE)
        nl = self.t.rfind("\n", lo, head - 1)
        if nl < 0 and lo > 0:
            # (a longer line above: prose, no title; but its last sentence may be one: …另计。
            # 故障报修统计如下（单位：次）：)
            nl = max(self.t.rfind("。", lo, head - 1), self.t.rfind("；", lo, head - 1))
            if nl < 0:
                return Choice(None, True)
        choice = self.choose(m.dimension, m.unit, nl + 1, head - 1, head - 1, head - 1)
        if choice.kpi == "sales_target" and _indicator_title().search(self.t, nl + 1, head - 1) is not None:
            return Choice(None, True)
        if not choice.kpi and nl > 0 and self.t.find(CAPTION_WORD, nl + 1, head - 1) >= 0:
            # (受理报修共计 9 846 单，比上年少了近600单。分类统计如下：: a caption naming nothing
            # leads on from the sentence before, whose first figure says what the table counts)
            lo = max(0, nl - LEAD_SENTENCE)
            lo = max(self.t.rfind("。", lo, nl), self.t.rfind("\n", lo, nl)) + 1
            first = next((i for i in range(lo, nl) if self.t[i].isdigit()), -1)
            if first > lo:
                lead = self.choose(m.dimension, m.unit, lo, first, first, first)
                if lead.kpi and lead.kpi not in (CHANGE, "growth_rate"):
                    return lead
        return choice if choice.found else Choice(None, True)

    def _spaced_head(self, ls: int, n: int) -> int:
        """The header row (no digit in it, as many cells) of the spaced row at ls: the first line
        up the block of rows of n cells; -1 where there is none. Each row's answer is kept. A
        line drawn under the header, and one line of the header's words broken off it
        (签约未完工订单金额 订单金额), are passed."""
        t, heads = self.t, self._spaced_heads
        known = heads.get(ls)
        if known is not None:
            return known
        chain: list[int] = []
        head, row, blanks, broken = -1, ls, 0, False
        while len(chain) < HEADER_ROWS and row > 0:
            prev = self._line_start(row - 1)
            if prev < 0:
                break
            chain.append(row)
            if blanks < BLANK_LINES and not t[prev : row - 1].strip():
                blanks, row = blanks + 1, prev  # (a page that leaves an empty line between rows)
                continue
            if set(t[prev : row - 1]) <= RULE_LINE_CHARS:
                row = prev  # (─────── under the header)
                continue
            got = sum(1 for _ in SPACED_CELL_RE.finditer(t, prev, row - 1))
            if got == n - 1 and t[prev : prev + 1] in SPACES and not self._figure_cell(prev, row - 1):
                head = prev  # (        受理量    办结率: a header that leaves the label's column blank)
                break
            if got != n:
                if broken or self._figure_cell(prev, row - 1):
                    break
                broken, row = True, prev
                continue
            if not self._figure_cell(prev, row - 1):
                head = prev
                break
            known = heads.get(prev)
            if known is not None:
                head = known  # (a row of the same block above, already walked: a table costs one walk)
                break
            row = prev
        for r in chain:
            heads[r] = head
        return head

    def _figure_cell(self, lo: int, hi: int) -> bool:
        """Whether a cell of the spaced row [lo, hi) holds a digit other than a period's name
        (类别  2023年  2022年  增减 is a header; 报修  12,884 a row)."""
        t = self.t
        return any(c.isdigit() for c in t[lo:hi]) and any(
            any(ch.isdigit() for ch in t[a:b]) and PERIOD_CELL_RE.fullmatch(t, a, b) is None
            for a, b in (c.span() for c in SPACED_CELL_RE.finditer(t, lo, hi))
        )

    def _label_above(self, m) -> Choice | None:
        """一次解决率⏎⏎91.7%: a figure alone on its line, under a short line of words and no figure
        (a dashboard's tile), takes what that line names; None where no such line names one."""
        t = self.t
        ls = self._line_start(m.start)
        if ls <= 0 or t[ls : m.start].strip():
            return None
        le = t.find("\n", m.end, m.end + LABEL_LINE)
        if le < 0 and len(t) - m.end <= LABEL_LINE:
            le = len(t)
        if le < 0 or t[m.end : le].strip(" 。，,;；"):
            return None  # (more on the figure's line: its own words decide)
        end = ls - 1  # (the break that ends the line above)
        for _ in range(BLANK_LINES + 1):
            lo = max(0, end - LABEL_LINE - 1)
            nl = t.rfind("\n", lo, end)
            if nl < 0 and lo > 0:
                return None  # (a longer line above: prose, no label)
            label = t[nl + 1 : end].strip()
            if label:
                break
            if nl < 0:
                return None
            end = nl
        else:
            return None
        if any(c.isdigit() for c in label) or not (
            label.endswith(LABEL_ENDS) or self._ends_on_cue(nl + 1, nl + 1 + len(t[nl + 1 : end].rstrip()))
        ):
            # (a figure of its own; no name of a measure, nor a word naming one at its end
            # (本月入职⏎4人, 同比增长⏎7.5%): a heading, a sentence)
            return None
        below = t[le : le + LABEL_LINE + BLANK_LINES + 1].strip().split("\n", 1)[0].strip()
        if below[:1].isdigit():
            return None  # (首次呼叫解决率⏎90%⏎82%: a row of figures set out one per line, a table)
        choice = self.choose(m.dimension, m.unit, nl + 1, end, end, end)
        return choice if choice.found and choice.kpi is not None else None

    def _list_title(self, m) -> Choice | None:
        """分课组销售（单位：万元）⏎生鲜课    31.2⏎…⏎合计      86.4: a figure on an item line (its words,
        a gap, the figure) under a title line whose brackets give the unit takes what the title's
        words name (or, with a header line between, 项目    收入, what the header's last cell names
        first); None where neither names one (the item's own words named nothing)."""
        t = self.t
        ls = self._line_start(m.start)
        if ls < 0:
            return None
        le = t.find("\n", m.end, m.end + TABLE_REACH)
        item = ITEM_LINE_RE.fullmatch(t, ls, len(t) if le < 0 else le)
        if item is None or item.start("n") != m.start:
            return None
        spans = self._list_titles.get(ls)
        if spans is None:
            spans = self._title_spans(ls)
        for a, b in spans:
            choice = self.choose(m.dimension, m.unit, a, b, b, b)
            if choice.found and choice.kpi is not None:
                return choice
        return None

    def _title_spans(self, ls: int) -> tuple:
        """The words that may name the items of the list whose item line starts at ls: a header
        line's last cell and the title line above it, or the title line alone; () where the
        lines above the items are no such title. Each item line's answer is kept."""
        t = self.t
        chain: list[int] = []
        row, end, header = ls, -1, None
        spans: tuple = ()
        while len(chain) < LIST_ITEMS and row > 0:
            chain.append(row)
            prev = self._line_start(row - 1)
            if prev < 0:
                break
            known = self._list_titles.get(prev)
            if known is not None:
                spans = known
                break
            if ITEM_LINE_RE.fullmatch(t, prev, row - 1) is None:
                line = t[prev : row - 1]
                words = line.split()
                if header is None and len(words) == 2 and not any(c.isdigit() for c in line):
                    # 项目          收入: a header between the title and the items
                    end_of_words = prev + len(line.rstrip())
                    header = (end_of_words - len(words[-1]), end_of_words)
                    row = prev
                    continue
                unit = HEADING_UNIT_RE.search(t, prev, row)
                if (
                    unit is not None
                    and unit.end() == row
                    and TITLE_RE.fullmatch(t, prev, unit.start()) is not None
                ):
                    end = unit.start()
                elif TITLE_UNIT_RE.fullmatch(t, prev, row - 1) is not None:
                    end = max(
                        t.rfind("（", prev, row - 1), t.rfind("(", prev, row - 1)
                    )  # 2) 分户型销售（套）
                elif row - 1 - prev <= TITLE_LINE and UNIT_NOTE in line:
                    # 分店表现（营业额，单位：万港元）: the words in its brackets too (up to the closing
                    # bracket, which would make them an aside)
                    end = prev + len(line.rstrip().rstrip(")）"))
                if end >= 0:
                    spans = ((prev, end),) if header is None else (header, (prev, end))
                break
            row = prev
        for r in chain:
            self._list_titles[r] = spans
        return spans

    def _ends_on_cue(self, lo: int, hi: int) -> bool:
        """Whether the last lexicon word in [lo, hi) ends it (本月离职, 同比增长)."""
        hits = self.cues.within(lo, hi)
        return bool(hits) and hits[-1].end == hi

    def _line_start(self, pos: int) -> int:
        """Where the line holding pos starts; -1 where that is further back than a row reaches."""
        lo = max(0, pos - TABLE_REACH)
        i = self.t.rfind("\n", lo, pos)
        if i < 0:
            return 0 if lo == 0 else -1
        return i + 1

    def _head_of(self, ls: int, sep: str) -> int:
        """The start of the first row of the block of rows (separated by sep) ending with the row
        at ls; each row's answer is kept, so a table costs one walk."""
        heads = self._table_heads
        chain: list[int] = []
        row = ls
        head = ls
        while len(chain) < HEADER_ROWS:
            known = heads.get(row)
            if known is not None:
                head = known
                break
            chain.append(row)
            head = row
            if row == 0:
                break
            prev = self._line_start(row - 1)
            if prev < 0 or _separator(self.t[prev : row - 1]) != sep:
                break
            row = prev
        for r in chain:
            heads[r] = head
        return head
