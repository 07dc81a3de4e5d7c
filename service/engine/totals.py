"""The breakdown finder's floor: a Breakdown, when parts add up, the kinds of figures that
may stand together, and the base class its rule families (marked, summed) share."""

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Final

from mypy_extensions import trait

from service.engine.cues import CueIndex
from service.engine.findchars import positions
from service.engine.lexicon import kpis
from service.engine.reading import RANKING, SALES, Mention
from service.engine.sections import Geometry

PARTABLE: Final = ("count", "currency", "area")
# 其中 …, or a scope 在(所有)X中 naming the total by its label or KPI
# (every branch starts with a character, so the regex engine skips to 其, 在, 所 or 全 in C)
_SCOPE = r"[^，。；,;！？\n]{1,8}?"
MARKER_RE: Final = re.compile(
    r"其中|(?<=[，,；;])当中|在(?:所有|全部)?(?P<in>" + _SCOPE + r")中|所有(?P<all>" + _SCOPE + r")中"
    r"|全部(?P<whole>" + _SCOPE + r")中"
    # 投诉148件，按内容分：服务态度41件…: a division by kind under a colon right after its total's
    # clause, like 其中 (a sentence opening so starts another division, CLASSIFIED_RE)
    r"|(?<=[，,])按[^，,。；;：:\n]{0,6}?(?:分类|类别|类型|种类|内容|性质|划分|分)[^，,。；;：:\n]{0,3}?[：:]"
    # 现有营业员16人，含见习营业员3人: 含 opening the clause after its total's, like 其中 (not 含税)
    r"|(?<=[，,])包?含(?![有量税])"
    # 诉求构成：咨询6.03万件，投诉2.41万件…: what the total before is made of, like 其中
    r"|构成[：:]"
    # 今年交了86台车，里面有贷款的32台: the spoken 其中
    r"|(?<=[，,])里面有"
    # 投诉1,089个，…，主要为拒载甩站（412个）、驾驶员态度（三百余个）: the kinds picked out, a subset
    r"|(?<=[，,；;。])主要(?:集中)?(?:在|为|是)"
)
MARKER_FIRSTS: Final = "其当在所全按包含构里主"  # (当中 after a comma: Hong Kong usage for 其中) every marker starts with one: found by str.find (findchars.matches_at)
# 报修中，公共区域240件…: a sentence opened by what its figures are parts of; found from its
# 中 and comma (a literal the regex engine skips to in C), then matched from the sentence end
LEAD_TAIL_RE: Final = re.compile(r"中[，,：:]")
LEAD_RE: Final = re.compile(r"(?P<lead>[^，。；,;！？\n\d]{1,6}?)(?<!其)中(?=[，,：:])")
LEAD_REACH: Final = 7  # a lead of at most six characters, then 中
SENTENCE_ENDS: Final = "。；;\n"
LOOKBACK: Final = 3  # sentences before the marker where its total may stand
MARKER_REACH: Final = 800  # characters before a 所有…中 marker searched for its total
SCOPE_NOUN_REACH: Final = 6  # 涉及12个单位，其中: characters from a figure to the marker it scopes
MIN_UNMARKED: Final = 10  # a total found only by its sum is at least this
MIN_TRAILING: Final = 3  # …and one a total word marks after its parts
LIST_HEADS: Final = 3  # figures at the head of a list that may be its total rather than a part
LIST_GAP: Final = 30  # characters between the figures of one list
LIST_REACH: Final = 2000  # characters before a list searched for the total it adds up to
SUM_REACH: Final = 300  # characters after a figure searched for parts that add up to it
MAX_PARTS: Final = 20
LIST_NOUN_REACH: Final = 10  # …whose 等 stands at most this far before the total
LIST_LEAD_REACH: Final = 40  # characters before a total searched for the 、…等 list of what it sums
TOTAL_WORD_REACH: Final = 12  # a total word (共, 合计 …) stands at most this far before its figure
MAX_TOTALS: Final = 6  # nearest candidate totals weighed for one 其中
# words opening a sentence on another matter (全年受理投诉40件。另外，本月…报修25件，咨询15件)
NEW_TOPIC_LEADS: Final = ("此外", "另外", "另有", "同时", "与此同时", "除此之外", "除此以外", "再者")
# …which also end a 其中's parts where one opens a clause (其中技师22人、顾问8人，另有实习生5名)
NEW_TOPIC_RE: Final = re.compile(r"(?<=[，,；;\n])\s*(?:" + "|".join(NEW_TOPIC_LEADS) + ")")
PART_REACH: Final = 400  # characters after a marker searched for its parts
SCOPE_ENDS: Final = ("，", ",", "：", ":")
SCOPE_NOUN: Final = 4  # 96起投诉中，: characters of the figure's noun between it and 中

# 按内容分类:…, 从问题类型看，…: a heading that opens another division of the whole; what follows it
# is no part of the figure before it
CLASSIFIED_RE: Final = re.compile(
    r"[按从][^，,。；;：:\n]{0,8}?(?:分类|类别|类型|种类|内容|性质|划分|原因|来源|渠道)[^，,。；;\n]{0,4}?[，,：:]"
    # (a line or sentence opening on 分品类：, 分品牌销量：, 各门店：: a sales report's split)
    r"|[分各](?<![^\n。；;][分各])(?:品类|品牌|产品|区域|渠道|门店|车型|品种|业态|片区)[^，,。；;：:\n]{0,4}?[：:]"
)
# …or a short label opening a sentence on one of these and a colon (来电分项：, 工单分类：, 分类看：),
# found from the word (str.find), its label checked back to the sentence's start
SPLIT_WORDS: Final = ("分项", "分类", "构成")
SPLIT_TAIL_RE: Final = re.compile(r"(?:来?看)?[：:。]")  # (。 only after a heading's label: （二）诉求分类。)
SPLIT_LABEL: Final = 6  # characters of the label before the word, at most
SPLIT_OPENS: Final = "\n。；;"


def _split(t: str, i: int, w: str) -> tuple[int, int]:
    """Where the label split whose word w stands at i starts and ends (after its colon); (-1, -1)
    where it is none."""
    tail = SPLIT_TAIL_RE.match(t, i + len(w))
    if tail is None:
        return -1, -1
    k = i
    while k > 0 and i - k <= SPLIT_LABEL and t[k - 1] not in SPLIT_OPENS:
        c = t[k - 1]
        if c.isdigit() or c in "，,。；;：:":
            return -1, -1
        k -= 1
    if t[tail.end() - 1] == "。" and not (k == 0 or t[k - 1] == "\n"):
        return -1, -1  # (…的结构分类。 ends a sentence; a line's heading alone may end on 。)
    return (k, tail.end()) if k == 0 or t[k - 1] in SPLIT_OPENS else (-1, -1)


def classified_spans(t: str) -> list[tuple[int, int]]:
    """Where the headings that classify in t start and end (after the colon or comma), in order."""
    spans = [(m.start(), m.end()) for m in CLASSIFIED_RE.finditer(t)]
    for w in SPLIT_WORDS:
        for i in positions(t, (w,)):
            at = _split(t, i, w)
            if at[0] >= 0:
                spans.append(at)
    return sorted(spans)


def classified_in(t: str, lo: int, hi: int) -> bool:
    """Whether a heading that classifies stands in t[lo:hi]."""
    if CLASSIFIED_RE.search(t, lo, hi) is not None:
        return True
    return any(0 <= _split(t, i, w)[1] <= hi for w in SPLIT_WORDS for i in positions(t, (w,), lo, hi))


CONTAINED_RE: Final = re.compile(r"[（(]\s*(?:其中)?(?:包)?含")
CONTAINED_FIRSTS: Final = "（("
CONTAINED_REACH: Final = 12  # characters between a figure and the bracket naming its subset
# 上月为100万元, 去年同期为50万元: a comparison base, the figure of an earlier period
_PERIODS_BEFORE: Final = (
    r"上月|上年度?|去年|前年|上季度?|上一年度?|上期|上半年|同期"
    r"|(?:(?<=[比较])|(?<=[比较] ))(?:19|20)\d\d ?年度?|(?:19|20)\d\d年度?同期"  # (比2023年的, 较 2023 年, 2023年同期为)
    r"|(?:(?<=[比较])|去年|上年)[一二三四1-4]季度"  # (较二季度的19个, 同比去年三季度的63起: a quarter named)
    r"|上一?个(?:月|季度?|[\u4e00-\u9fff]{1,2}季)|上一[\u4e00-\u9fff]{1,2}季"  # (上个月的, 比上个采暖季的60 870个)
)
_MONTH: Final = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?"
# (较4月的640件, 去年5月是; 环比减少3起（10月是11起）: one group, so what PREVIOUS_RE asks after it
# applies to both)
# (环比增长22.6%（7月2,321单）, 环比（9月5,902件）: after a rate of change or 比, the month compared with)
_MONTH_BEFORE: Final = (
    r"|(?:(?:(?<=[比较])|去年|上年)"
    + _MONTH
    + r"|(?<=[（(])"
    + _MONTH
    + r"(?=[是为])|(?<=[%点比][（(])(?:"
    + _MONTH
    + r"|[一二三四1-4]季度))"
)
_BASE_TAIL: Final = r"(?:同期)?(?:为|是|仅为|只有|有|的)?[ \t]*[（(]?$"  # (比去年同期（51起）: in brackets)
# (a month's figure is a base too where it is in brackets, 环比10月（38.9万元）; a breakdown still takes
# 較6月的468宗 in a list of parts as a part of 較6月的2,585宗, the naming as that month's level)
PREVIOUS_RE: Final = re.compile("(?:" + _PERIODS_BEFORE + _MONTH_BEFORE + r"(?=[（(]))" + _BASE_TAIL)
# 比去年的52.1万元, 较2023年的, 与去年同月的, 比去年4月（: the figure is the level of an earlier period,
# compared with
COMPARED_LEVEL_RE: Final = re.compile(
    r"(?:[比较与跟]|对比)(?:上月|上年度?|去年|前年|上季度?|上一年度?|上期|上半年|(?:19|20)\d\d年度?|[一二三四1-4]季度"
    r"|(?:去年|上年)?(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?)"  # (较2月份的9起, 同比去年10月的11件)
    # (较去年“双十一”期间的1,892件, 比去年双11的2,107万元, 对比去年双11（1722万元）)
    r"(?:(?:[“\"][^”\"\n]{1,8}[”\"])?(?:同期|期间)?的?|[0-9A-Za-z\u4e00-\u9fff]{1,5}?(?:同期|期间)?(?:的|[（(]))[ \t（(]*$"
)
COMPARED_LEVEL_REACH: Final = 16  # characters from 比/较 to an earlier level (较去年“双十一”期间的)
PREVIOUS_NAMED_RE: Final = re.compile("(?:" + _PERIODS_BEFORE + _MONTH_BEFORE + ")" + _BASE_TAIL)
PREVIOUS_REACH: Final = 10
# 其中，…等问题比较突出，分别为…; 其中主要集中在…: the parts that follow are picked out, not all
SELECTION_RE: Final = re.compile(
    r"突出|集中|较多|最多|居多|为主|主要|严重|居前|排名前|前\d+位|前[一二三四五六七八九十]+位"
)
RANKED_RE: Final = re.compile(RANKING)


@dataclass
class Breakdown:
    """A total and its parts; ``kind`` is "partition" where the parts are listed as the
    whole (其中A…，B…，C…) and "subset" where one part is named (其中别墅12套, 含回迁户38套)."""

    total: Mention
    parts: list[Mention]
    kind: str = "partition"
    named_by_parts: bool = False  # (咨询120件、投诉80件，合计200件: a total its parts name)
    rows: bool = False  # (园区⇥受理量 ⏎ 苏州工业坊⇥3,120 …: a table's rows, each a share of its own column)

    @property
    def parts_sum(self) -> float:
        return sum(p.number.value or 0 for p in self.parts)  # (parts are single values)

    @property
    def consistent(self) -> bool:
        """A partition adds up to its total; a subset's parts are each no larger than it (and,
        where they do not overlap, no larger together)."""
        if self.kind == "subset":
            return self.parts_sum <= value_of(self.total) * (1 + ROUNDING_CAP) or self.overlapping
        return adds_up(self.total, self.parts)

    @property
    def overlapping(self) -> bool:
        """Several parts, each within the total, that together exceed it: groups that overlap
        (a partition cannot sum to more than its whole)."""
        cap = value_of(self.total) * (1 + ROUNDING_CAP)
        return (
            self.total.dimension == "count"  # (sums of money split, they do not overlap: 罚款 …)
            and len(self.parts) > 1
            and self.parts_sum > cap
            and all(value_of(p) <= cap for p in self.parts)
        )


def value_of(m):
    """A figure's value; a range's least (十几件: 11), so it may stand as a part or a total and a
    list holding it never overshoots a total for it (二十几条 among 208条's parts)."""
    n = m.number
    if n.value is None and n.min is not None and n.max is not None:
        return n.min
    return n.value


ROUNDING_CAP: Final = 0.005  # rounded figures may miss their total by at most 0.5 %
UNMARKED_CAP: Final = 0.002  # … and by 0.2 % where no 其中 says they are parts


def half_ulp(m):
    """Half the unit of the last written digit: 4,522亿 may be 4,521.5–4,522.5亿; 39套 is exact."""
    if m.number.ulp >= 1 and not m.scaled:
        return 0.0
    return m.number.ulp / 2


def adds_up(total: Mention, parts: list[Mention], cap: float = ROUNDING_CAP) -> bool:
    """Whether parts sum to the total within the rounding of the written figures (never where one
    of them is a range, 七八单, which has no single value to add)."""
    if total.number.value is None or any(p.number.value is None for p in parts):
        return False
    tol = half_ulp(total) + sum(half_ulp(p) for p in parts)
    tol = min(tol, abs(value_of(total)) * cap)
    return abs(sum(value_of(p) for p in parts) - value_of(total)) <= tol + 1e-9


def common_prefix(a, b):
    """Length of the common prefix of two labels."""
    n = 0
    for x, y in zip(a or "", b or "", strict=False):
        if x != y:
            break
        n += 1
    return n


def adding_prefix(total, parts):
    """投诉1.61万件、举报6943件、立案674件 under 2.3万件: keep the run that adds up, if one does."""
    for k in range(2, len(parts)):
        if adds_up(total, parts[:k]):
            while k < len(parts) and value_of(parts[k]) == 0:
                k += 1  # (…，乙地区9件，丙地区0件: a part of none is a part all the same)
            return parts[:k]
    return parts


def unit_class(m, classes=None):
    """Count units that may stand together under one total: people (12人团队含3名实习生), and
    the measure words of service contacts (受理1325件，其中…咨询服务260次…报修302起)."""
    if m.dimension != "count":
        return m.unit
    return (classes if classes is not None else kpis().unit_classes).get(m.unit, m.unit)


def adding_subset(total, parts):
    """其中转办2274件，办结1715件，…直办6673件 under 8947个: the parts less one that is a subset of
    another part (办结 of 转办), where what is left adds up exactly.  Only a part about as large
    as the excess can be it, so the others are not tried."""
    if len(parts) < 3 or adds_up(total, parts):
        return parts
    excess = sum(value_of(p) for p in parts) - value_of(total)
    near = abs(value_of(total)) * ROUNDING_CAP + 1
    for drop, part in enumerate(parts):
        if abs(value_of(part) - excess) <= near:
            rest = parts[:drop] + parts[drop + 1 :]
            if adds_up(total, rest, UNMARKED_CAP):
                return rest
    return parts


def same_kind(a: Mention, b: Mention) -> bool:
    return a.dimension == b.dimension and unit_class(a) == unit_class(b)


@trait
class FinderBase:
    """What every breakdown rule reads: the text, its geometry and cues, the partable figures."""

    t: str
    geo: Geometry
    cues: CueIndex
    ms: list
    starts: list
    _totals: dict

    def _is_total(self, m):
        """共, 合计 … just before the figure (kept per figure: every part asks it of every total)."""
        got = self._totals.get(m.start)
        if got is None:
            lo, _ = self.geo.clause(m.start, m.end)
            if lo > 1 and self.t[lo - 1] in "：:":
                lo = self.geo.clause(lo - 2, lo - 2)[0]  # (总计：12,472单: the word before its colon)
            got = self._totals[m.start] = any(
                h.roles.total for h in self.cues.within(max(lo, m.start - TOTAL_WORD_REACH), m.start)
            )
        return got

    def _between(self, lo: int, hi: int):
        """Partable mentions lying wholly inside [lo, hi), found by bisection."""
        i, j = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        return [m for m in self.ms[i:j] if m.end <= hi]

    def _part_candidates(self, lo: int, hi: int):
        """Figures in [lo, hi) that may be parts: not one end of 从…到, not a modifier (超5000元的会员),
        not the earlier period's figure a part is compared with (比去年同期销售的115615盒),
        not an average (自动语音来电18000个，日均600个: the part's rate, not another part), not
        what became of a part (其中投诉900件，已办结850件: of the 900, resolved) among other kinds."""
        t = self.t
        found = [
            m
            for m in self._between(lo, hi)
            if not m.from_to
            and not t.startswith("的", m.end)
            and not AVERAGE_BEFORE_RE.search(t, max(lo, m.start - AVERAGE_REACH), m.start)
            and not EARLIER_BASE_RE.search(t, max(lo, m.start - EARLIER_BASE_REACH), m.start)
            and not t.endswith(ABOVE_SUMS, 0, m.start - (t[m.start - 1 : m.start] in " \u3000：:"))
        ]  # (——以上合计 23,117件: the sum of the items above said again, no part of anything)
        kinds = kpis().specific_service
        if any(m.kpi == "resolved" for m in found) and any(
            m.kpi in kinds and m.kpi != "resolved" for m in found
        ):
            found = [m for m in found if m.kpi != "resolved"]  # (其中已办结388件,在办132件: parts)
        if any(m.kpi == "sales_target" for m in found) and any(m.kpi in SALES for m in found):
            found = [m for m in found if m.kpi != "sales_target"]  # (…1.9亿元，超额完成1.7亿元任务: the aim)
        return found


def sentence_break(t, lo: int, hi: int, lines=True):
    """Whether a sentence ends between lo and hi (``lines``: a line break ends one too)."""
    return (SENTENCE_BREAK_RE if lines else STOP_RE).search(t, lo, hi) is not None


SENTENCE_BREAK_RE: Final = re.compile("[。！？\n]")
ABOVE_SUMS: Final = ("以上合计", "以上共计", "以上总计", "上述合计", "上述共计")  # (the text is folded)
# periods before the one reported: a figure of one (上周成交1325套) or compared with one (比去年同期销售的
# 115615盒) is no part of this period's total
EARLIER_PERIODS: Final = (
    "去年",
    "上年",
    "前年",
    "上一年",
    "上月",
    "上个月",
    "上周",
    "上季",
    "上期",
    "同期",
    "年初",
    "往年",
)
EARLIER_BASE_RE: Final = re.compile(
    r"(?:比|较)(?:" + "|".join(EARLIER_PERIODS) + r")[^，,。；;：:\d%]{0,8}的$"
)
EARLIER_BASE_REACH: Final = 16
# 日均, 平均, 每月 right before a figure (not 均为: 两类均为0件 is both, a part)
AVERAGE_BEFORE_RE: Final = re.compile(
    "[日周月年季人户店平套单笔件车台]均|每[日天周月年季位人名户单件台]"
)  # (按每位58元: a price; 套均总价553.40万元: one home's, no part of the sum)
AVERAGE_REACH: Final = 4
STOP_RE: Final = re.compile("[。！？]")
