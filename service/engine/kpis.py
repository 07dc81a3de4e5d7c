"""Mentions + context → labels, KPI names and reporting periods.

The nearest cue word before a figure in its clause names it (受理消费者投诉615365件
→ complaints); a change word makes a rate growth_rate and an absolute change
nothing; a none-cue (净利润, 财政收入) leaves the figure without a KPI.  With no
cue before it, a cue after it (4名业务员相继离职) may name it, and a figure in a
list of like clauses (营业房2套 after 共销售住宅41套) takes its neighbour's KPI.
Target words in the sentence (计划, 目标, 要求 …) turn sales into sales_target.
Context windows are bounded, so the cost per figure is constant.
"""

import re
from bisect import bisect_left, bisect_right
from typing import Final

from service.engine.cells import currency_name_before
from service.engine.cues import CueIndex
from service.engine.findchars import SEMICOLONS, find_any, is_han, rfind_any
from service.engine.labels import LabelRules
from service.engine.lexicon import LIST_JOINS
from service.engine.lexicon import kpis as load_kpis
from service.engine.naming import (
    ACTUAL,
    ASIDE_RE,
    BAND_COUNT_RE,
    BOUNDS,
    BRACKET_SUMS,
    CHANGE,
    CLAUSE_BREAKS,
    CLOSING_BRACKETS,
    DECIDED_NONE,
    FOLLOW_UP,
    FOLLOW_UP_VETOED,
    HEADING_ENDS,
    IN_SCOPE,
    LEAD_IN_PARTS,
    LEFT,
    LEVEL,
    LEVEL_VERBS,
    NOTHING,
    NOUN_GAP,
    OTHER_WORDS,
    OUTCOME,
    PARTS_LOOKBACK,
    PASSED_MARK_RE,
    PASSED_SHARE_RE,
    PER_BASE_RE,
    PER_THING_RE,
    PER_THING_REACH,
    PLACE_UNITS,
    PLANNED_PEOPLE,
    RESPECTIVELY,
    RIGHT,
    SATISFIED_BEFORE_RE,
    SATISFIED_BEFORE_REACH,
    SENTENCE,
    SHARE_OF_CHANGE_RE,
    SHARE_OF_IT_RE,
    SHARE_RESOLVED_RE,
    SHARE_SATISFIED_RE,
    STAFF_MOVES,
    TARGET_AFTER_RE,
    TARGET_HEADS,
    TARGETED_COUNTS,
    TARGETLESS_RATES,
    TIMES_UNITS,
    Choice,
    firm_patterns,
    statement_start,
    words_regex,
)
from service.engine.neighbours import NeighbourRules
from service.engine.numerals import CN_DIGITS
from service.engine.placeholders import Placeholder
from service.engine.plans import in_plan, plan_spans
from service.engine.reading import (
    OPEN_QUOTES,
    PEOPLE_ONLY_UNITS,
    PEOPLE_UNITS,
    SALES,
    Mention,
    counts_kinds,
    per_base,
    skip_back,
    skip_ws,
)
from service.engine.sections import Geometry
from service.engine.tables import TableRules
from service.engine.targets import TargetRules
from service.engine.totals import COMPARED_LEVEL_RE, COMPARED_LEVEL_REACH, PREVIOUS_NAMED_RE, PREVIOUS_REACH

RECEIVED: Final = "接待"
RECEIVED_GUESTS: Final = 8  # characters of the guests named between 接待 and their count, at most
# whom 接待 receives as the business's own guests (接待上门业主1,300人次), and who come on business
GUEST_NOUNS: Final = ("业主", "住户", "客人", "宾客", "顾客", "游客", "旅客", "乘客", "访客")
ON_BUSINESS: Final = ("群众", "市民", "办事", "来访", "来电", "咨询", "投诉")
VISITOR_KPIS: Final = frozenset(("customers", "sales_target"))  # (接待目标是120万人次: visitors aimed at)
RECEIVED_FILL: Final = frozenset("人数量总共计累为达了约近超逾：: ")  # (接待人数为, 接待量达)
VISITOR_UNITS: Final = frozenset(("人次", "人"))
TOP_LEADS: Final = ("前", "头", "首")  # 前四类, and Hong Kong's 头十项, 首三项: a ranking's top
TOP_KINDS: Final = ("项", "类")
CLOSING_REACH: Final = 32  # characters from a verb of closing to the figure of its object, at most
MIN_BANDS: Final = 3  # bands of one measure in a row that sort, not report (10-50亿元、5-10亿元、3-5亿元)
BAND_GAP: Final = 6  # characters between two bands of such a list, at most
BAND_JOINS: Final = "、和及与或"


def _is_band(m: Mention) -> bool:
    """A ranged or bounded figure (10-50亿元, 超过3000万元): a band or a mark, maybe, not a level."""
    return m.number.qualifier == "range" or m.number.qualifier in BOUNDS


CLOSE_QUOTES: Final = "”」』》\"'"
# a team's size under a title about the team: 我们项目部一共, 部门年初, 客服中心 (an organisation's
# unit, then a total or a time), before a count of people (PEOPLE_UNITS, or 个人)
GOODS_NAME: Final = 6  # the longest product name read as a list item of goods sold
NOT_GOODS_UNITS: Final = frozenset(
    ("人", *PEOPLE_ONLY_UNITS, "次", "人次", "个", "家", "户")
)  # people, times, firms
TAIL_BOUND_RE: Final = re.compile(
    r"[0-9.,零〇一二三四五六七八九十百千万亿两]+[余多]"
)  # 140余套: about, no aim
HANDOVER, HOMES = "交付", frozenset(("户", "套"))  # homes handed over: no sale of the period
# a count in one of these that no word named, right after a verb of doing business: deals (退货2单,
# 处理了52单: returns, tickets)
DEAL_UNITS: Final = frozenset(("单",))
DEAL_VERB_RE: Final = re.compile(
    r"(?<![漏错补重退误])(?:开了|做了|办了|发了|成功|签了|接了|订了|开|做|发)(?:了|大概|大约|差不多|约|近|了约)?$"
)
DEAL_REACH: Final = 6  # the verb ends the characters this far before the figure
TEAM_LEAD: Final = 16  # the longest clause read before such a count
BLANK_PARTS_REACH: Final = 80  # characters from 其中 to a part of a blank total before it, at most
BLANK_PARTS_BACK: Final = 3  # blanks of other units passed over back to it
# …or, under any title, before N个人: where the team sits, when, who is counted in (现在店里算我一共)
TEAM_TALK_RE: Final = re.compile(
    r"[ \t\u3000]*(?:人[：:])?(?:现在|目前|今年|年初|年底|年末|我们|我带的|区域|片区|大区|[\u4e00-\u9fff]{1,4}?(?:里|上|校区|班|组|部门|门店|中心|团队|分理处|网点|营业厅|支行|站|区域|片区|大区))+"
    r"(?:连我|算我|含我|加我|包括我|算上我)?(?:一共|共|总共|合计)?就?(?:有|是|只有)?"
)
TEAM_LEAD_RE: Final = re.compile(
    r"[ \t\u3000]*(?:我们|我|本|全)?(?:[\u4e00-\u9fff]{0,6}(?:中心|部门|部|组|室|科|处|店|站|班|队|团队))?"
    r"(?:现有|目前|现在|年初|年末|年底|期末|共有|一共|共计|总共|合计|共|有|在岗|在职|实有|[ \t\u3000])*"
)
# an item number and a short title alone on a line (4. 人员, 3、团队情况)
ITEM_TITLE_RE: Final = re.compile(
    r"[ \t\u3000]*\d{1,2}[.、．][ \t\u3000]*([\u4e00-\u9fff]{2,8})[ \t\u3000：:]*"
)
OPEN_QUOTE_CHARS: Final = "".join(sorted(OPEN_QUOTES))  # (as a string, for rfind_any)
QUOTE_REACH: Final = 40  # characters from a closing quote back to its opening one, at most
STOCK_KPIS: Final = frozenset(("units_sold", "units_remaining", "sales_target"))
STOCK_COUNTS: Final = frozenset(("units_sold", "units_remaining", "customers"))
BUILDING_UNITS: Final = frozenset(("栋", "幢"))
PRICE_UNITS: Final = "个套台辆间单件位人次平张份"  # 每套3000元: a price of one, no sum
# a price per area right before a sum (每平方米, 每月每平方米, 每平米每月)
PER_AREA_RE: Final = re.compile(
    r"每(?:月|年)?每?(?:平方米|平米|平方|㎡|平方呎|呎|坪)(?:每(?:月|年))?(?:为|是)?(?:新台币|港币|港元|人民币)?$"
)
PER_AREA: Final = 10  # characters before a sum looked at for such a price
CONTACT_GOALS: Final = ("目标", "计划", "计画", "力争", "争取", "确保")  # words that plan contacts
PLACE_RUN: Final = 6  # characters after a count of 个 looked at for the places it counts
TEAM_KPIS: Final = ("headcount", "staff_left", "staff_hired")  # what a team's figures are named
# characters before a count of people where 缺 says the posts are open (还缺执业药师1名)
VACANCY_REACH: Final = 8
HIRE_LEADS: Final = ("新增", "补充", "补充了", "新增了")  # right before people counted after the team: hires
ITEM_LINE_NAME: Final = 40  # characters of an item line before its sum, at most
ITEM_LINE_TAIL: Final = 4  # characters after it to the line's end, at most (spaces)
LINE_ITEM_REACH: Final = 160  # characters from a sum of money to the first item line of a list of sums
FORM_SPACES: Final = " \u3000"  # what stands between a form's label and its figure
FORM_LABEL: Final = 8  # characters of such a label, at most
GENERIC_PEOPLE: Final = frozenset(("人员", "员工", "职工", "成员", "团队", "队伍", "同时在岗", "在岗"))
STAFF_WORD_REACH: Final = 6  # characters of a staff word right before its count
HIRE_VERBS: Final = ("增加", "新增", "补充", "新招", "招聘", "招了", "招")  # …before that word: hires
HIRE_VERB_REACH: Final = 2  # characters between such a verb and the staff word (增加了话务员)
TITLE: Final = 40  # characters a first line may take to be the text's title
ABOUT_SUFFIXES: Final = ("余", "多", "出头")  # (2,380余套, 1亿多元: more than, said of an amount, not a bar)
MONEY_PART_GAP: Final = 12  # characters between a sum and a bare figure read as its part
ITEM_MARKS: Final = "，,、：: "
AVERAGE_LEAD: Final = 6  # characters an average's word (日均) may take before its figure in brackets
WORKSHOP_SIGNS: Final = 2  # workshop words a text holds to be an after-sales report (售后 and 进厂)
# 进厂1,350台次 under 12月目标: a workshop's jobs counted by the vehicle are its business, and a target of
# them is a target (not so a ceiling on complaints, nor 报修 counted in 件)
FORECAST_WORDS: Final = ("预计", "预测", "估计")  # a plan's forecast of contacts, no target for them
WORKSHOP_KPIS: Final = ("repairs", "service_requests")  # (a workshop's jobs, in vehicles)
WORKSHOP_UNITS: Final = ("台", "台次", "辆", "辆次")
STAFF_UNITS: Final = ("个", "人", "名", "位")
AIMED_BOUNDS: Final = ("至少", "不少于", "不低于", "最少")  # a bound that says a figure is aimed at
HINT_FIGURES: Final = 4  # figures before a bare 万 figure in its sentence looked at for a count in 万
HINT_REACH: Final = 12  # characters before a bare 万 figure where a count's word says it counts
MONEY_TEXT: Final = 2  # sums of money a report writes to be read as one that counts money
PENDING_REACH: Final = 12  # characters after money where a word says it is still to come
ONLY: Final = ("只有", "仅有", "仅为", "只是", "才", "仅")  # a level said to be low
RISEN_TO: Final = ("到", "至")  # a level the figure before rose or fell to
LOST: Final = "流失"  # people, customers or contracts lost: what follows or what was counted says which
LOST_NOUN: Final = 6  # characters of the noun between a lost word and its count (清退经销商3家)
LOST_REACH: Final = 30  # characters from customers counted to the word that says they were lost
LOST_FILLERS: Final = "了掉约近达共计超过逾 "  # (流失了约14人: still the people)
# what a desk's word names elsewhere (销售9个, 维修2个, 客服…): in a list of the team's desks, people
DESK_KPIS: Final = frozenset(("repairs", "inquiries", "complaints", "service_requests", "calls", "orders"))
DESK_WORD: Final = 4  # …named by a word this short at most (not 单日最高接听量突破3,500个: what they did)
STAFF_ITEM_GAP: Final = 8  # characters between a team's figure and the next desk's (，行政财务)
DESK_JOINS: Final = ("、", "，", ",")  # what parts one desk of a team from the next in a bracket
DESK_BRACKET: Final = 40  # characters back to the bracket that lists a team's desks
# money that came in, or a task said to be done, after the task set: what follows reports outcomes
DONE_CUTS: Final = ("实收", "实缴", "实到账", "基本完成", "全面完成", "超额完成", "圆满完成")
DONE_MOVES: Final = ("了", "来的", "招的", "进的", "入职的")  # (走了2名, 带好新来的两名导购: moves made)
PAST_PERIODS: Final = ("上半年", "今年", "本年", "去年", "本月", "上月", "本季度", "上季度", "同期")
PAST_REACH: Final = 8  # characters before a figure in brackets where such a period is said
DONE_PERIODS: Final = ("今年", "本年", "本年度", "这一年")  # the year a report covers
SELF_COUNT_TOTALS: Final = ("", "一共", "共", "总共", "一共有", "共有", "总共有", "一共是", "总共是")
NOW_WORDS: Final = ("现在", "目前", "如今", "眼下", "现有")  # 现在六个人: the team as it stands
NOW_VERBS: Final = (
    "",
    "是",
    "有",
    "还有",
    "还剩",
    "只剩",
    "只有",
    "共",
    "一共",
    "共有",
    "还是",
    "仍是",
    "仍有",
    "还剩下",
    "总共",
)  # … and what may follow them
COMPARED_REACH: Final = 120  # characters back to the figure whose earlier level it is

SEATS_BEFORE_RE: Final = re.compile(
    r"(?:坐席|座席|席位|窗口)(?:(?!接听|接通|应答|受理|处理|呼出|外呼)[^，。；,;\d]){0,6}$"
)  # (what a count of 个 right after counts; not what the seats did: 座席接听来电27.3万个)
GROUPS_AFTER_RE: Final = re.compile(
    r"[^，。；,;\d]{0,4}?(?:团队|队伍|小组|班组|岗位)"
)  # (what 个 counts; 缺3个岗位: posts)
BARE_COMPLETION: Final = frozenset(
    ("完成率", "按时完成率", "完成比例")
)  # a share done, of whatever the sentence counts
# 比宜春市平均值高, 较全省平均水平低: an average of others right before a percentage, the gap to it
AVERAGE_GAP_RE: Final = re.compile(
    r"(?:比|较)[^，,。；;：:\d%]{0,12}?(?:平均值|平均水平|平均数|均值)[高低多少](?:出|了)?$"
)
AVERAGE_GAP_REACH: Final = 20  # characters before a percentage read for it
SUMMED_DIMENSIONS: Final = ("count", "currency")  # (what a list's total row may say again)
CAUSE_SHARE: Final = Choice(None, True)  # (a cause's share of a change: no rate's noun after 的 undoes it)
SATISFIED_SHARE: Final = Choice("satisfaction_rate", True)  # (an answer of those asked, yet the KPI itself)
SCORE_RE: Final = re.compile(r"[扣得加减][0-9.]+分")  # 扣1分, 得20分: a scorecard's points
RECORDED: Final = ("录得", "錄得")  # a clause opening on it gives the level reached (Hong Kong usage)
OPINION_REACH: Final = 6  # 41.2%的受访商户预计: characters from a share to the word of what they think
SHARE_NOUN_REACH: Final = 8  # 占消费者投诉总量: characters from 占 to the total's 总
ROLE_ITEM_ENDS: Final = "，,。；;、：:和及与（(）)\n \t"  # what may follow a role's count as its item ends
ROLE_REACH: Final = 6  # characters of a role's name looked at beside its figure
ROLE_FILL: Final = " \t\u3000共约有为各计"  # (花艺师共2名)
LEAD_REACH: Final = 24  # characters before a figure looked at for its lead word, an aside included
LEAD_FILL: Final = " \t\u3000约近共计达为超过逾余多：:"  # (线索约1.2万条, 线索共计8,640条)
LENDS_NO_ITEM: Final = ("sales_target", "resolved")  # (完成率89.4%；去年同期1245台, 办结率95.99%；超期263件)
SHARE_ASIDE: Final = 16  # 占…总量的58.1%: characters from 占 to its share, which is an aside in a list
POINTING_WORDS: Final = ("这", "那", "此", "首")  # right before a count: which ones, not how many were done
# the KPIs a noun after a list's last figure may give the figures listed before it
LIST_NOUN_GAP: Final = 6  # characters from a list's last figure to the noun that names the list
LISTED_AFTER_KPIS: Final = ("units_sold", "sales_value", "sales_area", "orders", "customers")
FROM_WORDS: Final = "从由"  # …before the first figure of a 从…到 pair
FROM_REACH: Final = 4  # (从日均80人: words between 从 and its figure)
DISPOSAL_WORDS: Final = "将把"  # 计划将营业额从…提高到…: what a goal will change
ONE_OF_THEM: Final = (
    "一名",
    "一位",
    "每个",
)  # 一名接线员: one member of the team (每名, 每位: per_head_words)
SHARE_OF_VERBS: Final = (
    "为",
    "占",
    "达",
    "完成",
    "实现",
)  # 为半年预算1,750万元的96%: what makes it a share done
PAY_JOINS: Final = ("不等的", "的")  # (1200到3000元不等的提成: what may stand between a sum and its pay word)
AIM_GAPS: Final = ("", "到", "达", "达到", "实现", "至")  # 力争达到800万元: between a target word and its sum
AIM_REACH: Final = 8  # characters before a sum searched for the target word aiming at it
STOCK_LEAD_REACH: Final = 8  # the longest clause of a period's end alone before a count of people
TARGET_UNITS: Final = ("辆", "台", "套")  # 提出了5万辆目标: what is sold, named a target by the word after it


LIST_COMMA: Final = "、"  # what joins the items of a list that share a word after it
FROM_LEVEL: Final = 6  # characters from 由/从 to the level a change starts from (由去年的45人)
SHARED_ITEM: Final = 4  # characters of an item's name in such a list (储藏室58间)


def _past(words: str, leads: tuple[str, ...]) -> str | None:
    """The words after the first of ``leads`` they open on, or None where they open on none."""
    return next((words[len(w) :] for w in leads if words.startswith(w)), None)


class KpiNamer(TableRules, NeighbourRules, TargetRules, LabelRules):
    """Names the mentions of one text.  The rules live by family, a module each: cue choice
    (choice.py), inheritance (neighbours.py), targets and vetoes (targets.py), labels and
    periods (labels.py), table headers (tables.py); name_all holds the order in which they are asked."""

    def __init__(self, folded: str, geometry: Geometry, cue_index: CueIndex) -> None:
        self.t = folded
        self.geo = geometry
        self.cues = cue_index
        self.lex = load_kpis()
        self._clause_facts = {}  # clause bounds → (actual word, target word, outcome word in it)
        self._word_starts = {}  # ACTUAL / OUTCOME → where such words start in the text
        self._respectively = {}  # clause start → (where 分别为 ends, the names before it) or None
        # (most texts: no 分别, nor a word naming two things, to look for)
        self._any_respectively = RESPECTIVELY in folded or any(w in folded for w in self.lex.compound_names)
        # (售后服务部…进厂台次…产值(万元): an after-sales report, whose bare output is what it sold)
        self._workshop = sum(w in folded for w in self.lex.workshop_words) >= WORKSHOP_SIGNS
        self._tourism = any(w in folded for w in self.lex.tourism_words)  # (接待…人次 there: visitors)
        self._firm_patterns = firm_patterns(self.lex.firm_nouns, self.lex.sorted_places)
        self._leads = {}  # sentence start → (where its list starts, the KPI its lead counts) or None
        self._table_heads = {}
        self._spaced_heads = {}
        self._list_titles = {}
        # (most texts: no table row to look for; a row set out with spaces is checked per figure)
        self._cell_seps = "|" in folded or "\t" in folded
        self._any_table = self._cell_seps or " " in folded or "\u3000" in folded
        self._mention_ends: list[int] | None = None
        self._values: dict | None = None  # each value → its figures (neighbours.py)
        self._mentions = []  # (for blank parts: the figures and their ends are read on first asking)
        self._figures, self._figure_ends, self._blanks = [], None, []
        # (a plan section's figures are aimed at; all of them under a heading naming a target)
        self._plans, self._target_plans = plan_spans(folded)

    def _resolved_verb_opens(self, clo: int, start: int) -> bool:
        """Whether a verb of closing (办结, 结案) governs the service's nouns that stand after it in
        the clause before a figure, however long its object (各成员单位办结转派诉求工单共3456件,
        累计办结…三省(市)投诉举报事项64件: the tickets closed, not all received)."""
        hits = self.cues.within(
            max(clo, start - CLOSING_REACH), start
        )  # (bounded: a long clause stays linear)
        k = len(hits) - 1
        while k >= 0 and hits[k].word not in self.lex.closing_verbs:
            k -= 1
        rest = hits[k + 1 :]
        return (
            k >= 0
            and not any(c.isdigit() for c in self.t[hits[k].end : start])  # (…3456件(限期内200件: its own)
            and any(h.roles.kpis for h in rest)
            and all(
                not h.roles.change
                and not h.roles.none
                and all(x in self.lex.service_family for x in h.roles.kpis)
                for h in rest
            )
        )

    def _guests_named(self, lo: int, start: int) -> bool:
        """Whether the words after 接待 name the business's own guests (接待上门业主1,300人次,
        接待住户…): people received, not contacts on business."""
        at = self.t.rfind(RECEIVED, lo, start)
        return at >= 0 and any(w in self.t[at + len(RECEIVED) : start] for w in GUEST_NOUNS)

    def _received_alone(self, lo: int, start: int) -> bool:
        """Whether 接待 stands before a figure with no object of its own between (接待44.25万人次,
        累计接待人数为415.88万人次; not 接待办事群众4.7万人次)."""
        at = self.t.rfind(RECEIVED, lo, start)
        if at < 0:
            return False
        between = self.t[at + len(RECEIVED) : start]
        if all(c in RECEIVED_FILL for c in between):
            return True
        # 接待研学学生2.3万人次: guests of a kind (no one on business: 接待办事群众, 来访群众)
        return (
            len(between) <= RECEIVED_GUESTS
            and not any(w in between for w in ON_BUSINESS)
            and all(
                set(h.roles.kpis) <= VISITOR_KPIS and not h.roles.none
                for h in self.cues.within(at + len(RECEIVED), start)
            )
        )

    def _cue_quoted(self, m: Mention, slo: int, cue: str) -> bool:
        """Whether a figure right after a closing quote takes its cue from inside the quotes (“Q1打基础、
        …、Q4闭环”四个节奏: it counts the items quoted, whatever their words)."""
        t = self.t
        if m.start == 0 or t[m.start - 1] not in CLOSE_QUOTES:
            return False
        lo = max(slo, m.start - QUOTE_REACH)
        opened = rfind_any(t, OPEN_QUOTE_CHARS, lo, m.start - 1)
        return opened >= 0 and t.find(cue, opened, m.start - 1) >= 0 and t.find(cue, lo, opened) < 0

    def _gap_to_others(self, m: Mention, clo: int, kpi: str) -> bool:
        """A percentage that is the gap to others: to their average (比宜春市平均值高7.05%), or a rate's
        points against another group (满意率比全省平均值高3.2个百分点)."""
        t, lo = self.t, max(clo, m.start - AVERAGE_GAP_REACH)
        if t.find("均", lo, m.start) >= 0 and AVERAGE_GAP_RE.search(t, lo, m.start) is not None:
            return True
        return m.unit == "pp" and kpi in self.lex.rate_kpis and self._compared_lead(clo, m.start)

    def _led_by_colon_line(self, m: Mention, money: Mention | None) -> Mention | None:
        """The last sum of money named before m (``money``, not far back) where m's line comes
        right after a line that is only a lead ending on a colon (其中：): the list's kind."""
        t = self.t
        if money is None or m.start - money.end > LINE_ITEM_REACH:
            return None
        ls = t.rfind("\n", money.end, m.start)
        lead_start = t.rfind("\n", money.end, ls) if ls > 0 else -1
        if ls < 0 or lead_start < 0:
            return None
        lead = t[lead_start + 1 : ls].strip()
        return money if lead.endswith(("：", ":")) and not any(c.isdigit() for c in lead) else None

    def _next_line_item(self, before: Mention, m: Mention) -> bool:
        """Whether m ends the item line right after the one ``before`` (a sum in 万) ends, set after
        its name and a run of spaces as ``before`` is: the next item of a list of sums."""
        t = self.t
        if before.dimension != "currency" or not before.scaled:
            return False
        nl = t.find("\n", before.end, m.start)
        if nl < 0 or t.find("\n", nl + 1, m.start) >= 0:
            return False  # (one break between the two)
        rest = t[before.end : nl].strip()
        if rest and not rest.endswith(("：", ":")):
            return False  # (the line before ends on its sum, or leads the list: 销售额1,086万元，分渠道：)
        if not rest and t[before.start - 1 : before.start] not in FORM_SPACES:
            return False  # (…and was an item line of the same shape)
        return self._item_line(m)

    def _item_line(self, m: Mention) -> bool:
        """Whether m ends its line after a name and a run of spaces (  线上  98万)."""
        t = self.t
        if m.start < 2 or t[m.start - 1] not in FORM_SPACES:
            return False
        ls = self.geo.line_start(m.start)  # (bounded looks: a long line of such figures stays linear)
        end = t.find("\n", m.end, m.end + ITEM_LINE_TAIL + 1)
        end = len(t) if end < 0 and len(t) - m.end <= ITEM_LINE_TAIL else end
        if m.start - ls > ITEM_LINE_NAME or end < 0 or t[m.end : end].strip():
            return False
        return bool(t[ls : m.start].strip()) and not any(c.isdigit() for c in t[ls : m.start])

    def name_all(self, mentions: list[Mention]) -> None:
        """Name each mention: its cues first, then, where none decided, its neighbours."""
        self._mentions, self._mention_ends = mentions, None
        self._values = None
        prev_by_sentence: dict[int, Mention] = {}
        # (sentence, dimension, unit) → the last figure of that kind in the sentence
        like_by_sentence: dict[tuple[int, str, str | None], Mention] = {}
        categories: dict[int, set[str]] = {}  # sentence start → the services its cues named
        turns: dict[int, int] = {}  # clause start → figures named after its 分别
        money_before: Mention | None = None  # the last sum of money named so far
        named_by_unit: dict[tuple[str, str | None], Mention] = {}  # the last figure of a kind with a KPI
        listed_before: dict[int, Mention] = {}  # a figure → the one joined to it before it in a list
        line_firsts: dict[int, Mention] = {}  # a line's start → its first figure in scope
        # (a report that writes sums of money: its bare 万 figures with no counted noun are money too)
        money_seen = sum(1 for x in mentions if x.dimension == "currency")  # (and those read so since)
        # (most texts lose no one: no look for a lost word at each figure)
        lost_text = any(w in self.t for w in self.lex.lost_words)
        for m in mentions:
            if m.dimension not in IN_SCOPE and m.dimension != "number":
                continue  # dates, durations, ages … name no KPI
            own_money = m.dimension == "currency"  # (not a bare 万 this loop makes money)
            clo, chi = self.geo.clause(m.start, m.end)
            slo, shi = self.geo.sentence(m.start, m.end)
            before = prev_by_sentence.get(slo)  # the figure before it in its sentence
            left_lo = max(clo, m.start - LEFT)
            # (申诉1,872件、建议事项410件（合计63,797件: the list's sum, not its last item)
            bracket = rfind_any(self.t, "（(", left_lo, m.start)
            if (
                bracket >= 0
                and any(w in self.t[bracket : m.start] for w in BRACKET_SUMS)
                and find_any(self.t, "）)", bracket, m.start) < 0
            ):
                left_lo = bracket + 1
            if clo == m.start and clo > 1 and self.t[clo - 1] in FORM_SPACES and m.dimension == "count":
                # (离职 六 人: a form's space before the figure parts no clause from its short label)
                label_lo = self.geo.clause(clo - 2, clo - 2)[0]
                if clo - 1 - label_lo <= FORM_LABEL:
                    left_lo = max(label_lo, m.start - LEFT)
            elif clo > 1 and self.t[clo - 1] in FORM_SPACES and m.dimension == "count":
                # (库存还压着 夏被 3,800 件: an item's name, and the words before it, a space apart)
                lead_lo = self.geo.clause(clo - 2, clo - 2)[0]
                if (
                    m.start - clo <= FORM_LABEL
                    and clo - 1 - lead_lo <= FORM_LABEL
                    and not any(c.isdigit() for c in self.t[lead_lo : m.start])
                ):
                    left_lo = max(lead_lo, m.start - LEFT)
            # the figure before it when the two are joined as one list (8.21万辆、6.40万辆和2.6万辆)
            listed = before if before is not None and self.t[before.end : m.start] in LIST_JOINS else None
            money_kpi = None
            if (
                listed is not None
                and m.dimension == "number"
                and m.scaled
                and listed.dimension == "count"
                and listed.scaled
            ):
                m.dimension, m.unit = "count", listed.unit  # 12.6万辆、9.7万辆、8.48万: the list's unit
            elif m.dimension == "number" and m.scaled:
                # 批发给修理厂  682万⏎  线上  98万: the next item of a list of sums, or the first after 其中：
                item_of = before if before is not None and self._next_line_item(before, m) else None
                if item_of is None and before is None and self._item_line(m):
                    item_of = self._led_by_colon_line(m, money_before)
                if item_of is not None:
                    m.dimension, m.unit = item_of.dimension, item_of.unit
            if m.dimension == "number" and m.scaled:  # (五分之一 is a share, never a sum)
                money_kpi = self._money_context(m, max(slo, m.start - SENTENCE))
                if (
                    money_kpi is None
                    and money_before is not None
                    and self._parts_of(money_before, slo)
                    and not any(h.roles.kpis or h.roles.none for h in self.cues.within(slo, m.start))
                ):
                    # 销售额4650万元。其中一季度980万: the parts of a sum the sentence before gave
                    m.dimension, m.unit = "currency", money_before.unit
                    money_kpi = money_before.kpi
                elif (
                    money_kpi is None
                    and m.dimension == "number"
                    and before is not None
                    and self._money_part(before, m)
                ):
                    m.dimension, m.unit = "currency", before.unit  # 产值41.3万，其中配件26.8万、工时14.5万
                elif money_kpi is None and m.dimension == "number":
                    # 销售额562.8万元…。比去年的588万下降了4.3%, 去年5月是33.2万: the money's earlier
                    # level, written without its 元 (not 去年的会员是3.2万: members)
                    base = self._earlier_money(m, named_by_unit.get(("currency", "CNY")), slo, clo)
                    if base is not None:
                        m.dimension, m.unit = "currency", base.unit
                        money_kpi = base.kpi
                    elif money_seen >= MONEY_TEXT and self._bare_money(m, clo, slo):
                        # 租金一年18万, 今年收回来的老账只有95万 in a report that counts its money in 元: money,
                        # no word there naming what else it could count
                        m.dimension, m.unit = "currency", "CNY"
                if m.dimension == "currency":
                    money_seen += 1  # (a bare 万 figure read as money: the text counts money)
            if m.dimension not in IN_SCOPE:
                continue
            # (its own words: 涉及网络质量的156件、资费争议的98件 labels 98件 资费争议, not across 156件)
            m.label = self.label(left_lo if before is None else max(left_lo, before.end), m.start, m.end, chi)
            # 1. cues: in the clause, its category words, its colon heading
            choice = self.choose(m.dimension, m.unit, left_lo, m.start, m.end, min(chi, m.end + RIGHT))
            if (
                choice.cue
                and before is not None
                and before.start >= clo
                and self.t.startswith(choice.cue, before.end)
            ):
                # 2人调出、4人补入: the word after the figure before is that one's; this one's is its own
                own = [k for k in self._after_at(m.end, chi) if self.lex.allows(k, m.dimension, m.unit)]
                if own:
                    choice = Choice(own[0], True)
            if (
                (not choice.found or choice.kpi in ("headcount", "staff_left"))
                and before is not None
                and before.kpi in TEAM_KPIS  # (not 会员19,507人，新增1,820人: members won)
                and m.unit in PEOPLE_UNITS
                and self.t.endswith(HIRE_LEADS, max(clo, m.start - 3), skip_back(self.t, clo, m.start))
            ):
                choice = Choice("staff_hired", True)  # 工程师共56名，本月新增7名, 离职6名、补充8名: hires
            if (
                choice.kpi == "service_requests"
                and choice.cue == RECEIVED
                and m.unit in VISITOR_UNITS
                and (self._tourism or self._guests_named(left_lo, m.start))
                and self._received_alone(left_lo, m.start)
            ):
                # 平遥古城接待44.25万人次 in a tourism report: visitors (接待办事群众4.7万人次: requests)
                choice = Choice("customers", True)
            if (
                choice.kpi in self.lex.service_family
                and choice.kpi != "resolved"
                and m.unit in self.lex.contact_unit_set
                and self._resolved_verb_opens(clo, m.start)
            ):
                choice = Choice("resolved", True)  # 累计办结…三省(市)投诉举报事项64件: what was closed
            if (choice.kpi in (None, CHANGE) or not choice.found) and m.unit in PEOPLE_UNITS:
                staff = self._staff_named_before(m, clo)
                if staff is not None:
                    choice = staff  # 一线顾问64名, 临时增加话务员12人: the staff named right before
            if choice.kpi in STOCK_COUNTS and m.unit == "个" and self._people_after(m.end):
                choice = Choice("headcount", True)  # 售楼部就剩我加三个顾问, 最多的时候八九个人: staff
            if m.dimension == "count":
                choice = self._category(m, clo, choice)
                if choice.kpi is None:
                    choice = self._share_named_after(m) or choice  # 质量问题4120件，占投诉总量的77.4%
                if choice.found and choice.kpi is None:  # 涉及快递服务问题的7,308件 after …的392件
                    choice = self._like_topic(m, like_by_sentence.get((slo, m.dimension, m.unit))) or choice
            if not choice.found or choice.cue == LEVEL:
                choice = self._heading(m, clo) or choice
            if m.dimension == "percent":
                if SHARE_OF_CHANGE_RE.match(self.t, m.end, chi):
                    choice = CAUSE_SHARE  # 75%的满意度提升源于快速派单: a cause's share of a change
                elif (
                    before is not None
                    and before.kpi == "sales_target"
                    # (为年度计划（6,000万元）的90.4%, 达成季度指标 1,200万元 的96.3%)
                    and self.t[before.end : m.start].replace(" ", "") in ("的", "）的", ")的")
                    and not choice.kpi
                    and any(w in self.t[max(slo, before.start - LEFT) : before.start] for w in SHARE_OF_VERBS)
                ):
                    choice = Choice("completion_rate", True)  # 为半年预算1,750万元的96%: how much of it
                elif self._share_resolved(before, m) or self._resolved_share(left_lo, m.start):
                    choice = Choice("resolution_rate", True)  # 办结2310件，占受理总量的96.4%
                elif SHARE_SATISFIED_RE.match(self.t, m.end, chi) or (
                    not choice.kpi
                    and SATISFIED_BEFORE_RE.search(
                        self.t, max(clo, m.start - SATISFIED_BEFORE_REACH), m.start
                    )
                ):
                    choice = SATISFIED_SHARE  # 95%的客户表示满意, 感到满意的占91.5%
                elif not choice.kpi and SHARE_RESOLVED_RE.match(self.t, m.end, chi):
                    choice = Choice("resolution_rate", True)  # 诉求件98.5%按期办结: the share resolved
                elif (
                    choice.kpi in (None, "growth_rate") and (gap := self._past_period_gap(m, clo)) is not None
                ):
                    # 較去年約15,700伙高出逾17%: a gap to the earlier period's figure, a change; 比去年同期的
                    # 2,400件低约6%: a fall, whatever 比去年 made of it
                    choice = gap
                elif choice.kpi is None and self._signed_after(before, m):
                    choice = Choice("growth_rate", True)  # 营收3.62亿元（+8.45%）: that figure's change
                elif not choice.found and self.t.startswith("+", m.start):
                    # 益丰(+0.6%), 营业收入+12.5%: a signed rise, whatever rose
                    choice = Choice("growth_rate", True)
                elif (
                    not choice.found
                    and self.t.startswith(("-", "−"), m.start)
                    and before is not None
                    and before.dimension in ("currency", "count")
                    and before.end < m.start
                    and not self.t[before.end : m.start].strip(" \t\u3000")
                ):
                    # 肉禽课    46.9万   -1.8%: a row's signed fall beside its figure, as +7.2% rises
                    choice = Choice("growth_rate", True, True)

            elif before is not None and before.dimension == "percent" and m.start - before.end == 1:
                choice = self._share_amount(m, before, clo) or choice  # 销售额占比21%（1890万元）
            if choice.kpi != "sales_target" and self._target_in_brackets(m, clo):
                choice = Choice("sales_target", True)  # 达成目标(6万元)的110%: the target's own figure
            if (
                m.dimension == "percent"
                and not choice.kpi
                and self._sold_share(m, clo, chi)
                and not self._has_target_word(clo, m.start)  # (原计划当天去化三成: a share aimed at)
            ):
                choice = Choice("completion_rate", True)  # 已售出近六成单位: the share of the stock sold
            if self._marks_a_group(m, chi) or choice.cue and self._cue_quoted(m, slo, choice.cue):
                # 下降超过20%的有5家, 收入超万元的有55户, 营收在50-80亿元的有4家: a mark or a band, and
                # how many are in it; “快速响应、及时闭环”两项: the items quoted, their words no KPI of it
                choice = DECIDED_NONE
            if not choice.found:
                choice = self._change_before(m, slo, clo, before) or choice  # 销量最高，达到860件
            if not choice.kpi and m.dimension in SUMMED_DIMENSIONS:
                choice = self._total_said_again(m) or choice  # 合计：418.7 after 累计销售额 418.7 万元
            if not choice.found and m.dimension == "count":
                # 分别以40万和30万辆位列第九、十名: a maker's figure in a ranking, of the measure ranked
                choice = self._ranked_by(m, clo, chi, named_by_unit.get((m.dimension, m.unit))) or choice
            if (
                choice.kpi == "completion_rate"
                and choice.cue in BARE_COMPLETION
                and self._of_service(slo, m.start)
            ):
                choice = Choice(
                    "resolution_rate", True
                )  # 受理投诉120件，完成率100%: of the requests, not a target
            if (
                choice.kpi == "units_sold"
                or choice.kpi in DESK_KPIS
                and before is not None
                and len(self.t[before.end : m.start].strip(ITEM_MARKS + "人")) <= DESK_WORD  # (维修2个)
                or choice.kpi is None
                and before is not None
                and self.t.startswith(DESK_JOINS, before.end)
                # (a bracket listing the team's desks: 坐席 276 人，质检12人，…)
                and self._in_brackets(max(slo, m.start - DESK_BRACKET), m.start)
            ) and _staff_item(self.t, before, m):
                choice = Choice("headcount", True)  # 一共31个人，销售9个、售后14个, 质检2人: desks, no sales
            elif (
                choice.kpi == CHANGE and not choice.down or not choice.found or choice.kpi == "staff_hired"
            ) and self._staffing_planned(m, clo, choice.kpi == "staff_hired"):
                choice = Choice("sales_target", True)  # 明年计划再增加2名话务员, 打算再招2个技师: planned
            elif (
                choice.kpi == "staff_left" and choice.cue == LOST and self._lost_not_staff(m, before, left_lo)
            ):
                choice = DECIDED_NONE  # 流失老项目5个, 基盘客户约11.2万人，流失约1.4万人: not people who left
            elif (
                (choice.kpi == "customers" or not choice.found) and lost_text and self._lost(m, left_lo, shi)
            ):
                # 有十几个意向客户…流失到了隔壁楼盘, 新增客户12家，流失3家: lost, not won
                choice = DECIDED_NONE
            if m.dimension == "count" and self._done_of(
                m, like_by_sentence.get((slo, m.dimension, m.unit)), clo
            ):
                choice = Choice("resolved", True)  # 维修工单1,905张，完成1,874张: the jobs done
            if m.dimension == "count":
                choice = self._list_item(m, slo, choice)
                if choice.kpi == "service_requests":
                    choice = (
                        self._noun_after(m, chi)
                        or self._resolved_before(left_lo, m.start)  # 解决用户诉求1,230件
                        or self._specific_before(left_lo, m.start)
                        or self._kind_before(m, before, clo)
                        or choice
                    )
                elif choice.kpi in self.lex.specific_service:
                    # 投訴熱線共接獲34 325宗查詢: the noun written right after the count names it,
                    # whatever the line's name before it says
                    choice = (
                        self._head_noun_after(m, chi) or self._resolved_before(left_lo, m.start) or choice
                    )
                if choice.kpi == CHANGE:
                    pass  # (投诉7530件，相比上年增加1873件: a change stays one, whatever its list)
                elif (
                    len(categories.get(slo, ())) > 1
                    and not self._part_of_service(m, slo, clo)
                    and self._another_category(m, before)
                ):
                    choice = DECIDED_NONE  # 咨询类73件、投诉142件、噪音扰民31件: another category
                elif m.unit in self.lex.contact_unit_set and self._other_bucket(left_lo, m.start):
                    choice = DECIDED_NONE  # 表扬、求助、意见等其他诉求96件
            respective = self._respective(m, clo, turns)
            if respective is DECIDED_NONE and choice.kpi == "growth_rate":
                pass  # 产销同比分别增长8.2%和6.5%: the change of what was made is a change all the same
            elif respective is not None:
                choice = respective  # 投诉和咨询分别为12件和30件: each word names its figure in turn
            elif not choice.found:
                choice = self._alike_after_respectively(m, clo, before) or choice
            if (
                choice.cue in self.lex.outcome_words
                and self._states_actual(clo, chi)
                and self._target_before(slo, clo)
            ):
                choice = self._actual_of(m, slo, clo) or choice  # 目标1.2亿元，实际达成1.34亿元
            elif choice.kpi == "sales_target":
                choice = self._actual_aside(m, slo, clo) or choice  # 目标1.4亿元（目前累计1.31亿元）
            if not choice.found and money_kpi:
                choice = Choice(money_kpi, True)  # the money word that made it currency names it too
                if money_kpi == "sales_target" and clo > slo and self._reports_outcome(clo, chi):
                    choice = Choice("sales_value", True)  # 全年任务是1200万，我做了1080万: the outcome
            if (
                not choice.found
                and m.unit in self.lex.own_units
                and not any(h.roles.none for h in self.cues.within(m.end, min(chi, m.end + RIGHT)))
                # (人均日接听量约142通，高峰期达到180通以上: more of the figure before, which names none)
                and not (
                    before is not None and before.unit == m.unit and before.kpi is None and not before.change
                )
            ):
                choice = Choice(self.lex.own_units[m.unit], True)  # 累计9.37亿通 (not 上百通投诉录音)
            if self._any_table:
                choice = self._table_header(m) or choice  # 本期 | 同比 ⏎ 236件 | 12.4%: the column's header
                if not choice.kpi and m.dimension in SUMMED_DIMENSIONS:
                    # 受理投诉412起 … 类型  件数 ⏎ … ⏎ 合计  412: a header that names nothing leaves the
                    # total row's restatement
                    choice = self._total_said_again(m) or choice
            if not choice.found:
                choice = self._label_above(m) or choice  # 一次解决率⏎⏎91.7%: a tile's label above it
            if not choice.found and self._any_table:
                choice = self._list_title(m) or choice  # 分课组销售（单位：万元）⏎生鲜课    31.2: the title's
            if (not choice.found or choice.kpi == "units_remaining") and self._staff_now(m, clo, before):
                choice = Choice("headcount", True)  # 走了两个，新来一个，现在六个人: the team as it stands
            if (
                choice.found
                and choice.kpi is None
                and self.t.startswith("的", m.end)
                and choice is not CAUSE_SHARE
            ):
                # 占比38.5% 而14.2%的销售增幅: a rate's noun after 的 outweighs a word of no KPI before
                # it; so does a plan (未能完成20万元的月度指标)
                named = self._named_after_de(m, chi)
                if named is not None and (m.dimension == "percent" or named.kpi == "sales_target"):
                    choice = named
            if not choice.kpi and self._sold_in_brackets(m, before, named_by_unit):
                # 成交面积12.5万㎡（1,120套）: the homes of that area sold
                choice = Choice("units_sold", True)
            if not choice.found:
                choice = self._sold_abbreviated(m, clo) or choice  # 年销8600万元, 日销300台
            if not choice.kpi:
                # 销售3135套，面积39.7万平方米, 登记5,120宗及412亿元: the area of those, what they sold for
                choice = self._of_sold(m, before) or choice
            # 2. neighbours, where no cue decided
            prev = before
            if prev is not None and prev.dimension == "percent" and m.dimension != "percent":
                like = like_by_sentence.get((slo, m.dimension, m.unit))
                if (
                    self.t[prev.end : prev.end + 1] in CLOSING_BRACKETS
                    or self.t.find("占", max(0, prev.start - SHARE_ASIDE), prev.start) >= 0
                ):
                    # 一季度31万元(占比22%)、二季度37万元(26%), 投诉12,880件，占总量的58.1%，财产险9,275件:
                    # the share is an aside; the list's figure before it is the neighbour
                    prev = like if like is not None else prev
                elif (
                    statement_start(self.t, prev.end, m.start) > prev.end
                    and like is not None
                    and like.kpi not in LENDS_NO_ITEM
                ):
                    # 湖滨店销售1,286万元，达成率112%；新街口店1,104万元: the item's rate closes it, and the
                    # next item goes on with the list's like figure (a target or a subset lends nothing)
                    prev = like
            if (
                m.from_to
                and choice.kpi is None
                and prev is not None
                and prev.from_to
                and prev.start >= clo  # (转派率从18%降至10% after 解决率从72%提升至83%: another pair)
                and prev.unit == m.unit
                and prev.kpi not in (None, "growth_rate")
            ):
                choice = Choice(prev.kpi, True)  # 投诉由前年的21宗大增至去年的4,430宗: the same figure, later
            elif (
                m.from_to
                and choice.kpi is None
                and prev is not None
                and prev.from_to
                and prev.unit == m.unit
                and prev.kpi not in (None, "growth_rate")
                and self._opens_pair(m, clo)
            ):
                # 甲品牌销量由800台降至650台，乙品牌由540台降至410台: the next pair, of the same measure
                choice = Choice(prev.kpi, True)
            if prev is not None and (prev.start >= clo or m.from_to or self._parts_follow(prev, m)):
                prev = None  # only a like clause before, not across 其中, not a level of 从…到
            if not choice.found and listed is not None and listed.kpi and listed.unit == m.unit:
                choice = Choice(listed.kpi, True)  # 分别销售8.21万辆、…、3.05万辆和2.6万辆: one list
            # 投诉数字结束三年升势，回落至35,640宗: a level of the contacts the sentence named (投訴個案
            # 減少1成5，跌至208宗: a rate between is no figure of the kind)
            level_service = (
                self._sentence_service(
                    m, prev if prev is not None and prev.unit == m.unit else None, slo, clo
                )
                if choice.found and choice.cue == LEVEL and m.unit in self.lex.contact_unit_set
                else None
            )
            if (
                not choice.found
                and m.dimension == "count"
                and clo > slo
                and self.t[clo : m.start] in LEVEL_VERBS
            ):
                # 客户数目增加0.4%，升至184万户: the level of what the clause before counted
                choice = self._measure_before(m, slo, clo) or choice
            if (
                choice is DECIDED_NONE
                and prev is not None
                and prev.kpi
                and prev.kpi not in self.lex.service_family  # (投诉52件，报修310件，其他17件: another kind)
                and self._rest_item(clo, m.start)
            ):
                choice = NOTHING  # 枕头960件，其他430件: the rest of the list, of its kind
            if not choice.found:
                choice = self._from_neighbours(m, prev, slo, clo, chi)
                if choice.kpi is None and not choice.found and m.dimension == "percent":
                    # 整体满意率96.7%…分品类：空调97.2%、冰箱96.9%: the rate before, sorted
                    rate = named_by_unit.get(("percent", m.unit))
                    choice = self._sorted_item(m, slo, rate) or self._rate_part(m, slo, rate) or choice
                elif choice.kpi is None and not choice.found and m.dimension == "count":
                    choice = (
                        self._line_item(m, line_firsts)
                        or self._sold_item(m, before)
                        or self._sorted_item(m, slo, named_by_unit.get((m.dimension, m.unit)))
                        or choice
                    )  # 篮球鞋 842双 below 跑鞋系列销售1,236双; 分车型看：凯美瑞 412台 after 零售1,386台
                elif choice.kpi is None and not choice.found and m.dimension == "currency":
                    # 美团 38.6万 饿了么 21.3万 under the report's takings: an item of a spaced list
                    base = named_by_unit.get(("currency", m.unit))
                    choice = (
                        self._spaced_money_item(m, base)
                        or self._sorted_item(m, slo, base)
                        or self._colon_money_item(m, base)
                        or self._period_field(m, base)
                        or choice
                    )
                if choice.kpi is None and not choice.found:
                    # 甲仪器销售41台、金额2,214万元，乙仪器26台、1,872万元: the next item's pair
                    like = like_by_sentence.get((slo, m.dimension, m.unit))
                    choice = self._paired_item(m, like, before) or choice
                if (
                    choice.kpi == "growth_rate"
                    and m.dimension == "percent"
                    and self.t.endswith(ONLY, clo, m.start)
                ):
                    # 满意度89.6%，同比提升3.1%，但东湖苑只有81%: a level (of the rate the sentence named), no
                    # change like the figure before
                    level = named_by_unit.get((m.dimension, m.unit))
                    choice = Choice(level.kpi if level is not None and level.start >= slo else None, True)
                if (
                    choice.kpi in STAFF_MOVES
                    and m.start - clo <= STOCK_LEAD_REACH  # (a bounded look: a long clause stays linear)
                    and self.t[clo : m.start].strip() in self.lex.staff_stock_leads
                ):
                    choice = Choice("headcount", True)  # 离职7人、新进5人，年末40人: the team at the end
                if (
                    choice.kpi == "sales_target"
                    and self._has_word(OUTCOME, clo, m.start)
                    and not self._has_target_word(clo, m.start)
                ):
                    choice = self._actual_of(m, slo, clo) or choice  # 有效人力目标980人,达成1105人
            elif level_service:
                choice = Choice(level_service, True)
            elif (
                choice.cue == LEVEL
                and prev is not None
                and prev.unit == m.unit
                and prev.kpi not in (None, "growth_rate", "sales_target")
            ):
                # Q1回款率79%，Q2提升至84%; 上季度营业额为96万元，本季度降至81万元; 平日来电约1.2万通，
                # 节假日回落到七八千通: the same measure, later
                choice = Choice(prev.kpi, True)
            elif (
                (choice.cue == LEVEL or not choice.found and self.t.endswith(RECORDED, clo, m.start))
                and m.dimension == "currency"
                and clo > slo
            ):
                # 全年商场销售额同比下滑12.4%，降至356.8亿元, 收益按年下跌1.6%，录得48.37亿港元: the
                # level the measure of the clause before fell or rose to
                choice = self._measure_before(m, slo, clo) or choice
            elif choice.kpi == "service_requests" and prev is not None:
                choice = self._same_as_before(m, prev, left_lo) or choice
            # (投诉8起，环比减少3起（10月是11起）: past the change, the figure it is of)
            # (投诉38件，同比下降7.4%（去年同期46件）: past the rate of change too)
            base = before
            if (
                before is not None
                and (before.change or before.dimension != m.dimension or before.unit != m.unit)
                and choice.kpi in (None, CHANGE)
                # (主要经营溢利由…上半年的24.22億港元: its own word names none)
                and not any(h.roles.none for h in self.cues.within(clo, m.start))
            ):
                base = named_by_unit.get((m.dimension, m.unit))
            if (
                base is not None
                and base.kpi not in (None, "growth_rate")
                and base.unit == m.unit
                and base.start >= slo
                and not m.from_to
                and choice.kpi != "sales_target"  # (个人任务：上半年 12 套: the target of the half reported)
                and PREVIOUS_NAMED_RE.search(self.t, max(slo, m.start - PREVIOUS_REACH), m.start) is not None
            ):
                # 营业额96万元，高于上月的81万元, 受理来电1.2万个，去年同期为1.05万个: the same measure
                # of an earlier period, the base the figure before it is compared with
                choice = Choice(base.kpi, True)
            elif (
                m.dimension == "percent"
                and choice.kpi == "growth_rate"
                and before is not None
                and before.dimension == "percent"
                and self.t.endswith(
                    "的", 0, skip_back(self.t, clo, m.start)
                )  # (比上年的 52%: a form's space)
                and COMPARED_LEVEL_RE.search(self.t, max(clo, m.start - PREVIOUS_REACH), m.start)
            ):
                # 异常率约0.35%，比去年的0.52%好了不少: last year's level of the rate before, no
                # change (增长12%，比去年的8%有所提高: a growth rate all the same)
                choice = Choice(before.kpi, True) if before.kpi else DECIDED_NONE
            elif choice.kpi in (None, CHANGE) and COMPARED_LEVEL_RE.search(
                self.t, max(clo, m.start - COMPARED_LEVEL_REACH), m.start
            ):
                # 销售额68.3万元…；⏎比去年的52.1万元多了16.2万元: a statement opening on the base, the
                # same measure as the last figure of its kind (not a target)
                last = named_by_unit.get((m.dimension, m.unit))
                if (
                    before is not None
                    and before.start >= slo
                    and before.kpi is None
                    and (before.dimension, before.unit) == (m.dimension, m.unit)
                    and not before.change
                ):
                    choice = DECIDED_NONE  # 客单价41.8元，比去年的39.5元: the base of the figure before
                elif last is not None and m.start - last.end <= COMPARED_REACH:
                    choice = Choice(last.kpi, True)
            kpi = choice.kpi
            # 3. vetoes and turns
            if kpi == CHANGE or (
                kpi
                and m.dimension != "percent"
                and self.t.startswith("的", m.end)
                and self._change_after_de(m, chi)
            ):
                # 较上年末增加2,661.11万户, 较去年有近70万元的小幅增长: a change, no KPI
                kpi, m.change = None, True
            if (
                kpi
                and m.unit in self.lex.summed_item_units
                and self.t.startswith(self.lex.total_markers, m.end)
            ):
                kpi = None  # 两项合计560件: how many items are summed
            if (
                kpi
                and m.unit in PLACE_UNITS
                and self.t.endswith(self.lex.places_before, clo, m.start)
                and not self.t.startswith("人", m.end)  # (团队5个人: people)
                and not (  # (新增零售网点23家: customers won, the place word inside the cue's)
                    choice.kpi == "customers"
                    and (choice.cue or "").endswith(self.lex.places_before)
                    and choice.cue not in self.lex.places_before
                )
            ):
                kpi = None  # 涉及小区85个, 覆盖企业120家: places or organisations counted
            if (
                kpi in TEAM_KPIS
                and m.unit == "个"
                and (self._places_after(m.end) or self._place_past_cue(choice.cue, left_lo, m.start))
            ):
                # 坐席1,150人（含上海、成都两个分中心）, 全站自提点由年初的186个: places, no staff
                kpi = None
            if kpi == "units_remaining" and (
                self._open_contacts(m, chi)
                or self._of_contacts(like_by_sentence.get((slo, m.dimension, m.unit)))
            ):
                # 剩余7件工单, 报修2,980件，完成2,951件；剩余29件: requests still open, no stock left unsold
                kpi = None
            if (
                kpi
                and before is not None
                and before.start >= clo
                and before.number.qualifier in ("at_least", "at_most")
                and m.unit in PLACE_UNITS
                and PASSED_MARK_RE.fullmatch(self.t, before.end, m.start)
                and not self.cues.within(before.end, m.start)  # (…以上的大客户有七八家: customers)
            ):
                kpi = None  # 诉求量超过10万件的有3个: how many passed the mark, no figure of the kind
            if kpi in SALES and self._pending(m, shi, self.lex.pending_words):
                kpi = None  # 还有约3900万元按揭未放款: money still to come, none collected or sold
            if kpi == "resolved" and self._pending(m, shi, self.lex.open_words):
                kpi = None  # 另有2件涉及赔偿尚在协商: still open, not resolved
            if self._disposition(m, chi):
                kpi, choice = None, DECIDED_NONE  # 128件转相关职能部门处理: how some were handled
            if kpi and self._lead_or_lag(m, clo):
                kpi = None  # 零售额为56亿元，较线下渠道零售额多9亿元: by how much one beats the other
            if kpi and (
                PER_BASE_RE.search(self.t, left_lo, m.start)
                or self.t[m.start - 1 : m.start] == "每"
                or m.dimension == "currency"
                and self.t[m.start - 2 : m.start - 1] == "每"
                and self.t[m.start - 1] in PRICE_UNITS
            ):
                kpi = None  # 每万人次投诉0.21件, 每千万个人客户, 佣金每套3000元: a ratio to a base, the base, a price
            if kpi and m.unit in TIMES_UNITS and self._how_often(m.end, chi):
                kpi = None  # 三次以上投诉的办结率: how often one complained, no count of complaints
            if kpi and self._counts_kinds_before(clo, m.start, m.unit):
                kpi = None  # 汇编投诉解决方案31项: solutions written, not complaints
            if kpi and m.dimension == "count" and counts_kinds(self.t, m, ending=True):
                kpi = None  # 来电最集中的四个民生问题: kinds of problem, counted in words
            if (
                kpi
                and m.unit in PLACE_UNITS
                and (
                    SEATS_BEFORE_RE.search(self.t, max(clo, m.start - 10), m.start)
                    or before is not None  # (席位从60多个增至200多个: the pair's later level, seats too)
                    and before.start >= clo
                    and before.unit == m.unit
                    and before.kpi is None
                    and self.t.endswith(RISEN_TO, 0, m.start)
                    and not in_plan(self._plans, m.start)  # (坐席由12个扩充到16个 in a plan: the aim)
                    and SEATS_BEFORE_RE.search(self.t, max(clo, before.start - 10), before.start)
                )
            ):
                kpi = None  # 咨询服务坐席一期设置42个, 投诉受理窗口共开设6个: seats or desks counted
            if kpi == "headcount" and m.unit == "个" and GROUPS_AFTER_RE.match(self.t, m.end, chi):
                kpi = None  # 20多个直播带货团队, 5个销售团队: teams counted, not people
            if (
                kpi in STOCK_KPIS
                and m.unit in BUILDING_UNITS
                and not any(w in self.t[slice(*self._statement(m, slo, shi))] for w in self.lex.villa_words)
                and not any(w in self._title() for w in self.lex.villa_words)  # (山语湖·别墅区 年度营销复盘)
            ):
                kpi = None  # 交付住宅楼6栋: buildings, not units (别墅11栋 are)
            if kpi == "headcount" and any(
                w in self.t[left_lo : min(chi, m.end + RIGHT)] for w in self.lex.person_actions
            ):
                kpi = None  # 对涉及投诉的7名员工进行了约谈, 表彰优秀员工5名: some of the staff, and what befell them
            if kpi and self._counts_places(m.start, m.end, chi, m.unit, kpi):
                kpi = None  # 销往全国十余个省份: places reached, not a business volume
            if (
                kpi
                and m.dimension != "percent"  # (有4个低于85%, 3个区增长20%以上: the rate all the same)
                and (
                    m.number.qualifier in BOUNDS
                    or m.number.qualifier == "range"
                    and self.t.startswith("之间", m.end)
                )
                and before is not None
                and before.start >= clo
                and before.unit in PLACE_UNITS
                # (五个项目待售住宅仍有2,380余套: a figure's own 余 or 多 says about, not a bar)
                and not self._about_more(m)
                # (从400个左右涨到1000多个: the same measure, later)
                and not (before.unit == m.unit and self.t.endswith(RISEN_TO, 0, m.start))
                and not any(h.roles.total for h in self.cues.within(before.end, m.start))
            ):
                # 18家连锁企业营业额超过十亿元, 5个省份的销售额在100-300亿元之间: the bar or band a
                # group is in (not 三家专卖店合计销售额超过85万元: their sum)
                kpi, choice = None, DECIDED_NONE
            if (
                kpi
                and kpi != "growth_rate"
                and m.number.qualifier in BOUNDS
                and self._in_brackets(clo, m.start)
                and not self.t.endswith(self.lex.average_leads, max(clo, m.start - AVERAGE_LEAD), m.start)
                and not self._about_more(m)  # (（去年3月是一万五千通出头）: an earlier level, about)
            ):
                # 大客户(年采购额超过80万元): a bound that defines a group (not 营业额27.3万（日均8800多元）:
                # the average of the figure before)
                kpi, choice = None, DECIDED_NONE
            if (
                kpi
                and kpi != "growth_rate"
                and m.dimension != "percent"
                and self._criterion(m, clo, slo, shi)
            ):
                kpi, choice = None, DECIDED_NONE  # 网络销售额在1500万元以上且…的行政村: a criterion
            if kpi and choice is not SATISFIED_SHARE and self._describes_a_thing(m.end, chi):
                kpi = None  # 满意率95%以下的单位6家, 2000平方米的卖场, 15名业主代表
            if m.dimension == "percent" and choice is not SATISFIED_SHARE and self._survey_share(m, chi):
                kpi, choice = None, DECIDED_NONE  # 27.5%认为会下跌: the share of those asked, an answer
            if (
                m.dimension == "count"
                and self.t[m.start - 1 : m.start] in POINTING_WORDS
                and self.t[m.start - 2 : m.start - 1] != "在"  # (在这6000多件投诉中: the total restated)
            ):
                kpi, choice = (
                    None,
                    DECIDED_NONE,
                )  # 这两项分别只有412件, 投诉最多的首15个商户: the ones pointed at, or a ranking's size
            if kpi and self._scoring_step(m, clo, chi):
                kpi, choice = None, DECIDED_NONE  # 每低于目标5万元扣1分: a scorecard's rule, no result
            if kpi in self.lex.service_family and self._one_persons_load(left_lo, m.start):
                kpi = None  # 一名接线员一天要接听180余个电话: what one of them does, an average
            if kpi and m.dimension == "percent" and self._past_level(m, clo, kpi == "growth_rate"):
                # 较上年同期（10.8%）提高1.6个百分点, 与2023年（89.6%）相比: the level compared with, no
                # change; of the rate before it in the sentence where there is one (收缴率93.0%，…)
                rate = like_by_sentence.get((slo, m.dimension, m.unit))
                kpi = (
                    rate.kpi
                    if rate is not None and rate.kpi in self.lex.rate_kpis and rate.kpi != "growth_rate"
                    else None
                )
            if kpi and m.dimension == "count" and per_base(self.t, m.end):
                kpi = None  # 0.50件/万人次: complaints per ten thousand people, a ratio
            if kpi and m.start and self.t[m.start - 1] == "±":
                kpi = None  # 偏差±8%: a tolerance either way, no figure of the business
            if "/" in (m.unit or ""):
                kpi = None  # a unit price (元/平方米) is a price, not a sales figure
            if kpi in TARGETLESS_RATES and self._has_target_word(self._aim_start(m.start, slo, clo), m.start):
                # (明年将力争投诉量下降5%，满意率达到90%: the aim governs the statement's rates)
                kpi = None  # 计划将顾客满意度提升至93%: a rate aimed at, not reached (gold 045: 回款率目标)
            if (
                kpi in SALES
                or kpi is None
                and (not choice.found or choice.cue is None)  # (未能达成3,200万元的预算: not reached)
                and (m.unit in TARGET_UNITS or m.dimension == "currency")  # (领导定的900万元指标)
            ) and TARGET_AFTER_RE.match(self.t, m.end):
                kpi = "sales_target"  # 首次实现50亿元目标, 50亿元营收目标: the figure names the target
            elif (
                kpi is None
                and not choice.found
                and m.dimension == "currency"
                and self._aim_before(clo, m.start)
            ):
                kpi = "sales_target"  # 四季度冲刺2.5亿元, 力争达到800万元: a sum aimed at, whatever of
            elif (
                (
                    kpi in SALES
                    or kpi is None
                    and not choice.found
                    and self.lex.allows("sales_target", m.dimension, m.unit)
                )
                and self.t.endswith(TARGET_HEADS, clo, self._before_currency_name(m.start))
                and SHARE_OF_IT_RE.match(self.t, m.end)
            ):
                # 完成年初计划1,500万元的85.7%: the plan's size, of which a share was done
                kpi = "sales_target"
            elif (
                (
                    kpi in SALES
                    or kpi in self.lex.service_family
                    and m.dimension == "count"
                    and self._contacts_planned(m, slo, clo)
                    or (
                        kpi in TARGETED_COUNTS
                        or kpi in PLANNED_PEOPLE
                        or kpi in WORKSHOP_KPIS
                        and m.unit in WORKSHOP_UNITS  # (进厂1,350台次 under 12月目标)
                    )
                    and (
                        # (a bounded look back: a long clause of counts stays linear)
                        self._has_target_word(max(clo, m.start - SENTENCE), m.start)
                        or self._in_goal_list(slo, clo)
                        and not self._vetoed(kpi, *self._statement(m, slo, shi), clo, m.start)
                        # (目标是1000万元，新客户至少8家: a bound aimed at, after the statement's target)
                        or self.t.startswith(AIMED_BOUNDS, m.start)
                        and self._has_target_word(
                            statement_start(self.t, max(slo, m.start - SENTENCE), clo), clo
                        )
                    )
                )
                and not self._from_end(m, clo)
                and self._is_target(m, slo, clo, chi)
            ):
                kpi = "sales_target"  # (计划回访客户2,400家: customers planned, not 为1500名客户定制…计划)
            if (
                kpi
                and m.dimension == "currency"
                and PER_AREA_RE.search(self.t, max(clo, m.start - PER_AREA), m.start)
            ):
                kpi = None  # 物业费每月每平方米0.6元: a price per square metre, no takings
            if kpi in FOLLOW_UP_VETOED and self.t.find(FOLLOW_UP, left_lo, m.start) >= 0:
                # 回访业主1,580户, 电话回访报修住户30户: follow-up calls made, no customers or jobs
                kpi = None
            if kpi is None and self._team_size(m, choice, clo):
                kpi = "headcount"  # 四、人员⏎我们项目部一共十二个人（连我）: the team, under its heading
            elif (
                kpi is None
                and not choice.found
                and m.unit in DEAL_UNITS
                and not m.change
                and DEAL_VERB_RE.search(self.t, max(clo, m.start - DEAL_REACH), m.start) is not None
            ):
                kpi = "orders"  # 贷款办了97单, 一个月开了2单, 发了8.6万单: deals, though no word named them
            if m.unit in self.lex.lead_units and self._lead_before(m, clo):
                kpi = "customers"  # 网销线索约1.2万条: leads, customers in the pipeline
            elif kpi is None and not choice.found and self._role_before(m, clo):
                kpi = "headcount"  # 其中花艺师2名, 7名柜员: a role's people, staff
            if kpi or not choice.found and m.dimension == "currency" and m.number.qualifier != "at_most":
                # (a sum of money aimed at under a plan heading, whatever its words: 标保力争达到700万元)
                kpi = self._planned(
                    kpi or "sales_target",
                    m.start,
                    clo,
                    chi,
                    m.number.qualifier in BOUNDS,
                    m.from_to,
                    kpi,
                    m.unit,
                )
            if kpi and self._vetoed(kpi, *self._statement(m, slo, shi), clo, m.start):
                kpi = None
            if kpi and self.t.startswith(self.lex.none_after, m.end):
                kpi = None  # 仍有约7亿元缺口: what is still missing, no figure of the kind
            if kpi in TEAM_KPIS and self._vacancy(m, clo, before):
                # 在岗41人，缺4人, 还缺执业药师1名: posts still open, no one on the team (nor its part)
                kpi, choice = None, DECIDED_NONE
            if kpi == "units_sold" and m.unit in HOMES and HANDOVER in (choice.cue or ""):
                kpi = None  # 累计交付932户: homes handed over to their owners, sold long before (交付新车: sold)
            if (
                kpi in SALES
                and m.dimension == "currency"
                and (not choice.found or choice.cue is None)  # (no word of its own: 人均销售额 names it)
                and PER_THING_RE.search(self.t, max(clo, m.start - PER_THING_REACH), m.start)
            ):
                kpi = None  # 成交总值约11.2亿元，平均每宗约600万元: what one of them comes to, no takings
            if (kpi in SALES or kpi == "sales_target") and m.dimension == "currency" and self._paid(m, clo):
                kpi = None  # 导购能拿到1200到3000元不等的提成, 额外发放1500元: pay, no sales
            if kpi and m.dimension == "percent" and self._gap_to_others(m, clo, kpi):
                kpi = None  # 比宜春市平均值高7.05%, 满意率比全省高3.2个百分点: neither a rate nor a change
            if kpi in self.lex.rate_kpis and m.unit == "pp":
                kpi = "growth_rate"  # 一次解决率 … +3.7个百分点: points are a change of the rate, no level
            if kpi == "growth_rate":
                signed_up = self.t[m.start] == "+"  # (华南-4.6%，华北+0.8%: its own sign, not the list's)
                fell = choice.down and not signed_up or (m.number.value or m.number.min or 0) < 0
                m.direction = "down" if fell else "up"
            m.kpi = kpi
            m.named = choice.found
            if (
                kpi not in (None, "growth_rate")
                and m.from_to
                and before is not None
                and before.from_to
                and before.kpi is None
                and (not before.named or before.change)
                and before.unit == m.unit
                and before.start >= clo
            ):
                # 减少了12% (由上年的4,816宗下降至本年的4,238宗): the level it fell from, of the same
                # measure (no change: the change word before it was the rate's)
                before.kpi, before.change = kpi, False
            if (
                kpi is not None
                and (kpi in LISTED_AFTER_KPIS or kpi in self.lex.service_family)
                and listed is not None
                and self._noun_after_list(m, chi, kpi)
            ):
                # 分别以338万元和162万元的单日票房, 分别录得3.2亿元和2.1亿元营收, 分别收到310宗和95宗漏水投诉:
                # the noun after the list's last figure names the figures listed before it, where
                # nothing named them
                x: Mention | None = listed
                while x is not None and x.kpi is None and not x.named and x.unit == m.unit:
                    x.kpi = kpi
                    x = listed_before.get(id(x))
            if listed is not None:
                listed_before[id(m)] = listed
            prev_by_sentence[slo] = m
            line_firsts.setdefault(self.geo.line_start(m.start), m)
            if own_money and (kpi in SALES or kpi == "sales_target"):
                money_before = m
            like_by_sentence[slo, m.dimension, m.unit] = m
            if kpi is not None and kpi not in ("growth_rate", "sales_target"):
                named_by_unit[m.dimension, m.unit] = m
            if (
                choice.found
                and kpi is not None
                and kpi in self.lex.specific_service
                and m.unit in self.lex.contact_unit_set
            ):
                categories.setdefault(slo, set()).add(kpi)
        self._shared_after(mentions)
        self._bands_listed(mentions)

    def _bands_listed(self, mentions: list[Mention]) -> None:
        """年销售额为10-50亿元、5-10亿元以及3-5亿元居多: three or more bands (ranges, bounds) of one
        measure listed one after another, no cue word between, sort what was counted by size;
        none is what anyone sold."""
        t, i = self.t, 0
        while i < len(mentions):
            j = i
            while (
                j + 1 < len(mentions)
                and _is_band(mentions[j])
                and _is_band(mentions[j + 1])
                and mentions[j + 1].unit == mentions[j].unit
                and mentions[j + 1].start - mentions[j].end <= BAND_GAP
                and find_any(t, BAND_JOINS, mentions[j].end, mentions[j + 1].start) >= 0
                and not self.cues.within(mentions[j].end, mentions[j + 1].start)
            ):
                j += 1
            if j - i + 1 >= MIN_BANDS:
                for m in mentions[i : j + 1]:
                    m.kpi, m.direction = None, None
            i = j + 1

    def _shared_after(self, mentions: list[Mention]) -> None:
        """住宅26套、储藏室58间、车位103个未售: the word after a list's last figure (未售) names
        the figures of the list before it that nothing named."""
        t, i = self.t, 0
        while i < len(mentions):
            j = i
            while (
                j + 1 < len(mentions)
                and t.startswith(LIST_COMMA, mentions[j].end)
                and mentions[j + 1].start - mentions[j].end <= 1 + SHARED_ITEM
                and all(map(is_han, t[mentions[j].end + 1 : mentions[j + 1].start]))
            ):
                j += 1
            last = mentions[j]
            if j > i and last.kpi is not None and last.kpi in self._after_at(last.end, last.end + RIGHT):
                for m in mentions[i:j]:
                    if m.kpi is None and not m.named and self.lex.allows(last.kpi, m.dimension, m.unit):
                        m.kpi = last.kpi
            i = j + 1

    def _sold_item(self, m: Mention, before: Mention | None) -> Choice | None:
        """办公椅2,360把，文件柜八百多组，会议桌58张: the next item of a list of goods sold, named by a
        short product name alone, in its own measure word."""
        if (
            before is None
            or before.kpi != "units_sold"
            or before.unit == m.unit
            or m.unit in NOT_GOODS_UNITS
            or not self.lex.allows("units_sold", m.dimension, m.unit)
        ):
            return None
        gap = self.t[before.end : m.start]
        name = gap.lstrip(ITEM_MARKS)
        if (
            not gap
            or gap[0] not in ITEM_MARKS
            or not 1 < len(name) <= GOODS_NAME
            or not all(map(is_han, name))
        ):
            return None
        return None if self.cues.within(before.end, m.start) else Choice("units_sold", False)

    def _team_size(self, m: Mention, choice: Choice, clo: int) -> bool:
        """Whether a count of people that no word named states the team's size under a title about
        the team (四、人员⏎我们项目部一共十二个人, 【团队】⏎部门年初8人, 客服中心 5 人): its clause
        says no more than the unit and a total or a time before it, and no noun follows it (为38名
        困难职工: whom something was for; 持证电工5名, 五星窗口8个: some of them, or things)."""
        if m.dimension != "count" or m.change or choice.kpi is not None or choice.cue == LEVEL:
            return False
        t = self.t
        people = m.unit == "个" and t.startswith("人", m.end)  # (十二个人)
        if m.unit not in PEOPLE_UNITS and not people or m.start - clo > TEAM_LEAD:
            return False
        after = m.end + (t[m.end : m.end + 1] == "人")
        if after < len(t) and is_han(t[after]):
            return False
        staff = self.lex.staff_heading_words
        # (4. 人员⏎前厅14人: an item number's title on the line above, where the section's names none)
        if not any(w in self.geo.title_at(m.start) for w in staff) and not any(
            w in self._item_title_above(clo) for w in staff
        ):
            # 店里现在连我一共7个人, 班里现在8个人: 个人 after words of where the team sits, when and who
            # is counted in, under any title
            return people and TEAM_TALK_RE.fullmatch(t, clo, m.start) is not None
        if clo > 0 and t[clo - 1] in " \t\u3000":
            return False  # (缺額 七名: a space parted the clause; the words before it are its)
        if people and TEAM_TALK_RE.fullmatch(t, clo, m.start):
            return True  # (四、人员⏎现在站里一共31个人: the time before the place)
        return TEAM_LEAD_RE.fullmatch(t, clo, m.start) is not None

    def _item_title_above(self, clo: int) -> str:
        """The title on the line right above the clause's line, where that line is an item number
        and a short title alone (4. 人员, 3、团队情况): a heading the sections leave as a list item."""
        t = self.t
        ls = self.geo.line_start(clo)
        if ls == 0:
            return ""
        above = self.geo.line_start(ls - 1)
        item = ITEM_TITLE_RE.fullmatch(t, above, ls - 1)
        return item.group(1) if item is not None else ""

    def _actual_aside(self, m: Mention, slo: int, clo: int) -> Choice | None:
        """冲刺全年目标1.4亿元（目前累计1.31亿元）: a bracket after a target that opens on an actual word
        (and names no target of its own) holds the actual, of what the target was set for."""
        lo = max(clo, m.start - LEFT)
        if not self._in_brackets(lo, m.start):
            return None
        o = rfind_any(self.t, "(（", lo, m.start)
        if not self._has_word(ACTUAL, o, m.start) or self._has_target_word(o, m.start):
            return None
        return self._actual_of(m, slo, o)

    def _part_of_blank_total(self, blank, slo: int):
        """The KPI of the total a blank is a part of: after 其中 in its sentence, the last figure
        or blank in the same unit before the 其中 that has one (its parts keep it)."""
        q = self.t.rfind("其中", max(slo, blank.start - SENTENCE), blank.start)  # (bounded: linear)
        if q < 0:
            return None
        figures, ends = self._figure_index()
        i = bisect_right(ends, q)
        before = figures[max(0, i - PARTS_LOOKBACK) : i] + self._blanks[-PARTS_LOOKBACK:]
        total = None
        for x in before:  # (a few of each, the nearest before the 其中)
            if slo <= x.start and x.end <= q and x.unit == blank.unit and x.kpi:
                if total is None or x.end > total.end:
                    total = x
        if total is None or total.kpi is None:
            return None
        spec = self.lex.kpis.get(total.kpi)
        return total.kpi if spec is not None and spec.parts_keep_kpi else None

    def _rest_item(self, clo: int, start: int) -> bool:
        """Whether a figure's clause opens on the rest (其他, 其余) and no other cue word stands
        before the figure (其他（毛毯）430万, 其余12件), or ends on it after the kinds it holds
        (团课、游泳培训等其它 72.6万元)."""
        if start - clo > LEFT:
            return False  # (a long clause: no rest item opens it, and the look stays bounded)
        hits = self.cues.within(clo, start)
        if hits and hits[-1].word in OTHER_WORDS and self.t.endswith("等", clo, hits[-1].start):
            return not self.t[hits[-1].end : start].strip(" \t\u3000")  # 团课、游泳培训等其它 72.6万元
        return (
            bool(hits)
            and all(h.word in OTHER_WORDS for h in hits)
            and not self.t[clo : hits[0].start].strip(" \t\u3000")
        )

    def _money_part(self, before: Mention, m: Mention) -> bool:
        """Whether a bare 万 figure follows a sum of money in its sentence as its part or the
        next item of their list (…41.3万，其中配件26.8万、工时14.5万): only a short name between."""
        if before.dimension != "currency" or m.start - before.end > MONEY_PART_GAP:
            return False
        between = ASIDE_RE.sub("", self.t[before.end : m.start])  # (外卖（美团+饿了么）3.7万: an aside)
        if not all(is_han(c) or c in ITEM_MARKS for c in between):
            return False
        if "其中" in between or between[:1] == "、":
            return True
        # 其中：门店零售19.2万，生日蛋糕预订8.7万: the next item of a list a 其中 opened
        slo = self.geo.sentence(before.start, before.end)[0]
        return (
            between[:1] in "，,"
            and self.t.find("其中", max(slo, before.start - MONEY_PART_GAP), before.start) >= 0
        )

    def _parts_of(self, total: Mention, slo: int) -> bool:
        """Whether the sentence at slo opens on 其中 right after the one that holds ``total``
        (销售额4650万元。其中一季度980万…: its parts, set out in a sentence of their own)."""
        t = self.t
        if not t.startswith("其中", skip_ws(t, slo)) or slo == 0 or total.end > slo:
            return False
        return total.start >= self.geo.sentence(slo - 1, slo - 1)[0]  # (销售额3180万元，同比增18%。其中…)

    def _statement(self, m: Mention, slo: int, shi: int) -> tuple[int, int]:
        """The span a sentence veto word is sought in: the figure's sentence near it, up to a
        semicolon either side (营业收入2.46亿元…；截至…收盘，股价报15.2元: another statement)."""
        return self._statement_of(m.start, m.end, slo, shi)

    def _statement_of(self, start: int, end: int, slo: int, shi: int) -> tuple[int, int]:
        t = self.t
        lo, hi = max(slo, start - SENTENCE), min(shi, end + SENTENCE)
        stop = find_any(t, SEMICOLONS, end, hi)
        return max(lo, rfind_any(t, SEMICOLONS, lo, start) + 1), hi if stop < 0 else stop

    def _paid(self, m: Mention, clo: int) -> bool:
        """Whether a sum is pay: a word of pay before it in its clause (可拿提成1600元, 底薪加绩效的
        总收入), or right after it (1200到3000元不等的提成, 800元奖金)."""
        t, words = self.t, self.lex.pay_words
        lo = max(clo, m.start - LEFT)
        for w in words:
            at = t.find(w, lo, m.start)
            if at >= 0 and not self._describes_goods(at + len(w), m.start):
                return True
        after = m.end + next((len(w) for w in PAY_JOINS if t.startswith(w, m.end)), 0)
        return t.startswith(words, after)

    def _lead_before(self, m: Mention, clo: int) -> bool:
        """Whether a lead word (线索) ends right before a figure, past a qualifier or an aside in
        brackets (有效线索（可联系且有购车意向）5,208条)."""
        words = ASIDE_RE.sub("", self.t[max(clo, m.start - LEAD_REACH) : m.start]).rstrip(LEAD_FILL)
        return words.endswith(self.lex.lead_words)

    def _role_before(self, m: Mention, clo: int) -> bool:
        """Whether a figure of people (名, 位, 人) has a role's name right before it (花艺师2名,
        其中引导员3人), or right after it (7名柜员), that names staff (kpis.yaml: role_ends)."""
        if m.dimension != "count" or m.unit not in PEOPLE_UNITS:
            return False
        t, ends = self.t, self.lex.role_ends
        before = t[max(clo, m.start - ROLE_REACH) : m.start].rstrip(ROLE_FILL)
        if any(w in before for w in self.lex.role_cuts):
            return False
        if before.endswith(ends) and len(before) >= 2 and is_han(before[-2]):
            return not before.endswith(self.lex.non_staff_roles) and self._item_ends(m.end)
        after = t[m.end : m.end + ROLE_REACH]
        n = next((i for i, c in enumerate(after) if not is_han(c)), len(after))
        k = next((i + 1 for i in range(1, n) if after[i] in ends), 0)  # (柜员和…: the role's last character)
        return k > 0 and not after[:k].endswith(self.lex.non_staff_roles) and self._item_ends(m.end + k)

    def _item_ends(self, pos: int) -> bool:
        """Whether a list's item ends at ``pos``: punctuation, a coordinator or the text's end
        (not 2名技师通过…: what they did follows)."""
        return pos >= len(self.t) or self.t[pos] in ROLE_ITEM_ENDS

    def _describes_goods(self, end: int, hi: int) -> bool:
        """Whether a word of pay ending at ``end`` describes the goods a sales word after it counts
        (享受政府补贴的一级能效产品销售额: the goods that qualify, no pay; not 底薪加绩效的总收入)."""
        if not self.t.startswith("的", end):
            return False
        return any(
            h.start - end > 2 and any(k in SALES for k in h.roles.kpis) for h in self.cues.within(end + 1, hi)
        )

    def _of_contacts(self, like: Mention | None) -> bool:
        """Whether the like figure before in the sentence counts service contacts."""
        return like is not None and (like.kpi in self.lex.service_family or like.kpi == "resolved")

    def _open_contacts(self, m: Mention, chi: int) -> bool:
        """Whether the noun right after a count names service contacts (剩余14项诉求)."""
        for h in self.cues.within(m.end, min(chi, m.end + NOUN_GAP)):
            return h.start == m.end and any(k in self.lex.service_family for k in h.roles.kpis)
        return False

    def name_blank(self, blank: Placeholder) -> None:
        """The KPI a template blank would have been: its like clause's, or its cue's, or, as a
        part after 其中 that no word names, its total's."""
        slo, shi = self.geo.sentence(blank.start, blank.end)
        kpi: str | None
        if blank.dimension == "percent" and SHARE_SATISFIED_RE.match(
            self.t, blank.end, self.geo.clause(blank.start, blank.end)[1]
        ):
            kpi, decided = "satisfaction_rate", True  # 超过[X]%的客人表示满意, as with a figure
        else:
            kpi, decided = self._blank_kpi(blank, slo)
        blank.kpi = None if kpi == CHANGE else kpi
        if blank.kpi is None and not decided:
            blank.kpi = self._part_of_blank_total(blank, slo)  # 共接待来访XX人次，其中业主XX人次
            if blank.kpi is None:
                blank.kpi = self._like_before_blank(blank, slo)  # 一季度投诉XX宗，二季度为XX宗
        if blank.kpi is not None:
            lo, hi = self._statement_of(blank.start, blank.end, slo, shi)
            # (its clause up to its unit: 退费X人 holds its own veto word, inside its span)
            if self._vetoed(
                blank.kpi, lo, hi, self.geo.clause(blank.start, blank.end)[0], blank.end - blank.written
            ):
                blank.kpi = None  # 剩余户未放户: as a figure there would be, none
        self._blanks.append(blank)

    def name_blank_parts(self, mentions: list[Mention], blanks: list) -> None:
        """一季度累计交车[具体数量]台；其中1月146台，2月88台: figures after 其中 that no word named,
        in the unit of a named blank before the 其中 in their sentence (no figure of that unit
        between), are its parts and take its KPI."""
        if not blanks:
            return
        starts, mstarts = [b.start for b in blanks], [x.start for x in mentions]
        t = self.t
        for m in mentions:
            if m.kpi is not None or m.change or m.dimension not in ("count", "currency"):
                continue
            slo = self.geo.sentence(m.start, m.end)[0]
            q = t.rfind("其中", max(slo, m.start - BLANK_PARTS_REACH), m.start)
            if q < 0:
                continue
            i = last = bisect_right(starts, q) - 1
            while i > max(0, last - BLANK_PARTS_BACK) and blanks[i].unit != m.unit:
                i -= 1  # (累计交车[具体数量]台，完成任务XX%；其中…: past a blank of another unit, a few)
            blank = blanks[i] if i >= 0 else None
            if (
                blank is None
                or blank.kpi is None
                or blank.end > q
                or blank.start < slo
                or blank.unit != m.unit
                or any(  # (a named figure of its unit between: the total, not the blank)
                    x.unit == m.unit and x.kpi is not None
                    for x in mentions[bisect_left(mstarts, blank.end) : bisect_left(mstarts, q)]
                )
                or any(h.roles.kpis or h.roles.none for h in self.cues.within(q, m.start))
            ):
                continue
            m.kpi = blank.kpi

    def _figure_index(self) -> tuple[list[Mention], list[int]]:
        """The in-scope figures and their ends, in text order (built on first asking: only blanks
        ask)."""
        if self._figure_ends is None:
            self._figures = [m for m in self._mentions if m.dimension in IN_SCOPE]
            self._figure_ends = [m.end for m in self._figures]
        return self._figures, self._figure_ends

    def _measure_before(self, m: Mention, slo: int, clo: int) -> Choice | None:
        """The sales KPI (for a count, any KPI of a count) the nearest cue word before the clause
        names, in the sentence; None where that word names no KPI or none at all."""
        for h in reversed(self.cues.within(max(slo, m.start - SENTENCE), clo)):
            if h.roles.none:
                return None
            for k in h.roles.kpis:
                # (客户数目增加0.4%，升至184万户: a count's level too, of what the clause counted)
                if (k in SALES or m.dimension == "count" and k not in self.lex.rate_kpis) and self.lex.allows(
                    k, m.dimension, m.unit
                ):
                    return Choice(k, True)
        return None

    def _scoring_step(self, m: Mention, clo: int, chi: int) -> bool:
        """每完成1辆得20分, 目标达成率每低1%扣0.5分: a figure after 每 whose clause scores it."""
        t = self.t
        return (
            t.rfind("每", max(clo, m.start - LEFT), m.start) >= 0
            and SCORE_RE.search(t, m.end, chi) is not None
        )

    def _share_named_after(self, m: Mention) -> Choice | None:
        """质量问题4120件，占投诉总量的77.4%: a count of contacts whose share of a service's total
        follows it counts that service."""
        t = self.t
        if m.unit not in self.lex.contact_unit_set:
            return None
        q = m.end + (t[m.end : m.end + 1] in ("，", ","))
        if not t.startswith("占", q):
            return None
        k = t.find("总", q + 1, q + 1 + SHARE_NOUN_REACH)
        return self._service_named(q + 1, k, m) if k > 0 else None

    def _survey_share(self, m: Mention, chi: int) -> bool:
        """Whether an opinion word follows a percentage within a short noun (41.2%商户预计, 27.5%认为):
        the share of those asked who say so."""
        t, hi = self.t, min(chi, m.end + OPINION_REACH)
        found = words_regex(self.lex.opinion_words).search(t, m.end, hi)  # (the first of them)
        # (增长5.5%以上的预期目标: a target's words, no one asked)
        return found is not None and t.find("的", m.end, found.start()) < 0

    def _places_after(self, end: int) -> bool:
        """Whether the words right after a count of 个 (a run of Han characters) name places or
        units (两个分中心, 两个客服基地), not people."""
        t, stop = self.t, end
        while stop < len(t) and stop - end < PLACE_RUN and is_han(t[stop]):
            stop += 1
        return stop > end and any(w in t[end:stop] for w in self.lex.places_after)

    def _contacts_planned(self, m: Mention, slo: int, clo: int) -> bool:
        """投诉目标控制在3起以内, 力争投诉量控制在250件以内, 五月目标：工单量突破4,000单: contacts a
        goal word sets (目标, 计划, 力争 …) in the figure's clause or as the statement's heading; not
        维修要求, 回访任务 (the nouns of what was asked or done)."""
        t = self.t
        lo = max(clo, m.start - SENTENCE)
        if any(w in t[lo : m.start] for w in CONTACT_GOALS):
            return True
        head = statement_start(t, max(slo, m.start - SENTENCE), clo)
        return head < clo and any(w in t[head:clo] for w in CONTACT_GOALS) and "：" in t[head:clo]

    def _place_past_cue(self, cue: str | None, lo: int, start: int) -> bool:
        """Whether a place word stands between the cue word that named a count and the count
        (全站自提点由年初的186个: the pick-up points counted, not the station's staff)."""
        if not cue:
            return False
        at = self.t.rfind(cue, lo, start)
        return at >= 0 and any(w in self.t[at + len(cue) : start] for w in self.lex.places_after)

    def _marks_a_group(self, m: Mention, chi: int) -> bool:
        """Whether the figure is a mark or a band followed by how many are in it: a percentage
        before 的有N (下降超过20%的有5家), a bounded or ranged figure before 的…有, 为, 是 … N or 者占N,
        or before 的 and the firms or places it sorts (销售额在30亿到100亿元的腰部企业)."""
        band_of, share_of = self._firm_patterns
        if m.dimension == "percent" and (
            PASSED_SHARE_RE.match(self.t, m.end, chi) or share_of.match(self.t, m.end, chi)
        ):
            return True
        if m.unit in TOP_KINDS and self.t[m.start - 1 : m.start] in TOP_LEADS:
            return True  # 前四类, 头十项投诉, 首三项: how many kinds a ranking's top holds, not how many contacts
        return _is_band(m) and (
            BAND_COUNT_RE.match(self.t, m.end, chi) is not None
            or m.dimension != "percent"  # (环比上升超过10%的县分公司: how much theirs rose, a change)
            and band_of.match(self.t, m.end, chi) is not None
        )

    def _noun_after_list(self, m: Mention, chi: int, kpi: str) -> bool:
        """Whether the noun right after the last figure of a list (perhaps after 的 and a word or
        two: 的单日票房) names ``kpi``."""
        t = self.t
        p = m.end + t.startswith("的", m.end)
        hits = self.cues.within(p, min(chi, p + RIGHT))
        if not hits:
            return False
        h = hits[0]
        named = kpi in h.roles.after or kpi in h.roles.kpis
        # (a list's noun may carry a longer modifier: 分别接获2826宗和1049宗冷气机滴水投诉)
        return h.start - p <= LIST_NOUN_GAP and named and all(map(is_han, t[p : h.start]))

    def _opens_pair(self, m: Mention, clo: int) -> bool:
        """Whether m opens a 由…至 pair in a clause that names no KPI before it (乙品牌由540台降至410台)."""
        lo = max(clo, m.start - FROM_REACH)
        if m.dimension == "percent" or not any(c in FROM_WORDS for c in self.t[lo : m.start]):
            return False  # (转派率从18%降至10%: a rate named, another measure)
        return not self.cues.within(clo, m.start)

    def _from_end(self, m: Mention, clo: int) -> bool:
        """Whether m is where a 从…到 starts in a goal set with 将/把 (计划将营业额从42万元提高到
        50万元: today's level, not the target; 计划销售额由3000万元增至3500万元 is the plan both times)."""
        t = self.t
        if not m.from_to or not any(c in FROM_WORDS for c in t[max(clo, m.start - FROM_REACH) : m.start]):
            return False
        return any(c in DISPOSAL_WORDS for c in t[max(clo, m.start - LEFT) : m.start])

    def _staff_now(self, m: Mention, clo: int, before: Mention | None) -> bool:
        """现在六个人, 目前还有8个人: a clause of a word for now and a count of people, after the
        staff's moves, counts the team (not one more hire or leave); 年初十二个人，现在只有9个: 个
        counts people where the figure before it did."""
        t = self.t
        if not (
            m.unit in PEOPLE_UNITS
            or m.unit == "个"
            and (
                t.startswith("人", m.end)
                or before is not None
                and before.unit == "个"
                and t.startswith("人", before.end)
                and m.start - before.end <= STAFF_ITEM_GAP * 2
            )
        ):
            return False
        head = self.t[clo : m.start].strip()
        rest = _past(head, self.lex.self_counted)
        if rest is not None:
            return rest in SELF_COUNT_TOTALS  # 加上我一共13个人: the writer and the rest, all the team
        rest = _past(
            _past(head, self.lex.team_subjects) or head, NOW_WORDS
        )  # (中心现在13个人: the team named)
        return rest is not None and rest in NOW_VERBS

    def _one_persons_load(self, clo: int, start: int) -> bool:
        """Whether the words before a figure (from ``clo``, within a cue's reach) name one member
        of the team (每位客服代表每天, 一名接线员一天): the figure is what one of them does."""
        t, per_head = self.t, self.lex.per_head_words
        prev_end = -1
        for h in self.cues.within(clo, start):
            if "headcount" in h.roles.kpis and (
                h.start == prev_end or t.endswith(ONE_OF_THEM, max(clo, h.start - 2), h.start)
            ):
                return True
            prev_end = h.end if h.word in per_head else -1
        return False

    def _like_before_blank(self, blank, slo: int):
        """The KPI of the figure or blank in the same unit that ends the clause just before a
        blank's clause, in its sentence: a like clause whose words are left out."""
        clo = self.geo.clause(blank.start, blank.end)[0]
        if clo <= slo:
            return None
        figures, ends = self._figure_index()
        i = bisect_right(ends, clo)
        prev: Mention | Placeholder | None = figures[i - 1] if i else None
        last = self._blanks[-1] if self._blanks else None
        if last is not None and last.end <= clo and (prev is None or last.end > prev.end):
            prev = last
        if prev is None or prev.end < slo or prev.unit != blank.unit:
            return None
        if self.geo.clause(prev.start, prev.end)[1] + 1 != clo:
            return None  # (not the clause right before)
        return prev.kpi

    def _blank_kpi(self, blank, slo: int):
        """(the KPI a blank's own words give it, whether they decided it)."""
        clo, chi = self.geo.clause(blank.start, blank.end)
        lo = max(clo, blank.start - LEFT)
        own = self.cues.within(lo, blank.end)  # its own words (共售出洋房套，尚余套: 尚余 names it)
        if blank.parallel_to is not None and blank.parallel_to.unit == blank.unit:
            if not any(self.lex.allows(k, blank.dimension, blank.unit) for h in own for k in h.roles.kpis):
                return blank.parallel_to.kpi, True  # 车卡380张，非机动车张
        split = self._change_before(blank, slo, clo, None)  # 投诉最为集中，达到XX件
        if split is not None and split.found:
            return split.kpi, True
        if not self.cues.within(clo, chi):
            if clo > 0 and self.t[clo - 1] in HEADING_ENDS:
                label = self._label_names(
                    blank.dimension, blank.unit, self.geo.clause(clo - 1, clo - 1)[0], clo - 1
                )
                if label is not None:
                    return label.kpi, True  # 新车销售：____台, 满意度：xx%: the label before its colon
            return None, False  # no cue word in its clause (xx户 in a list of blanks)
        # the cue may sit inside the blank's own span (销售面积平方米): look up to its unit, or
        # to the end of a word that runs into it (尚余套: 余 read as 余套's)
        words_end = blank.end - blank.written
        for h in own:
            if h.start < words_end < h.end:
                words_end = h.end
        choice = self.choose(
            blank.dimension,
            blank.unit,
            lo,
            words_end,
            blank.end,
            min(chi, blank.end + RIGHT),
        )
        kpi = choice.kpi
        if kpi is None and self._states_actual(clo, chi) and self._target_before(slo, clo):
            actual = self._actual_of(blank, slo, clo)  # 目标设定为XX台，实际完成XX台
            kpi = actual.kpi if actual else None
        if kpi in SALES and self._is_target(blank, slo, clo, chi):
            kpi = "sales_target"
        if kpi in TARGETLESS_RATES and self._has_target_word(
            self._aim_start(blank.start, slo, clo), blank.start
        ):
            kpi = None  # 明年销售目标为X万元，…客户满意度不低于XX%: a rate aimed at, as with a figure
        if kpi:
            kpi = self._planned(kpi, blank.start, clo, chi, False, False, kpi)
        return kpi, choice.found or kpi is not None

    def _before_currency_name(self, start: int) -> int:
        """Where the words before a figure end, past a form's space or the name of its currency
        (達成年度目標新台幣2,500萬元之111.2%: the target word, then the currency)."""
        start -= self.t[start - 1 : start] in FORM_SPACES
        return start - currency_name_before(self.t, start)

    def _aim_start(self, start: int, slo: int, clo: int) -> int:
        """Where an aim before a rate may stand: its statement, after the last word stating an
        actual (回款率目标不低于95%，实际回款率93.6%: the actual is no aim)."""
        lo = statement_start(self.t, max(slo, start - SENTENCE), clo)
        ls = self.geo.line_start(start)
        if ls > lo and find_any(self.t, "\t|", ls, start) >= 0:
            lo = ls  # (a table's cell: its row's words, not its header's 目标（万元） over another column)
        done = max(self.t.rfind(w, lo, start) for w in DONE_CUTS)
        aim = self.t[self.geo.clause(done, done)[0] : done] if done >= 0 else ""
        if "确保" in aim or any(w in aim for w in self.lex.planning_verbs):
            done = -1  # (力争全年实收物业费4,100万元，收缴率不低于95%: aimed at all the same)
        # (收费任务1,386万元，实收1,302.6万元，收缴率93.98%, 年度任务基本完成，收缴率93.6%: outcomes, no aim)
        return max(lo, self._last_word(ACTUAL, lo, start), done)

    def _aimed(self, start: int, clo: int, bound: bool, from_to: bool) -> bool:
        """Whether a figure in a plan section is aimed at: a bound on it (不少于400部, 100套以上,
        1,100件以内) or an aim word before it in its clause (力争, 确保, 控制在); not the level a
        change starts from (由45人扩至55人: what there is now)."""
        if from_to:
            at = rfind_any(self.t, "由从", max(clo, start - FROM_LEVEL), start)
            if at >= 0 and not any(c.isdigit() for c in self.t[at:start]):
                return False
        if bound or self._target_plans and in_plan(self._target_plans, start):
            return True  # (明年目标⏎营业收入5.2亿元: a target, though no word says so beside it)
        return self._aim_word(clo, start)

    def _aim_word(self, clo: int, start: int) -> bool:
        """Whether a plan's aim word (力争, 控制在, 再招 …) stands in its clause before the figure."""
        return any(w in self.t[clo:start] for w in self.lex.plan_aim_words)

    def _aim_before(self, clo: int, start: int) -> bool:
        """Whether a target word (冲刺, 力争, 目标 …) stands right before the figure, or before
        达到/实现 right before it."""
        hits = self.cues.within(max(clo, start - AIM_REACH), start)  # (bounded: a long clause stays linear)
        return bool(hits) and hits[-1].roles.target and self.t[hits[-1].end : start] in AIM_GAPS

    def _earlier_money(self, m: Mention, base: Mention | None, slo: int, clo: int) -> Mention | None:
        """The sum of money a bare scaled figure right after an earlier period's words is the
        earlier level of (the last one named, COMPARED_REACH before it at most), if any."""
        if base is None or m.start - base.end > COMPARED_REACH:
            return None
        said = COMPARED_LEVEL_RE.search(self.t, max(clo, m.start - COMPARED_LEVEL_REACH), m.start)
        if said is None:
            said = PREVIOUS_NAMED_RE.search(self.t, max(slo, m.start - PREVIOUS_REACH), m.start)
        if said is None or any(h.roles.kpis for h in self.cues.within(said.start(), m.start)):
            return None
        return base

    def _staffing_planned(self, m: Mention, clo: int, people: bool = False) -> bool:
        """明年计划再增加2名夜班话务员, 下半年拟补充2到3人: people a plan adds to the team, a
        planning word then a staffing word before the figure in its clause (``people``: the
        figure is already read as people, 再招2个技师)."""
        if m.unit not in PEOPLE_UNITS and not people:
            return False
        t = self.t
        if clo > 1 and t[clo - 1] in " \u3000：:":
            # (會再聘請 兩名: a form's space parts no clause; 明年打算：再招2个: nor a plan's colon)
            clo = self.geo.clause(clo - 2, clo - 2)[0]
        lo = max(clo, m.start - SENTENCE)
        plan = max(t.rfind(w, lo, m.start) for w in self.lex.planning_verbs)
        if plan < 0 and self._plans and in_plan(self._plans, m.start):
            plan = lo  # (五、2025年⏎…增加2名渠道专员: the section is the plan)
        if (
            plan < 0
            or t.find("外", plan, plan + 3) >= 0
            or t.find("了", plan, m.start) >= 0
            or t.find("已", plan, m.start) >= 0
        ):
            return False  # (计划外又增加了2名临时工, 已增补话务员5名: done, and never planned)
        return any(t.find(w, plan, m.start) >= 0 for w in self.lex.staffing_verbs)

    def _lost_not_staff(self, m: Mention, before: Mention | None, lo: int) -> bool:
        """流失老项目5个: 流失 names what was lost right after it (a noun, not the figure); 基盘客户约
        11.2万人，流失约1.4万人: the figure before, in the same unit, counts customers, so these were."""
        t = self.t
        i = t.rfind(LOST, lo, m.start)
        if i < 0:
            return False
        if before is not None and before.kpi == "customers" and before.unit == m.unit and before.end <= i:
            return True
        lost = t[i + len(LOST) : m.start].strip(LOST_FILLERS)
        if lost in self.lex.lost_staff_words:
            return False  # (流失骨干2名: staff)
        return any(is_han(c) for c in lost)

    def _bare_money(self, m: Mention, clo: int, slo: int) -> bool:
        """Whether a bare 万/亿 figure stands where money would: no cue naming a count before it in
        its clause (售前咨询 2.2万: inquiries), no count's word just before it in its sentence
        (访客数（UV）：286万), no noun right after it (50万粉丝)."""
        t, hints = self.t, self.lex.count_hints
        if is_han(t[m.end : m.end + 1]) and not t.startswith("的", m.end):
            return False
        if t.startswith("的", m.end) and t.startswith(hints, m.end + 1):
            return False  # (超6亿的客户资源: what is counted, after it)
        ends, ms = self._ends(), self._mentions
        last = bisect_right(ends, m.start) - 1
        for k in range(last, max(-1, last - HINT_FIGURES), -1):
            if ms[k].start < slo:
                break
            if ms[k].dimension in ("count", "number") and ms[k].scaled:
                # (体检5.6万人次（个检1.9万，团检3.7万）: more of a count in 万; 买家数为9.12亿，净增约3,000万:
                # more of a figure left no money)
                return False
        lo = max(clo, m.start - SENTENCE)
        if any(w in t[max(slo, m.start - HINT_REACH) : m.start] for w in hints):
            return False  # (累计观看人次约182万, 门店数量破万: a count's words before it)
        return not any(
            h.roles.kpis or h.word in self.lex.counted_nouns for h in self.cues.within(lo, m.start)
        )

    def _pending(self, m: Mention, hi: int, words: tuple[str, ...]) -> bool:
        """还有约3900万元按揭未放款, 另有2件尚在协商: one of ``words`` after the figure, before the next
        figure, says it is still to come or still open."""
        t = self.t
        hi = min(hi, m.end + PENDING_REACH, self._start_after(m.end, hi))
        # (…（财务口径1,986万元），应收学费里还有未收回: another clause's)
        cut = find_any(t, CLAUSE_BREAKS, m.end, hi)
        hi = hi if cut < 0 else cut
        return any(t.find(w, m.end, hi) >= 0 for w in words)

    def _lost(self, m: Mention, lo: int, hi: int) -> bool:
        """A lost word right before the figure (流失3家), or later in the sentence before the next
        figure, in a clause of no figure (有3组客户…被别的盘截走了; not 新签87家，流失客户5家)."""
        t, end = self.t, m.end
        for w in self.lex.lost_words:
            i = t.rfind(w, lo, m.start)
            if i < 0:
                continue
            rest = t[i + len(w) : m.start].strip(LOST_FILLERS)
            # (终止合作的经销商十一家, 退出医院4家: the word, then what was lost, then how many)
            if (
                not rest
                or len(rest) <= LOST_NOUN
                and all(map(is_han, rest))
                and not any(c in CN_DIGITS for c in rest)
            ):
                return True
        nxt = self._start_after(end, len(t))
        hi = min(hi, nxt, end + LOST_REACH)
        for w in self.lex.lost_words:
            i = t.find(w, end, hi)
            if i >= 0 and find_any(t, CLAUSE_BREAKS, i + len(w), nxt) >= 0:
                return True  # (its clause holds no figure after it: the word is about this one)
        return False

    def _part_of_service(self, m: Mention, slo: int, clo: int) -> bool:
        """投诉共9起，其中…钣喷质量3起，服务态度2起: a figure after the 其中 of a count of service
        contacts in its sentence is a part of it (not 其中咨询类640件…，合计1,195件: a total)."""
        k = self.t.rfind(LEAD_IN_PARTS, slo, m.start)
        if k < 0 or any(h.roles.total for h in self.cues.within(clo, m.start)):
            return False
        j = bisect_right(self._ends(), k) - 1
        return (
            j >= 0 and self._mentions[j].start >= slo and self._mentions[j].kpi in self.lex.specific_service
        )

    def _staff_named_before(self, m: Mention, clo: int) -> Choice | None:
        """话务员12人, 一线顾问64名: people counted right after a word for staff (headcount's words
        after a figure, here before it) are the team; with a hire word before that word (增加,
        新增, 补充, 招), those hired."""
        spec = self.lex.kpis.get("headcount")
        if spec is None:
            return None
        end = skip_back(self.t, clo, m.start)
        lo = max(clo, end - STAFF_WORD_REACH)
        word = next(
            (w for w in spec.after if w not in GENERIC_PEOPLE and self.t.endswith(w, lo, end)), None
        )  # (not 被困人员1720人, 获奖员工12人, 社群成员约2.1万人: people, no staff named)
        if word is None:
            return None
        before = end - len(word)
        if self.t.endswith(HIRE_VERBS, max(clo, before - HIRE_VERB_REACH), before):
            return Choice("staff_hired", True)
        return Choice("headcount", True)

    def _about_more(self, m: Mention) -> bool:
        """Whether the figure's own 余, 多 or 出头 makes it at least what it says (an amount, no bar)."""
        return any(self.t.find(w, m.start, m.end) >= 0 for w in ABOUT_SUFFIXES)

    def _vacancy(self, m: Mention, clo: int, before: Mention | None) -> bool:
        """Whether a word of a post still open (缺) stands shortly before a count of people, past the
        figure before it."""
        lo = max(clo, m.start - VACANCY_REACH, before.end if before is not None else 0)
        return any(w in self.t[lo : m.start] for w in self.lex.vacancy_words)

    def _people_after(self, end: int) -> bool:
        """Whether people are named right after a figure (…个人, …个顾问)."""
        staff = self.lex.kpis.get("headcount")
        return self.t.startswith("人", end) or staff is not None and self.t.startswith(staff.after, end)

    def _title(self) -> str:
        """The text's first line, when short enough to be its title."""
        end = self.t.find("\n", 0, TITLE + 1)
        return self.t[:end] if end >= 0 else ""

    def _planned(
        self,
        kpi: str,
        start: int,
        clo: int,
        chi: int,
        bound: bool,
        from_to: bool,
        own: str | None,
        unit: str | None = None,
    ) -> str | None:
        """The KPI of a figure at ``start`` (``kpi``, or ``own`` outside a plan section, where
        ``kpi`` may stand in for a figure no word named): aimed at in a plan section (四、2025年
        工作计划), sales and the counts a plan sets (投诉量控制在1,100件以内) are targets, a change aimed at
        stays a change, any other figure (满意度不低于95%) no KPI; a clause that states what was
        actually done (实际完成) keeps its own."""
        if not self._plans or not in_plan(self._plans, start) or not self._aimed(start, clo, bound, from_to):
            return own
        if kpi in ("sales_target", "growth_rate") or self._facts(clo, chi)[0]:
            # (力争同比增长15%以上, 投诉量再下降10%: a change aimed at is a change all the same)
            return kpi
        if (
            kpi == "units_remaining"
            and (not bound or TAIL_BOUND_RE.match(self.t, start) is not None)
            and not self._aim_word(clo, start)
        ):
            # (下半年⏎剩余108套房源，计划签约120套, 剩余房源还有140余套: the stock a plan starts from,
            # as it is; 余 and 多 say about, no aim)
            return own
        if self._in_brackets(clo, start) and any(
            w in self.t[max(clo, start - PAST_REACH) : start] for w in PAST_PERIODS
        ):
            return own  # (下半年⏎…客户投诉（上半年 9 起）争取减半: the period reported, as it went)
        if from_to and any(w in self.t[self.geo.sentence(start, start)[0] : start] for w in DONE_PERIODS):
            return own  # (我们组今年从7个人增加到9个人 under 明年计划: the year reported, as it went)
        if kpi in STAFF_MOVES and any(w in self.t[clo:start] for w in DONE_MOVES):
            return own  # (2025年计划：…组里今年走了2名老同事，新来了3个实习生: moves made, no plan)
        if kpi in PLANNED_PEOPLE:
            before = self.t[max(self.geo.sentence(start, start)[0], start - SENTENCE) : start]
            now = max(before.rfind(w) for w in NOW_WORDS)
            if now >= 0 and not any(w in before[now:] for w in self.lex.plan_aim_words):
                # (明年打算：…⏎我们组现在12个人: the team as it is, in a plan section all the same;
                # not 从现在的52人扩到60人)
                return own
        # (团队扩到20人, 再招2人 under 明年计划: the people planned, a target too; so are contacts,
        # 有效投诉控制在80件以内, as where a goal word sets them, though not a forecast of them:
        # 预计来电量350-380万个 keeps its KPI)
        if kpi in self.lex.service_family:
            return own if any(w in self.t[clo:start] for w in FORECAST_WORDS) else "sales_target"
        if (
            kpi in SALES
            or kpi in TARGETED_COUNTS
            or kpi in PLANNED_PEOPLE
            or kpi in WORKSHOP_KPIS
            and unit in WORKSHOP_UNITS
        ):
            return "sales_target"
        return None


def _staff_item(t: str, before: Mention | None, m: Mention) -> bool:
    """一共31个人，销售9个、售后14个、行政财务4个: people counted right after the team's size, each
    after the name of its department, are parts of the team (销售 names a desk, not a sale)."""
    if (
        before is None
        or before.kpi != "headcount"
        or m.unit not in STAFF_UNITS
        or before.unit not in STAFF_UNITS
    ):
        return False
    gap = t[before.end : m.start]
    return len(gap) <= STAFF_ITEM_GAP and gap[:1] in ITEM_MARKS + "人" and not any(c.isdigit() for c in gap)
