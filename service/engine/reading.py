"""The reader's floor: the character classes, whitespace steps and word tables that its
rule families (refusals, qualifiers, ranges, measures) and the Reader itself share."""

import re
import string
from collections.abc import Container
from typing import Final

from mypy_extensions import trait

from service.engine.findchars import is_han
from service.engine.lexicon import Unit, Units, units
from service.engine.numerals import Number

MAX_CORE: Final = 32  # longer digit runs are codes, not quantities (and int() would balk)
MAX_GAP: Final = 4  # whitespace allowed inside a mention: '2385\n\n件', '240.1 万辆'

PREFIX_QUALIFIERS: Final = {
    "约": "approx",
    "破": "at_least",
    "超越": "at_least",
    "大约": "approx",
    "约为": "approx",
    "约达": "approx",  # 约达到90%: about, the verb between (not 约占: 占 stays a share's word before it)
    "约达到": "approx",
    "近": "approx",
    "将近": "approx",
    "接近": "approx",
    "直逼": "approx",  # 投诉量直逼10万宗: close to it from below
    "大概": "approx",
    "大概是": "approx",  # 收的物业费大概是186万: about, the copula between
    "大约是": "approx",
    "差不多": "approx",
    "差不多是": "approx",
    "快": "approx",  # 少了快三成, 快两千户了: nearly
    "约合": "approx",
    "约有": "approx",
    "大约有": "approx",
    "近有": "approx",
    "超过": "at_least",
    "超": "at_least",
    "逾": "at_least",
    "突破": "at_least",
    "冲破": "at_least",  # (首度衝破5億元: broke through, the whole word)
    "多于": "at_least",
    "不少于": "at_least",
    "至少有": "at_least",  # 至少有18个小区: no fewer
    "不下于": "at_least",  # 来电不下3万个: no fewer than
    "不下": "at_least",
    "不低于": "at_least",
    "不得低于": "at_least",  # (not 低于 with 不得 before it: a bar from below)
    "不应低于": "at_least",
    "不得少于": "at_least",
    "不得高于": "at_most",
    "不得超过": "at_most",
    "至少": "at_least",
    "至少在": "at_least",  # 下滑至少在20%: 在 between the bound and its figure
    "刚过": "at_least",  # 营收刚过5亿元: just over
    "冲过": "at_least",
    "刚超": "at_least",
    "刚超过": "at_least",
    "至少达": "at_least",
    "起码": "at_least",
    "最少": "at_least",
    "高于": "at_least",
    "大于": "at_least",
    "不到": "at_most",
    "不足": "at_most",
    "不超过": "at_most",
    "不多于": "at_most",
    "未超过": "at_most",
    "未超": "at_most",  # 均未超 2 万辆 (not 超 alone)
    "未超过了": "at_most",
    "超过了": "at_least",  # 连续6个月超过了3万辆
    "突破了": "at_least",
    "站上": "at_least",  # 月销首次站上5万辆大关: past a mark, as 突破 is
    "迈上": "at_least",
    "跃上": "at_least",
    "站稳": "at_least",
    "跌破": "at_most",  # 成交价跌破16万元 (破 alone would be at_least)
    "跌破了": "at_most",
    "没有超过": "at_most",
    "没超过": "at_most",
    "未超出": "at_most",
    "少于": "at_most",
    "低于": "at_most",
    "不高于": "at_most",
    "至多": "at_most",
    "最多": "at_most",
    "小于": "at_most",
    # signs (the fold makes ＞ > and ＜ <): ≥23.5%, ＞95%, ≤5%
    "≥": "at_least",
    "≧": "at_least",
    ">": "at_least",
    "大于等于": "at_least",
    "≤": "at_most",
    "≦": "at_most",
    "<": "at_most",
    "小于等于": "at_most",
}
# 营收破亿, 过千万元, 上百家: a round mark passed or reached, before a scale word alone
SCALE_MARK_PASSED: Final = frozenset("破过超逾上")
# …of which 过 and 上 qualify only there (经过3年, 通过5家 are no bound; 破, 超, 逾 qualify any figure)
SCALE_ONLY_PREFIXES: Final = {c: "at_least" for c in SCALE_MARK_PASSED if c not in PREFIX_QUALIFIERS}
SCALE_ONLY_STARTS: Final = frozenset("百千万亿")
UP_WORDS: Final = frozenset(("以上", "线上", "网上"))  # (上千万元 reaches that much; 以上, 线上 are words)
PREFIX_LAST: Final = frozenset(w[-1] for w in PREFIX_QUALIFIERS) | frozenset(SCALE_ONLY_PREFIXES)
PREFIX_LENGTHS: Final = tuple(sorted({len(w) for w in PREFIX_QUALIFIERS}, reverse=True))  # longest first
SUFFIX_WORDS: Final = {
    "+": tuple("+" + d for d in "0123456789"),  # (a sum's next figure)
    "上下": ("上下游", "上下级", "上下班", "上下楼"),
}  # 300家上下游企业: a word, no qualifier
SUFFIX_QUALIFIERS: Final = {
    "及以上": "at_least",
    "及以下": "at_most",
    "或以上": "at_least",  # 持有5%或以上股份
    "或以下": "at_most",
    "左右": "approx",
    "上下": "approx",
    "以上": "at_least",
    "之上": "at_least",
    "以下": "at_most",
    "以内": "at_most",
    "之内": "at_most",
    "出头": "at_least",  # 五百件出头, 85%出头: a little over
    "多一点": "at_least",  # 去年同期是38%多一点: a little over
    "多一些": "at_least",
    "有余": "at_least",  # 三成有余, 十万元有余: and some more
    "+": "at_least",  # 客流450人+, 85%+: more than (as a work chat writes it), not 45人+30人
}
SUFFIX_FIRST: Final = frozenset(w[0] for w in SUFFIX_QUALIFIERS)
# 走了一名设计师, 又招了一名: after a verb that moves staff, 一名 is one of them, not an article
COUNTED_ONE_AFTER: Final = (
    "走了",
    "招了",
    "新招",
    "新进",
    "辞退了",
    "离职了",
    "调走了",
    "调出了",
    "调入了",
    "补充了",
    "流失了",
    "招到",
    "招到了",
    "入职了",
    "退休了",
    "补进来",
    "补进了",
    "增了",
)
# 签约, 合约, 最近, 附近, 赶超: the qualifier character is the end of another word
WORD_BEFORE: Final = {
    "约": "签合节预特制邀违履公条简隐续解赴契相租爽守践",  # (续约3个: renewals, not about 3)
    "近": "最附临将接逼靠亲贴",
    "快": "加尽很较飞最赶更凉愉畅爽痛轻明欢",  # 加快, 最快3天: 快 ends another word
    "超": "高赶彩Bb商",  # 彩超6台, B超4台: scanners sold, not more than; 新进商超16家: supermarkets
    "逾": "",
    "不到": "",
    "大约": "扩增加放最较重巨壮强伟庞宏远高",  # 扩大约18%: 约 alone qualifies
    "最多": "日天",  # 单日最多2,916个: the busiest day's count, no bound
}
RANK_UNITS: Final = ("名", "位", "强")
RANK_PLACES: Final = ("排在", "排名", "位列", "位居", "名列", "排第", "列第")  # … before N位, N名: places
RANK_MOVES: Final = (
    "上升",
    "下降",
    "提升",
    "前进",
    "后退",
    "上涨",
    "下滑",
    "攀升",
    "跃升",
    "回落",
)  # …by N of them
RANK_MOVE_CONTEXT: Final = ("排", "较", "比")  # … with a ranking or a comparison before them (较上周上升2名)
RANKING: Final = (
    r"依次|排名|排序|位居|居前|前\d+位|前[二三四五六七八九十]+位|分别为"  # words that order a list
)
# 同比+5%, 为+3%: a plus sign after these (or a space or punctuation) is the figure's;
# 短信+8元券 joins two things
PLUS_SIGN_AFTER: Final = frozenset("比为长增至到是约达和及与") | frozenset(" \t\n\u3000，,。；;：:（(、|/")
FIGURE_REFS: Final = (
    "附件",
    "附表",
    "表格",
    "如表",
    "见表",
    "下表",
    "上表",
    "、表",
    "和表",
    "及表",
)  # 如表2所示: a table's number
COMPARATIVES: Final = "多少更"  # 多负27.11个百分点: 负 says which way the gap goes, not the figure's sign
ARABIC_ONLY_UNITS: Final = ("期",)  # 2期 counts; 一期, 二期 name a phase
# 5栋1单元, 3号楼2单元, 8栋2楼: a building and its part, run together, are an address, no count
ADDRESS_UNITS: Final = ("栋", "幢", "座", "单元")
# 销售二部, 业务三部: a team's name (a numeral alone before 部, after the trade it works in)
TEAM_BEFORE: Final = ("销售", "业务", "市场", "营销", "事业", "客服", "工程", "项目", "零售", "大客户")
ADDRESS_BEFORE_RE: Final = re.compile(r"\d(?:栋|幢|座|号楼|楼)$")  # (the building a unit's number follows)
AVERAGE_WORDS: Final = (
    "均",
    "每",
    "率",
    "频",
    "中位数",
    "万人",
    "百户",
    "千户",
    "万户",
    "百万",
)  # … a rate in times (周转率4.2次, 频次2.3次), a median, per 万人次 or 千户 (千户投诉量由1.21件降到0.82件)
AVERAGE_REACH: Final = 12  # characters before a figure looked at for 均/每
# …个 followed by more figures in 个 and a last one in 个百分点: all are points (2.1个和0.6个百分点)
SHARED_POINTS_RE: Final = re.compile(
    r"(?:[和、及与][0-9０-９.]{1,8}个){0,8}[和、及与][0-9０-９.]{1,8}个百分点"
)
SHARED_POINTS: Final = Unit("个", "percent", "pp")
SCALE_CHARS: Final = "十百千万亿拾佰仟"  # the scale words, the financial forms too
TAIL_CHARS: Final = frozenset("十百千万亿兆拾佰仟余多来")  # what may stand between a core and its unit
ABOUT_TAIL: Final = "出头"  # 二十出头套: a little over twenty, as 二十多套
VAGUE_DIGIT: Final = "几"  # 70几位: seventy-odd, as 七十几位
# each branch starts with a letter, so the regex engine skips to h, f or w in C
URL_RE: Final = re.compile(r"https?://[^\s，。；“”]+|ftp://[^\s，。；“”]+|www\.[^\s，。；“”]+")
FINANCIAL: Final = set("零壹贰叁肆伍陆柒捌玖拾佰仟")  # the digits of cheques and invoices
FINANCIAL_WORDS: Final = ("队伍", "落伍", "入伍", "退伍", "行伍", "收拾")  # (队伍分销: a word, no 伍分)
PLACE_ALONE: Final = {
    "十": 10,
    "百": 100,
    "千": 1000,
    "万": 10000,
    "百万": 10**6,
    "千万": 10**7,
    "亿": 10**8,
    "万亿": 10**12,
}
RANGE_SEPS: Final = ("——", "--", "~", "-", "—", "–", "〜", "至", "到")
RANGE_SEP_FIRST: Final = frozenset(x[0] for x in RANGE_SEPS)
WHITESPACE: Final = frozenset(" \t\r\n\u3000\xa0")
PLUS_TAIL: Final = frozenset("+＋")  # 2000+条: a plus between a figure and its unit, more than that
TAIL_AFTER_DIGITS: Final = (
    WHITESPACE | PLUS_TAIL
)  # 240.1 万, 2000+条: what may follow Arabic digits before their unit
INLINE_SPACE: Final = frozenset(" \t\u3000\xa0")
INCLUSIVE: Final = ("(含)", "（含）")  # 90%(含)以上: the bound itself included, the qualifier after it
SUFFIX_OPENERS: Final = INLINE_SPACE | frozenset("(（")  # what may stand between a figure and its qualifier
ASCII_LETTERS: Final = frozenset(string.ascii_letters)
ASCII_ALNUM: Final = ASCII_LETTERS | frozenset(string.digits)
IDENT_BEFORE: Final = ASCII_LETTERS | frozenset("×xX*:/._#@")  # PM2.5, L9, 7×24, 10:30
IDENT_AFTER: Final = ASCII_LETTERS | frozenset("×*:")  # 5G, 7×24, 1:4 (what _is_identifier looks at after)
OPEN_QUOTES: Final = frozenset("“「『《\"'")
SIGNS: Final = "-−+负"
# 一 right after these is part of a word (统一, 唯一, 每一个), not a number
ONE_WORD_LEFT: Final = set("统唯同万之单专划逐每某这那哪另任初周第星")
# titles ending in one of those characters, before a count (主任一人: one head, not 任一)
ONE_AFTER_TITLES: Final = ("主任", "专任", "兼任", "前任", "现任", "继任", "新任", "首任")


def one_joins_word(t: str, s: int) -> bool:
    """Whether 一 at ``s`` ends a word with the character before it (统一, 唯一, 任一), not a title's
    last character before a count (主任一人)."""
    return s > 0 and t[s - 1] in ONE_WORD_LEFT and not t.endswith(ONE_AFTER_TITLES, 0, s)


BIG_PLACES: Final = "百千万"  # …unless a place follows, with more after it: 工单一千二百三十件 is a number
CHENG_DIGITS: Final = frozenset("一二三四五六七八九")  # 五成五: the hundredth after 成
CHENG_STOP: Final = set("交为功本绩果员立都熟长型品效就了年分批套语像因材活人")
PUNCT: Final = set("，。；：、,.;:!?！？）)」』】\"'”’ \t\r\n…")
# Reader._plain reads a figure at once where nothing next to it is one of these (each is
# what some rule of Reader.read looks at: a sign, a qualifier, 第, a quote, 之 of 百分之 …)
# Currency signs written before a figure (HK$1,000, ¥500) end in one of these (units.yaml
# currency_signs; the fold makes ＄ $ and ￥ ¥).
SIGN_ENDS: Final = frozenset("$¥")
NOT_PLAIN_BEFORE: Final = (
    IDENT_BEFORE | INLINE_SPACE | frozenset(SIGNS) | OPEN_QUOTES | frozenset("第之图件表") | SIGN_ENDS
)
NOT_PLAIN_AFTER: Final = IDENT_AFTER | TAIL_CHARS | frozenset("分角")  # … a scale word, 余, 分之, 角
NOT_PLAIN_AFTER_UNIT: Final = (
    RANGE_SEP_FIRST | WHITESPACE | SUFFIX_FIRST | frozenset("万亿多(（点")
)  # … 到, 左右, 个亿, 个多亿, (含)以上, 个点


def skip_ws(t: str, p: int, limit: int = MAX_GAP) -> int:
    """Position after at most ``limit`` whitespace characters from p."""
    q = p
    while q < len(t) and q - p < limit and t[q] in WHITESPACE:
        q += 1
    return q


def skip_back(t: str, lo: int, p: int, limit: int = MAX_GAP) -> int:
    """Position before at most ``limit`` whitespace characters back from p (not before lo)."""
    q = p
    while q > lo and p - q < limit and t[q - 1] in WHITESPACE:
        q -= 1
    return q


def marks_scale(t: str, k: int, start: int, marks: Container[str]) -> bool:
    """Whether the character at k is one of ``marks`` before a figure at ``start`` that opens on a
    scale word (过亿, 上百家; not 以上万元, 线上千万: words)."""
    return (
        t[k : k + 1] in marks
        and t[start : start + 1] in SCALE_ONLY_STARTS
        and t[k - 1 : k + 1] not in UP_WORDS
    )


def passes_mark(t: str, s: int, e: int) -> bool:
    """营收破亿, 销售额过千万: the scale word alone at [s, e) is a round mark passed, a figure with
    no unit of its own (not 十多万, 几亿: numbers the sentence may give a unit)."""
    return t[s:e] in PLACE_ALONE and marks_scale(t, s - 1, s, SCALE_MARK_PASSED)


# 五、六个人, 一、二类: a digit written out → the one after it, the two written as a pair
PAIRED_DIGITS: Final = dict(zip("一二三四五六七八", "二三四五六七八九", strict=True))
RATIO_SIGNS: Final = ("/", "／")
PERIOD_WORDS: Final = frozenset("年月日天周季")
BASE_SCALES: Final = frozenset("十百千万亿")


SALES: Final = ("units_sold", "sales_value", "sales_area")  # the KPIs of what was sold
FIGURE_IN_BRACKETS: Final = ("(", "（")  # what stands between a figure and one in brackets after it
PEOPLE_ONLY_UNITS: Final = ("名", "位")  # measure words of people alone, never of seats or places
PEOPLE_UNITS: Final = ("人", *PEOPLE_ONLY_UNITS)  # measure words of people (个 only before 人)
KIND_NOUNS: Final = ("问题", "方面", "类型", "类别", "领域")
KIND_MODIFIER: Final = 4  # 最集中的三个环境问题: the words that may stand between the count and its kind
KIND_END: Final = frozenset("，。；、,;：:）)\n")


def counts_kinds(t: str, m: "Mention", ending: bool = False) -> bool:
    """最集中的两个问题, 三个方面, 三个环境问题 (ending its clause): a few kinds counted in words,
    never a part of a total of cases.  ``ending``: only where the kind's noun ends the clause
    (三个问题已解决 counts the problems resolved)."""
    if t[m.core_start : m.core_start + 1].isdigit():
        return False
    for k in range(m.end, min(len(t), m.end + KIND_MODIFIER + 1)):
        if k > m.end and not is_han(t[k - 1]):
            return False
        for noun in KIND_NOUNS:
            if t.startswith(noun, k):
                return (not ending and k == m.end) or k + len(noun) == len(t) or t[k + len(noun)] in KIND_END
    return False


def per_base(t: str, end: int) -> bool:
    """0.50件/万人次, 0.18件/万张: a figure ending at ``end`` divided by a base (a measure word,
    perhaps after 万) written after it, a ratio (not 418套/39,250㎡ or 46台/回款13.8万元, two
    figures, nor 80万元/月, a figure per period)."""
    if t[end : end + 1] not in RATIO_SIGNS:
        return False
    p = end + 1 + (t[end + 1 : end + 2] in BASE_SCALES)
    if t[p : p + 1] in PERIOD_WORDS:
        return False
    return units().match(t, p) is not None


def range_sep(t: str, p: int) -> str | None:
    """The range separator written at p (600-700, 两到三), or None."""
    if t[p : p + 1] not in RANGE_SEP_FIRST:
        return None
    return next((x for x in RANGE_SEPS if t.startswith(x, p)), None)


def prev_non_ws(t: str, p: int) -> int:
    if p > 0 and t[p - 1] not in INLINE_SPACE:
        return p - 1
    q = p - 1
    while q >= 0 and p - q <= MAX_GAP and t[q] in INLINE_SPACE:
        q -= 1
    return q


def opens_line(t: str, s: int) -> bool:
    """Whether only inline space stands between the line's start and s."""
    q = prev_non_ws(t, s)
    return q < 0 or t[q] in "\n\r"


class Mention:
    """A quantity found in the text. Offsets index the original input.

    A plain slotted class with its own ``__init__`` rather than a dataclass: compiled, a
    dataclass keeps the interpreted ``__init__`` the decorator writes (four times the cost),
    and dense inputs make one per few characters. Mentions compare by identity."""

    __slots__ = (
        "start",
        "end",
        "number",
        "unit",
        "dimension",
        "core_start",
        "core_end",
        "scaled",
        "change",
        "label",
        "kpi",
        "from_to",
        "direction",
        "part_of",
        "named",
    )

    def __init__(
        self,
        start: int,
        end: int,
        number: Number,
        unit: str | None,
        dimension: str,
        core_start: int = 0,
        core_end: int = 0,
    ) -> None:
        self.start, self.end, self.number, self.unit, self.dimension = start, end, number, unit, dimension
        self.core_start = core_start  # where the digits start (after any qualifier word)
        self.core_end = core_end
        self.scaled = False  # a scale word was read (3.2亿): the last written digit is not a unit
        self.change = False  # a change (较上年末增加…), not a level: no KPI
        self.label: str | None = None
        self.kpi: str | None = None
        self.from_to = False  # one end of 从A…到B: the same quantity at two times
        self.direction: str | None = None  # a growth_rate's change: "up" or "down"
        self.part_of: Mention | None = None  # the total of the breakdown this figure is a part of
        self.named = False  # a cue decided its KPI (or that it has none)

    def __repr__(self) -> str:
        return f"Mention({self.start}, {self.end}, {self.number!r}, {self.unit!r}, {self.dimension!r}, kpi={self.kpi!r})"


class TooManyMentions(ValueError):
    """The text holds more mentions than the caller's ``max_mentions``: the reader stops at the
    first one over it, so ``count`` is ``limit + 1``, a floor."""

    def __init__(self, count, limit):
        super().__init__(f"{count} mentions, more than {limit}")
        self.count, self.limit = count, limit


@trait
class RuleBase:
    """What every rule family reads: the folded text, the unit tables, the bare flag."""

    t: str
    u: Units
    bare: bool
    no_figures: bytearray  # set phrases and web addresses: no figure starts there
    cells: dict[int, tuple[Unit, int]]  # a table cell's bare figure → its label's or header's unit

    def _unit(self, p: int) -> Unit | None:
        raise NotImplementedError

    # (the families ask each other; each is given by the family that owns it)
    def _with_unit(self, number, start: int, s: int, e: int, p: int, scale):  # measures
        raise NotImplementedError

    def _per_unit(self, unit, end: int):  # measures
        raise NotImplementedError

    def _currency_name(self, unit, start: int, end: int):  # measures
        raise NotImplementedError

    def _is_cheng(self, number, q: int) -> bool:  # measures
        raise NotImplementedError

    def _prefix_qualifier(self, start: int):  # qualifiers
        raise NotImplementedError

    def _suffix_qualifier(self, mention, stop: int):  # qualifiers
        raise NotImplementedError

    def _tail(self, number, e: int, arabic):  # qualifiers
        raise NotImplementedError

    def _identifier_end(self, e: int):  # refusals
        raise NotImplementedError

    def _unit_refuses(self, start: int, s: int, e: int, u, end: int, scale):  # refusals
        raise NotImplementedError

    def _is_code_after(self, e: int):  # refusals
        raise NotImplementedError
