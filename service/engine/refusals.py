"""Reader rules that refuse a number: names, ordinals, codes, articles, versions.

PM2.5, 第一名, “四张卡”, 一名合格的, 二期, 轻居3.0项目, 如图1所示: each rule says where the
reader skips to, or that the unit after a core makes it no quantity."""

from typing import Final

from mypy_extensions import trait

from service.engine.findchars import find_any, is_han
from service.engine.reading import (
    ADDRESS_BEFORE_RE,
    ADDRESS_UNITS,
    ARABIC_ONLY_UNITS,
    ASCII_ALNUM,
    ASCII_LETTERS,
    AVERAGE_REACH,
    AVERAGE_WORDS,
    BIG_PLACES,
    COUNTED_ONE_AFTER,
    FIGURE_REFS,
    FINANCIAL,
    IDENT_BEFORE,
    INLINE_SPACE,
    OPEN_QUOTES,
    PAIRED_DIGITS,
    PUNCT,
    RANK_MOVE_CONTEXT,
    RANK_MOVES,
    RANK_PLACES,
    RANK_UNITS,
    SCALE_CHARS,
    TAIL_CHARS,
    TEAM_BEFORE,
    WHITESPACE,
    RuleBase,
    one_joins_word,
    prev_non_ws,
    range_sep,
    skip_ws,
)

# 周六单日, 星期三上午: a day of the week (每周三次, 本周三单 are figures)
WEEKDAYS: Final = frozenset("一二三四五六")
WEEK_WORDS: Final = ("周", "星期", "礼拜")
DAY_AFTER_WEEKDAY: Final = ("单日", "全天", "上午", "下午", "晚上")
# “新22条”, “国十条”, “省30条”: one character, then the count of a policy's articles
NAME_LEADS: Final = frozenset("新国省市老")
COUNT_AFTER_CLASS: Final = frozenset("共合总计等的中")  # 三类共计, 三类的: 类 counting categories
LISTED_KINDS_REACH: Final = 8  # a 、 this near before N类 lists the kinds it counts
BAND_UNITS: Final = ("家",)  # after 前, the top of a ranking (前十家企业)
RANK_MOVE_REACH: Final = 10  # a move (上升4位) with 排 (排名, 排位, 排行) this near before: a rank's
NOT_BANDS_BEFORE: Final = tuple("此之以提目日年月向")  # …unless 前 ends another word (此前, 之前, 提前)
# 投诉一个、化解一个: the verb of a pledge's second half (表扬一件、投诉一件 are two counts)
PLEDGE_VERBS: Final = (
    "化解",
    "落实",
    "解决",
    "办结",
    "销号",
    "处理",
    "回复",
    "反馈",
    "整改",
    "满意",
    "销项",
    "办理",
    "解答",
    "答复",
    "回访",
    "跟踪",
    "核实",
    "闭环",
)
PAIR_SEPARATORS: Final = "、，,：:"  # (投诉3起：一起是…，两起是…: the count's kinds after its colon)
LISTED_ONE_UNITS: Final = frozenset(("起", "件", "宗"))  # 一起 after counts in 起: one more, no idiom
ONE_OF_REACH: Final = 20  # …within this many characters before it
COUNT_DIGITS: Final = "两二三四五六七八九十几"  # …written in Chinese numerals (两起) or digits
PER_ONE: Final = ("平均", "每")  # …一台车, …一单: one thing the figure after is per
# 行政财务二人。, 投诉二件，: a lone 二 before one of these and the clause's end counts (二人转, 二手: names)
LONE_TWO_UNITS: Final = frozenset(("人", "名", "位", "件", "起", "宗"))
PAIR_REACH: Final = 4  # the verb between the halves is at most this long


PER_MARKS: Final = "每/／"  # a numeral of scale words alone after one of these (每百万户, 件/百万件) …
BASE_RATE_NOUNS: Final = ("投诉量", "投诉率", "申诉量", "申诉率", "故障率")  # … before a unit and one: a base
REF_ENDS: Final = ("所示", "所列", "所述")  # 如表2所示: 所 is no measure word there
DECIMAL_COUNT_DIGITS: Final = 3  # a count with a fraction has at least this many digits before the point
COUNTED_REF_QUALIFIERS: Final = ("余", "多")  # 截图30余条: between a counted form's number and its unit
ORDINAL_RANGE_JOINS: Final = frozenset("到至-－～~—、")  # 第四到十位, 第九、十名: the last of a run of places
ORDINAL_REACH: Final = 6  # characters back from the join to the 第 that opens the range
CN_NUMERALS: Final = frozenset("一二三四五六七八九十百两")

BUILDING_UNITS: Final = ("馆", "栋", "幢", "座")  # measure words of buildings, which letters and digits name


BIG_PLACE_ODD: Final = ("多", "余", "来", "几")  # 订单一百多单: a round figure and some, no word 单一
TEAM_UNITS: Final = ("部", "组")  # after a team's word (销售二部, 客服一组): its name
ROW_INDENT: Final = " \u3000"  # what may stand before a table row's label on its line


@trait
class RefusalRules(RuleBase):
    """Numbers that are no quantity, and where the reader skips to past them."""

    def _not_a_quantity(self, cn: str | None, s: int, e: int):
        """Where a number is a word, name or ordinal: the position to skip to, else None."""
        t = self.t
        p = s - 1 if s > 0 and t[s - 1] not in INLINE_SPACE else prev_non_ws(t, s)
        if p >= 0 and t[p] == "第":
            return self._skip_unit(e)  # ordinal: 第一名, 第 40 万辆
        if p >= 0 and t[p] == "篇" and (e >= len(t) or t[e] in WHITESPACE):
            return e  # 篇2 then a new paragraph: the number of a piece in a collection
        if (
            p >= 0
            and (t[p] == "图" or t.startswith(FIGURE_REFS, max(0, p - 1), p + 1))
            and not self._counted_ref(e)  # (征求意见表520份: forms counted)
        ):
            return self._skip_unit(e)  # 如图1所示, 详见附件3所列: a figure or annex number
        if cn:
            if (
                len(cn) == 1
                and cn in WEEKDAYS
                and t.endswith(WEEK_WORDS, 0, s)
                and t.startswith(DAY_AFTER_WEEKDAY, e)
            ):
                return e  # 周六单日, 星期三上午: a day of the week
            if (
                not cn.strip(SCALE_CHARS)
                and ("万" in cn or "亿" in cn)  # (每十套: a figure Reader._plain reads too)
                and (p >= 0 and t[p] in PER_MARKS or self._names_a_base(e))
            ):
                return self._skip_unit(e)  # 每百万户, 件/百万件, 百万户投诉量: a rate's base, no figure
            if cn == "一" and 0 < s and e < len(t) and t[s - 1] == t[e] and is_han(t[e]):
                return e + 1  # 提一提, 催一催, 谈一谈: a verb said twice, no count
            if (
                cn[0] == "一"
                and one_joins_word(t, s)
                and not t.startswith("分之", s - 2)
                and not (
                    len(cn) > 1 and cn[1] in BIG_PLACES and (len(cn) > 2 or t.startswith(BIG_PLACE_ODD, e))
                )
            ):  # 之一 is "one of", but 百分之一百 is a number, and so are 工单一千二百三十件, 订单一百多单
                return e
            if (
                len(cn) == 1
                and cn in FINANCIAL
                and cn != "零"
                and not self.bare
                and not t.startswith(("元", "圆", "角", "分"), e)
            ):
                return e  # 登陆部队, 拾起: a lone financial numeral is a word
            if not cn.strip("零〇") and not self.bare and not t.startswith(("元", "圆"), e):
                return e  # 零部件, 零售: 零 alone is a word, not the number 0
        if self.no_figures[s]:
            return e  # 死路一条, 千方百计: numerals inside set phrases
        if t[s] == "0" and e - s > 2 and t[s + 1].isdigit() and not self.bare and "." not in t[s:e]:
            return e  # 010203本月: slide or item numbers, a code; no figure is written with a leading 0
        if s > 0 and t[s - 1] in OPEN_QUOTES and self._in_short_quote(s):
            return self._skip_unit(e)  # “四张卡”项目: a name
        if s > 1 and t[s - 2] in OPEN_QUOTES and t[s - 1] in NAME_LEADS and self._in_short_quote(s - 1):
            return self._skip_unit(e)  # “新22条”, “国十条”: a policy's name
        return None

    def _in_short_quote(self, s: int) -> bool:
        """A number right inside a short quotation or title (“四张卡”, 《十四五》) names something.

        The caller has seen an opening quote at s - 1."""
        t = self.t
        close = {"“": "”", "「": "」", "『": "』", "《": "》"}.get(t[s - 1], t[s - 1])
        return close in t[s : s + 8]

    def _is_identifier(self, s: int, e: int) -> bool:
        """PM2.5, L9, 5G, G20, 400-686-0900, 7×24, 1:4, 10:30: names and codes.

        A colon after a word is a label's (回款净额:1.85亿元), not a ratio's or a time's; a
        slash after a Chinese word or unit joins two figures (网签418套/39,250.6㎡, 同比/环比增长12%/5%), not a
        date's parts, a fraction's or a path's."""
        t = self.t
        if s > 0 and t[s - 1] in IDENT_BEFORE:
            c = t[s - 1]
            if c == ":":
                return s >= 2 and t[s - 2].isdigit()
            if c == "Q" and e - s == 1 and t[s] in "1234" and (s < 2 or t[s - 2] not in ASCII_LETTERS):
                return True  # Q3提频, Q4闭环: a quarter's name, whatever word follows it
            if t[s].isdigit():
                caps = t[max(0, s - 3) : s]  # (Q4单季, L9: a code after a break or a mark)
            else:  # (a code has no Chinese numerals: CT一台,DR三台 counts devices)
                j = s - 1
                while j > 0 and t[j - 1] in ASCII_LETTERS:
                    j -= 1
                caps = t[j:s]
            if c.isupper() and caps.isupper() and caps.isalpha():
                # GMV1.2亿元, ARPU86万元, DR三台: a metric's or product's name in capitals, then its
                # figure and unit
                return e >= len(t) or t[e] in ASCII_ALNUM or t[e] not in TAIL_CHARS and self._unit(e) is None
            return not (
                c == "/" and s >= 2 and (t[s - 2] == "%" or not t[s - 2].isascii() and not t[s - 2].isdigit())
            )
        if e >= len(t):
            return False
        c = t[e]
        if c in "×*:" and e + 1 < len(t) and t[e + 1].isdigit():
            return True
        return c in ASCII_LETTERS and not t.startswith(("m2", "m²"), e) and not self._letter_unit(e)

    def _counted_ref(self, e: int) -> bool:
        """A measure word after a table's or annex's number (意见表520份, 附件3份, 截图30余条):
        forms counted."""
        if self.t.startswith(COUNTED_REF_QUALIFIERS, e):
            e += 1
        u = self._unit(e)
        return u is not None and u.dimension == "count" and not self.t.startswith(REF_ENDS, e)

    def _letter_unit(self, e: int):
        """1.85PP, +3.6pct: a unit written in letters, ending where the letters end (not 5G, PM2.5)."""
        u = self._unit(e)
        end = e + len(u.text) if u is not None else e
        return u is not None and u.text.isascii() and not (end < len(self.t) and self.t[end] in ASCII_ALNUM)

    def _identifier_end(self, e: int):
        t = self.t
        while e < len(t) and (t[e].isalnum() and t[e].isascii() or t[e] in "-.:×"):
            e += 1
        return e

    def _names_a_base(self, e: int) -> bool:
        """Whether a rate's noun follows the unit after ``e`` (百万户投诉量)."""
        end = self._skip_unit(e)
        return end > e and self.t.startswith(BASE_RATE_NOUNS, end)

    def _skip_unit(self, e: int):
        p = skip_ws(self.t, e)
        u = self._unit(p)
        return p + len(u.text) if u else e

    def _unit_refuses(self, start: int, s: int, e: int, u, end: int, scale) -> bool:
        """Whether the unit after a figure says it is no quantity."""
        t = self.t
        if t[start - 1 : start] == "前" and (
            u.text in RANK_UNITS or u.text in BAND_UNITS and t[start - 2 : start - 1] not in NOT_BANDS_BEFORE
        ):
            return True  # 前三名, 居前五位: a rank; 前十家企业: the top of a ranking (此前3家: a count)
        if (
            u.text in RANK_UNITS
            and t.endswith(RANK_MOVES, 0, start)
            and any(t.find(w, max(0, start - RANK_MOVE_REACH), start) >= 0 for w in RANK_MOVE_CONTEXT)
        ):
            return True  # 排名较上月下降2位, 较上周上升2名: how far a rank moved, no count
        if u.text in RANK_UNITS and (t.endswith(RANK_PLACES, 0, start) or self._ordinal_range(start)):
            return True  # 排在2-4位, 排名第四到十位: places in a ranking, no count
        if u.dimension != "count":
            return False
        core = t[s:e]
        if u.text == "人" and t.startswith("间", end) and not t.startswith("间隔", end):
            return True  # 8人间8间, 住在6人间: a room for so many, its name
        if u.text == "期" and t.startswith("间", end):
            return True  # 3·15期间: during a date, no issues counted
        if u.text in ARABIC_ONLY_UNITS and not core.isascii():
            return True  # 二期, 一期: a phase's name; 2期 counts issues
        if u.text == "类" and len(core) == 1 and not core.isascii() and self._names_a_grade(s, end):
            return True  # 一类维修企业, 三类水质断面: a grade's name (投诉分为三类, 三类共计 count)
        if len(core) == 2 and core[0] == "0" and core[1].isdigit():
            return True  # 01部门, 02部分: a slide's or item's number; no count is written 0N
        if u.text == "款" and len(core) == 4 and core.startswith(("19", "20")) and core.isdigit():
            return True  # 2023款车型: a model year, no count of models
        if u.text in TEAM_UNITS and len(core) == 1 and not core.isascii() and t.endswith(TEAM_BEFORE, 0, s):
            return True  # 销售二部, 客服一组: a team's name
        if u.text == "组" and len(core) == 1 and not core.isascii() and self._row_label(start, end):
            return True  # 一组⇥38⇥352: a team's name, a table row's label
        if u.text == "次" and s > 0 and "A" <= t[s - 1] <= "Z":
            return True  # G7215次列车, D6699次: a train's number
        if (
            u.text in BUILDING_UNITS
            and s > 0
            and "A" <= t[s - 1] <= "Z"
            and not ("A" <= t[s - 2 : s - 1] <= "Z")
        ):
            return True  # A9館, B2栋: a building's name
        if u.text == "人" and t.startswith("社", end) and core.isdigit():
            return True  # 12333人社服务热线: 人社 (human resources and social security) names a line
        if u.text in ADDRESS_UNITS and (
            t[end : end + 1].isdigit() or ADDRESS_BEFORE_RE.search(t, max(0, start - 3), start) is not None
        ):
            return True  # 服务中心位于5栋1单元: an address
        if core == "一":
            return self._is_article(s, e, u, end)  # 一名合格的置业顾问
        return (
            scale == 1
            and ("." in core or "点" in core)
            and len(core.replace("点", ".").split(".", 1)[0]) < DECIMAL_COUNT_DIGITS
            and not core.startswith(("0", "零"))  # 降到0.82件: less than one is a rate, no version
            and not self._is_average(start)
            and not t.startswith("/", end)  # 2.3次/年: a frequency
            # 轻居3.0项目: a version or code; 日均核对1.2次 is an average count; 21437.6箱 a
            # count of what is sold by the case, in part cases too (no version runs so high)
            or core == "二"
            and not (
                u.text in LONE_TWO_UNITS
                and t[s - 1 : s] != "第"
                and (end == len(t) or t[end] in PUNCT or t[end] in WHITESPACE)
            )
        )  # 二套房, 二手: counts say 两; a lone 二 before a measure word is a name

    def _ordinal_range(self, start: int) -> bool:
        """Whether the figure at start ends a range of places opened by 第 (第四到十位, 第3至5名)."""
        t = self.t
        if t[start - 1 : start] not in ORDINAL_RANGE_JOINS:
            return False
        p = start - 2
        while p >= 0 and start - p <= ORDINAL_REACH and (t[p].isdigit() or t[p] in CN_NUMERALS):
            p -= 1
        return p < start - 2 and t[p : p + 1] == "第"

    def _names_a_grade(self, s: int, end: int) -> bool:
        """Whether N类 names a grade (一类维修企业, 三类海水; 一、二类): a noun follows, and no rank
        (前三类) or list of the kinds counted (故障报修、信息咨询、意见建议三类业务) comes before."""
        t = self.t
        nxt = t[end : end + 1]
        if nxt == "" or nxt.isspace() or nxt in PUNCT or nxt in COUNT_AFTER_CLASS:
            return False
        if t[s - 1 : s] == "前" or t[s:end].startswith("两"):
            return False  # (两类诉求: two kinds; grades are 一类, 二类 …)
        if t[s - 1 : s] in ("、", "劣") and (t[s - 1] == "劣" or t[s - 2 : s - 1] in PAIRED_DIGITS):
            return True  # 一、二类海水, 劣四类
        if nxt in "和及与" and (t[end + 1 : end + 2] == "劣" or t[end + 2 : end + 3] == "类"):
            return True  # 四类和劣四类海水, 一类和二类企业
        return t.startswith(self.u.grade_nouns, end) and "、" not in t[max(0, s - LISTED_KINDS_REACH) : s]

    def _is_average(self, start: int) -> bool:
        """日均, 人均, 平均, 每…: the figure is an average, so a fraction of a unit is meant."""
        lo = max(0, start - AVERAGE_REACH)
        if find_any(self.t, "由从", lo, start) >= 0:
            lo = max(0, lo - AVERAGE_REACH)  # 百万客户投诉数由1.21件降到0.82件: the pair's words before both
        return any(w in self.t[lo:start] for w in AVERAGE_WORDS)

    def _refused_early(self, start: int, s: int, e: int, cn: str | None):
        """Where a measure word right after the core makes it no quantity: the end of that word.

        Most numerals in prose are such (一个, 一名, 一期): this is the verdict _with_unit
        would reach, taken before tail and range are read, and only where nothing after
        the core could change the unit (no scale word, 余/多, or range separator).
        """
        t = self.t
        u = self._unit(e)
        if (
            u is None
            or u.dimension not in ("count", "measure")
            or u.text[0] in TAIL_CHARS
            or t.startswith(("个亿", "个万", "个多亿", "个多万"), e)
            or cn
            and ("万" in cn or "亿" in cn)
        ):
            return None
        end = e + len(u.text)
        if range_sep(t, end + (t[end : end + 1] in WHITESPACE)) is not None:
            return None
        if self._points_next(u, end):
            return None
        if u.dimension == "measure" or self._unit_refuses(start, s, e, u, end, 1):
            return end
        return None

    def _points_next(self, u, end: int) -> bool:
        """Whether 个 at ``end``'s left is followed by 点 (降了1.6个点): percentage points perhaps,
        which _with_unit decides; no early verdict on a count."""
        return u.text == "个" and self.t.startswith("点", end)

    def _row_label(self, start: int, end: int) -> bool:
        """Whether [start, end) is a line's first cell, a tab, | or a run of spaces after it."""
        t = self.t
        k = start
        while k > 0 and t[k - 1] in ROW_INDENT:
            k -= 1  # (only spaces before it on its line: a bounded walk, they stop at any word)
        if k > 0 and t[k - 1] != "\n":
            return False
        return t[end : end + 1] in ("\t", "|") or t[end : end + 2] in ("  ", "\u3000\u3000")

    def _is_article(self, s: int, e: int, u, end: int) -> bool:
        """一名合格的置业顾问, 一支团队: 一 + measure word as an article or idiom."""
        t = self.t
        if t[s:e] != "一":
            return False
        one = "一" + u.text
        nxt = t[end] if end < len(t) else ""
        if nxt and nxt in PAIR_SEPARATORS:
            k = t.find(one, end + 1, end + 1 + PAIR_REACH)
            if k > 0 and t[end + 1 : k] in PLEDGE_VERBS:
                return True  # 投诉一个、化解一个; 来电一件、落实一件: a pledge, not a count
        if t.endswith(PLEDGE_VERBS, 0, s):
            before = t[max(0, s - PAIR_REACH - len(one) - 1) : s]
            if any(one + c in before for c in PAIR_SEPARATORS):
                return True  # (its second half; 表扬一件、投诉一件 are counts)
        if t.endswith(PER_ONE, 0, s) and nxt and (is_han(nxt) or nxt.isdigit()):
            return True  # 平均一台车一千六七百块, 每一单, 平均一台10万: what the figure after is per
        if u.text not in self.u.article_with_one or t.endswith(COUNTED_ONE_AFTER, 0, s):
            return False
        if u.text in LISTED_ONE_UNITS and t[s - 1 : s] in PAIR_SEPARATORS and self._counted_before(s, u.text):
            return False  # 投诉3起，两起是因为…，一起是质量: one of the count's kinds, after the others
        return t[s - 1 : s] == "的" or not (nxt == "" or nxt in PUNCT)  # (增长最快的一块。: an article still)

    def _counted_before(self, s: int, unit: str) -> bool:
        """Whether a count in ``unit`` ends within ONE_OF_REACH characters before s (两起, 2起)."""
        t = self.t
        k = t.find(unit, max(0, s - ONE_OF_REACH), s - 1)
        while k >= 0:
            j = prev_non_ws(t, k)  # (投诉 3 起: a form's space before the unit)
            if j >= 0 and (t[j].isdigit() or t[j] in COUNT_DIGITS):
                return True
            k = t.find(unit, k + 1, s - 1)
        return False

    def _is_code_after(self, e: int) -> bool:
        t = self.t
        return e + 1 < len(t) and t[e] in "-—" and t[e + 1].isdigit()
