"""The KPI namer's floor: its context windows and word lists, the Choice a rule returns,
and the base class its rule families (cue choice, inheritance, targets, labels) share."""

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Final, NamedTuple

from mypy_extensions import trait

from service.engine.cues import CueIndex
from service.engine.findchars import is_han, rfind_any, trie_pattern
from service.engine.lexicon import LIST_JOINS, Kpis, units
from service.engine.lexicon import kpis as load_kpis
from service.engine.reading import RANKING, SALES
from service.engine.sections import Geometry

IN_SCOPE: Final = ("count", "currency", "percent", "area")
CHANGE: Final = "change"  # choose(): an absolute change, which has no KPI
COORD_REACH: Final = 6  # 投诉、举报、咨询: at most this many characters between joined categories
LEFT: Final = 40  # characters of clause looked at before a figure
RIGHT: Final = 16  # … and after it
SENTENCE: Final = 120  # … and of its sentence, for target words and money context
TIMES_UNITS: Final = frozenset(("次",))  # a count of times: 三次以上投诉的 says how often, before its noun
TIMES_JOIN: Final = 8  # 三次及三次以上投诉的: characters of 及… between the count and its service noun
PARTS_LOOKBACK: Final = 16  # figures and blanks looked back over for a blank part's total (its sentence's)
# counts a plan may set besides sales (gold 045: 新增有效客户目标600家)
TARGETED_COUNTS: Final = ("customers", "orders")
PLANNED_PEOPLE: Final = ("headcount", "staff_hired")  # 计划招聘5人: a target word right before sets them too
STAFF_MOVES: Final = ("staff_left", "staff_hired")
LEAD_IN: Final = (
    "其中",
    "当中",
    "同时",
    "另外",
    "此外",
    "而且",
    "并且",
    "其次",
    "以及",
    "并",
    "而",
    "且",
    "和",
    "及",
)
TRAIL: Final = (
    "达到了",
    "达到",
    "突破",
    "超过",
    "共计",
    "合计",
    "总计",
    "累计",
    "总共",
    "一共",
    "分别为",
    "分别",
    "约为",
    "大约",
    "将近",
    "接近",
    "不到",
    "不足",
    "高达",
    "多达",
    "已达",
    "为",
    "达",
    "是",
    "共",
    "约",
    "有",
    "已",
    "了",
    "的",
    "近",
    "超",
    "逾",
    "计",
    "到",
    "至",
)
TRAIL_BY_LAST: Final = {
    c: tuple(k for k, w in enumerate(TRAIL) if w[-1] == c) for c in {w[-1] for w in TRAIL}
}
PERIOD_CHARS: Final = "年月季"  # every period PERIOD_RE finds holds one of these
PERIOD_HINT: Final = re.compile("[" + PERIOD_CHARS + "]")
UNSET: Final = object()  # (a cache's "not asked yet", where None is an answer)
PERIOD_LEAD: Final = 8  # the most characters a period has before its first 年月季 (`12 — 12 月`)
PERIOD_RE: Final = re.compile(
    r"(?:(?:\d{4}|20[xX]{2}|[一二〇零三四五六七八九]{4})年(?:度|上半年|下半年|全年|前三季度|第?[一二三四1-4]季度)?"
    r"|上半年|下半年|全年|本年度|年度|今年|去年|当年|本月|当月|上月|本季度|前三季度|第?[一二三四]季度"
    r"|\d{1,2}\s?[—\-–~至]\s?\d{1,2}\s?月|[一二三四五六七八九十\d]{1,3}个月|[一二三四五六七八九十\d]{1,2}\s?月份?)"
)


def last_period(t: str, lo: int, hi: int) -> str | None:
    """The last period ``PERIOD_RE.finditer(t, lo, hi)`` would give, tried only where one can
    begin: at most PERIOD_LEAD characters before a 年, 月 or 季 (the many alternatives cost
    a match attempt at every position, and most positions are far from any such character)."""
    found, pos = None, lo
    for h in PERIOD_HINT.finditer(t, lo, hi):
        q = h.start()
        p = max(pos, q - PERIOD_LEAD)
        while p <= q:
            r = PERIOD_RE.match(t, p, hi)
            if r is not None:
                found, pos = r.group(), r.end()
                break
            p += 1
        else:
            pos = max(pos, q + 1)
    return found


class Choice(NamedTuple):
    """What the cues around a figure make of it."""

    kpi: str | None
    found: bool  # some cue decided (so no neighbour's KPI is taken)
    down: bool = False  # the change cue that made it growth_rate states a fall
    cue: str | None = None  # the word that decided


NOTHING: Final = Choice(None, False)
DECIDED_NONE: Final = Choice(None, True)  # a cue decided: no KPI
# 投诉量居前5位的为: / 受理事项较多的单位依次为 / 主要集中在: what opens a list of service contacts
# 按投诉类别统计，/ 从投诉类型来看，: a clause that sorts what its words name by kind leads a list
BY_KIND: Final = (
    r"[按从][^，,。；;：:\n]{0,8}?(?:类别|类型|种类|内容|性质|原因|缘由|问题|部位|成因|环节|领域)(?:统计|划分|来分|分|来看|上看|看|分析)?[，,]"
    r"|[^，,。；;：:\n]{0,6}?(?:原因|缘由)中[，,]"  # 投诉原因中，延迟交付最多: the causes, in turn
)
LIST_LEAD_RE: Final = re.compile(RANKING + r"|主要集中在|集中在|主要涉及|主要为|主要是|[：:]|" + BY_KIND)
CLAUSE_BREAKS: Final = "，,。；;！？\n"
ITEM_SEPS: Final = "、，,；;)）"
HEADING_ENDS: Final = "：:"  # 各季度满意度：第一季度90.2%: the clause before a colon heads a list
FOLLOW_UP: Final = "回访"  # a follow-up call: what it counts is no customers won, no repair done
FOLLOW_UP_VETOED: Final = frozenset(("customers", "repairs", "service_requests"))
LEAD_IN_PARTS: Final = "其中"  # what opens the parts of the figure before it
SELECTION_MARK: Final = "主要"  # (主要集中在, 主要为: a marker that picks some kinds out of a figure)
RANKING_RE: Final = re.compile(RANKING)  # (前三位是…: a ranking of the kinds of the figure before)
HEADING_LINES: Final = 12  # item lines (东区:93%) looked up through to their heading line
ITEM_NAME: Final = 16  # characters of an item's name before its figure (2、海岸城店 97.3万元)
BULLETS: Final = "•·●○◆◇■□▪-*–"  # what opens an item line under a heading line (产品销售额:⏎• 总额3.6亿元)
ITEM_BREAK: Final = (
    "、，,；;和与"  # an after-cue is read only up to the next list item (900多家单位和数百万用户)
)
ITEM_END_RE: Final = re.compile("[" + ITEM_BREAK + r"\d(（]")  # (what a bracket adds is an aside)
FIELD_LINE_RE: Final = re.compile(r"[ \t\u3000]*[^\s：:，,。；;]{1,8}[：:]")  # (同比：: a form's field)
RATE_ENDS: Final = "率度"  # 回款率, 满意度: a rate's name, which a target word may follow
LEVEL: Final = "level"  # Choice.cue of a level reached (提高至65%)
# rates whose later level in a like clause is the same rate (Q1回款率79%，Q2提升至84%)
LEVEL_RATES: Final = frozenset(("collection_rate", "satisfaction_rate", "completion_rate", "resolution_rate"))
SPECIFIC_REACH: Final = 3  # 解决群众诉求: characters between a specific word and a generic noun
OPENING_BRACKETS: Final = "(（[【［"
# 已售出近六成单位, 售出85%的房源: what a share sold is of (the stock), after it
SOLD_SHARE_RE: Final = re.compile(r"的?(?:可售|推出|推售|在售)?(?:单位|房源|货量|房屋|住宅|车位|商铺)")
BOUNDS: Final = frozenset(("at_least", "at_most"))  # qualifiers of a figure that bounds a group (≥500万元)
THRESHOLD_REACH: Final = 6  # 上榜门槛是: characters of the word naming a bar before its figure
# a clause of one of these and a count (…增长一成，升至2200万户): the level of what the clause before counted
LEVEL_VERBS: Final = frozenset(
    ("升至", "增至", "降至", "跌至", "回落至", "上升至", "下降至", "增加至", "减少至", "增长至", "达到", "达")
    + (
        "总数达到",
        "总数达",
        "总数为",
        "总量达到",
        "总量达",
        "总量为",
    )  # (净增883.9万户，总数达到119183.9万户)
)
# 年销达8600万元: what may stand between a cut-short sales word and its figure
ABBREVIATION_GAP: Final = "达超近约了为逾"
# 销售3135套，面积39.7万平方米: the floor area of the homes just counted, no other word naming it
AREA_OF_SOLD_RE: Final = re.compile(
    r"[，,、]?(?:(?:总|建筑|合计|销售|成交)?面积(?:为|达|约|共|计|达到)?|共计?|合计|总计)"
)  # (…，共12.3万平方米)
VALUE_OF_SOLD_RE: Final = re.compile(
    r"及|[，,]?(?:涉及金额|涉资|总值|金额)(?:为|达|约|共|计)?"
)  # (…宗及412亿元)
SIGNS_OF_CHANGE: Final = frozenset("+-＋－")  # 3.62亿元（+8.45%）: a change written as a signed figure
# 50亿元(营收)目标, 未能达成 3,200 万元 的预算: a target named right after the figure
TARGET_AFTER_RE: Final = re.compile("[ \u3000]?的?[\u4e00-\u9fff]{0,2}?(?:目标|任务|指标|预算)")
# a sum word in brackets after a list (（合计63,797件, （以上分类合计6,071项）): what follows sums the list
BRACKET_SUMS: Final = ("合计", "共计", "总计", "小计")
RESPECTIVELY: Final = "分别"  # 投诉和咨询分别为12件和30件
# 产销42.6万辆和43.1万辆: two figures joined by 和 right after a word naming two things
COMPOUND_PAIR_RE: Final = re.compile(r"[^\d，。；,;]{0,4}?\d[\d.,]*[^\d，。；,;和、与及]{0,4}[和、与及]\d")
SHARE_VERBS: Final = frozenset(("占", "占到"))  # 满意率仅占41%: a share verb after a rate's name
SHARE_ADVERBS: Final = ("", "仅", "只", "约", "总体")  # what may stand between the rate's name and 占
RATE_WORD_ENDS: Final = ("率", "度")  # 满意率, 满意度: the name of a rate
TOPIC_LEADS: Final = ("涉及", "反映", "关于", "有关", "针对")  # 涉及快件问题的8,025件: what a part is about
OTHER_BUCKETS: Final = ("等其他", "等其它", "等其余")  # 表扬、求助、意见等其他诉求: the rest, no one category
# 已办结投诉87件 counts what was resolved; 答复咨询1,120件 counts inquiries (a reply is how one is handled)
DONE_VERBS: Final = ("已完成", "已关闭", "已修复")  # 已完成维修1,012单: the repairs done
RESOLVING_VERBS: Final = frozenset(
    (
        "办结",
        "已办结",
        "解决",
        "已解决",
        "处结",
        "结案",
        "化解",
        "处理完毕",
        "处理完成",
        "已处理完毕",
        "已处理完成",
        "已处理",
        "和解",
        "达成和解",
        "完成处理",
        "已完成处理",
        *DONE_VERBS,
    )
)
DONE_KINDS: Final = frozenset(
    ("repairs", "complaints", "service_requests")
)  # what the words of DONE_VERBS finish
RESOLVED_JOIN: Final = 4  # 已办结的消费者投诉: at most 的 and whose, between a resolving verb and its noun
RESOLVED_SCOPE: Final = 12  # 办结辖区内群众投诉: a scope (where, whose) between a resolving verb and its noun
OTHER_WORDS: Final = ("其他", "其它", "其余")  # 其他保险机构214件: the rest of its total
CATEGORY_ENDS: Final = ("类", "方面")  # 其中商品类902件: a part named by its category
ROUTES: Final = (
    "转办",
    "转交",
    "转送",
    "分转",
)  # how a contact came: under a complaint total, still a complaint
SHARE_OF_ALL: Final = ("受理", "总量", "全部", "总数")  # 占受理总量的96.4%: a share of every request
SHARE_OF_ALL_REACH: Final = 20
NOUN_GAP: Final = 4  # 受理超过3万件有效咨询: characters from a count to the noun that names it
BOUND_WORDS: Final = ("以下", "以上", "之间", "左右", "以内")  # 95%以下的单位: the figure bounds a group
BOUND_FIRSTS: Final = frozenset(w[0] for w in BOUND_WORDS)
TOTAL_JOINS: Final = ("", "共", "共计", "累计", "合计", "总计", "共受理")  # 投诉共计受理: a noun and its verb
NOUN_REACH: Final = 6  # 反映停水的工单33件: characters from a modifier's 的 to the figure
EVENT_REACH: Final = 8  # 召开2次案例分析会: characters from a count to the event it counts
ITEM_COMMAS: Final = "，,"  # what separates the items of a run of rates under one heading
JOINED_GAP: Final = 4  # 及线上: a join and a modifier between two kinds of contact named together
KIND_NOUN_REACH: Final = 8  # 58个国产手机品牌: characters after a count where the kind it counts is sought
KIND_MODIFIER: Final = 4  # … of which at most this many modify the kind noun (国产手机)
# the kinds of contact a lead-in clause may name for the counts after it (not customers, not
# all requests)
CONTACT_KINDS: Final = frozenset(("inquiries", "complaints", "suggestions", "repairs", "praises", "calls"))
ANAPHORA: Final = tuple("此该这")  # 此类: the category named in the clause before
# an average or a peak of the figure before (日均处理约50起, 峰值逾1.1万个, 单日最多…)
AVERAGE_RE: Final = re.compile("[均每]|峰值|最高|最多")
# money said per thing (平均每宗, 平均一台, 每桌, 单车, 户均): an average, not its sentence's sum
PER_THING_RE: Final = re.compile(
    r"(?:平均|每)[一每]?(?:台|套|宗|单|桌|件|辆|户|位|人|笔|个|间|张|份|平米|平方米)|单车|[人户件笔单台桌套]均"
)
PER_THING_REACH: Final = 10  # characters before a sum looked at for it
ASIDE_RE: Final = re.compile(r"[（(][^（()）]{0,12}[)）]")  # a short aside in brackets
# 同比增长达到8%: against the same period, what the change reaches is still the change
PERIOD_COMPARISONS: Final = frozenset(("同比", "环比", "较上年", "比去年"))
# 增幅较大，达6.2%: all a clause says before a rate when the clause before named the change
SPLIT_LEVEL_VERBS: Final = frozenset(
    (
        "达",
        "达到",
        "高达",
        "为",
        "约为",
        "达到了",
        "分别为",
        "分别达到",
        "分别达",
        "分别录得",
        "冲上",
        "冲至",
        "录得",
        "平均为",
        "平均达",
        "平均达到",
        "仅为",
        "只有",
        "仅有",
        "仅",
        "也有",
    )
)
TOPIC_TAIL_GAP: Final = " \u3000：:（(类"  # what stands between a topic's name and its count
TOPIC_TAIL: Final = 2  # Han characters after a word that make it a word inside a topic's name


def inside_topic(t: str, end: int, start: int) -> bool:
    """Whether a word ending at ``end`` stands inside the name of a topic counted at ``start``
    (丢失 in 快件丢失短少105件, 排队 in 排队时间长（6笔）), not at its head (举报件848件) nor joined
    to another (撤诉及终止援助88件)."""
    tail = t[end:start].strip(TOPIC_TAIL_GAP)
    return not tail.startswith(LIST_JOINS) and sum(map(is_han, tail)) >= TOPIC_TAIL


SPLIT_VERB_REACH: Final = 12  # the most characters before a figure that a clause of a verb alone holds
SPLIT_PERIODS: Final = ("单月", "单周", "单日", "当月", "全年", "全月", "本月", "当天")  # (单月冲上58.6万台)
PER_BASE_RE: Final = re.compile("每[十百千万亿]")  # 每万人次投诉0.21件, 每百户: a ratio to a base
MAGNITUDE_ENDS: Final = "幅率速度"  # 增幅, 增长率, 增速: words for the size of a change, not the verb
# “占道停车”居市民诉求首位，…: a sentence opening on a quoted topic that it ranks
RANKED_TOPIC_RE: Final = re.compile(r"\s*[“\"「]([^”\"」\d]{1,12})[”\"」](?:居|位列|位居|排名|列)")
# 128件转相关职能部门处理, 14个问题由值班员记录: what was done with some of the contacts
DISPOSITION_RE: Final = re.compile(
    r"(?:问题|诉求|工单)?(?:转交|转给|转至|转|交由|由)[^，。；,;：:\d]{1,16}?(?:处理|办理|跟进|记录|答复|协调|办结|解决)"
)
SHARE_WORDS: Final = ("占比", "比重", "份额")  # 占比64%（6144万元）: the bracketed amount is the share's own
SHARE_WORD_REACH: Final = 6  # …and the share word stands at most this far before the share (占比达到)
PERIOD_GAPS: Final = {
    "高于": False,
    "高出": False,
    "低于": True,
    "略高于": False,
    "稍高于": False,
    "略低于": True,
    "稍低于": True,
    "领先": False,
    "落后": True,
}  # …上年同期: a change, and 低于 a fall
COMPARED_GAPS: Final = (
    "高于",
    "高出",
    "低于",
    "快于",
    "慢于",
    "领先",
    "落后",
)  # …全市平均增幅: a gap to another's figure
# 增加电费收入12万元: a verb of change before a money word (a modifier between) makes the sum a change
CHANGE_VERBS: Final = frozenset(
    ("增加", "减少", "年增加", "年减少", "月增加", "月减少", "提高", "降低", "增长", "下降", "增收", "减收")
)
MODIFIER_REACH: Final = 3
CHANGED_NOUN_REACH: Final = (
    6  # 降低单车维修成本6.5%: characters between a change word and the noun it changes
)
CALLERS_AND_OUTCOMES: Final = frozenset(("customers", "resolved"))  # 用户来电: who called, not what about
TARGETLESS_RATES: Final = frozenset(
    ("satisfaction_rate", "collection_rate", "resolution_rate")
)  # no target of their own
CLOSING_BRACKETS: Final = ")）"
INTAKE_VERBS: Final = frozenset(("受理", "依法受理", "立案", "登记"))  # 接收投诉642件，受理518件
DUTY_WORDS: Final = (
    "值班",
    "在岗",
    "轮班",
    "值守",
    "负责",
)  # 接待2人值班: staff on duty, not people received
DUTY_REACH: Final = 4
RATE_NOUNS: Final = (
    "率",
    "占比",
    "比重",
    "份额",
    "比例",
)  # what names a rate or a share, whose level a figure may be
GAP_ENDS: Final = ("多", "少")  # 较线下渠道零售额多9亿元: after 较 in its clause, a figure's lead or lag
NOT_PLACES: Final = (
    "市民",
    "市场",
    "市值",
    "区民",
    "县民",
    "村民",
    "省内外",
)  # 860个市民来电: people, not cities
BLANK_MARKS: Final = frozenset("Xx×*＊_＿□○[]【】")  # what a template writes where a figure goes
# 96%的问题已妥善解决, 93.4%的诉求得到解决: after a share, what was resolved
SHARE_RESOLVED_RE: Final = re.compile(
    r"(?:的[^，。；,;\d的]{0,4}?(?:问题|诉求|投诉|工单|事项|案件|来电|咨询|请求|报修)(?:在[^，。；,;]{1,10}?内)?"
    r"[^，。；,;\d]{0,10}?"
    r"|(?:在[^，。；,;\d]{1,8}?内|按期|按时|限时|当日|当天|及时|已|均)?)"
    r"(?:解决|办结|闭环|处理完毕|化解|得到(?:及时|妥善)?处理)(?!后)"
)  # 53%的用户投诉得到解决, 98.5%按期办结 (not 15.2%的诉求解决后未做回访: what was left undone after)
# 95%的客户表示满意: the share of those asked who were satisfied (not 5%的客户表示不满意)
# … and before it: 对售后服务感到满意的占91.5%, 表示满意的客户占比为92% (not 不满意的占)
SATISFIED_BEFORE_RE: Final = re.compile(r"(?<![不欠])满意[^，。；,;\d不没未]{0,14}?占比?(?:为|达到|达)?$")
SATISFIED_BEFORE_REACH: Final = 24  # characters before a percentage read for it
# 82%的住户满意度提升源于…, 超60%的投诉下降来自…: the share of a change that one cause explains, no
# level of what changed and no change itself (20%的销售增长, with no cause after it, is the change)
SHARE_OF_CHANGE_RE: Final = re.compile(
    r"的[^，,。；;：:\n\d%]{0,8}?(?:提升|提高|上升|增长|增加|下降|下滑|降低|减少|改善)"
    r"(?:主要)?(?:源于|源自|来自|来源于|归功于|归因于|得益于|是由于|由于|取决于)"
)
SHARE_SATISFIED_RE: Final = re.compile(
    r"的?(?:客户|用户|顾客|业主|群众|市民|居民|消费者|受访者|受访客户|受访用户|住户|旅客|乘客|患者|游客|客人|宾客|住客|租户|人|被调查者|被调查对象|调查对象|被访者|受访对象)"
    r"[^，。；,;\d不没未]{0,24}?(?<!欠)(?:满意|认可)(?!度|率)"  # (…对有关新屋苑的整体设计和设备表示满意)
)
UNCHANGED_WORDS: Final = ("持平", "基本不变", "保持不变")  # 与上年持平，为46%: a level, no change
# 诉求量超过10万件的有3个, 投诉在100件以上的企业有5家: how many passed a mark, after the mark
PASSED_MARK_RE: Final = re.compile(r"的[^，,。；;：:\d]{0,4}?有")
# 增幅超过10%的有6家: a share that is a mark, with how many passed it after it
PASSED_SHARE_RE: Final = re.compile(r"的[^，,。；;：:\d]{0,4}?有[0-9一二三四五六七八九十两几]")
# 营收在50-80亿元的有4家, 5亿元以下的为31家: a band of a ranking, and how many firms are in it
BAND_COUNT_RE: Final = re.compile(
    r"(?:的(?:[“「『][^，,。；;：:\d”」』]{1,8}[”」』]|[^，,。；;：:\d]{0,4}?)(?:有|为|是|共|占)?|者(?:有|为|是|共|占))"
    r"[0-9一二三四五六七八九十两几百]"
)  # (百亿元以上的市场3家, 年收入超过10万元者占35%, 日均出单30单以上的“金牌团长”21名)
PLACE_UNITS: Final = frozenset("个家处所座栋间")  # 小区85个, 企业120家: the measure words of places counted
PER_BEFORE: Final = (
    "每",
    "每笔",
    "单笔",
    "每个",
    "每位",
    "每名",
    "每台",
)  # 每笔订单: a cue that is a denominator
SHARE_REACH: Final = 8  # 占比27%: characters after a word in which its share is written
GOAL_HEAD_RE: Final = re.compile(
    r"(?:目标|计划|任务|(?<![类化])指标)(?:为|是|如下)?[：:]"
)  # what a list of goals opens with (not 运营类指标如下：, 智能化指标：: the measures a report gives)
TARGET_HEADS: Final = ("目标", "计划", "任务", "指标", "预算")  # the nouns of a target (目标 | 实际 | 完成率)
SHARE_OF_IT_RE: Final = re.compile(
    r"[的之][ \u3000]?(?:[0-9.]+%|百分之)"
)  # 1,500万元的85.7%: a share of the figure before
COMPLETION_NOUNS: Final = frozenset("情率度了的")  # 计划完成情况, 计划完成率: how far it was met
# 围绕“冲量保利”目标开展工作: a goal the work served, named before figures that are no goal's
TARGET_CONTEXT: Final = (
    "围绕",
    "紧扣",
    "紧盯",
    "朝着",
    "聚焦",
    "对标",
    "瞄准",
    "纳入",
    "列入",
)  # (纳入满意率考核的工单)
TARGET_CONTEXT_REACH: Final = 10  # …at most this many characters before the target word
RESOLVE_VERB: Final = 4  # characters a verb of resolving may take (化解, 妥善解决)
MODALS: Final = ("可", "能", "有望", "预计")  # before a verb: what could be, not what was
# a clause right after a figure that says it met a target (，完成全年目标…, ，達成年度目標 folded): the
# figure is the actual
COMPLETES_TARGET_RE: Final = re.compile(
    r"[，,]\s*(?:已|共|累计)?(?:完成|达成|实现|达到)了?"
    r"(?:全年|年度|季度|半年|上半年|下半年|月度|本月|当月|公司|集团|全年度)?(?:下达的|的)?"
    r"(?:销售|业绩)?(?:目标|任务|计划|指标|预算)"
)
OUTCOME_NOUNS: Final = ("情况", "结果", "成绩", "得分")  # 考核情况, 任务完成结果: a report of how it went
JUDGED: Final = tuple("于出合过及乎")  # 低于预期, 超出预期, 符合预期: a judgement, not a target


@trait
class NamerBase:
    """What every naming rule reads: the folded text, its geometry, its cue index, the lexicon."""

    t: str
    geo: Geometry
    cues: CueIndex
    lex: Kpis
    _clause_facts: dict
    _word_starts: dict
    _leads: dict
    _table_heads: dict  # a table row's start → its block's first row's (tables.py)
    _spaced_heads: dict  # a row set out with spaces: its start → its header row's, or -1 (tables.py)
    _list_titles: dict  # an item line's start → the spans of words naming its list (tables.py)
    _any_table: bool
    _cell_seps: bool  # whether | or a tab stands anywhere in the text (tables.py)
    _mentions: list
    _mention_ends: list[int] | None  # their ends, for the nouns written after a figure (choice.py)
    _values: dict | None  # each value → [(start, place in _mentions)] of its figures (neighbours.py)
    _figures: list
    _figure_ends: list | None
    _blanks: list
    _respectively: dict
    _any_respectively: bool
    _workshop: bool  # the text is an after-sales workshop's: its 产值 is its takings

    def _resolve_verb_before(self, start: int) -> bool:
        """成功化解了91%的潜在纠纷, 已解决45份: a verb of resolving right before the figure (正在解决中9份:
        still open)."""
        at = start - 1 if self.t.endswith("了", 0, start) else start
        hits = self.cues.within(max(0, at - RESOLVE_VERB), at)
        if not hits or hits[-1].end != at or "resolved" not in hits[-1].roles.kpis:
            return False
        return not self.t.endswith(MODALS, 0, hits[-1].start)  # (可解决80%的异常: what it could do)

    def _in_brackets(self, lo: int, start: int) -> bool:
        """Whether ``start`` lies inside a bracket opened in [lo, start) and not yet closed."""
        t = self.t
        return rfind_any(t, "(（", lo, start) > rfind_any(t, ")）", lo, start)

    def _other_channel(self, lo: int, hi: int) -> bool:
        """Whether a channel other than the phone is named in [lo, hi) (来函受理64宗)."""
        return any(w in self.t[lo:hi] for w in self.lex.other_channels)

    def _has_word(self, kind: str, lo: int, hi: int) -> bool:  # targets.py
        raise NotImplementedError

    def _has_target_word(self, lo: int, hi: int, named: bool = False) -> bool:  # targets.py
        raise NotImplementedError

    def _meets_target(self, dimension: str, start: int, end: int, clo: int) -> bool:
        """累计签约280套，完成季度目标的93%: a figure (or blank) in [start, end) right before a clause
        saying it met a target, with no target word of its own before it (not 目标1000万元，完成目标的85%),
        is the actual."""
        return (
            dimension != "percent"
            and COMPLETES_TARGET_RE.match(self.t, end) is not None
            and not self._has_target_word(clo, start, named=True)
        )

    def _sales_choice(self, dimension: str, unit: str | None) -> Choice | None:
        """The first sales KPI (SALES) a figure of that dimension and unit may have: what a bare target
        of so many 套 or yuan is set for."""
        return next((Choice(k, True) for k in SALES if self.lex.allows(k, dimension, unit)), None)

    def _labelled_actual(self, clo: int) -> bool:
        """年度任务：销量1.5万台  实际：1.62万台: the clause at ``clo`` follows a label, ended by a
        colon, that says its figure is the actual."""
        if clo < 2 or self.t[clo - 1] not in "：:":
            return False
        return self._has_word(ACTUAL, self.geo.clause(clo - 2, clo - 1)[0], clo)

    def _ends(self) -> list[int]:
        """The mentions' ends, in text order (ascending), built on first asking."""
        if self._mention_ends is None:
            self._mention_ends = [m.end for m in self._mentions]
        return self._mention_ends

    def _start_after(self, end: int, default: int) -> int:
        """Where the first figure ending after ``end`` starts (``default`` if none does)."""
        ends = self._ends()
        k = bisect_right(ends, end)
        return self._mentions[k].start if k < len(ends) else default

    def _once(self, cache: dict, key: int, compute):
        """``compute(key)``, asked once per key of this text (None is an answer too)."""
        found = cache.get(key, UNSET)
        if found is UNSET:
            found = cache[key] = compute(key)
        return found


def level_after_change(t, pos, start):
    """提升1.7个百分点至44.79%: a figure after 至/到 that follows the change's own figure;
    提升上门准时性至96%: a figure after 至 that follows what was changed (到 alone is too
    common a verb ending, 收到, 接到, to say so)."""
    between = t[pos:start].rstrip()
    for word in units().currency_names:  # 增长12.4%至人民币86.7亿元
        if between.endswith(word):
            between = between[: -len(word)].rstrip()
            break
    if between.endswith("至"):
        return True
    # (增长18.4%达2.75亿元: 达 too, after the change's own figure; 增长达5% is the change itself)
    return between.endswith(("到", "达")) and any(c.isdigit() or c in "]】］" for c in between)


def statement_start(t: str, lo: int, hi: int) -> int:
    """Where the statement holding ``hi`` starts, not before ``lo``: after the last semicolon or
    line break (a report's lines are statements of their own, headings and bullets)."""
    return max(lo, rfind_any(t, "；;\n", lo, hi) + 1)


def item_end(t, end, hi):
    """Where the list item of a figure ending at ``end`` ends (before ``hi``): the next list
    separator or digit."""
    m = ITEM_END_RE.search(t, end, hi)
    stop = m.start() if m else hi
    nl = t.find("\n", end, stop)
    if nl >= 0 and FIELD_LINE_RE.match(t, nl + 1):
        return nl  # (达成率：97.4%⏎同比：+8.6%: a line that opens on a form's field and its colon is that field's)
    return stop


ACTUAL, OUTCOME = "actual", "outcome"  # kinds of word a clause is asked about (targets.py)


@lru_cache(maxsize=8)
def words_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern finding any of ``words`` (a lexicon list), compiled once."""
    return re.compile(trie_pattern(words))


@lru_cache(maxsize=1)
def target_hint():
    """Where a target word is written at all: a cue hit with the target role is one of these."""
    return re.compile(trie_pattern(load_kpis().target_words))


@lru_cache(maxsize=4)
def firm_patterns(firms: tuple[str, ...], places: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a band before 的 and the firms or places it sorts: 销售额在30亿到100亿元的腰部企业, 年交易额超过
    3000万元的“淘宝镇”; a share right before the firms it counts: 74.4%经销商, 29%的经销商)."""
    sorted_ones = "|".join((*firms, *places))
    return (
        re.compile(r"的[“\"「]?[^，,。；;：:\d”」]{0,6}?(?:" + sorted_ones + ")"),
        re.compile(r"的?(?:" + "|".join(firms) + ")"),
    )
