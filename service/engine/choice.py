"""KPI rules, cue choice: the nearest cue word names a figure (受理消费者投诉615365件 →
complaints), with the words around it — a change, a category (咨询类), a colon heading, a
specific service verb before a generic noun (解决群众诉求), channels joined (来电(留言)).
"""

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Final

from mypy_extensions import trait

from service.engine.cues import Hit, words_kpis
from service.engine.findchars import SEMICOLONS, find_any, is_han, positions, rfind_any
from service.engine.lexicon import LIST_JOINS
from service.engine.naming import (
    ANAPHORA,
    AVERAGE_RE,
    BLANK_MARKS,
    BOUND_FIRSTS,
    BOUND_WORDS,
    BOUNDS,
    BULLETS,
    CALLERS_AND_OUTCOMES,
    CHANGE,
    CHANGE_VERBS,
    CHANGED_NOUN_REACH,
    CLAUSE_BREAKS,
    COMPARED_GAPS,
    COMPOUND_PAIR_RE,
    CONTACT_KINDS,
    COORD_REACH,
    DECIDED_NONE,
    DONE_KINDS,
    DONE_VERBS,
    DUTY_REACH,
    DUTY_WORDS,
    EVENT_REACH,
    GAP_ENDS,
    HEADING_ENDS,
    HEADING_LINES,
    INTAKE_VERBS,
    ITEM_COMMAS,
    ITEM_NAME,
    ITEM_SEPS,
    JOINED_GAP,
    KIND_MODIFIER,
    KIND_NOUN_REACH,
    LEAD_IN_PARTS,
    LEFT,
    LEVEL,
    LIST_LEAD_RE,
    MAGNITUDE_ENDS,
    MODIFIER_REACH,
    NOT_PLACES,
    NOTHING,
    NOUN_GAP,
    NOUN_REACH,
    OPENING_BRACKETS,
    OTHER_BUCKETS,
    OTHER_WORDS,
    PER_BEFORE,
    PERIOD_COMPARISONS,
    PERIOD_GAPS,
    PERIOD_RE,
    PLACE_UNITS,
    RANKED_TOPIC_RE,
    RANKING_RE,
    RATE_ENDS,
    RATE_NOUNS,
    RATE_WORD_ENDS,
    RESOLVED_JOIN,
    RESOLVED_SCOPE,
    RESOLVING_VERBS,
    RESPECTIVELY,
    RIGHT,
    SELECTION_MARK,
    SENTENCE,
    SHARE_ADVERBS,
    SHARE_OF_ALL,
    SHARE_OF_ALL_REACH,
    SHARE_VERBS,
    SHARE_WORD_REACH,
    SHARE_WORDS,
    SIGNS_OF_CHANGE,
    SOLD_SHARE_RE,
    SPECIFIC_REACH,
    SPLIT_LEVEL_VERBS,
    SPLIT_PERIODS,
    SPLIT_VERB_REACH,
    STAFF_MOVES,
    THRESHOLD_REACH,
    TIMES_JOIN,
    TOTAL_JOINS,
    UNCHANGED_WORDS,
    Choice,
    NamerBase,
    inside_topic,
    item_end,
    level_after_change,
)
from service.engine.numerals import CN_CHARS, CN_DIGITS
from service.engine.placeholders import Placeholder
from service.engine.reading import PEOPLE_ONLY_UNITS, PEOPLE_UNITS, PUNCT, SALES, Mention, skip_ws
from service.engine.totals import SCOPE_ENDS, adds_up

# an item line: a short name (an aside in brackets may follow it), two spaces or a tab, then its figure
ITEM_LINE_RE: Final = re.compile(
    r"[ \t\u3000]*[^\d\s：:，,。；;]{1,8}(?:[（(][^（()）\n]{0,12}[)）])?(?:[ \u3000]{2,}|\t|(?<=[)）])[ \u3000]?)"
    r"[\d一二三四五六七八九十两]"
)  # (小修（更换按钮等） 1,532单: an aside's bracket parts the name from the figure as a gap does)
TOPIC_TOTALS: Final = ("service_requests", "calls")  # what a title ranking topics counts (热点诉求排行)
ITEM_TITLE: Final = 16  # characters of a title line its item lines take their KPI from, at most
# a prose line ending so lists the parts of a figure it gave (…的107.7%。其中：)
PARTS_COLONS: Final = tuple(LEAD_IN_PARTS + c for c in HEADING_ENDS)
# an item number before an item line's name (1. 羽绒服  215件, （2）坚果  1,860袋, ③)
ITEM_NO_RE: Final = re.compile(r"[ \t\u3000]*(?:\d{1,2}[.、．)）](?!\d)|[（(]\d{1,2}[)）]|[①-⑳])")
# a title line of its own over item lines (二、畅销款, 【卖得好的款】, （三）分品类): a section's marker or
# brackets round it, no clause punctuation, no figure
TITLE_LINE_RE: Final = re.compile(
    r"[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．](?!\d))?"
    r"[ \t\u3000]*【?[^\d\s，,。；;：:！!？?]{2,16}】?[ \t\u3000]*"
)
PLAN_ASIDE: Final = 8  # characters from an aside's bracket to its figure where a plan's word opens it
PLAN_ASIDE_FILL: Final = " ：:为是"  # (（预算：2,000万）, （目标为500套）)
ASIDE_REACH: Final = 24  # characters from an aside's bracket to a colon inside it (（电话：8765 4321）)
THERE_WERE: Final = ("有", "其中有", "另有", "还有")  # 有2个客户…投诉: people counted, then what they did
VOICED: Final = ("complaints", "praises", "suggestions")  # what people counted may have made, one each
OWN_TEAM_LEADS: Final = ("我们", "咱们", "我", "本")  # 我们组, 本组: whose group it is
PARTY_NOUNS: Final = ("业主", "住户", "用户", "客户", "居民")  # people a household count may count
LEAVE_REACH: Final = 6  # characters from a leave word to the seats counted (走了 11 个坐席)
SEATS: Final = ("坐席", "座席")  # seats, or the agents at them when people leave
RANKED_NOUN_REACH: Final = 10  # 排名前五的诉求依次为：: from a ranking word to the colon after its noun
SCOPE_LEAD: Final = 16  # 在本季度受理的消费者投诉中，: characters from a sentence's start to its scope's 中

MEDIATION_WORDS: Final = ("调解", "调处")  # …纠纷520起，成功率达93.1%: what the success rate is of
VERB_TAILS: Final = "了共计约为达近超逾"  # 受理了518件, 受理共计518件: words between a verb and its count
RATE_ITEM_SEPS: Final = "、，,；;和及与"  # what parts the names of a list before 分别
# 198元的平均客单价, 3200万元的门店销售额: 的 and a modifier before the noun naming the figure
OF_NOUN_REACH: Final = 2
# what stands between a label's bracketed unit and its figure (a cell's tab too)
LABEL_GAP: Final = " \t\u3000：:+-"
DECLINE_SIZES: Final = (
    "降幅",
    "跌幅",
    "减幅",
    "下降幅度",
    "下跌幅度",
)  # the size of a fall, whose change is read back
CONTRIBUTION: Final = "拉动"  # what a part adds to the whole's change
COMPARING: Final = "较比"  # what a comparison opens with (较工作日, 比平日)
LAG_FILLERS: Final = ("", "了", "约", "了约", "近", "了近")  # between a gap word and its figure
PAIR_JOINS: Final = "和及与"  # between the two figures of a pair (12%和7%的跌幅)
HEADING_REACH: Final = 24  # characters of a heading line read for what the lines under it are about
DIAL: Final = "拨打"  # calls made (拨打回访电话): calls, whatever they were about
DIAL_REACH: Final = 6  # 拨打联系维修电话: characters from 拨打 to the service word before the channel
MODAL_BEFORE_CHANGE: Final = ("可", "能")  # 可提升20%: a change that could be, not one that was
# 能使投诉处理效率提升40%: what a measure could make change, not a change that was
MODAL_CAUSES: Final = ("可使", "能使", "可以使", "能够使", "可让", "能让", "可以让", "能够让")
COUNT_CHANGE_VERBS: Final = (
    "增加",
    "减少",
    "年增加",
    "年减少",
    "月增加",
    "月减少",
    "少流失",
    "多流失",
)  # 增加销量58台: by how much
PER_HEAD_REACH: Final = 4  # 人均日接待咨询量: characters between the average word and the cue
MEASURE_REACH: Final = 4  # 3.6万吨(+14.2%): where the digits of a measure stand before its bracket
# a change in points right after a level (同比15.1%提高了3.3个百分点): the change word is a cue
# what a figure's noun is about, between them (与银行相关, 涉及预付卡的)
ABOUT_RE: Final = re.compile(
    r"(?:[与和跟同][^，,。；;：:\d]{1,8}?(?:相关|有关)的?|涉及[^，,。；;：:\d]{1,8}?的)"
)
ABOUT_FIRSTS: Final = "与和跟同涉"
POINTS_AFTER_RE: Final = re.compile(r"了?[0-9０-９.]+个?百分点")
SHARE_AFTER: Final = ("占比", "的占比", "份额", "的份额", "的市场份额")  # right after a percentage: a share
REQUIREMENT_REACH: Final = 6  # characters before a percentage read for a requirement (应保持在)
NOT_REQUIRING: Final = (
    "主重只想将需"  # before 要: a word of its own (主要, 重要), or 需要 (a requirement word itself)
)
SHARE_OF_PLAN_REACH: Final = 24  # 占全年销售目标150亿港元约25%: characters from 占 to the percentage at most
QUOTE_PAIRS: Final = {"“": "”", "「": "」", '"': '"'}  # a quoted name's opening mark → its closing one
QUOTED_NAME: Final = 12  # characters a quoted name of places may run to
# verbs whose object a customer or staff word after a figure and them is (15个商圈累计接待顾客)
OBJECT_VERBS: Final = frozenset(
    ("接待", "受理", "接听", "接到", "收到", "服务", "销售", "售出", "卖出", "招聘", "招收")
)
WHOLE_OF_PART: Final = (
    "中有",
    "中，有",
    "里有",
    "当中有",
    "之中有",
    "里面有",
)  # right after a whole, before its part
SHARE_GIVERS: Final = frozenset(("贡献", "贡献了"))  # a percentage right after: the share given
VISIT_UNITS: Final = frozenset(("次", "人次"))  # visits, counted as customers after a visit word
VISIT_REACH: Final = (
    4  # how far before the party's word the visit word may start (下乡拜访养殖户; 走访客户 holds 访客)
)
# 同比去年上半年的, 较2023年同期的: a period compared with, named before the level it had
PERIOD_OF_BEFORE_RE: Final = re.compile(r"(?:同比|环比|较|比)[^，,。；;：:\d%]{1,10}的$")
PERIOD_OF_REACH: Final = 14  # characters before a level read for its period
PAST_CHANGE_REACH: Final = 6  # characters after the level where its change word may start and end
GROWTH_NOUNS: Final = (
    "增长",
    "下降",
    "增加",
    "减少",
)  # right before the change of a level: what changed (同店销售增长提升至)
RATE_NOUN_ENDS: Final = "率比度"  # what a rate's name ends with: after it, 降为 gives the rate's level
BARE_RISE: Final = "升"  # right before a percentage, a rise (Hong Kong usage); elsewhere litres or 升级
LABEL_FILL: Final = 4  # characters between a label's colon and its figure (：一共 230 个)
RESPECTIVELY_LEADS: Final = ("分别为", "分别是")
MAX_LISTED: Final = 40  # figures between a list's heading and its sum, at most
SOLD_VERBS: Final = (
    "售出",
    "沽出",
    "卖出",
    "出售",
    "已售",
    "推售",
    "沽",
    "售",
)  # (right before N个单位: flats)
THING_CONTACT_UNITS: Final = ("个", "件", "单", "宗", "起", "条", "笔", "张")  # (not 人次, 批: parties)
PARTY_KPIS: Final = frozenset(("customers", "headcount"))  # KPIs that count parties a word may single out
GAP_END_CHARS: Final = "".join(GAP_ENDS)
GAP_VERB: Final = 4  # characters of a verb (and its noun) between 多/少 and the figure (多接修, 多发送旅客)
GAP_VERB_NOT: Final = frozenset("达于出余了")  # 多达, 多于, 多出, 多余, 减少了: no verb of the figure
DONE_RE: Final = re.compile(
    r"\s*(?:当月|当日|当天|当周|本月|本周|当季|同期)?(?:共|累计|已|均已)?(?:完成|修复|完工)了?\s*"
)  # (a clause that says only: done, perhaps when: 当月完成205张)
LAST_ITEM_JOINS: Final = " 和及与以"  # …、1,611个和1,734个: what may stand before a list's last item
# a calls word ending on it (求助电话) names calls whatever kinds are joined before it
PHONE_NOUN: Final = "电话"
ACTIVITY_JOINS: Final = ("并", "及", "和", "与", "、")  # 销售并安装: an activity joined to a KPI's verb


NOUN_STOPS: Final = frozenset(OPENING_BRACKETS + "、，,")  # what no noun after a count is read past
SHARE_OF: Final = "占"  # (佔, folded)
PART_QUALIFIERS: Final = "约近逾超过达 "  # what may stand between 占 and a part


PERIOD_GAP_REACH: Final = 40  # characters a compared period, its figure and the gap word may take
DOWN_GAP_VERBS: Final = ("低", "少", "低出")


@lru_cache(maxsize=4)
def period_gap_re(bases: tuple[str, ...]) -> re.Pattern[str]:
    """较 or 比, a period compared with, its figure (any unit), then a gap word up to the percentage."""
    periods = "|".join(map(re.escape, sorted(bases, key=len, reverse=True)))
    return re.compile(
        r"[较比](?:" + periods + r")[^，。；;,:：\d]{0,8}\d[\d,.]*\s*[万亿]?[^\d，。；;,:：]{0,3}?"
        r"(?P<verb>高出|超出|多出|低出|多|高|低|少)了?(?:逾|约|近|超过|超)?$"
    )


# never a topic of the other (维修申请…主要集中在…，质量投诉不到五十件: complaints of their own)
OPPOSED_KINDS: Final = {
    "complaints": ("praises",),
    "praises": ("complaints",),
    "repairs": ("complaints", "praises"),
    # (顾客意见：收到顾客投诉6起…，顾客表扬2次: feedback, its complaints and praise each their own)
    "suggestions": ("complaints", "praises"),
    # (5. 顾客服务：收到顾客投诉9起: the complaints customers made, no count of customers)
    "customers": ("complaints", "praises", "suggestions", "repairs", "inquiries"),
}
TASK_NOUNS: Final = (
    "任务",
    "指标",
)  # after a figure: the figure is the task set, whatever gap word came before


def _uncovered(hits: list[Hit]) -> list[Hit]:
    """The hits but those of words naming no KPI inside a longer hit naming requests of the kinds it
    lists (受理开户、过户、销户等业务 holds 销户: one of them; 办理退款业务 counts refunds)."""
    lists = [h for h in hits if "等" in h.word and "service_requests" in h.roles.kpis]
    if not lists:
        return hits  # (most clauses: no such phrase)
    return [
        h
        for h in hits
        if h.roles.kpis
        or not h.roles.none
        or not any(c is not h and c.start <= h.start and h.end <= c.end for c in lists)
    ]


# words naming every kind of contact together: a count they name is all of them, whatever came before
ALL_CONTACTS: Final = ("来电来访", "来访来电", "来电来信来访", "来信来访来电")


# a comparison opening on brackets that hold an earlier period's level (与2023年（89.6%）, 环比（9月68.5%）)
_BASE_PERIOD: Final = (
    r"(?:上月|上年度?|去年|前年|上季度?|上期|上半年|\d{2,4}年度?|(?:\d{2,4}年)?\d{1,2}月份?)"
)
BRACKETED_BASE_RE: Final = re.compile(
    rf"(?:环比|同比|对比|[比较与跟])(?:{_BASE_PERIOD}[（(]|[（(]{_BASE_PERIOD})[ \t：:]*$"
)
BRACKETED_BASE_REACH: Final = 16  # characters from the comparing word to the level, at most
CATEGORY_HEADS: Final = ("类别", "分类", "类型")  # a heading that sorts contacts by category (按类别分布)
STAFF_MODIFIER: Final = 2  # characters between a figure of people and the staff word after it (专职)


@trait
class CueChoice(NamerBase):
    """Which KPI the cue words around a figure name."""

    def choose(self, dimension: str, unit: str | None, lo: int, start: int, end: int, hi: int) -> Choice:
        """What the cues around a figure at [start, end) make of it (see Choice)."""
        lex, t = self.lex, self.t
        left = self.cues.within(lo, start)
        if len(left) > 1:
            left = _uncovered(left)  # (受理开户、过户、销户等业务 holds 销户: its word, no cue of its own)
        if left and (t.find(")", lo, start) >= 0 or t.find("）", lo, start) >= 0):
            left = self._outside_asides(left, lo, start)  # 31万元(占比22%)、二季度37万元: 占比 is an aside
        if (
            dimension == "percent"
            and t.startswith(BARE_RISE, start - 1)
            and (
                unit == "pp"  # (毛利率升1.5个百分点: points risen, whatever rose)
                or left
                and (left[-1].roles.kpis or left[-1].roles.after)  # (入境旅客升21%: what is counted)
                and not left[-1].roles.none
                and start - 1 - left[-1].end <= 1
            )
            and not any(x.roles.plan or x.roles.gap for x in left)
        ):
            # 營業額升8%, 同店銷售升2.1%: a bare 升 right after what rose (not 升级, litres, 单价升5%)
            return Choice("growth_rate", True, False)
        if dimension == "percent" and t.endswith(lex.rank_band_leads, 0, start):
            return DECIDED_NONE  # 排名前10%的药店: which of them, no rate
        if dimension == "percent" and t.startswith(SHARE_AFTER, end):
            return DECIDED_NONE  # 华北区域以27%占比位居第二: a share of the whole, however the cues before it read
        if (
            dimension == "percent"
            and self._share_of_plan(lo, start)
            and lex.allows("completion_rate", dimension, unit)
        ):
            return Choice("completion_rate", True)  # 占全年销售目标150亿港元约25%: how much of the plan
        if dimension == "percent" and self._required(lo, start):
            return DECIDED_NONE  # 回访满意率不得低于98%, 应保持在95%以上: a requirement, not a rate reached
        if self._standard_after(dimension, end):
            return DECIDED_NONE  # 满意率低于85%的考核底线: the bar it is held to, not what was reached
        named = [h for h in left if h.roles.kpis] if self._staff_right_after(dimension, unit, end, hi) else []
        if (
            named
            and "headcount" not in named[-1].roles.kpis
            and not any(h.roles.none or h.roles.target or h.roles.plan for h in left)
        ):
            # 医院客服中心配备8名专职人员, 在案场22名置业顾问中排名第三: the staff noun right after a
            # figure of people names them, whatever a word before names
            return Choice(self._staff_move("headcount", dimension, unit, lo, hi, start, end), True)
        level = False  # 提升1.7个百分点至44.79%: the figure is a level, change cues do not name it
        for i in range(len(left) - 1, -1, -1):
            h = left[i]
            r = h.roles
            if (
                dimension == "percent"
                and r.change
                and h.word[0] in COMPARING
                and t[start - 1] == "的"
                and not any(map(is_han, t[h.end : start - 1].strip("0123456789年月份")))
                and any(
                    x.roles.change or x.word in PERIOD_GAPS
                    for x in self.cues.within(end, item_end(t, end, hi))
                )
            ):
                return DECIDED_NONE  # 比去年5月的72.5%高出…: that period's own level, the change after it
            if h.word in PERIOD_GAPS and (
                t.startswith(lex.comparison_bases, h.end)
                and t[start - 1] != "的"
                or dimension == "percent"
                and t[h.end : start] in LAG_FILLERS
                and self._period_compared(lo, h.start)
            ):
                # 毛利率高于上年同期0.6个百分点, 比去年5月的72.5%高出8.2个百分点, 较去年同期落后约九个
                # 百分点: against an earlier period, a change after all (not 高于去年的21.3%: that
                # year's own level)
                return Choice("growth_rate" if dimension == "percent" else CHANGE, True, PERIOD_GAPS[h.word])
            if (
                r.gap
                and not r.kpis
                and (
                    h.end == start
                    if h.word in lex.near_gap_cues
                    else h.end < start or h.word in lex.shortfall_cues
                )
                and t[start - 1 : start]
                not in OPENING_BRACKETS  # (低于甲品牌（2.6亿台）: that one's own figure)
                and not t.startswith(
                    TASK_NOUNS, end
                )  # (超额完成了下达给我的300张任务: the task's own figure)
            ):
                return DECIDED_NONE  # 高于底线1.2个百分点, 尚差35套: a gap to another figure
            if (
                # (a plan gap cue, or a plan word and its 的: 远低于年初计划的150套)
                (r.plan or dimension != "percent" and h.word.endswith("的") and h.word[:-1] in lex.plan_bases)
                and t[h.end : start] in ("", "(", "（", "的")
                and lex.allows("sales_target", dimension, unit)
            ):
                # 较年度考核目标(2,000万元)还差150万元, 较年度目标5,000万元尚差, 远低于年初计划的150套: the
                # plan's own figure
                return Choice("sales_target", True)
            if (r.change or r.kpis) and i and any(x.roles.plan for x in left[:i]):
                if (
                    "completion_rate" in r.kpis
                    and left[i - 1].roles.plan
                    and left[i - 1].end == h.start
                    and not any(is_han(c) and c != "了" for c in t[h.end : start])  # (完成XX%: a blank)
                    and lex.allows("completion_rate", dimension, unit)
                ):
                    return Choice("completion_rate", True, cue=h.word)  # 较年初目标完成95%: how much of it
                return DECIDED_NONE  # 较计划目标提升17%, 比计划多完成9%: a gap to the plan
            if r.change and not level:
                if any(x.roles.gap and x.word[0] in COMPARING and not x.roles.kpis for x in left[:i]):
                    return DECIDED_NONE  # 周末来电量较工作日增加35%: against another figure, no period
                if dimension == "percent" and (
                    t[h.start - 1 : h.start] in MODAL_BEFORE_CHANGE
                    or any(t.find(w, lo, h.start) >= 0 for w in MODAL_CAUSES)
                ):
                    return DECIDED_NONE  # 靠近地铁口时，日营业额可提升15%: what could be, no change that was
                if t.find(CONTRIBUTION, lo, h.start) >= 0:
                    return (
                        DECIDED_NONE  # 拉动全市零售额增长9.6个百分点: one part's share of the whole's change
                    )
                if (
                    dimension == "percent"
                    and t.startswith("为", h.end)
                    and len(h.word) > 1
                    and not any(
                        x.roles.none and not x.word.startswith("其") or x.word[-1] in RATE_NOUN_ENDS
                        for x in left[:i]
                    )  # (西南及其他市场零售值增长为18.2%: 其他 names the market, not the measure)
                ):
                    return Choice(
                        "growth_rate", True, r.down
                    )  # 同店销售增长为12.4% (毛利率降为1.4%: a level)
                if (
                    t.startswith(lex.level_after, h.end)
                    and h.word[-1] not in MAGNITUDE_ENDS  # (增幅达到8.5%: the size of the change)
                    and not (t.startswith("达", h.end) and self._compared(left, i))
                    or level_after_change(t, h.end, start)
                    or t.startswith("为", h.end)
                    and h.word[-1] not in MAGNITUDE_ENDS
                    and not self._compared(left, i)
                ):
                    level = True  # 提高至65%; 提升1.7个百分点至44.79%; 降为1.4%
                    if dimension == "percent":
                        rate = self._growth_level(left, i)
                        if rate is not None:
                            return rate
                    continue
                if not r.kpis:
                    if any(x.word in COMPARED_GAPS and x.end < h.start for x in left[:i]):
                        return DECIDED_NONE  # 增幅高于全市平均增幅3.5个百分点: a gap to another's change
                    if self._compared_lead(lo, h.start):
                        return DECIDED_NONE  # 较全市平均增速高2.35个百分点: the same, the other named first
                    down = r.down
                    if unit == "pp" and any(x.word in DECLINE_SIZES for x in left[max(0, i - 2) : i]):
                        down = not down  # 降幅比上月缩小了2个百分点: a smaller fall, so the rate rose
                    return Choice("growth_rate" if dimension == "percent" else CHANGE, True, down)
            if r.kpis:
                if t.endswith(PER_BEFORE, 0, h.start):
                    continue  # 平均每笔订单1.6件: what the figure is per, not what it counts
                if (
                    "customers" not in r.kpis
                    and t.startswith(PARTY_NOUNS, h.end)
                    and any("customers" in x.roles.kpis for x in left[:i])
                    and lex.allows("customers", dimension, unit)
                ):
                    return Choice("customers", True)  # 回访维修业主50户: the owners visited, 维修 says which
                if (
                    "sales_target" not in r.kpis
                    and any(  # (人均任务38万元: a target all the same)
                        x.word in lex.per_head_words
                        and h.start - x.end <= PER_HEAD_REACH
                        and not self._ends_figure(x.start)  # (6.3万人次、实现营业收入: a figure's unit)
                        for x in left[max(0, i - 2) : i]
                    )
                ):
                    return DECIDED_NONE  # 客服人均日接待咨询量74单: what one of them does, an average
                if self._noun_of_figure_before(lo, h):
                    continue  # 以1.86亿元的成交总额和198元的客单价: 成交总额 is the first figure's noun
                if (
                    i
                    and left[i - 1].roles.gap
                    and left[i - 1].end == h.start
                    and (
                        start - h.end <= 1
                        or dimension == "percent"
                        and i + 1 < len(left)
                        and all(x.roles.target or "sales_target" in x.roles.kpis for x in left[i + 1 :])
                    )
                ):
                    # 超额完成6.6%, 超额完成年度任务12%: by how much the target was passed, a gap
                    return DECIDED_NONE
                if (
                    dimension == "currency" or dimension == "count" and unit not in lex.contact_unit_set
                ) and any(
                    x.word in (CHANGE_VERBS if dimension == "currency" else COUNT_CHANGE_VERBS)
                    and h.start - x.end <= MODIFIER_REACH
                    for x in left[max(0, i - 2) : i]
                ):
                    return Choice(CHANGE, True)  # 可增加电费收入12万元: by how much it grows
                if (
                    h.start
                    and t.endswith(lex.negations, 0, h.start)
                    and any(lex.allows(n, dimension, unit) for n in r.kpis)
                ):
                    return DECIDED_NONE  # 未解决312件, 不满意3件
                if (
                    i
                    and t[left[i - 1].end : h.start] in ("", "的")  # (转投竞品的客户3家)
                    and left[i - 1].roles.none
                    and not left[i - 1].roles.kpis
                    and left[i - 1].word
                    not in lex.activity_words  # (新增安装用户1,150户: customers all the same)
                    and PARTY_KPIS.issuperset(r.kpis)
                ):
                    return DECIDED_NONE  # 停止供货客户6家, 逾期未付款客户41户: which of them, no count of the kind
                if (
                    h.word in lex.visitor_words
                    and (
                        lex.unit_classes.get(unit) == "person"
                        or unit == "户"
                        and t.startswith(PARTY_NOUNS, h.end)  # (接待业主二百八十余户: owners' households)
                    )
                    and not any(lex.allows(n, dimension, unit) for n in r.kpis)
                    and lex.allows("customers", dimension, unit)
                    and not any(w in t[end : end + DUTY_REACH] for w in DUTY_WORDS)
                ):
                    return Choice("customers", True)  # 湿地公园累计接待9.36万人 (not 前台接待2人值班)
                if (
                    unit in VISIT_UNITS
                    and "customers" in r.kpis
                    and any(w in t[max(lo, h.start - VISIT_REACH) : h.end] for w in lex.visit_words)
                    # (the party visited between, or a customers' word right before: not 上门走访一次)
                    and (
                        start > h.end
                        or i
                        and left[i - 1].end == h.start
                        and "customers" in left[i - 1].roles.kpis
                    )
                ):
                    return Choice("customers", True)  # 拜访客户410余次, 走访终端四千多次: visits made
                if unit == "%" and h.word in SHARE_GIVERS and start == h.end:
                    return DECIDED_NONE  # A系列贡献38%销售额: its share of the whole, no rate of its own
                for name in r.kpis:
                    if lex.allows(name, dimension, unit):
                        if i and name in lex.rate_kpis and h.end == start:
                            verb = self._verb_before(left, i)
                            if verb is not None:
                                # 提升业主满意度20%以上: the verb before the rate's name says by how much
                                return Choice("growth_rate", True, verb.roles.down)
                        if i and any(x.roles.net for x in left[:i]):
                            return Choice(
                                None if dimension != "percent" else "growth_rate",
                                True,
                                any(x.roles.down for x in left[:i]),
                            )  # 净增会员2300名
                        k = i - 1
                        if (
                            k > 0
                            and left[k].roles.total
                            and not left[k].roles.kpis
                            and left[k].end == h.start
                            and left[k - 1].end == left[k].start
                        ):
                            k -= 1  # 邮政业务总量累计完成12.3亿元: the noun before the total's word
                        if (
                            i > 0
                            and left[k].roles.none
                            and left[k].end == (h.start if k == i - 1 else left[i - 1].start)
                            and not left[k].word.startswith("其")
                            and left[k].word not in lex.activity_words  # (培训收入 is sales)
                            and not (dimension == "percent" and h.word.endswith("率"))  # (举报按时办结率)
                            and name not in lex.specific_service  # (贷款投诉80件: the complaints' topic)
                            and not (self._workshop and left[k].word in lex.workshop_outputs)  # (产值目标)
                        ):
                            return Choice(
                                None, True
                            )  # 公共预算总收入, 财政收入: a modifier that is not sales
                        if (
                            name in lex.service_family
                            and self._coordinated(left, i)
                            and not (name == "calls" and h.word.endswith(PHONE_NOUN) and h.word != PHONE_NOUN)
                        ):
                            return Choice("service_requests", True)  # (报修及求助电话: calls, of two kinds)
                        if name == "service_requests" and not (
                            i and t.endswith(lex.negations, 0, left[i - 1].start)  # 非电话诉求
                        ):
                            name = self._specific(left, i, dimension, unit) or name
                        elif name in lex.channel_kpis and i and t[left[i - 1].end : h.start] in ("", "类"):
                            name = self._typed_channel(left, i, dimension, unit) or name  # 报修电话57个
                        name = self._intake(name, h, start)
                        if (
                            dimension == "percent"
                            and h.word[-1] in RATE_ENDS
                            and t.startswith(lex.target_words, h.end)
                        ):
                            return DECIDED_NONE  # 回款率目标不低于95%: a target for a rate
                        name = self._staff_move(name, dimension, unit, lo, hi, end=end)
                        if name == "headcount" and unit == "个":
                            name = self._counted_after(dimension, unit, end, hi) or name
                        elif name == "headcount" and self._customers_after(end, hi):
                            name = "customers"  # 员工每天要为1400多名乘客提供服务: who was served
                        return Choice(name, True, cue=h.word)
                if not r.none:
                    continue  # (业务总量: the requests counted, or, in money, a volume index: none)
            if r.none:
                if (
                    h.word == SHARE_OF
                    and dimension != "percent"
                    and not t[h.end : start].strip(PART_QUALIFIERS)
                ):
                    continue  # 其中北角項目佔612伙, 當中報修佔1萬8,640件: a part, whatever its own words name
                if (
                    i
                    and h.word in lex.activity_words
                    and left[i - 1].roles.kpis
                    and t[left[i - 1].end : h.start] in ACTIVITY_JOINS
                ):
                    continue  # 销售并安装空调300台: what was sold was installed too, and the sale counts
                past = end + (t[end : end + 1] in "，,")
                if t.startswith(lex.sold_out_after, past + (t[past : past + 1] == "已")) and lex.allows(
                    "units_sold", dimension, unit
                ):
                    return Choice(
                        "units_sold", True
                    )  # 推售的300伙全数沽清, 开卖56伙，即日沽清: sold, all of them
                if (
                    h.word in OTHER_WORDS
                    and "resolved" in self._after_at(end, hi)
                    and lex.allows("resolved", dimension, unit)
                ):
                    return Choice("resolved", True)  # 其余12起全部办结: what became of the rest
                if (
                    unit in lex.contact_unit_set
                    and self._coordinated(left, i)
                    and (any(x.roles.total for x in left[i + 1 :]) or self._kinds_listed(left, i) > 1)
                ):
                    # 咨询、投诉、举报共2,046件, 咨询、投诉、举报6,214件: all of them (投诉、举报 alone: no
                    # two kinds of service named, the count stays unnamed)
                    return Choice("service_requests", True)
                if dimension == "percent" and h.word in SHARE_VERBS and i:
                    rate = self._rate_before_share(left[i - 1], h, dimension, unit)
                    if rate is not None:
                        return rate  # 总体满意率仅占41%: the rate's level, though written as a share
                change = (
                    self._changed_noun(left, i, start) or self._change_noun_after(end, hi)
                    if dimension == "percent"
                    else None
                )
                if change is not None:  # 降低单车维修成本6.5%, 客单价录得2.6%的跌幅
                    return Choice("growth_rate", True, change.roles.down)
                if (
                    self._workshop
                    and h.word in lex.workshop_outputs
                    and dimension == "currency"
                    and not any(
                        x.word in lex.per_head_words for x in left[max(0, i - 2) : i]
                    )  # (技师人均产值)
                ):
                    return Choice("sales_value", True, cue=h.word)  # 售后…产值182.9万元: its takings
                return DECIDED_NONE
        if level:
            return Choice(None, True, cue=LEVEL)  # a level reached (提高至65%) with no cue of its own
        stop = item_end(t, end, hi)
        base = t.endswith("的", lo, start) and any(c in t[lo:start] for c in "较比")  # 较上季度的95.3%提升…
        if end < hi and t[end] in ABOUT_FIRSTS:
            clause_end = self.geo.clause(end, end)[1]
            about = ABOUT_RE.match(t, end, clause_end)
            if about is not None:
                # 1,425宗与银行相关投诉: the noun past what it is about names it
                end = about.end()
                stop = item_end(t, end, min(clause_end, end + RIGHT))
        after = self.cues.within(end, stop)
        if not after and dimension == "percent" and t[end:stop] == "" and t[stop : stop + 1] in PAIR_JOINS:
            after = self._pair_after(lo, start, stop, hi)  # 分别出现了12%和7%的跌幅: the pair's noun
        # (15个重点商圈累计接待顾客: a noun after a verb there is the verb's object, not what is counted)
        verb_at = next(
            (k for k, x in enumerate(after) if x.word in OBJECT_VERBS and not x.roles.after), len(after)
        )
        for i, h in enumerate(after):
            if h.roles.none:
                if i == 0 and t.startswith("的", end) and h.start - end <= OF_NOUN_REACH:
                    return DECIDED_NONE  # 198元的平均客单价: the noun after 的 names it, and no KPI
                if i == 0 and h.start == end and dimension == "count":
                    return DECIDED_NONE  # 有2365人阅读: what they did names them, and no KPI
                break  # 1,140人转岗充实到营销团队: what the figure did names it, and that is no KPI
            if (
                not base
                and h.roles.change
                and dimension == "percent"
                and not h.roles.kpis
                and not (t.startswith(lex.level_after, h.end) and h.word[-1] not in MAGNITUDE_ENDS)
            ):
                if any(w in t[end : h.start] for w in lex.modified_nouns):
                    return NOTHING  # 近七成连锁企业门店销售同比增长: the share of firms that grew
                if any(x.word in SHARE_GIVERS for x in left):
                    return DECIDED_NONE  # 贡献了近四成的增长: one part's share of the growth
                return Choice("growth_rate", True, h.roles.down)  # 实现32%增长 (从2.3%降至1.66%: levels)
            if (
                dimension == "count"
                and i == 0
                and h.start - end <= 1  # (right after the figure, a form's space at most)
                and "customers" in h.roles.after
                and len(after) > 1
                and after[1].start == h.end
            ):
                # 3个客户投诉, 5位业主投诉, 8位客户表扬: who, then what they did; what they did is
                # counted (one complaint, one praise each)
                done = next((k for k in after[1].roles.after if k in lex.specific_service), None)
                if done is not None:
                    return Choice(done, True)
            if (
                dimension == "count"
                and i == 0
                and h.start - end <= 1
                and "customers" in h.roles.after
                and t.endswith(THERE_WERE, 0, start)
            ):
                done = self._what_they_did(after, h.end)
                if done is not None:
                    return Choice(done, True)  # 有2个客户因为换机油的事投诉到了市场监管局: complaints
                if any(w in self.geo.title_at(start) for w in lex.problem_heading_words):
                    return DECIDED_NONE  # 四、不足⏎…有两三组客户犹豫了好久最后去了隔壁盘: customers lost
            if h.roles.after and dimension == "count" and self._noun_before_de(end, h.start):
                break  # 三家电信运营商的用户: the figure counts the noun before 的, not the one after it
            if i > verb_at and h.roles.after and dimension == "count":
                break  # 15个重点商圈累计接待顾客: the verb's object
            for name in sorted(h.roles.after, key=lambda n: n not in STAFF_MOVES):
                if name == "headcount" and t.endswith("为", 0, start) and not level:
                    return DECIDED_NONE  # 为615名员工办理了补充养老保险: the staff a measure was for
                if lex.allows(name, dimension, unit):
                    if name in lex.specific_service and self._joined_next(after, i):
                        return Choice("service_requests", True)  # 2870宗投诉和建议: two kinds, all requests
                    # (新增约150名前线员工: the hire word before the figure, its team word after it)
                    return Choice(self._staff_move(name, dimension, unit, lo, hi, start, end), True)
        return NOTHING

    def _staff_right_after(self, dimension: str, unit: str | None, end: int, hi: int) -> bool:
        """Whether a figure of people (名, 位, 人) has a word naming staff right after it, a
        modifier of two characters at most between (8名专职人员)."""
        if dimension != "count" or unit not in PEOPLE_UNITS:
            return False
        for h in self.cues.within(end, min(hi, end + RIGHT)):
            return (
                h.start - end <= STAFF_MODIFIER
                and all(map(is_han, self.t[end : h.start]))
                and "的" not in self.t[end : h.start]
                and "headcount" in h.roles.after
                and not h.roles.none
            )
        return False

    def _noun_before_de(self, end: int, hi: int) -> bool:
        """Whether a noun of its own stands between a figure ending at ``end`` and a 的 before hi
        (三家电信运营商的用户; not (2,260宗)的投诉, 86宗的投诉: the figure's own 的)."""
        de = self.t.find("的", end + 1, hi)
        return de >= 0 and any(map(is_han, self.t[end:de]))

    def _what_they_did(self, after: list[Hit], at: int) -> str | None:
        """The complaint or praise that the people counted made, further on in their clause
        (有1位客户因为交车时间延误投诉: one complaint), if any."""
        for x in after[1:]:
            if find_any(self.t, CLAUSE_BREAKS, at, x.start) >= 0:
                return None
            done = next((k for k in x.roles.kpis if k in VOICED), None)
            if done is not None:
                return done
        return None

    def _pair_after(self, lo: int, start: int, at: int, hi: int) -> list[Hit]:
        """The words after the second of a pair of figures that 分别 opens (分别实现了6.5%和9.1%的
        增幅), read for the first: the pair shares them."""
        if self.t.find(RESPECTIVELY, max(lo, start - LEFT), start) < 0:
            return []  # (within a cue's reach: a long clause of figures stays linear)
        ends = self._ends()
        k = bisect_left(ends, at + 2)
        if k >= len(ends) or ends[k] >= hi:
            return []
        return self.cues.within(ends[k], item_end(self.t, ends[k], hi))

    def _share_of_plan(self, lo: int, start: int) -> bool:
        """Whether 占 and a plan word before the percentage at ``start`` make it a share of the plan."""
        share = self.t.rfind("占", max(lo, start - SHARE_OF_PLAN_REACH), start)
        return share >= 0 and self.lex.share_of_plan_re.match(self.t, share) is not None

    def _compared_lead(self, lo: int, hi: int) -> bool:
        """较全市, 比合同约定 … in [lo, hi): another group a figure is set against, not the word of a
        measure that opens on the group's name (和去年比合同额增长了4.6%: the contracts' sum grew)."""
        t = self.t
        for w in self.lex.compared_leads:
            p = t.find(w, lo, hi)
            if p >= 0 and not any(
                h.start == p + 1 and h.end > p + len(w) and h.roles.kpis for h in self.cues.within(p + 1, hi)
            ):
                return True
        return False

    def _required(self, lo: int, start: int) -> bool:
        """Whether a requirement word (and perhaps its verb) stands right before the figure, or
        opens its qualifier (不得低于98%)."""
        lex, t = self.lex, self.t
        if t.startswith(lex.requirement_words, start):
            return True
        before = t[max(lo, start - REQUIREMENT_REACH) : start]
        for verb in lex.requirement_verbs:
            if before.endswith(verb):
                before = before[: -len(verb)]
                break
        # (要 alone is one too, but not the end of 主要, 重要, 只要 …)
        return (
            before.endswith(lex.requirement_words)
            or before.endswith("要")
            and before[-2:-1] not in NOT_REQUIRING
        )

    def _standard_after(self, dimension: str, end: int) -> bool:
        """Whether a standard (or, for a percentage, a goal) follows the figure and its 的
        (without the 的 the word is often the next clause's: 投诉32件要求整改)."""
        lex, t = self.lex, self.t
        if t[end : end + 1] != "的":
            return False
        return t.startswith(lex.standard_after, end + 1) or (
            dimension == "percent" and t.startswith(lex.rate_goal_after, end + 1)
        )

    def _category(self, m: Mention, clo: int, choice: Choice) -> Choice:
        """求决类1878件 (no KPI), 咨询类267件 (inquiries): a service category names its own KPI.

        A category word before a service count in its clause (…类, …方面, or a topic
        modifier: 反映停水的工单33件) decides: the specific service KPI its words name, else
        none (a category is a part, not all requests).  此类 points back to the clause
        before; 各类工单 (every kind) and 分类 (a heading) are no category."""
        lex, t = self.lex, self.t
        if (
            m.dimension != "count"
            or m.unit not in self.lex.contact_unit_set
            or (choice.kpi is not None and choice.kpi not in lex.service_family)
        ):
            return choice
        clo = max(clo, m.start - LEFT)  # (bounded: a clause of many figures is read near each)
        if self._per_head_before(clo, m.start):
            return choice  # 百万客户投诉数由去年的1.21件: an average, no category's count
        # the category words: 投诉类4733件, 重复投诉方面…239件
        mark = max(t.rfind("类", clo, m.start), t.rfind("方面", clo, m.start))
        if mark >= 0 and t[mark - 1 : mark] in "各分":
            mark = -1
        lo = max(clo, t.rfind("、", clo, mark) + 1)
        if mark < 0:
            mark = lo = self._topic_modifier(clo, m.start)
            if mark < 0:
                return self._ranked_topic(m, clo, choice)
            lead = self._scope_lead(m)  # 投诉中，涉及维修的有23件: a topic of the complaints
            if lead is not None:
                return lead
            lo = clo  # the whole modifier: 群众咨询社保、户籍等政策的工单
        if self._in_brackets(clo, mark) and find_any(t, ")）", mark, m.start) >= 0:
            return choice  # 正式投诉（打12315或到店闹的）共9起: the aside says how they came, no category
        if t[mark - 1 : mark] in ANAPHORA:  # 重复投诉工单较多，本周共办理此类工单47件
            lo = self.geo.sentence(clo, clo)[0]
        own_lo = max(clo, rfind_any(t, "0123456789", clo, mark) + 1)  # (past a figure before)
        if t.find("、", own_lo, mark) >= 0 and self._mixed_kinds(own_lo, mark):
            # 求助、咨询、表扬类工单194件: several kinds in one category, none of them its KPI (报修、
            # 投诉类来电1,320个: calls all the same)
            after = {k for h in self.cues.within(mark, m.start) for k in h.roles.kpis}
            return Choice("calls", True) if "calls" in after else DECIDED_NONE
        # the words of the category itself first (投诉类来电3852个: complaints, not calls)
        own = t.find("、", mark, m.start) < 0  # (the category is this item's, not one before it)
        for k, hits in enumerate(
            (self.cues.within(lo, mark) if own else [], self.cues.within(mark if own else lo, m.start))
        ):
            for h in reversed(hits):
                if k == 0 and h.roles.none and not h.roles.kpis and h.word not in OTHER_WORDS:
                    # 举报类来电1,530个: the category's word names no KPI (价格类举报投诉613件: the
                    # service named after it does)
                    return self._service_after(mark, m) or DECIDED_NONE
                for name in h.roles.kpis:
                    if k == 1 and name in lex.channel_kpis:
                        return DECIDED_NONE  # 纠纷类来电87件: a topic's calls, no kind of its own
                    if (
                        name in lex.service_family
                        and name != "service_requests"
                        and lex.allows(name, m.dimension, m.unit)
                    ):
                        headed = self._headed_kind(m) if k == 0 else None
                        # (二、投诉分析 ⏎ （二）按类别分布 ⏎ 工程维修类46件: a topic of the complaints)
                        return Choice(headed or name, True)
        if choice.kpi == "service_requests" and self._category_total(m, clo, mark):
            return choice  # 共受理城市管理类诉求4310件: all the requests of the kind the text is about
        named = [k for k in self._after_at(m.end, len(t)) if k in lex.specific_service]
        if named and lex.allows(named[0], m.dimension, m.unit):
            return Choice(named[0], True)  # 涉及物业问题的320件投诉: the noun after the figure names it
        headed = self._headed_kind(m)
        if headed is not None:
            return Choice(headed, True)  # 二、投诉分析 ⏎ （二）按类别分布 ⏎ 环境卫生类29件: its complaints
        return self._scope_lead(m) or DECIDED_NONE

    def _headed_kind(self, m: Mention) -> str | None:
        """The one kind of contact (投诉) the headings over a category's count name, where the
        nearest heading sorts them by category (分类, 类别, 类型): the count is of that kind."""
        titles = self.geo.titles_up(m.start)
        if not titles or not any(w in titles[0] for w in CATEGORY_HEADS):
            return None
        kinds = {
            k
            for title in titles
            for k in words_kpis(title)
            if k in self.lex.specific_service and k not in self.lex.channel_kpis  # (进线分类: a channel)
        }
        kind = kinds.pop() if len(kinds) == 1 else None
        return kind if kind is not None and self.lex.allows(kind, m.dimension, m.unit) else None

    def _per_head_before(self, lo: int, start: int) -> bool:
        """Whether a per-head word (人均, 万户) opens the words of the figure at start, with no figure
        between them: the figure is an average."""
        hits = self.cues.within(lo, start)
        for k, x in enumerate(hits):
            if (
                x.word in self.lex.per_head_words
                and k + 1 < len(hits)
                and hits[k + 1].start - x.end <= PER_HEAD_REACH
                and not self._ends_figure(x.start)
                and rfind_any(self.t, "0123456789", x.end, start) < 0
            ):
                return True
        return False

    def _mixed_kinds(self, lo: int, mark: int) -> bool:
        """Whether the words of a category before its 类 (lo to mark) name two kinds of service."""
        kinds: set[str] = set()
        for h in self.cues.within(lo, mark):
            if h.roles.none and not h.roles.kpis:
                kinds.add(h.word)  # (投诉、举报类: a kind with no KPI of its own is a kind all the same)
            kinds.update(
                k for k in h.roles.kpis if k in self.lex.specific_service and k not in self.lex.channel_kpis
            )
        return len(kinds) > 1

    def _service_after(self, mark: int, m: Mention) -> Choice | None:
        """The specific service the words between a category's mark and its figure name, or None."""
        for h in reversed(self.cues.within(mark, m.start)):
            for name in h.roles.kpis:
                if (
                    name in self.lex.specific_service
                    and name not in self.lex.channel_kpis  # (举报类来电: a topic's calls, no KPI)
                    and self.lex.allows(name, m.dimension, m.unit)
                ):
                    return Choice(name, True, cue=h.word)
        return None

    def _category_total(self, m: Mention, clo: int, mark: int) -> bool:
        """A total marker (共, 累计) before one category, and no 其中 before it in the sentence:
        the count is the whole the text reports, not a part of one (清理垃圾、修补路面等类工单:
        a few kinds picked out of all requests)."""
        if self.t.find("、", clo, mark) >= 0 or self.t[mark - 1 : mark] == "等":
            return False
        if not any(h.roles.total for h in self.cues.within(clo, mark)):
            return False
        return self.t.find("其中", self.geo.sentence(m.start, m.start)[0], m.start) < 0

    def _scope_lead(self, m: Mention) -> Choice | None:
        """全年客诉中，服务态度类12件，产品质量类30件: a sentence opened by the service its
        categories are of (…X中，) counts that service in each category's figure."""
        t = self.t
        slo = self.geo.sentence(m.start, m.end)[0]
        k = t.find("中", slo, min(m.start, slo + SCOPE_LEAD))
        if k <= slo or t[k + 1 : k + 2] not in SCOPE_ENDS or t[k - 1] == "其":
            return None
        return self._service_named(slo, k, m)

    def _service_named(self, lo: int, hi: int, m: Mention) -> Choice | None:
        """The last specific service (complaints, repairs …) the words in [lo, hi) name that m
        may count, or None."""
        lex = self.lex
        for h in reversed(self.cues.within(lo, hi)):
            for name in h.roles.kpis:
                if name in lex.specific_service and lex.allows(name, m.dimension, m.unit):
                    return Choice(name, True)
        return None

    def _verb_before(self, left: list[Hit], i: int) -> Hit | None:
        """The change verb right before the rate's name, hit i, or None; words between that
        name nothing a rate could be, only whose rate it is (提升业主满意度, 提高客户满意度), aside."""
        for j in range(i - 1, -1, -1):
            x = left[j]
            if x.roles.change and not x.roles.kpis and not x.roles.none:
                return x if left[i].start - x.end <= MODIFIER_REACH else None
            if x.roles.none or x.roles.target or x.roles.gap:
                return None
            if any(self.lex.allows(k, "percent", "%") for k in x.roles.kpis):
                return None
        return None

    def _list_item(self, m: Mention, slo: int, choice: Choice) -> Choice:
        """投诉量居前5位的为:甲人寿2210件…;乙人寿1873件: an item of a list that a ranking or a
        colon opens, after a lead naming service contacts, counts what the lead counts (a
        complaint list: complaints, 销售服务487件 a topic of them) unless its own words name a
        service (咨询类); the items of all requests are categories, and one that names none
        (区住建局284宗) has no KPI."""
        lex, t = self.lex, self.t
        if m.unit not in lex.contact_unit_set or choice.kpi == CHANGE:
            return choice  # (咨询29410件，比上年增加5006件: an item's change is no item)
        lead = self._once(self._leads, slo, self._lead_of)
        if lead is None or m.start < lead[0]:
            return choice
        at, kpi = lead
        if self._lead_aside(slo, at, m.start):
            return choice  # 收到投诉五件（主要是隔音和热水），表扬12次: the aside's list ended with it
        if self._bullet_below(at, m.start):
            return choice  # - 表扬：来电表扬6次；⏎- 质检抽检1,200通: the next bullet is its own item
        # the item's own words: after the last separator or line break, within a cue's reach
        # (a list set out line by line is one sentence: the items before it are not its words)
        reach = max(at, m.start - LEFT)
        lo = max(reach, rfind_any(t, ITEM_SEPS + "\n", reach, m.start) + 1)
        o = rfind_any(t, "(（", reach, lo)
        if o > reach and (
            # 来电量（通）：15,342，投诉量（件）：276: the bracket holds the label's unit
            t[lo - 1 : lo] in ")）"
            and not t[lo : m.start].strip(LABEL_GAP)
            # 咨询（寻人寻物、停车、活动）3120宗: the separators inside the bracket part no items
            or rfind_any(t, ")）", o, lo) < 0
            and find_any(t, ")）", lo, m.start) >= 0
        ):
            lo = max(
                reach, rfind_any(t, ITEM_SEPS + "\n", reach, o) + 1
            )  # (the item's words stand before it)
        keeps = lex.kpis[kpi].parts_keep_kpi  # (a complaint list: 维修服务215件 is a topic of them)
        if choice.found and choice.kpi in OPPOSED_KINDS.get(kpi, ()):
            return choice  # 客诉：收到表扬2次, 投诉9起，主要集中在…；获得表扬24次: praise is no topic of complaints
        if (
            keeps
            and t.endswith(RESPECTIVELY_LEADS, 0, at)
            and choice.kpi != kpi
            and choice.kpi in CONTACT_KINDS
        ):
            return choice  # 咨询和投诉合计500件，分别为投诉120件和咨询380件: each item its own kind
        own = self.cues.within(lo, m.start)
        if (
            choice.found
            and find_any(t, SEMICOLONS, at, lo) >= 0
            and any(h.roles.total and len(h.word) > 1 for h in own)
        ):
            return choice  # 投诉16起，主要是…不及时；器械报修共计九十多次: a sum of its own, past the list
        semi = find_any(t, SEMICOLONS, at, lo)
        if (
            choice.found
            and choice.kpi != kpi
            and choice.kpi in lex.specific_service
            and semi >= 0
            and self._end_before(semi) <= at
        ):
            # 意见建议420条，主要集中在餐饮、停车；观众投诉16件: the topics, no counts, ended at the
            # semicolon; a kind of its own after it (not 依次为：(1)物业1203件;(2)维修服务215件)
            return choice
        if (
            not keeps
            and choice.kpi in SALES
            and own
            and own[-1].roles.kpis
            and all(k in SALES for k in own[-1].roles.kpis)
        ):
            return DECIDED_NONE  # 诉求依次为：房屋质量及交付（4,107件）: a topic's word, no sale
        summed = False
        for h in own:
            gap = t[h.end : m.start].strip()
            if (
                gap
                and (
                    gap.removeprefix("类") in HEADING_ENDS
                    or gap[0] in HEADING_ENDS
                    and len(gap) <= LABEL_FILL
                )
                and choice.kpi in h.roles.kpis
            ):
                # 本月投诉：18件，咨询：52件, 咨询类:640件, 接听来电：一共 230 个: a label of its own, with
                # its colon
                return choice
            if (
                keeps
                and h.roles.none
                and not h.roles.kpis
                and (inside_topic(t, h.end, m.start) or h.word.endswith(lex.topic_ends))
            ):
                # 网点排队时间长（6笔）in a complaint list: a word inside the topic's name; 收费争议（97件）:
                # a dispute, the topic itself
                continue
            if (
                h.roles.none
                or "resolved" in h.roles.kpis  # (投诉处理：受理投诉37起，已解决35起: what became of them)
                or not keeps
                and any(lex.allows(k, m.dimension, m.unit) for k in h.roles.kpis)
            ):
                return choice  # the item says what it counts (咨询类73件, 补办IC卡427张)
            summed = summed or h.roles.total
        if not lex.allows(kpi, m.dimension, m.unit):
            return choice
        if (
            not keeps
            and (
                summed
                and self._sums_list(m, at)
                or (not t[at : m.start].strip() or PERIOD_RE.fullmatch(t[at : m.start].strip()))
                and t[at - 1 : at] in HEADING_ENDS  # (热线来电：全年约46万通: its period, then the figure)
                or t.endswith(RESPECTIVELY_LEADS, 0, at)
                and not t[max(lo, self._end_before(m.start)) : m.start].strip(LAST_ITEM_JOINS)
            )
        ):
            # 接听来电：42,318通: the label names the figure after its colon; 工单按区统计：…，共计845件:
            # the list's sum is what its lead counts; 来电量分别为1,320个、1,186个: figures with no
            # words of their own are of what the lead names
            return Choice(kpi, True)
        return Choice(kpi if keeps else None, True)

    def _bullet_below(self, at: int, start: int) -> bool:
        """Whether ``start`` is on a bullet line below the bullet line of a list's lead at ``at``
        (lines set out one by one are one sentence: a lead leads the items of its own line)."""
        geo = self.geo
        line = geo.line_start(start)
        if line <= at:
            return False
        lead_line = geo.line_start(at)
        return self._opens_bullet(line) and self._opens_bullet(lead_line)

    def _opens_bullet(self, lo: int) -> bool:
        """Whether the text at ``lo``, past its spaces, opens on a bullet (•, -, ■ …)."""
        at = skip_ws(self.t, lo)
        return self.t[at : at + 1] in BULLETS

    def _lead_aside(self, slo: int, at: int, start: int) -> bool:
        """Whether a list's lead at ``at`` stands in a bracket that closes before ``start``."""
        return self._in_brackets(max(slo, at - LEFT), at) and find_any(self.t, ")）", at, start) >= 0

    def _end_before(self, start: int) -> int:
        """Where the last figure before ``start`` ends (0 if none)."""
        ends = self._ends()
        k = bisect_left(ends, start + 1) - 1
        return ends[k] if k >= 0 else 0

    def _sums_list(self, m: Mention, at: int) -> bool:
        """城东区318件，城西区290件，高新区237件，共计845件: the figures of the list since ``at`` (two
        or more, in m's measure word) add up to m (not 防疫类诉求,共329件: a kind's own count)."""
        ends = self._ends()
        lo, hi = bisect_left(ends, at + 1), bisect_left(ends, m.start)
        if hi - lo > MAX_LISTED:
            return False  # (a run of figures too long to be one list's items: no sum is sought)
        items = [x for x in self._mentions[lo:hi] if x.unit == m.unit]
        return len(items) > 1 and adds_up(m, items)

    def _lead_of(self, slo: int):
        """(where the list starts, the service KPI its lead names) for the sentence at slo, or None."""
        shi = self.geo.sentence(slo, slo + 1)[1]
        mk = LIST_LEAD_RE.search(self.t, slo, shi)
        while mk is not None and mk.group() in "：:" and self._bracketed_colon(slo, mk.start(), shi):
            # 热线（电话：8765 4321）全季…, 报修分类（单位：单）：: a colon inside an aside leads no list
            mk = LIST_LEAD_RE.search(self.t, mk.end(), shi)
        if mk is None:
            return None
        if mk.group() not in "：:":
            clo = self.geo.clause(mk.start(), mk.start())[0]
        else:  # (a colon ends the clause that leads in)
            clo = self.geo.clause(mk.start() - 1, mk.start() - 1)[0] if mk.start() > slo else slo
        # (a lead sorting by kind holds its own words: 按投诉类别统计，)
        words_end = mk.end() - 1 if mk.group()[-1] in "，," else mk.start()
        hits = self.cues.within(max(clo, mk.start() - LEFT), words_end)
        if not hits and clo > slo + 1:
            # 共受理投诉86件，主要集中在：the lead's clause names nothing, the one before does
            plo = self.geo.clause(clo - 2, clo - 2)[0]
            hits = self.cues.within(max(plo, clo - LEFT), clo - 1)
            if (
                hits
                and plo > slo + 1
                and all(h.roles.change and not h.roles.kpis for h in hits)
                # (…；意见建议43件: the list ended before the line did)
                and find_any(self.t, SEMICOLONS, mk.end(), min(self.geo.line_end(mk.end()), shi) - 1) < 0
            ):
                # 受理投诉318件，同比下降22.3%，主要涉及…: past the count's change, to the count
                hits = self.cues.within(max(self.geo.clause(plo - 2, plo - 2)[0], plo - LEFT), plo - 1)
        elif (
            not hits
            and slo > 1
            # (主要是…, 前三位是…: kinds of the sentence before)
            and (mk.group().startswith(SELECTION_MARK) or RANKING_RE.fullmatch(mk.group()) is not None)
            and mk.start() == skip_ws(self.t, slo)
        ):
            # 投诉38件，较去年…下降26.9%。主要是停车（14件）…: the first clause of the sentence before
            plo = self.geo.sentence(slo - 2, slo - 2)[0]
            hits = self.cues.within(plo, min(self.geo.clause(plo, plo)[1], plo + LEFT))
        for j in range(len(hits) - 1, -1, -1):
            h = hits[j]
            for k in h.roles.kpis:
                if k in self.lex.service_family:
                    if k == "service_requests" and j and self.t[hits[j - 1].end : h.start] in ("", "类"):
                        # 报修工单：一月412件…, 投诉类工单:: the word before the tickets' says what kind
                        k = next((x for x in hits[j - 1].roles.kpis if x in self.lex.specific_service), k)
                    elif j and self._joined_services(hits[j - 1], h, k):
                        k = "service_requests"  # 来电来访及线上咨询7,236件，其中：contacts of every kind
                    elif (
                        not j
                        and h.start > clo + 1
                        and self.t[h.start - 1] in "及和与、"
                        and is_han(self.t[h.start - 2])
                        and self.t[h.start - 2] not in CN_DIGITS  # (二、投诉: an item number)
                    ):
                        return (
                            None  # 热线及投诉：客服热线全年受理来电…: a heading of two topics, no list of one
                        )
                    return mk.end(), k
            if h.roles.kpis or h.roles.none:
                return None
        if hits:
            return None
        if mk.group() not in "：:" and mk.group()[-1] not in "，,":
            # 排名前五的诉求依次为：物业管理（6,218件）: the ranking's noun stands after it, up to its colon
            colon = find_any(self.t, "：:", mk.end(), min(shi, mk.end() + RANKED_NOUN_REACH))
            if colon >= 0:
                ranked = self._last_service(self.cues.within(mk.end(), colon))
                return None if ranked is None else (colon + 1, ranked)
        elif mk.group()[-1] in "，," and slo == clo and slo > 0:
            # 按问题分，前三位依次是网络覆盖（2,683件）: what the sentence before counted, sorted anew
            resorted = self._last_service(self.cues.within(max(0, slo - LEFT), slo))
            return None if resorted is None else (mk.end(), resorted)
        return None

    def _bracketed_colon(self, slo: int, at: int, shi: int) -> bool:
        """Whether the colon at ``at`` stands inside brackets that close before the sentence ends."""
        return self._in_brackets(max(slo, at - ASIDE_REACH), at) and (
            find_any(self.t, "）)", at, min(shi, at + ASIDE_REACH)) >= 0
        )

    def _last_service(self, hits: list[Hit]) -> str | None:
        """The service the last of these words naming a KPI names (None if it names another)."""
        for h in reversed(hits):
            if h.roles.kpis or h.roles.none:
                return next((k for k in h.roles.kpis if k in self.lex.service_family), None)
        return None

    def _joined_services(self, prev: Hit, h: Hit, kpi: str) -> bool:
        """Whether h (a kind of contact) is joined to a word for another (来电来访及线上咨询): the
        lead counts them together."""
        gap = self.t[prev.end : h.start]
        return gap.startswith(LIST_JOINS) and len(gap) <= JOINED_GAP and self._other_contact(prev, kpi)

    def _other_contact(self, hit: Hit, kpi: str | None) -> bool:
        """Whether a word names a kind of contact other than ``kpi`` (any, for None): one of the
        service family's, or one with no KPI of its own (住户求助及查询5,128宗)."""
        return hit.word in self.lex.unnamed_contacts or any(
            x in self.lex.service_family and x != kpi for x in hit.roles.kpis
        )

    def _ranked_topic(self, m: Mention, clo: int, choice: Choice) -> Choice:
        """“占道停车”居市民诉求首位，诉求量共482件: a sentence that opens on a quoted topic and
        ranks it counts that topic, a category (no KPI) unless a specific service is named."""
        if choice.kpi not in (None, "service_requests"):
            return choice
        slo, _ = self.geo.sentence(clo, clo)
        if slo >= clo or RANKED_TOPIC_RE.match(self.t, slo, clo) is None:
            return choice
        return DECIDED_NONE

    def _topic_modifier(self, clo: int, start: int):
        """Where 的 ends a topic modifier of the figure's noun (反映停水停电的工单33件), or -1."""
        t = self.t
        de = t.rfind("的", clo, start)
        etc = t.rfind("等", clo, start)
        # (涉及楼道堆物、宠物扰民等来电86件: topics listed, not kinds of service: 投诉、咨询等各类诉求)
        listed = (
            etc > de
            and t.find("、", clo, etc) >= 0
            and not any(
                k in self.lex.specific_service for h in self.cues.within(clo, etc) for k in h.roles.kpis
            )
        )
        if listed:
            de = etc
        if de < 0 or start - de > NOUN_REACH or not any(w in t[clo:de] for w in self.lex.topic_words):
            return -1  # (…投诉电话的投诉、举报、咨询共1933件: the 的 modifies no noun of the figure)
        noun = self.cues.within(de + 1, start)
        generic = {"service_requests", *self.lex.channel_kpis} if listed else {"service_requests"}
        return de if all(set(h.roles.kpis) <= generic for h in noun) else -1

    def _heading(self, m: Mention, clo: int) -> Choice | None:
        """各季度满意度：第一季度90.2%: a figure with no cue takes the KPI its colon heading names;
        a line 东区:93% under a heading line 满意度分区域: (its item lines between) takes the
        heading line's."""
        t = self.t
        if clo > 0 and t[clo - 1] == "\n":
            return self._heading_line_above(m, clo)
        if clo > 0 and t[clo - 1] in " \t\u3000":
            # (羽绒服  215件   约41万元: a gap parted the figure's clause from its item line's name)
            ls = self.geo.line_start(clo)
            return self._heading_line_above(m, ls) if 0 < ls and self._item_line_at(ls, m.end) else None
        if clo > 0 and t[clo - 1] in SEMICOLONS:
            return self._heading_of_items(m, clo, SEMICOLONS)
        if clo > 0 and t[clo - 1] in ITEM_COMMAS and m.dimension == "percent":
            return self._heading_of_items(m, clo, ITEM_COMMAS)  # 各专项满意率：客服91.2%，工程维修85.6%
        if clo == 0 or t[clo - 1] not in HEADING_ENDS:
            return None
        hlo, _ = self.geo.clause(clo - 1, clo - 1)
        choice = self._named_by(m, hlo, clo - 1)
        if choice is not None or self.geo.line_start(hlo) != hlo:
            return choice
        # an item line: up the lines of like items to the heading line that ends in a colon
        line_end = hlo - 1
        for _ in range(HEADING_LINES):
            if line_end <= 0:
                return None
            line_start = self.geo.line_start(line_end)
            line = t[line_start:line_end].rstrip()
            if line.endswith(tuple(HEADING_ENDS)):
                # (its last clause: 运营能力稳步提升,下面是现场运营类指标: names the items, not 提升)
                colon = line_start + len(line) - 1
                return self._named_by(m, max(line_start, self.geo.clause(colon - 1, colon - 1)[0]), colon)
            if not any(c in HEADING_ENDS for c in line):
                if m.start != skip_ws(t, clo) or any(c.isdigit() for c in PERIOD_RE.sub("", line)):
                    # (not an item line: the block has ended; - 投诉 96单 above 合计：3,766单 is an
                    # item with its figure, no title)
                    return None
                # the line above a block of items each a label and its figure: a title that
                # names them (2023年各品类销售额同比变化⏎家电:-12.8%⏎服装:-7.5%), or prose
                named = self._named_by(m, line_start, line_start + len(line.rstrip()))
                if self._ranks_topics(named, line):
                    return DECIDED_NONE  # 热点诉求排行⏎1．噪音扰民：312件: topics ranked, categories
                return named
            line_end = line_start - 1
        return None

    def _heading_of_items(self, m: Mention, clo: int, seps: str) -> Choice | None:
        """销售额排名：1、万象城店128.6万元；2、海岸城店97.3万元: an item after a semicolon, in a run of
        items each ending in a semicolon, takes the colon heading of the run's first, where the
        item's words are a name and no word of the lexicon that could name the figure (城镇新增
        就业1100万人: a statement; 工程维修85.6% under 满意率：, a rate no repair count is); so does
        a rate after a comma in a run of rates (各专项满意率：客服91.2%，工程维修85.6%)."""
        t, lo = self.t, clo
        rates = seps == ITEM_COMMAS  # (a run of rates: a word that cannot name a rate is the item's name)
        if m.start - clo > ITEM_NAME or any(
            not rates or h.roles.none or any(self.lex.allows(k, m.dimension, m.unit) for k in h.roles.kpis)
            for h in self.cues.within(clo, m.start)
        ):
            return None
        for _ in range(HEADING_LINES):
            plo, _ = self.geo.clause(lo - 2, lo - 2)  # the item before the semicolon
            if plo == 0 or plo >= lo - 1:
                return None
            if t[plo - 1] in HEADING_ENDS:
                hlo, _ = self.geo.clause(plo - 1, plo - 1)
                return self._named_by(m, hlo, plo - 1)
            if t[plo - 1] not in seps:
                return None
            lo = plo
        return None

    def _heading_line_above(self, m: Mention, clo: int) -> Choice | None:
        """产品销售额:⏎• 总额3.6亿元⏎• 理财产品2.1亿元: a line opening on the figure's clause, right
        under a heading line that ends in a colon or under bullet lines that do, takes its KPI."""
        t = self.t
        line_end = clo - 1
        own_bullet = self._opens_bullet(clo)
        # (肉松小贝  5,860个: a name, spaces, a figure of a count or a sum; a share beside it is no item's)
        own_item = m.dimension != "percent" and self._item_line_at(clo, m.end)
        walked = False
        for _ in range(HEADING_LINES):
            while line_end > 0 and t[line_end - 1] in "\n \t\u3000":
                line_end -= 1  # (blank lines between)
            if line_end <= 0:
                return None
            line_start = self.geo.line_start(line_end)
            line = t[line_start:line_end]
            if line.endswith(tuple(HEADING_ENDS)):
                if (walked or line.endswith(PARTS_COLONS)) and line_end - line_start > ITEM_TITLE:
                    # (…完成年度目标（11,000台次）的107.7%。其中：⏎ 保养 6,932台次: prose, no title; its
                    # items are parts of the figure it stated)
                    return None
                # (全年工单21,530个，同比增长17.2%。按类型：: the colon's own clause titles the items)
                at = max(line_start, line_end - 2)
                return self._titled(m, own_item, max(line_start, self.geo.clause(at, at)[0]), line_end - 1)
            if own_item and self._item_line_at(line_start, line_end):
                line_end, walked = line_start - 1, True  # (产品销量前五：⏎吐司  3,420条⏎肉松小贝  5,860个)
                continue
            if own_item and TITLE_LINE_RE.fullmatch(t, line_start, line_end) is not None:
                return self._titled(m, own_item, line_start, line_end)  # (二、畅销款⏎1. 羽绒服  215件)
            if not own_bullet or not self._opens_bullet(line_start):
                return None  # (only bullet items reach up past other items)
            line_end = line_start - 1
        return None

    def _titled(self, m: Mention, own_item: bool, lo: int, hi: int) -> Choice | None:
        """The KPI a title in [lo, hi) names for m; on an item line, money beside the goods a
        title says were sold is what they sold for (畅销款：⏎羽绒服  215件  约41万元)."""
        lo = max(lo, hi - LEFT)  # (a title's last words: a long line is read no further back, linear)
        by = self.t.rfind("按", lo, hi)  # (置业顾问排名（按认购套数）: ranked by what it names)
        named = self._named_by(m, by + 1 if by >= 0 and own_item else lo, hi)
        if self._ranks_topics(named, self.t[lo:hi]):
            return DECIDED_NONE  # (进线问题分类⏎费用争议   2.46万次: categories of what came in)
        if named is None and own_item and m.dimension == "currency":
            goods = self._label_names("count", "件", lo, hi)
            if goods is not None and goods.kpi == "units_sold":
                return Choice("sales_value", True)
        return named

    def _item_line_at(self, lo: int, hi: int) -> bool:
        """Whether the line from ``lo`` is an item line (a short name, a gap, a figure), perhaps
        after an item number."""
        no = ITEM_NO_RE.match(self.t, lo, hi)
        return ITEM_LINE_RE.match(self.t, lo if no is None else no.end(), hi) is not None

    def _lead_or_lag(self, m: Mention, clo: int) -> bool:
        """较线下渠道零售额多9亿元, 比四月份多了十一台: 多/少 right before the figure (or 多了, but
        for a percentage: 比前年多了三成 is a growth), 较 or 比 earlier in the clause, and the 多/少
        ending no change word (较上年减少4.5% is a change)."""
        t = self.t
        end = m.start - 1 if t[m.start - 1 : m.start] == "了" and m.dimension != "percent" else m.start
        if end <= clo + 1:
            return False
        if t[end - 1] not in GAP_ENDS:
            # 比二季度多接修286台: a verb of the KPI between (not 占比多达35%: emphasis; 多了三成 is growth)
            k = max(rfind_any(t, GAP_END_CHARS, max(clo, end - 1 - GAP_VERB), end - 1), clo)
            if (
                m.dimension == "percent"
                or t[k] not in GAP_ENDS
                or t[k + 1] in GAP_VERB_NOT
                or not all(map(is_han, t[k + 1 : end]))
            ):
                return False
        before = t[max(clo, m.start - LEFT) : m.start]
        if "较" not in before and "比" not in before:
            return False
        if m.dimension == "percent" and self._past_period_gap(m, clo) is not None:
            return False  # (較去年4,755宗多約9%: more than a period's figure, a change)
        # (较前年少9%: the change word may hold the period compared with; 减少了300套 is one too)
        return not any(
            h.end == end and h.roles.change for h in self.cues.within(max(clo, m.start - 8), m.start)
        )

    def _period_compared(self, lo: int, end: int) -> bool:
        """Whether 较 or 比 followed by an earlier period (去年, 上月, 同期 …) opens the clause part
        in [lo, end): 比去年5月的72.5%高出…, 较去年同期落后…"""
        t, bases = self.t, self.lex.comparison_bases
        return any(t.startswith(bases, k + 1) for k in positions(t, COMPARING, lo, end))

    @staticmethod
    def _compared(left: list[Hit], i: int):
        """同比增长达到8%: a comparison with the same period before the change word at i."""
        return any(x.word in PERIOD_COMPARISONS for x in left[:i])

    def _outside_asides(self, hits: list[Hit], lo: int, start: int):
        """The hits not inside a bracket opened and closed in [lo, start)."""
        t, spans = self.t, []
        for close in (")", "）"):
            c = t.find(close, lo, start)
            while c >= 0:
                o = rfind_any(t, "(（", lo, c)
                if o >= 0:
                    spans.append((o, c))
                c = t.find(close, c + 1, start)
        if not spans:
            return hits
        return [h for h in hits if not any(o < h.start and h.end <= c for o, c in spans)]

    def _growth_level(self, left: list[Hit], i: int) -> Choice | None:
        """增速回落至0.9%, 从一季度增长5.2%降为1.4%: the level a growth rate reaches is a growth
        rate, when the change is named by its size (增速, 涨幅) or was given as a rate before."""
        t = self.t
        for x in reversed(left[:i]):  # (the nearest: 同比增8.6% 累计降幅收窄至3%以内 falls)
            if x.roles.none and not x.roles.change:
                return None  # 同比增长4.1% 毛利率提升0.8个百分点至47.5%: a rate's level is no growth
            if x.roles.kpis and not x.roles.change:
                return None  # 解决率提高到86%、满意率提高到90%: another measure named since that change
            if not x.roles.change or x.roles.kpis:
                continue
            if (
                x.word[-1] in MAGNITUDE_ENDS
                or "%" in t[x.end : left[i].start]
                or x.end == left[i].start
                and x.word in GROWTH_NOUNS
            ):
                # (同店销售增长提升至17.2%: the growth itself is what rose)
                return Choice("growth_rate", True, x.roles.down)
        return None

    def _change_before(
        self, m: Mention | Placeholder, slo: int, clo: int, before: Mention | None
    ) -> Choice | None:
        """投诉量增幅较大，达6.2%; 满意度较高，达98%: a rate whose clause holds only the verb that
        reaches it takes what the clause before names, where that clause gives no figure."""
        t = self.t
        if clo <= slo or m.start - clo > SPLIT_VERB_REACH:
            return None  # (the verb is a few characters: a long clause is never read whole here)
        verb = t[clo : m.start].strip()
        if verb.startswith(SPLIT_PERIODS):
            verb = verb[2:]
        if verb not in SPLIT_LEVEL_VERBS:
            return None
        colon = clo - 1
        plo, _ = self.geo.clause(colon, colon)
        if (
            before is not None
            and before.end > plo
            and (before.kpi is not None or before.unit not in PLACE_UNITS)
            and not (
                (before.kpi == "growth_rate" or before.change)
                and (m.dimension != "percent" or before.unit == "pp")
            )
        ):
            # (投诉量同比上升23.6%，达到1,478件, 会员净增86万人，达到1,024万人, 满意度提升1.6个百分点，
            # 达到94.1%: a change is no figure of the kind; its level follows)
            return None  # (the clause before has a figure of its own; 两个新品牌… counts what it is about)
        plo = max(plo, colon - LEFT)  # (its words near the comma, as every window here)
        hits = self.cues.within(plo, colon)
        if any(w in t[plo:colon] for w in UNCHANGED_WORDS):
            # 汤圆销售额与去年持平，为86万元: the level of what the clause names (退货率…持平，为3.1%: none)
            return self._last_named(hits, m, stop_at_target=False) or DECIDED_NONE
        said = self.choose(m.dimension, m.unit, plo, colon, colon, colon)
        if said.found and said.kpi is None and said.cue != LEVEL:
            return DECIDED_NONE  # 会员消费占比与上年持平，为46%: what the clause before names is no KPI
        if not said.found or said.kpi in (None, CHANGE):
            # 销量回升，单月达到5,000台: the level of what rose (the change word names no count)
            return None if m.dimension == "percent" else self._last_named(hits, m, stop_at_target=True)
        if said.kpi != "growth_rate" or any(h.roles.change and h.word[-1] in MAGNITUDE_ENDS for h in hits):
            return said  # (增幅较大: the size of the change)
        # 出租率稳步上升，达到78.2%: a rate that rose reaches a level (of the rate named, if any)
        rate = next((k for h in hits for k in h.roles.kpis if self.lex.allows(k, m.dimension, m.unit)), None)
        if rate is not None:
            return Choice(rate, True)
        named = t[plo:colon]  # 投诉占比上升，达58%: the level of a share, no change
        return DECIDED_NONE if any(w in named for w in RATE_NOUNS) else said

    def _share_amount(self, m: Mention, share: Mention, clo: int) -> Choice | None:
        """销售额占比达21%（1890万元）: an amount in brackets right after a share is the share's
        own figure, named by what stands before the share word (or by nothing: the total's KPI
        may then come to it as a part)."""
        t = self.t
        if t[share.end] not in "（(":
            return None
        lo = max(clo, share.start - SHARE_WORD_REACH)
        at = max(t.rfind(w, lo, share.start) for w in SHARE_WORDS)
        if at < 0:
            return None
        named = self.choose(m.dimension, m.unit, max(clo, at - LEFT), at, at, at)
        return named if named.found and named.kpi not in (None, CHANGE) else NOTHING

    def _last_named(self, hits: list[Hit], m: Mention | Placeholder, stop_at_target) -> Choice | None:
        """The KPI the last of ``hits`` that names one for m names; a word naming no KPI (or, with
        ``stop_at_target``, a target word) before it ends the search."""
        for h in reversed(hits):
            if h.roles.none or stop_at_target and h.roles.target:
                return None
            for k in h.roles.kpis:
                if self.lex.allows(k, m.dimension, m.unit):
                    return Choice(k, True)
        return None

    def _ranks_topics(self, named: Choice | None, title: str) -> bool:
        """Whether a title that names all contacts or calls ranks or sorts topics (热点诉求排行,
        进线问题分类): the figures under it count categories, not contacts of a kind."""
        return (
            named is not None and named.kpi in TOPIC_TOTALS and any(w in title for w in self.lex.topic_heads)
        )

    def _named_by(self, m: Mention, lo: int, colon) -> Choice | None:
        """The KPI the words before a heading's colon at ``colon`` name for m, if any."""
        return self._label_names(m.dimension, m.unit, lo, colon)

    def _label_names(self, dimension: str, unit: str | None, lo: int, colon: int) -> Choice | None:
        """The KPI the words in [lo, colon) before a colon name for a figure or blank of that
        dimension and unit, if any."""
        choice = self.choose(dimension, unit, max(lo, colon - LEFT), colon, colon, colon)
        return choice if choice.found and choice.kpi not in (None, CHANGE) else None

    def _staff_move(
        self,
        name: str,
        dimension: str,
        unit: str | None,
        lo: int,
        hi: int,
        hired_before: int = -1,
        end: int = -1,
    ):
        """新进员工12名, 4名业务员相继离职, 新增营销员24人: a hire or a departure in the clause
        beats headcount; so does a hire word (新增) right before a team word, or right before
        ``hired_before`` (the figure, where its team word follows it). A bracket opened after
        the figure (``end``) is an aside: 由26人减到23人（3人离职） names its own figure only."""
        if name != "headcount":
            return name
        hire_words, t = self.lex.hire_words, self.t
        if end >= 0:
            aside = find_any(t, "（(", end, hi)
            hi = aside if aside >= 0 else hi
            if t.startswith(WHOLE_OF_PART, end):
                hi = end  # (团队7人中有3人是新人: the hire word after is said of the part)
        if (
            hired_before >= 0
            and t.endswith(hire_words, lo, hired_before)
            and self.lex.allows("staff_hired", dimension, unit)
        ):
            return "staff_hired"
        # (新进员工98人、离职员工117人: its own list item's move first; 增聘讲解员、保洁员七八十人: the list's)
        item = t.rfind("、", lo, end) + 1 if end >= 0 else 0
        for h in self.cues.within(item, hi) if item > lo else ():
            for k in h.roles.kpis + h.roles.after:
                if k in STAFF_MOVES and self.lex.allows(k, dimension, unit):
                    return k
        for h in self.cues.within(lo, hi):
            for k in h.roles.kpis + h.roles.after:
                if k in STAFF_MOVES and self.lex.allows(k, dimension, unit):
                    return k
                if (
                    k == "headcount"
                    and t.endswith(hire_words, lo, h.start)
                    and self.lex.allows("staff_hired", dimension, unit)
                ):
                    return "staff_hired"
        return name

    def _specific(self, left: list[Hit], i: int, dimension: str, unit: str | None):
        """维修服务量 740件, 解决群众诉求1700余万件: a generic service noun after a specific word
        (at most SPECIFIC_REACH characters before it) names the specific."""
        j = i - 1
        if j < 0 or not 0 <= left[i].start - left[j].end <= SPECIFIC_REACH:
            return None  # (已办理业务: a gap cue overlapping the word before it is a reading of its own)
        near = left[i].start == left[j].end  # 来电受理: a channel names the count only when it touches
        if self._coordinated(left, j):
            return None  # 受理投诉、咨询等各类诉求: several services before it, all requests
        return next(
            (
                k
                for k in left[j].roles.kpis
                if k in self.lex.specific_service
                and (near or k not in self.lex.channel_kpis)
                and self.lex.allows(k, dimension, unit)
                # (客户服务请求4,862个: whose the requests are, counted as requests; 客户接待300人: people)
                and not (k == "customers" and unit in THING_CONTACT_UNITS)
            ),
            None,
        )

    def _counted_after(self, dimension: str, unit: str | None, end: int, hi: int):
        """客服人员一天接到2400个左右…的电话: staff before a count of 个 are who did the work; the
        service noun after the figure, in its item, is what was counted."""
        named = None
        for h in self.cues.within(end, item_end(self.t, end, hi)):
            for k in h.roles.after:
                if k in self.lex.service_family and k != "customers" and self.lex.allows(k, dimension, unit):
                    named = k
        return named

    def _rate_before_share(self, rate, share: Hit, dimension: str, unit: str | None) -> Choice | None:
        """满意率仅占41%, 满意率占到76%: a rate's own word right before 占 names the figure."""
        if self.t[rate.end : share.start] not in SHARE_ADVERBS or not rate.word.endswith(RATE_WORD_ENDS):
            return None
        name = next((k for k in rate.roles.kpis if self.lex.allows(k, dimension, unit)), None)
        return Choice(name, True) if name is not None else None

    def _changed_noun(self, left: list[Hit], i: int, start: int):
        """降低单车维修成本6.5%: a change word, a few characters of modifier, the noun it changes
        (left[i]), then the rate right after it: by how much that noun changed. The change hit,
        or None."""
        t, noun = self.t, left[i]
        if i == 0 or t[noun.end : start].strip():
            return None
        for change in reversed(left[max(0, i - 3) : i]):
            between = t[change.end : noun.start]
            if len(between) > CHANGED_NOUN_REACH or "的" in between or not all(map(is_han, between)):
                return None  # (增长极（合计占比27%）: not one noun phrase)
            if change.roles.change:
                # (a verb, not 增 of 增值服务占比28%; a change, not a gap or a named rate)
                ok = len(change.word) > 1 and not change.roles.kpis and not change.roles.gap
                return change if ok else None
        return None

    def _how_often(self, end: int, hi: int) -> bool:
        """三次投诉的办结率, 三次及三次以上投诉的: a count of times right before a service noun and
        its 的 (perhaps after 及… naming more such counts) says how often, not how many."""
        t = self.t
        p = end
        if t.startswith("及", p):
            q = t.find("以上", p, min(hi, p + TIMES_JOIN))
            if q < 0:
                return False
            p = q + 2
        for h in self.cues.within(p, min(hi, p + TIMES_JOIN)):
            if h.start != p:
                return False
            if not any(k in self.lex.service_family for k in h.roles.after):
                return False
            return t.startswith("的", h.end)
        return False

    def _change_noun_after(self, end: int, hi: int):
        """客单价录得2.6%的跌幅, 出现4.1%的下滑: the change named after the rate, through its 的."""
        if not self.t.startswith("的", end):
            return None  # (占比从35%提升至42%: a level the change starts from, not its size)
        p = end + 1
        for h in self.cues.within(p, min(hi, p + 4)):
            ok = h.start == p and h.roles.change and not h.roles.kpis and not h.roles.gap
            return h if ok else None
        return None

    def _customers_after(self, end: int, hi: int) -> bool:
        """Whether the noun right after a count of people names customers (1400多名乘客)."""
        return "customers" in self._after_at(end, hi)

    def _after_at(self, pos: int, hi: int) -> list[str]:
        """The KPIs that the words starting at pos name for a figure written right before them
        (1400多名乘客, 门店销售额, 问题已解决)."""
        return [
            k for h in self.cues.within(pos, min(hi, pos + RIGHT)) if h.start == pos for k in h.roles.after
        ]

    def _typed_channel(self, left: list[Hit], i: int, dimension: str, unit: str | None):
        """报修电话57个, 咨询电话126个: a service word right before the channel word names what
        the calls were about, and that is the count's KPI (not 投诉、咨询电话: several, all calls;
        not 用户来电: who called)."""
        j = i - 1
        if self._coordinated(left, j):
            return None
        if self.t.find(DIAL, max(0, left[j].start - DIAL_REACH), left[j].start) >= 0:
            return None  # 拨打联系维修电话18740次: calls made to reach repairs, calls all the same
        return next(
            (
                k
                for k in left[j].roles.kpis
                if k in self.lex.specific_service
                and k not in self.lex.channel_kpis
                and k not in CALLERS_AND_OUTCOMES
                and self.lex.allows(k, dimension, unit)
            ),
            None,
        )

    def _intake(self, name: str, h: Hit, start: int):
        """共受理群众来电(留言)9230件: a channel counted with another channel is all requests."""
        if name not in self.lex.channel_kpis:
            return name
        between = self.t[h.end : start]
        return "service_requests" if any(w in between for w in self.lex.other_channels) else name

    def _joined_next(self, hits: list[Hit], i: int) -> bool:
        """Whether the hit after hits[i] is another service joined to it (投诉和建议)."""
        return i + 1 < len(hits) and self._coordinated(hits, i + 1)

    def _coordinated(self, left: list[Hit], i: int) -> bool:
        """来访和咨询, 投诉、举报、咨询: service categories joined by 和/、 make a total."""
        h = left[i]
        for j in range(i - 1, -1, -1):
            prev = left[j]
            if h.start - prev.end > COORD_REACH:
                return False
            if self._other_contact(prev, None):
                if prev.roles.kpis == h.roles.kpis:
                    return False  # 表扬/锦旗7次: two words for one kind, not several kinds
                between = self.t[prev.end : h.start]
                if not between:  # 投诉举报咨询6238件: services written together (来电咨询: a channel's)
                    kinds = CONTACT_KINDS - self.lex.channel_kpis
                    a, b = set(prev.roles.kpis) & kinds, set(h.roles.kpis) & kinds
                    return bool(a) and bool(b) and a != b
                if prev.word == PHONE_NOUN and between.endswith(self.lex.other_channels):
                    # 电话及网上表扬二百余次: praise by phone and on the web, one kind (来电及在线咨询: calls
                    # received, a contact of their own, and inquiries)
                    return False
                return (
                    # (a join right after the first kind or right before the second: 来访和咨询,
                    # 来电来访及线上咨询, 受理游客求助、咨询; not 受理企业和群众投诉, where it
                    # joins who complained)
                    (between.startswith(self.lex.coordinators) or between.endswith(self.lex.coordinators))
                    and not any(c in between for c in "，,。；;")
                    # 咨询31件、报修 (or 报修X个、咨询, a blank): two items, not two nouns of one count
                    and not any(c.isdigit() or c in CN_CHARS or c in BLANK_MARKS for c in between)
                )
        return False

    def _ends_figure(self, at: int) -> bool:
        """Whether a figure ends right before ``at`` (its line broken after it or not): a word
        there that opens with a scale (万户, 百户, 万人次) is that figure's unit (3.12⏎万户, 一千七百户)."""
        t = self.t
        p = at - 1
        while p >= 0 and t[p] in "\n\r":
            p -= 1
        return p >= 0 and (t[p].isdigit() or t[p] in CN_DIGITS or t[p] == "十")  # (百万人均: per million)

    def _noun_of_figure_before(self, lo: int, h: Hit) -> bool:
        """Whether the word h follows another figure and its 的, and is a noun that names such a
        figure after it (1.86亿元的全网成交总额): that figure's noun, not the next one's."""
        t = self.t
        d = t.rfind("的", max(lo, h.start - OF_NOUN_REACH - 1), h.start)
        if d <= lo or not h.roles.after or any(c in PUNCT for c in t[d + 1 : h.start]):
            return False
        ends = self._ends()
        i = bisect_left(ends, d)
        if i == len(ends) or ends[i] != d:
            return False
        m = self._mentions[i]
        return any(self.lex.allows(k, m.dimension, m.unit) for k in h.roles.after)

    def _kinds_listed(self, left: list[Hit], i: int) -> int:
        """How many kinds of service the words joined to left[i] by 、/和 before it name."""
        kinds: set[str] = set()
        for j in range(i - 1, -1, -1):
            between = self.t[left[j].end : left[j + 1].start]
            if len(between) > COORD_REACH or between and between not in self.lex.coordinators:
                break
            kinds.update(k for k in left[j].roles.kpis if k in CONTACT_KINDS)
        return len(kinds)

    def _other_bucket(self, lo: int, start: int) -> bool:
        """表扬、求助、意见等其他诉求96件: a bucket of the other categories names none of them (but
        铁路等其他投诉3件 counts complaints: the bucket's own noun names one service)."""
        t = self.t
        at = max(t.rfind(w, lo, start) for w in OTHER_BUCKETS)
        if at < 0:
            return False
        own = self.cues.within(at + len(OTHER_BUCKETS[0]), start)
        return not any(k in self.lex.specific_service for h in own for k in h.roles.kpis)

    def _another_category(self, m: Mention, prev: Mention | None) -> bool:
        """In a list whose items named two services or more, an item of service contacts that
        names nothing itself (噪音扰民31件) is another category, not the one before it (after
        其中 it is a part of that one: 意见建议213条，其中被采纳的31条)."""
        if (
            prev is None
            or m.unit not in self.lex.contact_unit_set
            or prev.unit not in self.lex.contact_unit_set
            or self.t.find("其中", prev.end, m.start) >= 0
            or find_any(self.t, "（(", prev.end, m.start) >= 0  # 投诉24件（7月11件、…）: its parts
        ):
            return False
        return not any(h.roles.kpis for h in self.cues.within(prev.end, m.start))

    def _respective(self, m: Mention, clo: int, turns: dict[int, int]) -> Choice | None:
        """投诉和咨询分别为12件和30件, 产量和销量分别为…: after 分别, the k-th figure of a kind
        takes the k-th word that names something before it (a none-cue names no KPI)."""
        if not self._any_respectively:
            return None
        found = self._once(self._respectively, clo, self._names_in_turn)
        if found is None or m.start < found[0]:
            return None
        names = found[1]
        k = turns.get(clo, 0)
        turns[clo] = k + 1
        if k >= len(names):
            return None
        if any(
            self.lex.allows(x, m.dimension, m.unit)
            for h in self.cues.within(max(found[0], m.start - LEFT), m.start)
            for x in h.roles.kpis
        ):
            return None  # 分别为查询1,976宗及投诉342宗: each figure's own word, after 分别, names it
        name = names[k]
        if name is None:
            return DECIDED_NONE  # 产量和销量分别为…: the first is made, not sold
        # (投诉及查询分别较去年上升7.3%及3.9%: changes of what the words name, no counts of them)
        return Choice(name, True) if self.lex.allows(name, m.dimension, m.unit) else None

    def _alike_after_respectively(self, m: Mention, clo: int, before: Mention | None) -> Choice | None:
        """两个品牌均录得大幅升幅，分别达到215.3%和96.8%: the figures after 分别 in one clause are
        alike, so one the words did not name takes the KPI of the one before it."""
        if (
            not self._any_respectively
            or before is None
            or before.start < clo
            or not before.kpi
            or before.unit != m.unit
            or self.t.find(RESPECTIVELY, max(clo, before.start - LEFT), before.start) < 0
        ):
            return None
        return Choice(before.kpi, True, before.direction == "down")

    def _names_in_turn(self, clo: int) -> tuple[int, list[str | None]] | None:
        t = self.t
        hi = self.geo.clause(clo, clo + 1)[1]
        at = t.find(RESPECTIVELY, clo, hi)
        if at < 0:
            return self._compound_in_turn(clo, hi)
        names: list[str | None] = []
        last_end = -1
        lo = max(clo, at - LEFT)
        hits = self.cues.within(lo, at)
        if t.find("率", lo, at) >= 0:
            rates = self._rates_in_turn(hits, lo, at)
            return (at + len(RESPECTIVELY), rates) if len(rates) > 1 else None
        for h in hits:
            if names and t.endswith("的", last_end, h.start):
                names = []  # 受理的咨询、投诉和建议分别为…: the words before 的 say whose, the list follows
            if h.start == last_end and names:
                # 信息咨询, 投诉举报: words written together name one thing (the last word's, else the first's)
                if h.roles.kpis:
                    names[-1] = h.roles.kpis[0]
                last_end = h.end
                continue
            last_end = h.end
            if h.word in self.lex.compound_names:
                names += self.lex.compound_names[h.word]  # 产销: made, then sold
            elif h.roles.kpis:
                names.append(h.roles.kpis[0])
            elif h.roles.none:
                names.append(None)
        return (at + len(RESPECTIVELY), names) if len(names) > 1 else None

    def _rates_in_turn(self, hits: list[Hit], lo: int, hi: int) -> list[str | None]:
        """投诉按时初查率、投诉按时办结率、举报按时核查率分别为…: a list of rates, each item named
        by its last word (初查率 by 率, which names none; 投诉 only says whose rate it is)."""
        t, names = self.t, []
        last: Hit | None = None
        for h in hits:
            if last is not None and any(c in RATE_ITEM_SEPS for c in t[last.end : h.start]):
                names.append(_rate_named(last))
                last = None
            if h.roles.kpis or h.roles.none or h.roles.change:
                last = h  # (同比增减率、预算完成率分别为-9.6%、18.2%: a change's rate is one of them)
        if last is not None:
            names.append(_rate_named(last))
        return names

    def _compound_in_turn(self, clo: int, hi: int) -> tuple[int, list[str | None]] | None:
        """产销42.6万辆和43.1万辆: a word naming two things, right before two figures joined by 和,
        names them in turn as if 分别 stood between (made, then sold)."""
        t = self.t
        for w, names in self.lex.compound_names.items():
            k = t.find(w, clo, hi)
            if k >= 0 and COMPOUND_PAIR_RE.match(t, k + len(w), hi):
                return k + len(w), list(names)
        return None

    def _signed_after(self, prev: Mention | None, m: Mention) -> bool:
        """营收3.62亿元（+8.45%）, 销售额1280万元（-3.7%，片区第二）: a signed percentage opening a
        bracket right after a business figure is that figure's change."""
        t = self.t
        if m.start < 2 or t[m.start - 1] not in "(（/" or t[m.start] not in SIGNS_OF_CHANGE:
            return False
        if t[m.start - 1] == "/" and (prev is None or m.start - prev.end != 1 or prev.dimension == "percent"):
            return False  # (收入96.45亿元/+7.2%: the figure's change after a slash, as in a table)
        if prev is not None and m.start - prev.end == 1:
            # (占比升至11.4%(+2.6pct): the share's change in points)
            return prev.dimension in ("currency", "count") or (prev.dimension == "percent" and m.unit == "pp")
        # 销量达3.6万吨(+14.2%): a measure no KPI is named for (tonnes, litres), right before it
        lead = t[max(0, m.start - 1 - MEASURE_REACH) : m.start - 1]
        return any(c.isdigit() for c in lead) and not any(c in ITEM_SEPS for c in lead)

    def _share_resolved(self, prev: Mention | None, m: Mention) -> bool:
        """办结群众诉求2310件，占受理总量的96.4% (已解决45份，占75%): the share of all requests that
        were resolved;
        调解成功1180件，成功率为89.6% (调处纠纷520起，成功率达93.1%): the share that mediation settled."""
        if prev is None or m.start - prev.end > SHARE_OF_ALL_REACH:
            return False
        between = self.t[prev.end : m.start]
        if prev.kpi == "resolved" and "占" in between and any(w in between for w in SHARE_OF_ALL):
            return True
        if (
            prev.kpi == "resolved"
            and between.strip("，, ").rstrip("为达") in ("占", "占比")
            and self._resolve_verb_before(prev.start)
        ):
            return (
                True  # 已解决45份，占75%: a bare share of a figure a verb calls resolved is of all there were
            )
        if prev.kpi not in ("resolved", "service_requests") or not between.rstrip("为达到了是 ").endswith(
            "成功率"
        ):
            return False
        lo = self.geo.clause(prev.start, prev.end)[0]
        return prev.kpi == "resolved" or any(w in self.t[lo : prev.start] for w in MEDIATION_WORDS)

    def _past_period_gap(self, m: Mention, clo: int) -> Choice | None:
        """較去年約15,700伙高出逾17%, 比上月1,260件多约9%: a period compared with, its figure, then
        the gap right before a percentage: the change since, up or down as the gap word says."""
        lo = max(clo, m.start - PERIOD_GAP_REACH)
        if self.t.find("较", lo, m.start) < 0 and self.t.find("比", lo, m.start) < 0:
            return None  # (most percentages: no comparison before them, and no regex run)
        found = period_gap_re(self.lex.comparison_bases).search(self.t, lo, m.start)
        if found is None:
            return None
        return Choice("growth_rate", True, found.group("verb") in DOWN_GAP_VERBS)

    def _target_in_brackets(self, m: Mention, clo: int) -> bool:
        """达成目标(6万元)的110%, 较计划（500套）: a sum or count in brackets right after a target word."""
        t = self.t
        if t[m.end : m.end + 1] not in ")）" or not self.lex.allows("sales_target", m.dimension, m.unit):
            return False
        opening = rfind_any(t, "(（", max(clo - 1, m.start - PLAN_ASIDE), m.start)
        if opening >= 0 and t[opening + 1 : m.start].rstrip(PLAN_ASIDE_FILL) in self.lex.plan_bases:
            return True  # 实际完成1,862万元（预算2,000万）: the plan's figure, an aside
        if m.start - 1 <= clo or t[m.start - 1] not in "(（":
            return False
        return t.endswith(self.lex.target_words, clo, m.start - 1)

    def _sold_share(self, m: Mention, clo: int, chi: int) -> bool:
        """已售出近六成单位: a verb of selling right before a share, the stock's noun after it."""
        at = m.start - 1 if self.t.endswith("了", 0, m.start) else m.start
        return SOLD_SHARE_RE.match(self.t, m.end, chi) is not None and self.t.endswith(SOLD_VERBS, clo, at)

    def _of_service(self, slo: int, start: int) -> bool:
        """A sentence about service contacts up to ``start``: a word of a kind of contact (投诉,
        报修, 工单 …; not 客户, who they come from) and none of sales or targets; or a line that
        names neither, under a heading line that names a service (二、维修完成情况⏎实际完成率95%)."""
        lo = max(slo, start - SENTENCE)
        about = self._service_words(lo, start)
        line = self.geo.line_start(start)
        if about is None and line > 1 and lo >= line:
            above = max(self.geo.line_start(line - 1), line - 1 - HEADING_REACH)
            about = self._service_words(above, line - 1)  # (one line up only: linear)
        return bool(about)

    def _service_words(self, lo: int, hi: int) -> bool | None:
        """True if [lo, hi) names a kind of contact and no sales or target, False if it names
        sales or a target, None if it names neither."""
        service = None
        for h in self.cues.within(lo, hi):
            if (
                h.roles.target
                or h.word not in self.lex.outcome_words
                and any(k in SALES or k == "sales_target" for k in h.roles.kpis)
            ):
                return False  # (维修完成情况: 完成 says what became of the repairs, no sales)
            if any(k in self.lex.service_family and k != "customers" for k in h.roles.kpis):
                service = True
        return service

    def _done_of(self, m: Mention, before: Mention | None, clo: int) -> bool:
        """维修工单1,905张，完成1,874张: a clause of 完成 (修复, 完工) alone after a count of service
        contacts in an earlier clause of the sentence (``before``: the last in the same measure
        word): of those, the ones done."""
        if before is None or before.start >= clo or before.unit != m.unit:
            return False
        if before.kpi not in self.lex.service_family or before.kpi == "resolved":
            return False
        return DONE_RE.fullmatch(self.t, clo, m.start) is not None

    def _resolved_share(self, lo: int, start: int) -> bool:
        """已处理完毕的投诉占比为98.6%: the share that the resolved ones make up."""
        k = max(self.t.rfind("占比", lo, start), self.t.rfind("比例", lo, start))
        return k > lo and self._resolved_before(lo, k) is not None

    def _criterion(self, m: Mention, clo: int, slo: int, shi: int) -> bool:
        """上榜门槛是2824.5万元, “淘宝村”是指…年交易额达到1000万元以上, …销售额超过3000万元，即被定义
        为淘宝镇: the bar a group is defined or selected by, not a figure anyone reached."""
        t, lex = self.t, self.lex
        if t.endswith(lex.threshold_leads, max(clo, m.start - THRESHOLD_REACH), m.start):
            return True
        if m.number.qualifier not in BOUNDS:
            return False
        lo = max(slo, m.start - SENTENCE)
        return any(w in t[lo : m.start] for w in lex.criterion_leads) or any(
            w in t[m.end : min(shi, m.end + SENTENCE)] for w in lex.criterion_tails
        )

    def _past_level(self, m: Mention, clo: int, change: bool = False) -> bool:
        """较上年同期（10.8%）, 与2023年（89.6%）, 环比（9月68.5%）: a rate in brackets right after the
        period compared with (or after its bracket) is that period's level."""
        t = self.t
        if m.start <= clo:
            return False
        if BRACKETED_BASE_RE.search(t, max(clo, m.start - BRACKETED_BASE_REACH), m.start):
            return True  # 与2023年（89.6%）相比, 环比（9月68.5%）提升
        if t[m.start - 1] in OPENING_BRACKETS:
            return t.endswith(self.lex.comparison_bases, clo, m.start - 1)
        # 同比15.1%提高了3.3个百分点, 较上年27.5%下降了6.5个百分点: the level compared with, then the change;
        # 同比去年上半年的39.1%上升了3个百分点 (a change's cue before it, not 较上季度的95.3%: a rate's level)
        if not t.endswith(self.lex.compared_periods, clo, m.start) and (
            not change
            or t[m.start - 1] != "的"
            or PERIOD_OF_BEFORE_RE.search(t, max(clo, m.start - PERIOD_OF_REACH), m.start) is None
        ):
            return False
        p = m.end + 3 if t.startswith("的水平", m.end) else m.end
        hits = self.cues.within(p, p + PAST_CHANGE_REACH)
        return (
            bool(hits)
            and hits[0].start == p
            and hits[0].roles.change
            and POINTS_AFTER_RE.match(t, hits[0].end) is not None
        )

    def _kind_before(self, m: Mention, before: Mention | None, clo: int) -> Choice | None:
        """接收消费投诉642件，受理518件: a bare verb of intake after a count of one kind of contact
        in the clause before counts that kind (no noun of its own between)."""
        if (
            before is None
            or before.start >= clo
            or before.unit != m.unit
            or before.kpi not in self.lex.specific_service
            or before.kpi in CALLERS_AND_OUTCOMES
        ):
            return None
        hits = self.cues.within(clo, m.start)
        if len(hits) != 1 or not (hits[0].word in INTAKE_VERBS or AVERAGE_RE.search(self.t, clo, m.start)):
            return None  # (its own noun, or more words, say what it counts: 派发召车工单; 日均服务量 is its average)
        if hits[0].word in INTAKE_VERBS and any(
            is_han(c) and c not in VERB_TAILS for c in self.t[hits[0].end : m.start]
        ):
            return None  # (受理纠纷1630件: a noun of its own, though no cue word)
        if self._other_channel(clo, hits[0].start):
            return None  # (电话受理1820宗，来函受理64宗: another channel's intake)
        slo = self.geo.sentence(before.start, before.end)[0]
        if slo != self.geo.sentence(clo, clo)[0]:
            return None  # (a count of another sentence)
        if self.t.find("其中", slo, before.start) >= 0 and any(c in "；;" for c in self.t[before.end : clo]):
            return None  # (其中咨询1900件，投诉46件；日均受理80件: the last of the parts, not what the verb counts)
        return Choice(before.kpi, True)

    def _noun_after(self, m: Mention, hi: int, gap: int = NOUN_GAP) -> Choice | None:
        """受理超过3万件咨询, 在受理的45件投诉中: the noun right after a count names what it counts
        (2870宗投诉和建议: two services joined, all requests), within ``gap`` characters."""
        hits = self.cues.within(m.end, min(hi, m.end + NOUN_REACH))
        for i, h in enumerate(hits):
            # (8,200件(电话诉求…: a bracket opens its parts; 845单、物流咨询: the next item's noun)
            if h.start - m.end > gap or any(c in NOUN_STOPS for c in self.t[m.end : h.start]):
                return None
            for k in h.roles.kpis:
                if (
                    k in self.lex.specific_service
                    and k != "resolved"
                    and self.lex.allows(k, m.dimension, m.unit)
                ):
                    if self._joined_next(hits, i):
                        return Choice("service_requests", True)
                    return Choice(k, True)
            return None  # (the first word decides)
        return None

    def _head_noun_after(self, m: Mention, chi: int) -> Choice | None:
        """34 325宗查詢: a service noun right after the count that is the head of what it counts
        (not 62通咨询电话, 2400个咨询水费问题的电话: a modifier of a noun after it)."""
        hi = min(chi, m.end + RIGHT)
        hits = self.cues.within(m.end, hi)
        if not hits or hits[0].start != m.end or "的" in self.t[m.end : hi]:
            return None
        if len(hits) == 1 or hits[1].start != hits[0].end:
            if "customers" in hits[0].roles.after and self.t.endswith(THERE_WERE, 0, m.start):
                return None  # 有3个客户因为…投诉: who complained, counted as the complaints they made
            return self._noun_after(m, chi, 0)
        k = 1
        while k + 1 < len(hits) and hits[k + 1].start == hits[k].end:
            k += 1
        for name in hits[k].roles.kpis:  # 2,300个咨询电话: the last word of the compound is its head
            if name in CONTACT_KINDS and self.lex.allows(name, m.dimension, m.unit):
                return Choice(name, True)
        return None

    def _resolved_before(self, lo: int, start: int) -> Choice | None:
        """已办结投诉87件, 已处理完毕的投诉2,480件: a word of resolving right before the service noun
        (or before its 的) counts what was resolved."""
        hits = [h for h in self.cues.within(lo, start) if h.roles.kpis]
        while len(hits) > 2 and set(hits[-1].roles.kpis) == {"service_requests"}:
            hits.pop()  # 已办结投诉工单412件: the generic noun after the service's
        if len(hits) < 2:
            return None
        noun, verb = hits[-1], hits[-2]
        if len(hits) > 2 and verb.roles.kpis == ("customers",):
            verb = hits[-3]  # 已办结的客户投诉215宗: whose complaints, between the verb and its noun
        k = len(hits) - 2
        while (
            k > 0
            and "resolved" not in verb.roles.kpis
            and any(x in self.lex.service_family for x in verb.roles.kpis)
            and (verb.end == noun.start or self.t[verb.end : noun.start] in LIST_JOINS)
        ):
            k -= 1  # 办结投诉咨询2343件: the nouns listed after the verb, the first of them its object
            noun, verb = verb, hits[k]
        between = self.t[verb.end : noun.start]
        if (
            "resolved" in verb.roles.kpis
            and (
                not between
                or between[0] == "的"
                and len(between) <= RESOLVED_JOIN
                and all(map(is_han, between))
            )
            and self.t.endswith(self.lex.negations, 0, verb.start)
        ):
            # 未办结工单8件, 未解决的疑难工单一百来个: the ones still open, neither resolved nor all of them
            return DECIDED_NONE
        if (
            (
                not between
                or between[0] == "的"
                and len(between) <= RESOLVED_JOIN
                and all(map(is_han, between))
                # 办结河南、山西两省投诉58件, 办结辖区内群众投诉133件: whose, between the verb and its noun
                or len(between) <= RESOLVED_SCOPE
                and all(is_han(c) or c == "、" for c in between)
            )
            and verb.word in RESOLVING_VERBS
            and "resolved" in verb.roles.kpis
            and "resolved" not in noun.roles.kpis
            # (已完成维修1,012单: the repairs done; 已完成回访客户320户: customers called back)
            and (verb.word not in DONE_VERBS or any(k in DONE_KINDS for k in noun.roles.kpis))
        ):
            return Choice("resolved", True)
        return None

    def _specific_before(self, lo: int, start: int) -> Choice | None:
        """实体门店投诉共计受理3260件: a service noun right before the generic verb names the count."""
        # (电话受理8.12万件、网络及信函受理: the words of its own item only)
        lo = max(lo, rfind_any(self.t, "、", lo, start) + 1)
        hits = [h for h in self.cues.within(lo, start) if h.roles.kpis]  # (not 共计, a total's marker)
        if hits and hits[-1].word.startswith(ALL_CONTACTS):
            return None  # 值班电话共接待业主来电来访2700多次: the figure's own words name every contact
        for i in range(len(hits) - 1, 0, -1):
            h = hits[i]
            if set(h.roles.kpis) != {"service_requests"}:
                return None
            before = hits[i - 1]
            if self.t[before.end : h.start] not in TOTAL_JOINS:
                continue
            if before.start and self.t.endswith(self.lex.negations, 0, before.start):
                return None  # 非电话诉求: the noun is negated
            if self._coordinated(hits, i - 1) or i > 1 and hits[i - 2].end == before.start:
                return None  # 投诉咨询共受理500件: several services, all requests
            for k in before.roles.kpis:
                if k == "customers" and before.end == h.start:
                    return None  # 客户意见反馈6,240件: whose the requests are, not their kind
                if k in self.lex.specific_service and k != "resolved":
                    return Choice(k, True)
            return None
        return None

    def _describes_a_thing(self, end: int, hi: int) -> bool:
        """Whether the figure ending at ``end`` describes a thing after it: (以下)的单位, 的卖场, 代表,
        价格带."""
        t, lex = self.t, self.lex
        p = end
        if t[p : p + 1] in BOUND_FIRSTS:
            for w in BOUND_WORDS:
                if t.startswith(w, p):
                    p += len(w)
                    break
        if t.startswith(lex.price_bands, p):
            return True
        if t.startswith("的", p) and t.startswith(lex.modified_nouns, p + 1):
            # (3200万元的门店销售额: the store's sales, a figure named after it, not a store described)
            q = p + 1 + max(len(w) for w in lex.modified_nouns if t.startswith(w, p + 1))
            return not self._after_at(q, hi)
        window = t[end : min(hi, end + EVENT_REACH)]
        cut = find_any(window, ITEM_SEPS + "（(", 0, len(window))
        if cut >= 0:
            # (网络覆盖（2,683件）、营销活动…: the next item's words; 现有人员22人（客服代表18人…): its parts')
            window = window[:cut]
        staff = lex.kpis.get("headcount")
        if staff is not None and t.startswith(staff.after, end):
            window = ""  # 5名销售代表: staff, not people who speak for others
        return any(w in window for w in lex.representative_words) or any(w in window for w in lex.event_nouns)

    def _counts_kinds_before(self, lo: int, start: int, unit: str | None) -> bool:
        """汇编投诉解决方案31项, 修订管理制度5项: a kind noun right before a count of kinds."""
        if unit not in self.lex.kind_units or not self.t.endswith(self.lex.kind_nouns, lo, start):
            return False
        noun = max((w for w in self.lex.kind_nouns if self.t.endswith(w, lo, start)), key=len)
        # (我们组五个置业顾问, 本组十一个人: one's own team, its people counted)
        return not self.t.endswith(OWN_TEAM_LEADS, lo, start - len(noun))

    def _counts_places(self, start: int, end: int, hi: int, unit: str | None, kpi: str | None = None) -> bool:
        """销往全国十余个省份: places reached; 涉及58个国产手机品牌的: kinds counted (a kind noun
        after a kind's measure word, with at most a short modifier between and no 的)."""
        t = self.t
        nxt = t[end : min(hi, end + 5)]  # (the longest place noun: 投诉受理点)
        closing = QUOTE_PAIRS.get(nxt[:1])
        if closing is not None:  # 490个“消费者投诉站”: a named kind of place, in quotes
            close = t.find(closing, end + 1, min(hi, end + QUOTED_NAME))
            return close > 0 and t.endswith(self.lex.place_nouns, end + 1, close)
        if nxt.startswith(self.lex.place_nouns) and not nxt.startswith(NOT_PLACES):
            if (
                unit in PEOPLE_ONLY_UNITS  # (增加2名渠道专员: people, whatever their desk's name)
                or kpi == "staff_left"
                and nxt.startswith(SEATS)
                and any(
                    "staff_left" in h.roles.kpis for h in self.cues.within(max(0, start - LEAVE_REACH), start)
                )
            ):
                return False  # 二十二名坐席, 走了11个坐席: the agents at the seats (seats do not leave)
            if kpi == "resolved" and nxt.startswith("问题"):
                return False  # 解决37项问题: the problems resolved are what is counted
            if kpi == "orders" and nxt.startswith("项目"):
                return False  # 中标17个项目: the projects won are the deals
            if (
                kpi in ("units_sold", "completion_rate")
                and nxt.startswith("单位")
                and t.endswith(SOLD_VERBS, 0, start)
            ):
                return False  # 已售出241個單位, 已售出近六成單位: flats, as Hong Kong counts them
            return not self._after_at(end, hi)  # (133件问题已解决: the noun opens a word naming it)
        if unit not in self.lex.kind_units:
            return False
        noun = t[end : min(hi, end + KIND_NOUN_REACH)].lstrip()
        if noun.startswith("人"):
            return False  # 前台四五个人轮班: people, whatever follows
        staff = self.lex.kpis.get("headcount")
        if kpi == "headcount" and staff is not None and noun.startswith(staff.after):
            return False  # 三个客服轮班: the staff named right after the figure, whatever follows them
        de = noun.find("的")
        if de >= 0:
            noun = noun[:de]
        return any(0 <= noun.find(w) <= KIND_MODIFIER for w in self.lex.kind_nouns)


def _rate_named(h: Hit) -> str | None:
    """The KPI an item of a list of rates names by its last word: its own, a change's, or none."""
    if h.roles.kpis:
        return h.roles.kpis[0]
    return "growth_rate" if h.roles.change and not h.roles.none else None
