"""KPI rules, inheritance: what names a figure that no cue names — its list's neighbour
(公共区域752件 after 居家维修740件), the KPI a target was set for (目标30万人，实际达成34.5万人),
the sentence's money word, and, for the parts of a breakdown, their total.
"""

import re
from bisect import bisect_left, bisect_right
from typing import Final

from mypy_extensions import trait

from service.engine.cells import NUMBER_HEADS, TABLE_CHARS, TOTAL_ROWS
from service.engine.cues import words_kpis
from service.engine.findchars import find_any, is_han, rfind_any
from service.engine.naming import (
    ABBREVIATION_GAP,
    ACTUAL,
    AREA_OF_SOLD_RE,
    ASIDE_RE,
    AVERAGE_RE,
    BRACKET_SUMS,
    CATEGORY_ENDS,
    CONTACT_KINDS,
    DISPOSITION_RE,
    ITEM_SEPS,
    LEAD_IN_PARTS,
    LEFT,
    LIST_LEAD_RE,
    MAGNITUDE_ENDS,
    NOTHING,
    NOUN_GAP,
    OTHER_WORDS,
    RIGHT,
    ROUTES,
    SENTENCE,
    SHARE_REACH,
    SHARE_RESOLVED_RE,
    STAFF_MOVES,
    TOPIC_LEADS,
    VALUE_OF_SOLD_RE,
    Choice,
    NamerBase,
    inside_topic,
    statement_start,
)
from service.engine.placeholders import Placeholder
from service.engine.reading import (
    FIGURE_IN_BRACKETS,
    INLINE_SPACE,
    PEOPLE_ONLY_UNITS,
    RANK_PLACES,
    SALES,
    Mention,
)
from service.engine.sections import LIST_ITEM_RE
from service.engine.totals import Breakdown, adds_up

LONE_PART_WORDS: Final = (
    "占",
    "约占",
)  # none words a lone part's label may hold (运动鞋约占一半（16,450对）)
LONE_PARTS: Final = 3  # parts of a partition, at least, for one left unnamed to take its siblings' KPI
ITEM_QUOTES: Final = '「」“”"'
PERSON_UNITS: Final = ("人", *PEOPLE_ONLY_UNITS, "个")  # a team's measure words (个 only before 人: 7个人)
# what joins an area or a sum to the count of units sold before it, and the KPI it has there
OF_SOLD: Final = {"area": (AREA_OF_SOLD_RE, "sales_area"), "currency": (VALUE_OF_SOLD_RE, "sales_value")}
SOLD_COUNTS: Final = ("units_sold", "orders")  # what a topic word of a sale names a count
RANKED_BY_REACH: Final = 12  # characters from 以 to the figure …
RANK_REACH: Final = 24  # … and from the figure to its rank (以1.9万、1.6万和1.5万辆分居第三、第四和第五)
# …第六, 第九、十名: a place in a ranking (the words before N位 that name one, and these)
RANK_WORD_RE: Final = re.compile("|".join((*RANK_PLACES, "稳居", "分居", "居于", "居第", "占据第")))
REMAINDER_WORDS: Final = (
    "剩余",
    "其余",
    "剩下",
    "剩下的",
    "余下",
    "余下的",
)  # right before a share: the rest
CUMULATIVE_RE: Final = re.compile(
    r"(?:[首前]?[一二三四五六七八九十0-9]{1,3}个月|1[-—至~]\d{1,2}月|全年|年内|今年|上半年|前三季度)"
    r"(?:累计|合计|共计)(?:估计|约)?(?:为|达|达到)?"
)
AVERAGE_LEAD_REACH: Final = 8  # 其中高峰日突破: words of a clause opening on an average before its figure
RESTATED_LOOKBACK: Final = 12  # figures looked back over for the one a list's total says again
TOTAL_ROW_REACH: Final = 16  # characters from a line's start to the figure of its total row, at most
TOTAL_ROW_FILL: Final = " \t\u3000：:|"  # (what may stand around it before the figure)
HEAD_ROW_REACH: Final = 200  # the longest line read as a table's row or header
HEAD_ROWS_UP: Final = 12  # rows walked up to a table's header, at most
HEAD_GAP_RE: Final = re.compile(r"[ \t\u3000|]+")
TOTAL_CELLS_REACH: Final = 160  # characters from a total row's start to a cell of it read, at most
TOTAL_CELL_CHARS: Final = "0123456789.,%％-—"  # (the figures of its cells before that one)
TOTAL_SAID_REACH: Final = 3000  # characters from the figure a total row says again to it, at most
AVERAGE_LOOKBACK: Final = 8  # figures looked back over for the one an average is of
# characters before a figure in its clause past which, with no cue word among them, it is of
# another matter than the like figure before it (公共区域752件 and 二季度为XX宗 inherit)
INHERIT_WORDS: Final = 8
# fewer in another measure word (商铺18套 after 住宅640户 inherits; 收集意见47条，协调处理漏水纠纷9起
# is another matter)
INHERIT_WORDS_UNLIKE: Final = 4
BARE_ITEM: Final = 6  # characters of an item's bare name after a semicolon (；童装1,120万元)
ITEM_NAMES: Final = 3  # names an item may join (；被子/被芯2,380万)
ITEM_NAME_JOINS_RE: Final = re.compile("[/／+＋]")
SORTED_REACH: Final = 300  # characters from the figure counted before to the first item sorting it
SORTED_ITEMS: Final = 80  # characters from a sorting lead's colon to an item's figure, at most
SORTED_LEAD: Final = 8  # characters of the lead before its colon
# rates a sorting lead may give per item (满意率96.7%…分品类：空调97.2%), where each item is near the whole's
SORTED_RATES: Final = frozenset(
    ("satisfaction_rate", "resolution_rate", "completion_rate", "collection_rate")
)
RATE_SPREAD: Final = 10.0  # points an item's rate may lie from the whole's (a share lies farther)
RATE_PART_REACH: Final = 20  # characters from 其中 to the first part's rate, or from a part to the next
RATE_LIST_REACH: Final = 80  # characters from 其中 to a later part's rate, at most
SEEN_LEAD_END: Final = "看，"  # a sorting lead may end on 看 and a comma instead of a colon
SORTED_LEAD_RE: Final = re.compile(r"(?:^|(?<=[\s。；;，,、]))[分按][\u4e00-\u9fff]{1,4}?看?$", re.M)
PAIRED_DIMENSIONS: Final = frozenset(("count", "currency"))
# characters between an item's like figure and the next figure, at most (、金额, ；乙型)
PAIR_JOIN: Final = 10
PAIR_ITEM_SEPS: Final = "，,；;、"
SPACED_ITEM_REACH: Final = 400  # characters from the report's last named sum to a spaced list's item
SPACED_LINE_REACH: Final = 60  # characters of its line looked at either side of a spaced item
SPACED_NAME_REACH: Final = 12  # characters of an item's name and the spaces after it, at most
# an item's bare name, then the space before its figure (美团 38.6万, 京东到家  268万)
SPACED_NAME_RE: Final = re.compile(
    r"(?:^|(?<=[\s：:】/]))(?:[\u4e00-\u9fffA-Za-z]{1,6}|\d{1,2}月份?|Q[1-4])[ \t\u3000]+$", re.M
)  # (…, 10月 318万, Q3 1,281万: a period's name too)
# another item's figure on the same line, after a space (饿了么 21.3万)
# an item line's name and colon (非处方药（OTC）：), and a line of that shape with a sum after it
COLON_ITEM_RE: Final = re.compile(r"[ \t\u3000]*[^\s：:，,。；;0-9]{2,14}[：:][ \t\u3000]*")
COLON_LINE_RE: Final = re.compile(COLON_ITEM_RE.pattern + r"\d[\d,.]*万")
FEEDBACK_KINDS: Final = frozenset(("inquiries", "complaints", "suggestions", "praises"))
ITEM_COMMENT: Final = 24  # characters of a comment after an item line's sum (，按年跌4.6%。)
COLON_ITEM_TAIL: Final = 4  # characters after an item line's figure, at most (多, 左右, 。)
COLON_ITEM_TAILS: Final = " \t\u3000。；;，,多左右"
SPACED_FIGURE_RE: Final = re.compile(r"[ \t\u3000]\d[\d,.]*万")
LINE_ITEM_FILL: Final = " \t\u3000：:"  # (what may stand around an item's name on its line: 篮球鞋 842双)
LINE_ITEM_ENDS: Final = "，,；;。\n \t（("  # what may follow a list line's figure
PERIOD_CHARS: Final = "年月季期周日"  # (no item is named 全年 or 一季度)
ASIDE_REACH: Final = 24  # characters from an aside's opening bracket to a figure in it, at most
PLACE_NAME: Final = 6  # characters a place's name and suffix take at most (瀍河区, 经济开发区)
CASHED_IN: Final = "套"  # right before a bare 亿 figure: money cashed in (Hong Kong's 套現 written short)


# a part named only by its period (其中10月412件、11月351件; 一季度900件; （7月3,402件、…）): a share of its
# total's own KPI
PERIOD_PART_RE: Final = re.compile(
    r"[、，,；;（(\s]*(?:\d{1,2}月份?|[一二三四五六七八九十]{1,3}月份?|第?[一二三四1-4]季度|Q[1-4]|[上下]半年"
    r"|\d{4}年度?|[上中下]旬|第[一二三四五六七八九十\d]{1,2}周)"
)
# a form's field named by an earlier period alone (去年同期：, 上月（2月）：, 上年同期:)
PERIOD_FIELD_RE: Final = re.compile(
    r"(?:^|(?<=[\s。；;，,、：:]))(?:去年|上年|前年|上月|上季度?|上周|上期)(?:同期)?(?:[（(][^）)\n]{1,8}[）)])?$"
)
PERIOD_FIELD: Final = 14  # characters of such a field before its colon, at most
PERIOD_FIELD_REACH: Final = 160  # characters from the last named figure to the field's, at most
REST_JOINS: Final = "及和与等、"  # 拼多多及其他渠道: a name joined to the rest
# characters of a bare topic heading a list of a contact kind's parts (退房排队), at most
TOPIC_LABEL: Final = 6
TOPIC_SEPS: Final = "、，,；; \t\u3000"  # (the list's separator a label may open on)
MONEY_NOUN_REACH: Final = 8  # characters between a money noun and its bare 万 figure, gap included
MONEY_NOUN_GAP: Final = " \t：:为达约共计合"  # (产值 41.3万, 金额为31.4万, 利润合计约120万)

SALE_VERBS: Final = ("卖", "卖到")  # sales_abbreviations that are whole verbs, not a sales word cut short


def _near_rate(m: Mention, base: Mention) -> bool:
    """Whether a percentage lies near a rate of a part-wise KPI named before it (满意率96.7% …
    空调97.2%): that rate of a part, where a share would lie farther."""
    return base.kpi in SORTED_RATES and abs((m.number.value or 0) - (base.number.value or 0)) <= RATE_SPREAD


def _bare_topic(label: str) -> str:
    """A part's label past the list's separator and the words that open a list of topics (主要集中在噪音,
    、退房排队: 噪音, 退房排队)."""
    label = label.lstrip(TOPIC_SEPS).removeprefix(LEAD_IN_PARTS)
    lead = LIST_LEAD_RE.match(label)
    return label if lead is None else label[lead.end() :]


@trait
class NeighbourRules(NamerBase):
    """Where a figure no cue names takes its KPI from."""

    def _from_neighbours(self, m: Mention, prev, slo: int, clo: int, chi: int):
        """A figure no cue named: its list's KPI (公共区域752件 after 居家维修740件), what an
        actual after a target measures (目标30万人，实际达成34.5万人), or its sentence's money word."""
        if self._states_actual(clo, chi) and (
            self._target_before(slo, clo) or self._required_before(slo, clo)
        ):
            actual = self._actual_of(m, slo, clo)
            if actual:
                return actual
        if self.t.startswith("的", m.end):
            # 以4500万元的年营业额: the noun after 的 names it; 年消费超5000元的会员: the figure
            # describes a noun of another kind and states nothing
            return self._named_after_de(m, chi) or NOTHING
        if prev is not None:
            prev = self._outside_aside(prev, m, slo)
        if self._meets_target(m.dimension, m.start, m.end, clo):
            # 季度目标450万美元…；前三季度累计1108万美元，完成全年目标（1600万美元）的69.3%: what met a
            # target, no target itself
            actual = self._actual_of(m, slo, clo) or self._sales_choice(m.dimension, m.unit)
            if actual:
                return actual
        if prev is not None and prev.kpi and self._like(prev, m) and self._may_inherit(prev, m, clo):
            return Choice(prev.kpi, False, prev.direction == "down")
        if m.dimension == "currency":
            kpi = self._sentence_money(m, slo, clo)
            if kpi:
                return Choice(kpi, False)  # 销售额占比27%，首次突破300万元
        elif m.unit in self.lex.contact_unit_set and (prev is None or prev.unit != m.unit):
            kpi = self._sentence_service(m, prev, slo, clo)
            if kpi:
                return Choice(kpi, False)  # 涉及外卖平台的投诉，去年亦收到296宗
        return self._average_of(m, slo, clo) or NOTHING

    def _bracket_subtotals(self, breakdowns: list[Breakdown]) -> None:
        """投诉37起，其中菜品类21起、服务类9起、等位类5起（合计35起，另有2起…）: a sum in brackets
        after a 其中 list, itself a share of the list's total, counts what that total counts, so its
        parts (the list) do too, where the total's parts keep its KPI."""
        outer = {id(p): b.total for b in breakdowns for p in b.parts}
        for b in breakdowns:
            total, whole = b.total, outer.get(id(b.total))
            if total.kpi is not None or whole is None or not whole.kpi or not b.parts:
                continue
            spec = self.lex.kpis.get(whole.kpi)
            gap = self.t[b.parts[-1].end : total.start]
            if (
                spec is not None
                and spec.parts_keep_kpi
                and gap[:1] in "（("
                and any(w in gap for w in BRACKET_SUMS)
                and self.lex.allows(whole.kpi, total.dimension, total.unit)
            ):
                total.kpi = whole.kpi

    def _outside_aside(self, prev: Mention, m: Mention, slo: int) -> Mention | None:
        """The neighbour ``m`` may take its KPI from: ``prev``, or where that is a target standing in
        brackets that close before ``m``, the like figure before the brackets in the sentence
        (2,300台（年初定的是5,000台，差得远），洗碗机1,680台: an aside's target lends the actuals after it
        nothing)."""
        t = self.t
        if prev.kpi != "sales_target" or find_any(t, ")）", prev.end, m.start) < 0:
            return prev  # (二月份为低谷（310辆），十月份达到高峰（760辆）: asides alike lend alike)
        opened = rfind_any(t, "(（", max(slo, prev.start - ASIDE_REACH), prev.start)
        if opened < 0 or find_any(t, ")）", opened, prev.start) >= 0:
            return prev
        ends, ms = self._ends(), self._mentions
        k = bisect_right(ends, opened) - 1
        if k >= 0 and ms[k].start >= slo and (ms[k].dimension, ms[k].unit) == (m.dimension, m.unit):
            return ms[k]
        return None

    def _line_item(self, m: Mention, line_firsts: dict[int, Mention]) -> Choice | None:
        """篮球鞋 842双 on the line after 跑鞋系列销售1,236双: a line that opens on no more than an
        item's name before its figure goes on with the list of the line above, whose first figure,
        of the same measure, has a KPI (``line_firsts``: line start → its first figure)."""
        breaks = self.geo.breaks
        k = bisect_left(breaks, m.start)
        if k == 0:
            return None
        start = breaks[k - 1] + 1
        above = line_firsts.get(breaks[k - 2] + 1 if k >= 2 else 0)
        if (
            above is None
            or above.kpi in (None, "growth_rate")
            or above.unit != m.unit
            or above.dimension != m.dimension
            or start in line_firsts
        ):
            return None
        if m.end < len(self.t) and self.t[m.end] not in LINE_ITEM_ENDS:
            return None  # (另有312宗個案因…: the figure is of a noun after it, not the list's item)
        item = self._item_name(start, m.start)
        if item is None or self.cues.within(start, m.start):
            return None
        # the line above names its item, then the cue, then the figure (跑鞋系列销售1,236双), not a
        # line of its own words (受开发商委托，全年共销售产权车位142个); or it is a bare item's
        # line, an item of the list already (童鞋 近600双 below 篮球鞋 842双)
        above_start = self.geo.line_start(above.start)
        cues = self.cues.within(self.geo.clause(above.start, above.end)[0], above.start)
        if not cues and self._item_name(above_start, above.start) is not None:
            return Choice(above.kpi, False)
        if not cues or self._item_name(above_start, cues[0].start) is None:
            return None
        return Choice(above.kpi, False)

    def _sorted_item(self, m: Mention, slo: int, base: Mention | None) -> Choice | None:
        """全年零售新车1,386台。分车型看：凯美瑞 412台、汉兰达 238台: the first item after a lead that
        sorts what was counted before (分车型看, 按门店, 分月) takes the KPI of the last figure of its
        unit named before it, where the lead and the item's own words name nothing."""
        t = self.t
        if (
            base is None
            or base.kpi in (None, "growth_rate", "sales_target")
            or base.kpi
            in self.lex.service_family  # (按内容分：城市管理25件: topics of all requests, no kind)
            or m.start - base.end > SORTED_REACH
        ):
            return None
        if m.dimension == "percent" and not _near_rate(m, base):
            return None  # (完成率98%。分渠道：线上35%、线下65%: shares, no rate of each)
        colon = rfind_any(t, "：:", max(slo, m.start - SORTED_ITEMS), m.start)
        seen = t.rfind(SEEN_LEAD_END, max(slo, m.start - SORTED_ITEMS), m.start)  # (分平台看，Shopee …)
        seen_lead = seen >= 0 and seen + 1 > colon
        if seen_lead:
            colon = seen + 1
        if colon < 0:
            return None
        lead = SORTED_LEAD_RE.search(t, max(slo, colon - SORTED_LEAD), colon)
        if (
            m.dimension == "currency"
            and not seen_lead
            and not (lead is not None and any(c in PERIOD_CHARS for c in lead.group()))
        ):
            # (分品类：家电1,024万元…: sums a classifying heading lists, its breakdown names them; 分月看：
            # 1月6.1万元；2月14.8万元: a month's sum is no class of the whole, and no breakdown names it)
            return None
        ends, ms = self._ends(), self._mentions
        k = bisect_left(ends, colon + 1)
        while k < len(ms) and ms[k].start < m.start:  # (the list's items before it: of its unit)
            # (a rate of change beside an item: 102.4万美元，同比增长12%；71.8万美元)
            if ms[k].unit != m.unit and ms[k].dimension != "date" and ms[k].kpi != "growth_rate":
                return None
            k += 1
        if lead is None or any(
            not (h.roles.change or "growth_rate" in h.roles.kpis)
            for h in self.cues.within(lead.start(), m.start)
        ):
            return None  # (words naming a measure; an item's rate of change names none of the items)
        return Choice(base.kpi, False)

    def _rate_part(self, m: Mention, slo: int, base: Mention | None) -> Choice | None:
        """满意度为92.5%，其中保安服务94.1%、清洁服务90.3%: after 其中, a percentage near a rate its
        sentence named before it is that rate of a part (not 其中线上渠道占35%: a share)."""
        t = self.t
        if base is None or base.start < slo or not _near_rate(m, base):
            return None
        mark = t.rfind("其中", max(slo, m.start - RATE_LIST_REACH), m.start)
        if (
            mark < 0
            or (
                m.start - mark > RATE_PART_REACH if base.end <= mark else m.start - base.end > RATE_PART_REACH
            )
            or t.find("占", mark, m.start) >= 0
        ):
            return None  # (the first part right after 其中, the next right after the part before)
        if any(
            h.roles.none or any(self.lex.allows(k, m.dimension, m.unit) for k in h.roles.kpis)
            for h in self.cues.within(mark, m.start)
        ):
            return None  # (a word of its own naming a rate, or none; 保安 names staff, no rate)
        return Choice(base.kpi, False)

    def _paired_item(self, m: Mention, like: Mention | None, before: Mention | None) -> Choice | None:
        """甲仪器销售41台、金额2,214万元，乙仪器26台、1,872万元: items each giving a pair of
        figures (a count and a sum), the next item's figure takes the KPI of the like figure of the
        item before, where only that item's other figure (``before``) stands between and the words
        before it are an item's name, no cue."""
        t = self.t
        if (
            like is None
            or like.kpi in (None, "growth_rate")
            or before is None
            or before is like
            or before.kpi is None
            or {before.dimension, m.dimension} != PAIRED_DIMENSIONS  # (a count and a sum, not 完成率97.3%)
            or not 0 <= before.start - like.end <= PAIR_JOIN
            or not 0 < m.start - before.end <= INHERIT_WORDS + 1
            or t[before.end] not in PAIR_ITEM_SEPS
            or any(c.isdigit() for c in t[like.end : before.start])
            or self.cues.within(before.end, m.start)
        ):
            return None
        return Choice(like.kpi, False)

    def _spaced_money_item(self, m: Mention, base: Mention | None) -> Choice | None:
        """平台分布：天猫 1,582万  京东 1,036万, 【外卖渠道】⏎美团 38.6万 饿了么 21.3万: a sum no word
        names, set after an item's bare name and a space in a line of such items, is of the kind of
        the report's last named sum (``base``) not long before it, where no word on the line before
        it names any measure (推广费：直通车 120万 names a cost)."""
        t = self.t
        if (
            base is None
            or base.kpi not in SALES
            or m.start - base.end > SPACED_ITEM_REACH
            or m.start == 0
            or t[m.start - 1] not in INLINE_SPACE
        ):
            return None
        line = self.geo.line_start(m.start)
        lo = max(line, m.start - SPACED_LINE_REACH)  # (bounded looks: a long line stays linear)
        name = SPACED_NAME_RE.search(t, max(lo, m.start - SPACED_NAME_REACH), m.start)
        if name is None or self.cues.within(lo, m.start):
            return None
        stop = t.find("\n", m.end, m.end + SPACED_LINE_REACH)
        hi = m.end + SPACED_LINE_REACH if stop < 0 else stop
        if (
            SPACED_FIGURE_RE.search(t, m.end, hi) is None
            and SPACED_FIGURE_RE.search(t, lo, name.start()) is None
        ):
            return None  # (one figure on its line: no list)
        return Choice(base.kpi, False)

    def _colon_money_item(self, m: Mention, base: Mention | None) -> Choice | None:
        """二、品类情况⏎处方药：212万⏎非处方药（OTC）：163万: a sum no word names, alone on a line after
        an item's name and a colon, with a line of the same shape beside it, is of the kind of the
        report's last named sum (``base``) not long before it (推广费：120万 names a cost)."""
        t = self.t
        if (
            base is None
            or base.kpi not in SALES
            or m.start - base.end > SPACED_ITEM_REACH
            or t.find("万", m.start, m.end) < 0  # (客单价：82.8元: a price, no item's takings)
        ):
            return None
        line = self.geo.line_start(m.start)
        if not COLON_ITEM_RE.fullmatch(t, line, m.start) or any(
            h.roles.kpis or h.roles.none and not h.word.startswith("其")  # (医疗器械及其他: the rest)
            for h in self.cues.within(line, m.start)
        ):
            return None
        end = t.find("\n", m.end, m.end + COLON_ITEM_TAIL + 1)
        if end < 0 and len(t) - m.end <= COLON_ITEM_TAIL:
            end = len(t)  # (the text's last line)
        if end < 0 or t[m.end : end].strip(COLON_ITEM_TAILS):
            # (more said after the figure: no bare item line, unless only how it changed, after a comma:
            # 灣仔店：2,180萬元，按年持平)
            end = self._item_comment_end(m)
            if end < 0:
                return None
        before = t.rfind("\n", max(0, line - 1 - SPACED_LINE_REACH), line - 1) + 1 if line else -1
        return (
            Choice(base.kpi, False)
            if COLON_LINE_RE.match(t, end + 1) or before >= 0 and COLON_LINE_RE.match(t, before)
            else None
        )

    def _item_comment_end(self, m: Mention) -> int:
        """Where the line of an item's sum ends when all it says after the sum is a comment on it
        after a comma, with no figure but rates (，按年跌4.6%。); -1 otherwise."""
        t = self.t
        end = t.find("\n", m.end, m.end + ITEM_COMMENT + 1)
        if end < 0 and len(t) - m.end <= ITEM_COMMENT:
            end = len(t)
        if end < 0 or t[m.end : m.end + 1] not in "，,":
            return -1
        ends, ms = self._ends(), self._mentions
        k = bisect_right(ends, m.end)
        while k < len(ms) and ms[k].start < end:
            if ms[k].dimension != "percent":
                return -1
            k += 1
        return end

    def _period_field(self, m: Mention, base: Mention | None) -> Choice | None:
        """本月实际完成：41.26万元。去年同期：35.8万元；上月（2月）：29.4万元: a figure a form's field
        names by an earlier period alone is the same measure as the last named figure of its unit
        not long before it, as it stood then."""
        t = self.t
        if base is None or base.kpi not in SALES or m.start - base.end > PERIOD_FIELD_REACH:
            return None
        colon = m.start - 1
        while colon > 0 and t[colon] in " \t\u3000":
            colon -= 1
        if colon <= 0 or t[colon] not in "：:":
            return None
        field = PERIOD_FIELD_RE.search(t, max(0, colon - PERIOD_FIELD), colon)
        return Choice(base.kpi, False) if field is not None and field.end() == colon else None

    def _item_name(self, lo: int, hi: int) -> str | None:
        """The bare name of a list line's item in [lo, hi), after its marker: two to a few Han
        characters, no period (全年, 一季度) among them; None where the words are more or less than
        that (新 before 开户 names no item)."""
        marker = LIST_ITEM_RE.match(self.t, lo, hi)
        item = self.t[marker.end() if marker is not None else lo : hi].strip(LINE_ITEM_FILL)
        if 1 < len(item) <= BARE_ITEM and all(map(is_han, item)) and not any(c in PERIOD_CHARS for c in item):
            return item
        return None

    def _average_of(self, m: Mention, slo: int, clo: int) -> Choice | None:
        """来电总量为38.2万个，…；月均3.18万个: a clause that opens on an average or a peak and
        names nothing is of the last figure of that kind before it in the sentence that has a
        KPI (a change between, 较上年减少2.7万个, names none and is passed over)."""
        if m.start - clo > 2 * AVERAGE_LEAD_REACH:
            return None  # (a long clause: no slice of it per figure)
        words = self.t[clo : m.start].strip()
        if not (
            words.startswith(self.lex.average_leads)
            and len(words) <= AVERAGE_LEAD_REACH
            # 首八个月累计1,508.3亿元: a period's running total, its noun the figure's before
            or CUMULATIVE_RE.fullmatch(words)
            and not any(h.roles.kpis or h.roles.none for h in self.cues.within(clo, m.start))
        ):
            return None
        last = bisect_left(self._ends(), m.start + 1) - 1  # (the figure ending last before it)
        for k in range(last, max(-1, last - AVERAGE_LOOKBACK), -1):
            other: Mention = self._mentions[k]
            if other.start < slo:
                break
            # (money is alike in any currency: a bare 元 is the document's, settled later)
            if (
                other.kpi
                and (other.unit == m.unit or m.dimension == "currency")
                and other.dimension == m.dimension
                and not other.change
            ):
                return Choice(other.kpi, False)
        return None

    def _named_after_de(self, m: Mention, chi: int) -> Choice | None:
        """The KPI the noun after a figure's 的 names (以4500万元的年营业额, 106%的目标达成率,
        14.2%的销售增幅; 96%的问题已妥善解决: the share of problems resolved), or None."""
        if m.dimension == "percent" and (
            SHARE_RESOLVED_RE.match(self.t, m.end, chi) or self._resolve_verb_before(m.start)
        ):
            return Choice("resolution_rate", True)
        lo = m.end + 1
        for h in self.cues.within(lo, min(chi, lo + 2 * NOUN_GAP)):
            if h.end - lo > NOUN_GAP:
                break
            if m.dimension == "percent" and h.roles.change and h.word[-1] in MAGNITUDE_ENDS:
                return Choice("growth_rate", True, h.roles.down)
            for k in h.roles.kpis:
                if self.lex.allows(k, m.dimension, m.unit):
                    return Choice(k, True)
            if h.start == lo and (h.roles.target or m.dimension == "percent" and h.roles.kpis):
                if h.roles.target and m.dimension != "percent" and self._ends_noun(h.end, chi):
                    # 未能完成20万元的月度指标: the noun is the plan itself
                    return (
                        Choice("sales_target", True)
                        if self.lex.allows("sales_target", m.dimension, m.unit)
                        else None
                    )
                lo = h.end  # (目标, 销售: a word modifying the noun after it)
                continue
            break
        return None

    def _sold_in_brackets(self, m: Mention, before: Mention | None, named_by_unit: dict) -> bool:
        """成交面积12.5万㎡（1,120套）: whether a count in brackets right after an area or a sum of
        sales counts the homes (or cars) of it; so for a part (其中住宅10.8万㎡(960套)), named after
        this loop, of the area sold before it."""
        if m.dimension != "count" or before is None or self.t[before.end : m.start] not in FIGURE_IN_BRACKETS:
            return False
        if not self.lex.allows("units_sold", m.dimension, m.unit):
            return False
        if before.kpi in ("sales_area", "sales_value"):
            return True
        last = named_by_unit.get((before.dimension, before.unit))
        return before.kpi is None and not before.named and last is not None and last.kpi == "sales_area"

    def _sold_abbreviated(self, m: Mention, clo: int) -> Choice | None:
        """年销8600万元, 日销达300台, 日销超3000单: a sales word cut short right before the figure
        names it."""
        t = self.t
        p = m.start
        while p > clo and t[p - 1] in ABBREVIATION_GAP and m.start - p < 2:
            p -= 1
        if not t.endswith(self.lex.sales_abbreviations, clo, p):
            return None
        if m.dimension == "currency" and t.endswith(SALE_VERBS, clo, p):
            return None  # (一份盒饭才卖12块, 我们卖199元: a price; 全年卖150套 counts what sold)
        # (日销超3000单: deals, where the measure word counts no goods)
        kpis = ("sales_value",) if m.dimension == "currency" else ("units_sold", "orders")
        return next((Choice(k, True) for k in kpis if self.lex.allows(k, m.dimension, m.unit)), None)

    def _of_sold(self, m: Mention, before: Mention | None) -> Choice | None:
        """销售3135套，面积39.7万平方米; 录5,120宗及412亿元, 成交860套，涉及金额9.6亿元: an area or a sum
        joined right after a count of units sold, named only by 面积 or 金额, is the floor area sold
        or what they sold for."""
        if before is None or m.dimension not in OF_SOLD:
            return None
        if before.kpi != "units_sold" and not (before.kpi == "orders" and m.dimension == "currency"):
            return None  # (供货合同签了1份，金额386万元: what the orders were worth)
        join, kpi = OF_SOLD[m.dimension]
        return Choice(kpi, True) if join.fullmatch(self.t, before.end, m.start) is not None else None

    def _ranked_by(self, m: Mention, clo: int, chi: int, last: Mention | None) -> Choice | None:
        """吉利以5,321辆继续稳居第六: a figure after 以 or 凭借 and before a word of rank, in a ranking
        whose last figure of the unit named a KPI, is more of that measure; None otherwise."""
        t = self.t
        if last is None or last.kpi is None or m.start - last.end > SENTENCE:
            return None
        lo = max(clo, m.start - RANKED_BY_REACH)
        if t.rfind("以", lo, m.start) < 0 and t.rfind("凭借", lo, m.start) < 0:
            return None
        if RANK_WORD_RE.search(t, m.end, min(chi, m.end + RANK_REACH)) is None:
            return None
        return Choice(last.kpi, True)

    def _change_after_de(self, m: Mention, chi: int) -> bool:
        """较去年有近70万元的小幅增长: a sum or count whose 的 is followed by a word of change (and
        perhaps how big: 小幅, 明显) is by how much something changed, not its level."""
        lo = m.end + 1
        for h in self.cues.within(lo, min(chi, lo + 2 * NOUN_GAP)):
            if h.end - lo > NOUN_GAP or not all(is_han(c) for c in self.t[lo : h.start]):
                return False
            return bool(h.roles.change) and not h.roles.kpis
        return False

    def _ends_noun(self, end: int, chi: int) -> bool:
        """Whether a word ending at ``end`` ends its clause (only spaces or a closing bracket after):
        walked, not sliced, so a long clause costs no more per figure."""
        t, p = self.t, end
        while p < chi and t[p] in " ）)":
            p += 1
        return p >= chi

    def _sentence_service(self, m: Mention, prev, slo: int, clo: int):
        """The kind of contact (投诉, 咨询 …) that an earlier clause of the sentence leads in with,
        for a count of contacts no word of its own names, with no figure between (after
        ``prev``, the figure before it); a word that names no KPI, or another, stops the search."""
        lo = max(slo, m.start - SENTENCE, prev.end if prev is not None else 0)
        for h in reversed(self.cues.within(lo, clo)):
            for k in h.roles.kpis:
                if k in CONTACT_KINDS and self.lex.allows(k, m.dimension, m.unit):
                    return k
            if h.roles.none or h.roles.kpis:
                return None
        return None

    def _like(self, prev, m) -> bool:
        """A like clause: the same unit, or another measure word of what the list counts
        (已售住宅640户，商铺18套: units sold, in 户 and in 套)."""
        if prev.unit == m.unit:
            return True
        return (
            prev.dimension == m.dimension == "count"
            and prev.kpi != "growth_rate"
            and self.lex.allows(prev.kpi, m.dimension, m.unit)
        )

    def _may_inherit(self, prev, m, clo: int) -> bool:
        """A like clause takes its neighbour's KPI, except: a total of all requests passes it
        on only to its own average (共处理12,580起，日均处理约50起), since the clauses after a
        total are its parts (交办1250件，直办70件); nothing passes a semicolon."""
        lo = statement_start(self.t, prev.end, m.start)  # (prev.end where no semicolon is between)
        if self._places_listed(prev, m, lo) and not self.cues.within(lo, m.start):
            return True
        spec = self.lex.kpis.get(prev.kpi)
        if (
            spec is not None
            and not spec.parts_keep_kpi
            and not AVERAGE_RE.search(self.t, max(clo, m.start - LEFT), m.start)
        ):
            return False
        if prev.kpi == "growth_rate" and (
            "成" in self.t[m.start : m.end] or self.t.endswith("的", 0, m.start)
        ):
            return False  # 同比上涨41.2%，六成以上涉及预付卡; 达到总销量的17.2%: a share, not another change
        if prev.kpi == "growth_rate" and self.t[clo : m.start].lstrip().startswith(self.lex.level_after):
            return False  # 提升4.5%，达到31%: the level reached, not another change
        if m.dimension == "percent" and self.t.endswith(REMAINDER_WORDS, 0, m.start):
            return False  # 将80%的问题当场解决，剩余20%转交专业团队: the rest, not another share of the kind
        # 12345转来3次 after 咨询41次: where contacts came from, not their kind (a rate is: 微信渠道为
        # 97.1% after 电话渠道满意率为95.6% is another channel's rate of the same kind)
        if m.dimension == "count" and any(w in self.t[prev.end : m.start] for w in self.lex.list_channels):
            return False
        own = [k for h in self.cues.within(max(clo, m.start - LEFT), m.start) for k in h.roles.kpis]
        if own and prev.kpi not in own and any(k in self.lex.service_family for k in own):
            return False  # 回访1148次 after 咨询电话1186次: its own word names another thing
        words = INHERIT_WORDS if prev.unit == m.unit else INHERIT_WORDS_UNLIKE
        if (
            m.start - clo > words
            and not own
            # (其他（毛毯、家居服）430万: the rest, whatever its aside says)
            and not (
                self.t.startswith(OTHER_WORDS, clo) and len(ASIDE_RE.sub("", self.t[clo : m.start])) <= words
            )
            and not self._like_label(prev, m)
        ):
            # 维修器材17处，秩序维护部每日巡逻不少于8次: a clause of its own words, another matter
            return False
        # a semicolon starts another statement: what it says is not the list's before it, unless
        # it says no more than an item's name (女装类目销售额2,180万元，占比46%；童装1,120万元)
        if lo == prev.end:
            return True
        if m.dimension == "percent":
            return False  # (…上升7.3%；本年度有約12%投訴個案: a share, no change of the list's)
        # (；被子/被芯2,380万, ；其他（毛毯、家居服）430万: names joined, an aside in brackets)
        # (；「車長態度」4,506宗: a name in quotes is a name all the same)
        names = [  # (；外卖：31.9万元: a name and its colon)
            x.strip(ITEM_QUOTES)
            for x in ITEM_NAME_JOINS_RE.split(ASIDE_RE.sub("", self.t[lo : m.start]).strip().rstrip("：:"))
        ]
        return (
            len(names) <= ITEM_NAMES
            and all(0 < len(x) <= BARE_ITEM and all(map(is_han, x)) for x in names)
            and all(h.word in OTHER_WORDS for h in self.cues.within(lo, m.start))  # (；其他430万: the rest)
        )

    def _places_listed(self, prev, m: Mention, lo: int) -> bool:
        """瀍河区受理诉求1.2万余件，居首位；伊川县约8,600件；栾川县最少，为2,315件: counts of one
        kind, place by place, each statement opening on its place (across semicolons too); ``lo``:
        where m's statement starts."""
        if m.dimension != "count" or prev.unit != m.unit:
            return False
        if lo == prev.end:
            lo = self.geo.clause(m.start, m.end)[0]
        return self._opens_on_place(lo, m.start) and self._opens_on_place(
            self.geo.clause(prev.start, prev.end)[0], prev.start
        )

    def _opens_on_place(self, lo: int, hi: int) -> bool:
        """Whether the words in [lo, hi) open on a place's name (伊川县…, 东城区…)."""
        head = self.t[lo : min(hi, lo + PLACE_NAME)]
        return any(head.find(s, 1) > 0 for s in self.lex.place_suffixes)

    def _like_label(self, prev, m: Mention) -> bool:
        """Whether two figures' labels share their last characters (城区客服中心受理 …, 郊区客服中心)."""
        a, b = prev.label or "", m.label or ""
        return len(a) >= 2 and len(b) >= 2 and a[-2:] == b[-2:]

    def _same_as_before(self, m: Mention, prev, left_lo: int):
        """接待客户987人次，日均接待2,706人次: the same generic word again measures the same thing."""
        if prev.unit != m.unit or prev.kpi not in self.lex.service_family or prev.kpi == "service_requests":
            return None
        hits = self.cues.within(left_lo, m.start)
        if not hits or not all(set(h.roles.kpis) <= {"service_requests"} for h in hits):
            return None
        if self._other_channel(left_lo, hits[0].start):
            return None  # 电话受理1820宗，来函受理64宗: another channel's, though the verb is the same
        words = {h.word for h in hits}
        plo, _ = self.geo.clause(prev.start, prev.end)
        before = {h.word for h in self.cues.within(plo, prev.start)}
        return Choice(prev.kpi, True) if words & before else None

    def _parts_follow(self, prev, m) -> bool:
        """其中 between two figures: the later one is a part, named by its own words or its total
        (not a rate after a growth rate: 同比增长36%，其中少儿英语约41%, each part's change)."""
        if (
            m.dimension == "percent"
            and prev.kpi == "growth_rate"
            and prev.unit == m.unit
            and not self.t.endswith("其中", 0, m.start)  # (其中六成以上涉及预付卡: a share)
        ):
            return False
        return self.t.find("其中", prev.end, m.start) >= 0

    def _sentence_money(self, m: Mention, slo: int, clo: int):
        """The nearest money word before a currency figure's clause, in its sentence
        (销售额占比27%，首次突破300万元); a word that names no KPI stops the search
        (净利润-22亿元，同期为-14亿元), unless it named a share or a unit price written right
        after it (占比27%, 均价2.8万元/㎡): the sum after those is still the sentence's."""
        t = self.t
        lo = statement_start(t, max(slo, m.start - SENTENCE), clo)
        hits = self.cues.within(lo, clo)
        for i in range(len(hits) - 1, -1, -1):
            h = hits[i]
            for k in h.roles.kpis:
                if k != "sales_target" and self.lex.allows(k, "currency", m.unit):
                    # (加班费收入: a word naming no KPI right before the money word modifies it)
                    modified = i and hits[i - 1].roles.none and hits[i - 1].end == h.start
                    return None if modified else k
            if h.roles.none and not any(c in "%/" for c in t[h.end : h.end + SHARE_REACH]):
                return None
        return None

    def _actual_of(self, m: Mention | Placeholder, slo: int, clo: int):
        """实际达成34.5万人 after 新增付费用户目标30万人: the KPI the target was set for (or none,
        转化率目标4.2%，实际达成4.7%), from the words before the target."""
        bare = False  # (目标300套，实际完成住宅210套: a target word alone, naming no measure)
        for h in reversed(self.cues.within(max(slo, m.start - SENTENCE), clo)):
            if h.roles.target or "sales_target" in h.roles.kpis:
                # 销售目标1200套，完成1260套: the measure a target word opens with
                head = next((h.word[: -len(w)] for w in self.lex.target_words if h.word.endswith(w)), "")
                for name in words_kpis(head) if head else ():
                    if name != "sales_target" and self.lex.allows(name, m.dimension, m.unit):
                        return Choice(name, True)
                if h.roles.target:
                    bare = bare or not head
                    continue
            for name in h.roles.kpis:
                if name != "sales_target" and self.lex.allows(name, m.dimension, m.unit):
                    return Choice(name, True)
            if h.roles.none:
                return Choice(None, True)
        if bare:  # what a target of so many 套 or yuan is set for: sales
            return self._sales_choice(m.dimension, m.unit)
        return None

    def _target_before(self, slo: int, clo: int) -> bool:
        """A target word in the sentence before the clause (within SENTENCE characters)."""
        return any(h.roles.target for h in self.cues.within(max(slo, clo - SENTENCE), clo))

    def _required_before(self, slo: int, clo: int) -> bool:
        """A requirement word in the sentence before the clause (各项目满意率需保持在92%以上，本项目
        实际为94.6%: the actual after it is of the rate required)."""
        before = self.t[max(slo, clo - SENTENCE) : clo]
        return any(w in before for w in self.lex.requirement_words)

    def _states_actual(self, clo: int, chi: int) -> bool:
        return self._has_word(ACTUAL, clo, chi) or self._labelled_actual(clo)  # (实际, 实为 …: by bisection)

    def _like_topic(self, m: Mention, like):
        """申诉中涉及普遍服务问题的392件；涉及快递服务问题的7,308件: a figure whose label opens on
        the topic word that the like figure before it in its sentence holds counts what that one
        counts (a topic of complaints is complaints; a topic of all requests stays a category)."""
        if (
            like is None
            or like.kpi not in self.lex.specific_service
            or not self.lex.kpis[like.kpi].parts_keep_kpi
        ):
            return None
        label, like_label = m.label or "", like.label or ""
        if not self._topic_only(label):
            return None
        if any(label.startswith(w) and w in like_label for w in TOPIC_LEADS):
            return Choice(like.kpi, True)
        if label.endswith("的") and like_label.startswith(TOPIC_LEADS) and self.t.startswith("、", like.end):
            return Choice(like.kpi, True)  # 涉及网络质量的156件、资费争议的98件: the list's topic word once
        return None

    def _topic_only(self, label) -> bool:
        """Whether a label is a topic and nothing else (涉及快件问题: no word naming a KPI)."""
        # (涉及物业收费: a word of money in a topic names no kind of contact)
        return (
            bool(label)
            and label.startswith(TOPIC_LEADS)
            and not any(k in self.lex.service_family for k in words_kpis(label))
        )

    def _total_said_again(self, m: Mention) -> Choice | None:
        """累计销售额 418.7 万元 … 合计：418.7, 诉求 18,562 件 … 合计  18,562: a total row of a list that
        says again a figure given before it (a few figures back at most: the same value in the
        same unit, with a KPI and no change) is that figure's KPI."""
        reach = max(0, m.start - TOTAL_ROW_REACH)  # (a bounded look back: one long line costs no more)
        lo = self.t.rfind("\n", reach, m.start) + 1
        if (lo == 0 and reach > 0) or self.t[lo : m.start].strip(TOTAL_ROW_FILL) not in TOTAL_ROWS:
            return self._table_total_said(m)
        said = self._said_before(m)
        # (共销售工业机器人 246 台 … 合计  246: said far above the table, found by its value)
        return Choice(said.kpi, True) if said is not None else self._table_total_said(m)

    def _table_total_said(self, m: Mention) -> Choice | None:
        """签约合同额3,560万元 … 合计 298 135 696 610 655 1166 3560: a cell of a table's total row,
        figures alone on it up to this one, that says again a figure of the text before it, in the
        same unit (looked up by value: the prose may be far above the table) takes its KPI."""
        reach = max(0, m.start - TOTAL_CELLS_REACH)
        lo = self.t.rfind("\n", reach, m.start) + 1
        if lo == 0 and reach > 0:
            return None
        row = self.t[lo : m.start].lstrip(TOTAL_ROW_FILL)
        word = next((w for w in TOTAL_ROWS if row.startswith(w)), None)
        if word is None or row[len(word) :].strip(TOTAL_ROW_FILL + TOTAL_CELL_CHARS):
            return None
        value = m.number.value
        earlier = self._by_value().get(value, []) if value is not None else []
        k = bisect_left(earlier, (m.start,)) - 1  # (the last figure of that value before it)
        if k < 0:
            return None
        other: Mention = self._mentions[earlier[k][1]]
        if (
            other.kpi
            and not other.change
            and other.unit == m.unit
            and m.start - other.end <= TOTAL_SAID_REACH
        ):
            return Choice(other.kpi, True)
        return None

    def _by_value(self) -> dict:
        """Each value → [(start, place in the mentions)] of the figures of that value, in text
        order (built on first asking)."""
        if self._values is None:
            self._values = {}
            for i, x in enumerate(self._mentions):
                if x.number.value is not None:
                    self._values.setdefault(x.number.value, []).append((x.start, i))
        return self._values

    def _post_only(self, p: Mention, clo: int) -> bool:
        """Whether a part's own words (after the list's separator before it) name a post, not
        people away from one (缺编3人, 退休人员9人: none; 安装售后八人, 质检及培训2人: a post)."""
        lo = max(clo, p.start - LEFT)
        lo = max(lo, rfind_any(self.t, ITEM_SEPS, lo, p.start) + 1)
        return not any(w in self.t[lo : p.start] for w in self.lex.absent_staff_words)

    def _said_before(self, total: Mention) -> Mention | None:
        """The figure before ``total`` it says again."""
        last = bisect_left(self._ends(), total.start + 1) - 1
        for k in range(last, max(-1, last - RESTATED_LOOKBACK), -1):
            other: Mention = self._mentions[k]
            if (
                other.kpi
                and not other.change
                and (
                    other.unit == total.unit
                    # (受理投诉412起 … 合计 412 under 件数: contacts counted in either word)
                    or other.unit in self.lex.contact_unit_set
                    and total.unit in self.lex.contact_unit_set
                )
                and other.number.value is not None
                and other.number.value == total.number.value
            ):
                return other
        return None

    def name_parts(self, breakdowns: list[Breakdown]) -> None:
        """Mark each part with its total, and name the parts no specific word named.

        A part takes its total's KPI (泉源公司266起 under 报修302起) where its own words
        name nothing or only the generic noun (频繁停电工单9件 under 投诉工单26件), unless the
        total's parts are categories of their own (工单 → 咨询, 投诉 …: ``parts_keep_kpi:
        false``); there a part named only by the generic noun is a route or a channel
        (信箱转派工单20件), no KPI.  A part named by a place (东城区1400通) is always a
        share of its total's own KPI."""
        lex = self.lex
        self._bracket_subtotals(breakdowns)
        for b in breakdowns:
            total = b.total
            if b.named_by_parts and total.kpi is None:
                total.kpi = self._named_by_parts(b.parts)  # 咨询120件、投诉80件，合计200件
            if total.kpi is None and (b.named_by_parts or not total.named) and b.kind == "partition":
                # 案件共860件，其中投诉510件，咨询210件; 安装预约6,302单、维修3,877单…总计：12,472单 (one
                # item named by no KPI)
                total.kpi = self._of_kinds(total, b.parts)
            kinds = {p.kpi for p in b.parts if p.kpi in FEEDBACK_KINDS}
            if (
                total.kpi in FEEDBACK_KINDS
                and len(kinds - {total.kpi}) >= 1
                and len(kinds) >= 2
                and b.consistent
                and all(p.unit == total.unit for p in b.parts)  # (投诉37起…；收到锦旗2面: no part)
            ):
                # 顾客意见452宗，其中投诉137宗、建议205宗、赞赏110宗: feedback of every kind, all contacts
                total.kpi = "service_requests"
            if total.kpi is None and b.kind == "partition" and self._team_of(total, b.parts):
                total.kpi = "headcount"  # 网点一共就7个人：主任1名，客户经理2名…: a team, by its posts
            if total.change:  # 销售额较上年增加860万元，其中华南区贡献520万元: a share of the change
                for p in b.parts:
                    p.part_of, p.kpi = total, None
                continue
            spec = lex.kpis.get(total.kpi) if total.kpi else None
            channels = b.kind == "partition" and not b.consistent and all(map(self._channel_part, b.parts))
            if channels and total.kpi in lex.service_family:
                b.kind = "subset"  # 投诉986件，其中网上诉求52件、微信诉求40件: how some came in, no partition
                for p in b.parts:
                    p.kpi = None
            category_unit: str | None = None  # (the unit of a part before that was a category: 商品类902件)
            # (a part its own words named as another contact kind, its total's KPI though: a topic)
            topics = any(p.kpi in lex.service_family and p.kpi != total.kpi for p in b.parts)
            for p in b.parts:
                if p.part_of is None:
                    p.part_of = total
                if spec is None or not lex.allows(spec.name, p.dimension, p.unit):
                    continue
                clo, chi = self.geo.clause(p.start, p.end)
                if self._disposition(p, chi) or self.t.startswith(lex.none_after, p.end):
                    continue  # (as a part too: no KPI of its total; 另有55张在处理中: still open)
                if any(w in self.t[max(clo, p.start - LEFT) : p.start] for w in spec.clause_veto):
                    continue  # 回访业主420户，其中表示满意的398户: what the total's KPI is ruled out of
                # (a table's first row: its label's own line)
                if PERIOD_PART_RE.fullmatch((p.label or "").rpartition("\n")[2]):
                    p.kpi = total.kpi  # (whatever a neighbour lent it: 报修及咨询1,048件，其中10月412件)
                    continue
                if total.kpi == "calls" and p.kpi in (None, "service_requests") and self._call_route(p):
                    p.kpi = "calls"  # 呼入52万通，其中人工服务38万通: calls, by how they were answered
                    continue
                if total.kpi == "headcount" and (
                    p.kpi == "customers" or p.kpi is None and self._post_only(p, clo)
                ):
                    # 前厅部员工32人，其中前台接待18人: staff by their post, no guests; 安装售后八人 in
                    # the team's list: a post, named by words that name no KPI (缺编3人: a none word)
                    p.kpi = "headcount"
                    continue
                unnamed = p.kpi is None and not p.named or p.kpi == "service_requests" != total.kpi
                if (
                    spec.parts_keep_kpi
                    and b.named_by_parts
                    and (p.kpi is None or p.kpi in lex.specific_service and total.kpi in lex.specific_service)
                ):
                    # 时效延误  168, 维修不及时  35 … 合计  412 (投诉): a row of a list its total sums, a
                    # category of it
                    unnamed = True
                # 投诉47起，其中：（1）维修质量/返修19起: a complaint about repairs, no repair
                if (
                    spec.parts_keep_kpi
                    and b.kind == "partition"
                    and (
                        total.kpi == "complaints"
                        and p.kpi == "repairs"
                        or total.kpi in lex.specific_service
                        and p.kpi in SOLD_COUNTS  # 投诉29件：…销售承诺3: a topic, no sale
                    )
                ):
                    unnamed = True
                if spec.parts_keep_kpi and total.kpi in STAFF_MOVES and p.kpi == "headcount":
                    unnamed = True  # 全年离职4人，其中正职2人: those who left, by their post
                if spec.parts_keep_kpi and p.kpi is None and any(w in (p.label or "") for w in ROUTES):
                    unnamed = True  # 投诉1,860件，其中监管部门转办1,120件: complaints, by the route they came
                if (
                    spec.parts_keep_kpi
                    and (p.kpi in (None, total.kpi) or unnamed)
                    and (p.label or "").endswith(CATEGORY_ENDS)
                ):
                    # 投诉1,530件，其中商品类902件: a category of complaints (named so already or not: the
                    # list's next items are categories too)
                    unnamed, category_unit = True, p.unit
                elif (
                    spec.parts_keep_kpi
                    and p.kpi != total.kpi
                    and total.kpi in lex.specific_service
                    and (p.label or "").endswith(lex.topic_ends)
                ):
                    # 投诉39起，其中维修质量问题21起、等待时间过长11起: what the complaints were about,
                    # though a service's word names the topic; the list's next items are topics too
                    unnamed, category_unit = True, p.unit
                elif spec.parts_keep_kpi and p.unit == category_unit and not words_kpis(p.label or ""):
                    unnamed = True  # …噪音类14起、等候时间过长9起: the categories' next item
                elif (
                    spec.parts_keep_kpi
                    and category_unit is None
                    and total.kpi in lex.specific_service
                    and (p.kpi == total.kpi or p.kpi is None and not p.named)
                    and 0 < len(topic := _bare_topic(p.label or "")) <= TOPIC_LABEL
                    and not words_kpis(topic)
                ):
                    # 投诉27起，其中噪音9起、退房排队7起、早餐5起: a bare topic first; the list's next items
                    # are topics too, whatever other word they hold (排队)
                    category_unit = p.unit
                if spec.parts_keep_kpi and p.kpi is None and self._topic_only(p.label):
                    # 申诉8,640件，其中涉及快件问题的8,025件: a topic of the complaints
                    unnamed = True
                elif spec.parts_keep_kpi and p.kpi is None and self._modifier_only(p):
                    # …涉及网络质量的156件、资费争议的98件: the list's next topic; 投诉217件，其中要求赔偿的156件:
                    # the ones of a kind
                    unnamed = True
                if (
                    spec.parts_keep_kpi
                    and p.kpi is None
                    and total.kpi in lex.service_family
                    and (p.label or "").endswith(lex.topic_nones)
                ):
                    # 投诉320件，其中…退款41件: complaints about refunds (订单…其中退款146单: none)
                    unnamed = True
                if (
                    spec.parts_keep_kpi
                    and p.kpi == "calls" != total.kpi
                    and total.kpi in lex.specific_service
                ):
                    unnamed = True  # 投诉188件，其中…，电话3件: complaints, by the channel they came through
                if (
                    spec.parts_keep_kpi
                    and p.kpi is None
                    and total.kpi in lex.specific_service
                    and self._none_inside(p)
                ):
                    # 投诉1,083件，其中快件丢失短少105件: a topic, its none word inside it; the list's
                    # next items are topics too
                    unnamed, category_unit = True, p.unit
                if (
                    spec.parts_keep_kpi
                    and p.kpi is None
                    and total.kpi in lex.specific_service
                    and len(b.parts) > 1
                    and (
                        self.t.startswith(("（", "("), total.end)
                        and find_any(self.t, ")）", total.end, b.parts[-1].end) < 0
                        or topics  # (…，其中维修质量6起、服务态度3起: the list's other items are topics)
                    )
                    and adds_up(total, b.parts)
                ):
                    # 投诉17起（服务态度7起，商品价格6起，医保结算4起）: parts in brackets after the total
                    # that make it up exactly are topics of it, whatever word heads one
                    unnamed = True
                if spec.parts_keep_kpi and p.kpi is None and self._the_rest(p):
                    unnamed = True  # 投诉3,825件，其中…，其他保险机构214件: the rest of the complaints
                place = self._place_part(p)
                if b.rows and p.kpi == total.kpi:
                    continue  # (苏州工业坊⇥3,120 under 受理量: a row's share, its column's KPI)
                if spec.parts_keep_kpi or place:
                    if unnamed or p.kpi == "service_requests" or place and p.kpi is None:
                        p.kpi = total.kpi  # (城东区318件 in a list a heading led: a share all the same)
                elif p.kpi == "service_requests" and total.kpi in ("service_requests", "calls"):
                    p.kpi = None  # (来电2,905个，其中…退换货申请300多个: a kind of them, named by no KPI)
                elif (
                    p.kpi in lex.service_family
                    and (p.kpi != total.kpi or (p.label or "").endswith(CATEGORY_ENDS))
                    and sum(map(is_han, p.label or "")) >= 2
                    and not words_kpis(p.label or "")
                    and not (p.label or "").startswith(
                        ("（", "(")
                    )  # (咨询（寻人寻物、停车）3120宗: an aside)
                ):
                    # 服务需求8,932单，其中工程报修4,215单、空调温度调节2,306单, 来电中，婚姻家庭纠纷类683个: a
                    # category its own words do not name, not one more of the item before nor the total
                    p.kpi = None
            self._lone_unnamed(b)

    def _lone_unnamed(self, b: Breakdown) -> None:
        """酒店营业收入1,186万元，其中客房收入318万元、餐饮收入702万元、会议及其他166万元; 投诉23起，其中涉及
        维修质量的9起，收费异议的6起…: one part of a partition left unnamed where every other part is
        of its total's KPI is one more of them."""
        total = b.total
        if b.kind != "partition" or not total.kpi or total.change or len(b.parts) < LONE_PARTS:
            return
        unnamed = [p for p in b.parts if p.kpi is None]
        if len(unnamed) != 1 or any(p.kpi != total.kpi for p in b.parts if p is not unnamed[0]):
            return
        p = unnamed[0]
        label = p.label or ""
        lo = self.t.rfind(label, max(0, p.start - len(label) - 1), p.start)  # (涉及维修质量的9起)
        if p.change or lo < 0 or p.unit != total.unit:
            return  # (这三项合计只有96件: kinds counted, no part of the measure)
        rest = any(w in label for w in OTHER_WORDS)  # (会议及其他166万元: the rest, whatever else it names)
        if not rest and any(
            h.roles.none and not h.roles.kpis and h.word not in LONE_PART_WORDS
            for h in self.cues.within(lo, p.start)
        ):
            return  # (首保及定保 5,106台次, 今年淘汰3家: a word of its own names no KPI)
        p.kpi = total.kpi

    def _none_inside(self, p: Mention) -> bool:
        """Whether a part's label holds words of no KPI only inside it, none at its end, where a
        topic's head stands (丢失 in 快件丢失短少, 贷款 in 个人贷款业务; not 撤诉 in 其中撤诉3件)."""
        label = p.label or ""
        if not label or not self.t.endswith(label, 0, p.start):
            return False
        hits = self.cues.within(p.start - len(label), p.start)
        return bool(hits) and all(
            h.roles.none and not h.roles.kpis and inside_topic(self.t, h.end, p.start) for h in hits
        )

    def _modifier_only(self, p: Mention) -> bool:
        """Whether a part's words are a modifier ending in 的 that names no kind of contact
        (资费争议的98件, 导游服务的5起: 导游 names staff, not what the contacts were)."""
        return (
            self.t.endswith("的", 0, p.start)
            and bool(p.label)
            and not any(k in self.lex.service_family for k in words_kpis(p.label or ""))
        )

    def _the_rest(self, p: Mention):
        """其他保险机构214件: a part its label names only as the rest (其他, 其它, 其余), with no other
        word of the lexicon in it (其他事项举报5件 are reports) but a total marker (拼多多及其他渠道合计
        310万元: a name joined to the rest)."""
        label = p.label or ""
        marker = LIST_ITEM_RE.match(label)
        if marker is not None:
            label = label[marker.end() :].lstrip(" \t\u3000")  # (3. 其他 266万元: an item's number first)
        at = next((label.find(w) for w in OTHER_WORDS if w in label), -1)
        if at < 0 or at > 0 and label[at - 1] not in REST_JOINS:
            return False
        hits = self.cues.within(p.start - len(label), p.start)
        return all(h.word in OTHER_WORDS or h.roles.total for h in hits)

    def _named_by_parts(self, parts):
        """What a total its parts name is: their one KPI, or all requests where they are
        several kinds of service contact (a part named by nothing names no total)."""
        names = {p.kpi for p in parts}
        if None in names:
            # 华为 398台 … OPPO/vivo 131台 … 其他 36台 ⏎（合计1046台）: what two or more parts sell,
            # the rest named by nothing (a brand, 其他), is what the total sells
            sold = names - {None}
            kpi = sold.pop() if len(sold) == 1 else None
            return kpi if kpi in SALES and sum(p.kpi == kpi for p in parts) >= 2 else None
        if len(names) == 1:
            return names.pop()
        if names <= self.lex.service_family and all(p.unit in self.lex.contact_unit_set for p in parts):
            return "service_requests"
        return None

    def _team_of(self, total: Mention, parts: list[Mention]) -> bool:
        """Whether a total of people adds up parts of people two or more of which are staff,
        the rest named by nothing (主任1名，客户经理2名，综合柜员3名)."""

        def people(m: Mention) -> bool:
            return m.unit in PERSON_UNITS and (m.unit != "个" or self.t.startswith("人", m.end))

        staff = sum(p.kpi == "headcount" for p in parts)
        return (
            people(total)
            and all(p.kpi == "headcount" or p.kpi is None and people(p) for p in parts)
            # (五、人员⏎车间目前 40 人：机修 22 人，钣喷 10 人…: posts the title's team is split into)
            and (staff >= 2 or any(w in self.geo.title_at(total.start) for w in self.lex.staff_heading_words))
        )

    def _of_kinds(self, total: Mention, parts: list[Mention]) -> str | None:
        """A total no word names, split into two or more kinds of service contact (投诉, 咨询 …):
        all requests together, as where its named parts are summed; else nothing."""
        named = [p for p in parts if p.kpi is not None]
        if len({p.kpi for p in named}) < 2 or total.unit not in self.lex.contact_unit_set:
            return None
        return self._named_by_parts(named)

    def _disposition(self, m: Mention, hi: int) -> bool:
        """128件转相关职能部门处理, 14个问题由值班员记录: a count of contacts followed (before
        ``hi``, its clause's end) by what was done with them."""
        return m.unit in self.lex.contact_unit_set and DISPOSITION_RE.match(self.t, m.end, hi) is not None

    def _call_route(self, p: Mention) -> bool:
        label = p.label or ""
        return any(w in label for w in self.lex.call_routes)

    def _channel_part(self, p: Mention) -> bool:
        label = p.label or ""
        return any(w in label for w in self.lex.list_channels) or any(
            w in label for w in self.lex.other_channels
        )

    def _place_part(self, p: Mention) -> bool:
        label = (p.label or "").rstrip("共计为有达")
        return (
            label.endswith(self.lex.place_suffixes)
            and not label.endswith(self.lex.place_exceptions)
            or label.endswith(self.lex.place_names)
            or self._under_place_head(p)
        )

    def _under_place_head(self, p: Mention) -> bool:
        """Whether a table's row holds the part under a header whose label column names places
        (项目  工单数 ⏎ 阳光里  3120, 序号 门店 营业额): the header is the first line up, a few
        rows at most, with no digit."""
        t, row = self.t, self.t.rfind("\n", max(0, p.start - HEAD_ROW_REACH), p.start) + 1
        if row == 0 and p.start > HEAD_ROW_REACH or not any(c in TABLE_CHARS for c in t[row : p.start]):
            return False
        for _ in range(HEAD_ROWS_UP):
            if row == 0:
                return False
            above = t.rfind("\n", max(0, row - 1 - HEAD_ROW_REACH), row - 1) + 1
            line = t[above : row - 1]
            if not any(c.isdigit() for c in line):
                cells = [c for c in re.split(HEAD_GAP_RE, line.strip()) if c]
                heads = self.lex.place_heads
                return bool(cells) and (
                    cells[0] in heads or len(cells) > 1 and cells[0] in NUMBER_HEADS and cells[1] in heads
                )
            row = above
        return False

    def _money_context(self, m: Mention, lo: int):
        """保持600-700万/月 after 营业额: a bare 万/亿 figure in a money sentence is CNY; not
        past a semicolon, nor past a word naming what is counted (注册用户突破860万)."""
        if self.t.endswith(CASHED_IN, 0, m.start) and "亿" in self.t[m.start : m.end]:
            # 首日沽140伙，套逾210億: cashed in (a unit's price is in 万)
            m.dimension, m.unit = "currency", "CNY"
            return "sales_value"
        for h in reversed(self.cues.within(statement_start(self.t, lo, m.start), m.start)):
            for k in h.roles.kpis:
                if self.lex.allows(k, "currency", "CNY"):
                    m.dimension, m.unit = "currency", "CNY"
                    return k
            if h.roles.kpis and self.lex.rate_kpis.issuperset(h.roles.kpis):
                continue  # (销售额达到620万: 销售…达到 names a rate, which counts nothing)
            if h.roles.kpis or h.word in self.lex.counted_nouns:
                self._money_noun_before(m, lo)  # (维修产值 23.6万: money all the same)
                return None  # (服务人口超过3亿: people counted)
        # 创下4.7亿销售额, 录得2.6亿营收: no word before, and the money noun right after names it
        after = self.cues.within(m.end, min(len(self.t), m.end + RIGHT))
        if after and after[0].start - m.end <= int(self.t.startswith("的", m.end)):
            for k in after[0].roles.after:
                if self.lex.allows(k, "currency", "CNY"):
                    m.dimension, m.unit = "currency", "CNY"
                    return k
        self._money_noun_before(m, lo)
        return None

    def _money_noun_before(self, m: Mention, lo: int) -> None:
        """产值 41.3万, 金额31.4万: a noun naming a sum of money right before a bare figure makes it
        money, whatever KPI it has."""
        if (
            self.t[max(lo, m.start - MONEY_NOUN_REACH) : m.start]
            .rstrip(MONEY_NOUN_GAP)
            .endswith(self.lex.money_nouns)
        ):
            m.dimension, m.unit = "currency", "CNY"
