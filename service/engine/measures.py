"""Reader rules for the unit after a number: measure words (and in brackets, 5,454(台)),
money (角分, currency names and signs, unit prices), percentages (百分之, 成), years."""

import re
from typing import Final

from mypy_extensions import trait

from service.engine import numerals
from service.engine.cells import IN_BRACKETS, LABEL_WORDS, SCALED_DIMENSIONS, label_unit
from service.engine.findchars import find_any, is_han, rfind_any
from service.engine.lexicon import LIST_JOINS, Unit
from service.engine.numerals import NUMBER_RE, Number, tidy
from service.engine.reading import (
    CHENG_DIGITS,
    CHENG_STOP,
    INLINE_SPACE,
    MAX_CORE,
    RANK_UNITS,
    SIGNS,
    WHITESPACE,
    Mention,
    RuleBase,
    opens_line,
    passes_mark,
    prev_non_ws,
    range_sep,
    skip_ws,
)

YEAR_CHANGES: Final = "升增减跌降"  # (年升, 年增, 年减: Hong Kong and Taiwan write a change on the year so)
# 分别提高0.52和1.13个百分点, 2.7、3.9个百分点: figures joined (LIST_JOINS) share the unit written
# once, after the last of them (at most SHARED_HOPS further figures on); dimensions where no scale
# word or currency name can stand between, and sums in yuan with the scale word they share
SHARED_HOPS: Final = 4
KUAI_PIECES: Final = Unit("块", "count", "块")  # 块 where it counts pieces, not yuan
SOME_TENTHS: Final = "点多"  # after a percentage in words: and some tenths (百分之八点多)
POINT_ENDS: Final = "左多"  # (提升3个点左右, 下降了2个点多)
# after 块 and a digit: what the sum is per (660块一晚, 50块一位), no jiao (二十八块五涨到…: jiao)
PER_AFTER_KUAI: Final = frozenset("晚夜天日间位个次件份人桌套台斤盒瓶张")
KUAI_ROUGH: Final = 100  # …and one said roughly this large (四千来块, 两三百块)
KUAI_SUM: Final = 10_000  # a figure of 块 this large is yuan where no noun follows
KUAI_AFTER: Final = ("左右", "上下", "钱", "多")
KUAI_OBJECT_BEFORE: Final = 6  # characters before a figure in 块 where the pieces' noun may stand
# …or said roughly after it (一共4,200块左右, 学徒三千块出头)
KUAI_ROUGH_AFTER: Final = ("左右", "上下", "出头")
KUAI_FILLS: Final = 2  # filler characters between a money word and the figure of its 块 (才只卖)
SHARED_DIMENSIONS: Final = ("percent", "count")
SHARED_SCALES: Final = {"万": 10**4, "亿": 10**8}  # a scale word the figures of a list share with their unit
LABEL_ENDS: Final = (
    "：:"  # …a field's label ends with, its unit in brackets before it (销售额（万元）：128.5)
)
LABEL_UNIT: Final = (
    6  # characters a unit, its scale word and the brackets take in such a label (（百万港元）)
)
LABEL_STOPS: Final = "，,；;。\n|\t"  # …up to the end of what stands before the label


# after a unit set two spaces or more from its figure: more words and at once a figure, the next
# cell's label and figure (期缴12.0万), not that figure's unit
NEXT_CELL_RE: Final = re.compile(r"[\u4e00-\u9fff]{1,4}[：:]?\s?\d")

SET_IN_REACH: Final = 40  # characters before a figure read for its item line's words


@trait
class UnitRules(RuleBase):
    """The unit after a number, and the dimension and value it gives the quantity."""

    def _set_in_after(self, p: int, q: int, start: int) -> bool:
        """Whether the line break in [p, q) is followed by a line set in with spaces, after a line
        with words before the figure: an item line of a list, which opens no unit of it."""
        t = self.t
        nl = t.rfind("\n", p, q)
        if nl < 0 or t[nl + 1 : nl + 2] not in INLINE_SPACE:
            return False
        ls = t.rfind("\n", max(0, start - SET_IN_REACH), start) + 1  # (a bounded look back)
        return bool(t[ls:start].strip())

    def _with_unit(self, number: Number, start: int, s: int, e: int, p: int, scale):
        """Attach the unit after position p; return (Mention or None, stop)."""
        t = self.t
        q = skip_ws(t, p) if t[p : p + 1] in WHITESPACE else p
        u = self._unit(q)
        if u is not None and u.text == "年" and q + 1 < len(t) and t[q + 1] in YEAR_CHANGES:
            u = None  # 銷貨額達324億年升13.7%: 年升 is the change after the figure, not its unit
        inner = 0  # (a scale word inside the brackets: 128.5（万元）)
        if u is None and t[q : q + 1] in "(（":
            u, inner = self._bracketed_unit(q)  # 5,454(台), 6,436,307(元): a table's unit in brackets
            if inner:
                number, scale = number.scaled(SHARED_SCALES[t[q + 1]]), max(scale, 10)
        if u is not None and q > p:
            broken = "\n" in t[p:q]
            item = u.dimension == "count" and (start == 0 or t[start - 1] == "\n")
            if (
                (broken or item)
                and any(t.startswith(w, q) for w in self.u.unit_word_starts)
                or broken
                and (
                    s in self.cells
                    or find_any(t, "\t|", t.rfind("\n", 0, start) + 1, start) >= 0
                    or self._set_in_after(p, q, start)  # (批发给修理厂  682万⏎  批发给连锁: the next item)
                    or t[q + len(u.text) : q + len(u.text) + 1] in ("：", ":")  # (⏎⏎注：…: a note's label)
                )
            ):
                # a line break then 人员…, or an item's number at a line's start, a space and
                # 项目部经理…: the next words, not a unit; nor the next row's after a table's last
                # cell (22.4⏎线下: the cell's unit is its column's)
                u = None
            elif q - p > 1 and NEXT_CELL_RE.match(t, q + len(u.text)):
                u = None  # 理财1,120万  期缴12.0万: the next cell's label, its own figure after it
        if u is None and (
            s in self.cells or start > 3 and (t[start - 1] in LABEL_ENDS or t[start - 1] in INLINE_SPACE)
        ):
            # 销售额（万元）：128.5: the field's unit, in its label; 销售额（万元） | 1,946: a table
            # cell's, in its row's label or its column's header
            u, factor = self.cells[s] if s in self.cells else self._labelled_unit(start)
            if u is not None:
                if factor > 1:
                    number = number.scaled(factor)
                elif u.dimension == "count" and (number.value or 0) % 1:
                    return None, p  # (a count of 12.5: no count)
                mention = Mention(start, p, number, u.unit, self._dimension(u, number, s, e), s, e)
                mention.scaled = factor > 1
                return mention, p
        if u is None:
            if q < len(t) and t[q] == "成" and self._is_cheng(number, q):
                n, end = number.scaled(10), q + 1
                if t[end : end + 1] in ("多", "余"):
                    n, end = n.with_qualifier("at_least"), end + 1  # 两成多
                elif t[end : end + 1] == "半" and n.value is not None:
                    n, end = Number(tidy(n.value + 5)), end + 1  # 三成半 = 35 %
                elif n.value is not None and self._cheng_digit(end, s):
                    digit = int(t[end]) if t[end].isascii() else numerals.CN_DIGITS[t[end]]
                    n = Number(tidy(n.value + digit), qualifier=n.qualifier)
                    end += 1  # 五成五 = 55 %, 9成6 = 96 %
                return Mention(start, end, n, "%", "percent", s, e), end
            if (
                scale == 1
                and t[q : q + 1] in LIST_JOINS
                and (t[s].isdigit() or t[q] != "、")
                and not (t[q] == "、" and e - s == 1 and opens_line(t, start))  # ⏎2、3家店: an item's number
            ):
                # (五、六个人 is a pair the reader reads as one range)
                shared, factor = self._shared_unit(q, t[s].isdigit(), e - s > 1)
                if shared is not None:
                    number = number.scaled(factor) if factor > 1 else number
                    return Mention(start, p, number, shared.unit, shared.dimension, s, e), p
            if scale > 1 and t[q : q + 1] in LIST_JOINS and t[p - 1 : p] in SHARED_SCALES:
                shared = self._shared_scaled_unit(q, t[p - 1], t[s].isdigit())
                if shared is not None:  # 40万和30万辆, 1.9万、1.6万和1.5万辆: the list's measure word
                    mention = Mention(start, p, number, shared.unit, shared.dimension, s, e)
                    mention.scaled = True
                    return mention, p
            if (
                self.bare
                or scale > 1
                and (
                    any(c.isdigit() or c in numerals.CN_DIGITS or c in numerals.VAGUE for c in t[s:e])
                    or passes_mark(t, s, e)
                )
            ):
                # a bare number with a scale word (2.01亿, 营收破亿): a quantity with its unit left out
                return Mention(start, p, number, None, "number", s, e), p
            return None, p
        end = q + len(u.text) + (2 + inner if t[q : q + 1] in "(（" else 0)
        if u.text == "个" and t.startswith("点", end) and self._points_changed(start, end + 1):
            return Mention(start, end + 1, number, "pp", "percent", s, e), end + 1  # 比上月提升了3个点
        if (u.dimension == "count" or u.text in RANK_UNITS) and self._unit_refuses(
            start, s, e, u, end, scale
        ):
            return None, end
        if u.dimension == "measure":
            if scale > 1 and u.text in self.u.unit_like:
                # 从3.2亿提升至12亿: a word after a scaled number, its unit left to the sentence
                return Mention(start, p, number, None, "number", s, e), p
            return Mention(start, end, number, u.unit, "skip", s, e), end
        dim, unit = self._dimension(u, number, s, e), u.unit
        if u.text == "块" and not self._kuai_is_money(start, number, end):
            # 地砖30块: pieces, refused as any count is (一块去: together, 一块地: an article)
            if self._unit_refuses(start, s, e, KUAI_PIECES, end, scale):
                return None, end
            return Mention(start, end, number, "块", "count", s, e), end
        if dim == "currency":
            number, end = self._jiao_fen(number, end, u.text)
            unit, end = self._currency_name(unit, start, end)
            unit, end = self._per_unit(unit, end)
        mention = Mention(start, end, number, unit, dim, s, e)
        mention.scaled = inner > 0
        return mention, end

    def _points_changed(self, start: int, end: int) -> bool:
        """Whether N个点 ending at ``end`` is percentage points: a change word right before the
        figure (提升了3个点, 下降约2个点), and no noun after 点 (3个点位, 两个点子)."""
        t = self.t
        if end < len(t) and is_han(t[end]) and t[end] not in POINT_ENDS:
            return False
        k = start
        while k > 0 and start - k < 2 and t[k - 1] in "了约近":
            k -= 1
        # (低了2个点: the change word may end on its 了; 下降约2个点: a qualifier between)
        return t.endswith(self.u.point_changes, 0, k) or t.endswith(self.u.point_changes, 0, start)

    def _kuai_is_money(self, start: int, number: Number, end: int) -> bool:
        """Whether 块 after the figure at ``start`` is yuan: a figure that no word stands before
        (7块, 三五百块), one in yuan and jiao (3.04块, 一块二) or after a money word (卖, 补贴,
        月薪 …, past a filler or two: 才卖12块); 块钱 is another unit. Pieces after any other
        word (地砖30块, 竞得2块用地)."""
        t, u = self.t, self.u
        if t.startswith(u.kuai_objects, end):
            return False  # 4571块银幕, 3块奖牌: the pieces named right after
        before = t[max(0, start - KUAI_OBJECT_BEFORE) : start]
        if any(len(w) > 1 and w in before for w in u.kuai_objects) and not any(
            w in before for w in u.kuai_money_words
        ):
            return False  # 地砖铺了4,200块左右: the pieces named right before (手表这些卖了十几万块: sold)
        if (number.value or 0) % 1 or end < len(t) and (t[end].isdigit() or t[end] in numerals.CN_DIGITS):
            return True
        if t.startswith("多", end) and not is_han(t[end + 1 : end + 2]):
            return True  # 比去年高4块多: yuan and some jiao (pieces are not counted so)
        if (
            (number.qualifier != "exact" or t.startswith(KUAI_ROUGH_AFTER, end))
            and (number.value or number.max or 0) >= KUAI_ROUGH
            and (end >= len(t) or not is_han(t[end]) or t.startswith(KUAI_AFTER, end))
        ):
            return True  # 提成只拿到四千来块, 差了两三百块: a rough sum said aloud is yuan (几千块砖 names pieces)
        if (number.value or 0) >= KUAI_SUM and (
            end >= len(t) or not is_han(t[end]) or t.startswith(KUAI_AFTER, end)
        ):
            return True  # 任务是两百二十万块, 一百八十万块左右: tens of thousands of pieces would be named (两万块砖)
        if self._money_word_before(start):
            return True
        lead = self._prefix_qualifier(start)[0]  # 亏了差不多300块: the money word before the qualifier
        return lead < start and self._money_word_before(lead)

    def _money_word_before(self, start: int) -> bool:
        """Whether a money word (卖, 补贴 …) or no word at all stands right before ``start``, past a
        filler or two (不到两千块: a money word may end on a filler, 到)."""
        t, u = self.t, self.u
        k = start
        while True:
            if any(t[max(0, k - n) : k] in u.kuai_money_words for n in (1, 2)):
                return True
            if k > 0 and start - k < KUAI_FILLS and t[k - 1] in u.kuai_fillers:
                k -= 1
                continue
            return k == 0 or not is_han(t[k - 1])

    def _shared_unit(self, q: int, arabic: bool, long: bool) -> tuple[Unit | None, int]:
        """The unit of the figures that a join at q leads on to (0.52和1.13个百分点: 个百分点), when
        it is a percentage or a measure word and they are written like the first (not 4、一期, an
        item number before a phase), with the factor of a scale word before it: a sum in yuan
        shares both (12.6、8.3万元), where the first figure is no lone digit (1、2万元 numbers an
        item). (None, 1) otherwise."""
        t = self.t
        for _ in range(SHARED_HOPS):
            q = self._listed_core(q, arabic)
            if q < 0:
                return None, 1
            u = self._unit(q)
            if u is not None:
                return (u, 1) if u.dimension in SHARED_DIMENSIONS else (None, 1)
            if t[q : q + 1] in SHARED_SCALES and arabic and long:
                u = self._unit(q + 1)
                if u is not None and u.dimension == "currency":
                    return u, SHARED_SCALES[t[q]]
                return None, 1
            if t[q : q + 1] not in LIST_JOINS:
                return None, 1
        return None, 1

    def _listed_core(self, q: int, arabic: bool) -> int:
        """Where the core of the figure after the join at q ends, if it is written like the first
        (Arabic or Chinese numerals, no longer than a core): -1 where it is not."""
        m = NUMBER_RE.match(self.t, q + 1)
        if m is None or m.end() - m.start() > MAX_CORE or bool(m.group("ar")) != arabic:
            return -1
        return m.end()

    def _shared_scaled_unit(self, q: int, scale: str, arabic: bool) -> Unit | None:
        """The count unit of the figures that a join at q leads on to, each written with the same
        scale word as the first (40万和30万辆): None where one is written otherwise or the last
        names no count."""
        t = self.t
        for _ in range(SHARED_HOPS):
            q = self._listed_core(q, arabic)
            if q < 0:
                return None
            if t[q : q + 1] != scale:
                return None
            u = self._unit(q + 1)
            if u is not None:
                return u if u.dimension == "count" else None
            q += 1
            if t[q : q + 1] not in LIST_JOINS:
                return None
        return None

    def _bracketed_unit(self, q: int) -> tuple[Unit | None, int]:
        """The unit written in brackets at q, as in a table cell (台), and 1 where a scale word
        stands before it there (万元); (None, 0) where none is."""
        t = self.t
        inner = 1 if t[q + 1 : q + 2] in SHARED_SCALES else 0
        u = self._unit(q + 1 + inner)
        if u is None or u.dimension not in IN_BRACKETS or inner and u.dimension not in SCALED_DIMENSIONS:
            return None, 0
        close = q + 1 + inner + len(u.text)
        return (u, inner) if close < len(t) and t[close] in ")）" else (None, 0)

    def _labelled_unit(self, start: int) -> tuple[Unit | None, int]:
        """The unit in brackets ending a label right before a figure's start (销量（台）：1,200,
        环比（%）： -6.2), with the factor of a scale word before it there (万元); (None, 1) if none."""
        t = self.t
        k = start - 1
        while k > 0 and t[k] in INLINE_SPACE:
            k -= 1
        if t[k] not in LABEL_ENDS or t[k - 1 : k] not in ")）":
            return None, 1
        close = k - 1
        lo = max(0, close - LABEL_UNIT)
        opening = rfind_any(t, "(（", lo, close)
        if opening < 0:
            return None, 1
        words = max(0, opening - LABEL_WORDS)  # (the words before the brackets: 销售额（万）)
        words = max(words, rfind_any(t, LABEL_STOPS, words, opening) + 1)
        found = label_unit(t[words : close + 1])
        return found if found is not None else (None, 1)

    def _dimension(self, u, number: Number, s: int, e: int):
        """The unit's dimension; 年 after a number that is no year (三年, 12年) is a duration."""
        if u.dimension == "date" and u.text == "年" and not self._is_year(number, s, e):
            return "duration"
        return u.dimension

    def _is_year(self, number: Number, s: int, e: int) -> bool:
        core = self.t[s:e]
        return (core.isdigit() and (len(core) >= 4 or core.startswith("0"))) or (
            len(core) >= 2 and all(c in numerals.CN_DIGITS for c in core)
        )

    def _is_cheng(self, number: Number, q: int) -> bool:
        """七成, 近五成, 超 8 成: tenths as a percentage (not 成交, 成为 …)."""
        v = number.value if number.value is not None else number.max
        if v is None or v > 10 or v <= 0:
            return False
        nxt = self.t[q + 1] if q + 1 < len(self.t) else ""
        if nxt == "为":
            return v != 1  # 约六成为咨询类: six tenths are (统一成为, 一成为: becoming)
        return nxt not in CHENG_STOP

    def _cheng_digit(self, p: int, s: int):
        """五成五, 9成6: one more digit after 成 is the hundredth, written as the tenths are (not
        三成五千, 三成五个, 9成60)."""
        t = self.t
        c, nxt = t[p : p + 1], t[p + 1 : p + 2]
        if t[s].isascii():
            return "1" <= c <= "9" and not nxt.isdigit() and self._unit(p + 1) is None
        return c in CHENG_DIGITS and not (nxt and nxt in numerals.CN_CHARS or self._unit(p + 1) is not None)

    def _fraction(self, s: int, e: int, denominator):
        """二分之一 → 0.5, 四百三十二分之2345: a fraction, a plain number."""
        t = self.t
        m = NUMBER_RE.match(t, e + 2)
        top = numerals.read_core(m) if m and m.end() - m.start() <= MAX_CORE else None
        if m is None or top is None or top.value is None or not denominator.value:
            return None, e + 2
        value = Number(tidy(top.value / denominator.value), ulp=0.0)
        start = s - 1 if s > 0 and t[s - 1] in "负-" else s
        if start < s:
            value = value.negated()
        return Mention(start, m.end(), value, None, "number", s, m.end()), m.end()

    def _financial_cents(self, s: int, e: int, number):
        """肆角叁分, 壹分: money in financial numerals without 元 (cheques, invoices)."""
        t = self.t
        start = s - 1 if s > 0 and t[s - 1] == "负" else s
        value = number.value * (0.1 if t[e] == "角" else 0.01)
        end = e + 1
        if t[e] == "角":
            m = NUMBER_RE.match(t, end)
            if m and m.group("cn") and t[m.end() : m.end() + 1] == "分":
                cents = numerals.read_core(m)
                if cents is not None and cents.value is not None:
                    value, end = value + cents.value * 0.01, m.end() + 1
        n = Number(tidy(value), ulp=0.01)
        if start < s:
            n = n.negated()
        return Mention(start, end, n, "CNY", "currency", s, e), end

    def _jiao_fen(self, number: Number, end: int, written):
        """3元5角2分 → 3.52 元: tenths and hundredths after a whole yuan."""
        t = self.t
        if written not in ("元", "圆", "块") or number.value is None or number.qualifier != "exact":
            return number, end
        if end >= len(t) or not (t[end].isdigit() or t[end] in numerals.CN_CHARS):
            return number, end  # no numeral after the yuan
        extra, p = 0.0, end
        for word, worth in (("角毛", 0.1), ("分", 0.01)):
            m = NUMBER_RE.match(t, p)
            if m is None or m.end() >= len(t) or t[m.end()] not in word or m.end() - m.start() > 2:
                continue
            n = numerals.read_core(m)
            if n is None or n.value is None or not 0 <= n.value < 10:
                break
            extra += n.value * worth
            p = m.end() + 1
        if p == end and written == "块":
            m = NUMBER_RE.match(t, end)
            if (
                m is not None
                and m.end() - m.start() == 1
                and self._unit(m.end()) is None
                and t[m.end() : m.end() + 1] not in PER_AFTER_KUAI
            ):  # (660块一晚: one night, no jiao)
                n = numerals.read_core(m)
                if n is not None and n.value is not None and 0 < n.value < 10 and not number.value % 1:
                    extra, p = n.value * 0.1, m.end()  # 三十三块二: 33.2 yuan, as 一块二 is 1.2
        if p == end:
            return number, end
        return Number(tidy(number.value + extra), ulp=0.01), p

    def _currency_name(self, unit, start: int, end: int):
        """港币100元 → HKD, 9000元日币 → JPY: a currency name next to 元 says which yuan."""
        t = self.t
        if unit != "CNY":
            return unit, end
        names = self.u.currency_names
        if t[end : end + 1] in self.u.name_firsts:
            for n in (3, 2):
                after = t[end : end + n]
                if after in names:
                    return names[after], end + n
        before = self.u.name_before(t, prev_non_ws(t, start) + 1)
        return (names[before], end) if before else (unit, end)

    @staticmethod
    def _signed_money(mention, stop: int, sign, start: int, s: int, e: int, number, p: int):
        """HK$1,000, $5.6億, NT$12,000元: a figure after a currency sign is money in its currency."""
        if mention is None or mention.dimension == "number":
            end = mention.end if mention is not None else p
            return Mention(
                start, end, number if mention is None else mention.number, sign, "currency", s, e
            ), max(stop, end)
        if mention.dimension == "currency" and mention.unit.startswith("CNY"):
            mention.unit, mention.start = sign + mention.unit[3:], start  # (元 says no more than the sign)
        return mention, stop

    def _currency_sign(self, start: int):
        """(where the sign starts, its currency) for a sign written right before ``start``:
        HK$ → HKD, NT$ → TWD, ¥ → CNY; a bare $ is USD here, and the document's
        dollar in service.engine.currency.  The caller has seen $ or ¥ at start - 1."""
        t = self.t
        signs = self.u.currency_signs
        for n in range(min(start, self.u.longest_sign), 0, -1):
            w = t[start - n : start]
            if w in signs and not (
                t[start - n - 1 : start - n].isascii() and t[start - n - 1 : start - n].isalpha()
            ):
                return start - n, signs[w]
        return start, None

    def _per_unit(self, unit, end: int):
        """元/平方米 → CNY/m2, 12.5元/盒 → CNY/盒 (span extends); 万/月 keeps CNY."""
        t = self.t
        if end < len(t) and t[end] in "/每":
            for n in (3, 2, 1):
                w = t[end + 1 : end + 1 + n]
                if len(w) == n and w in self.u.per_units:
                    return f"{unit}/{self.u.per_units[w]}", end + 1 + n
            u = self._unit(end + 1)
            if u is not None and u.dimension == "count":
                return f"{unit}/{u.unit}", end + 1 + len(u.text)
        return unit, end

    def _percent_words(self, s: int, e: int, number: Number):
        """百分之九十八点五 → 98.5 %; 负百分之五 → −5 %; 不到百分之五; 百分之八十到九十."""
        t = self.t
        start = s - 3
        if start > 0 and t[start - 1] in SIGNS:
            number, start = number.negated(), start - 1
        qual_start, prefix_q = self._prefix_qualifier(start)
        end = e
        r = skip_ws(t, e, 1)
        sep = range_sep(t, r)
        if sep is not None:
            q = r + len(sep)
            q += 3 if t.startswith("百分之", q) else 0
            m2 = NUMBER_RE.match(t, q)
            second = numerals.read_core(m2) if m2 and m2.end() - m2.start() <= MAX_CORE else None
            if (
                m2 is not None
                and second is not None
                and second.value is not None
                and number.value is not None
                and number.value < second.value
            ):
                number = Number(None, number.value, second.value, "range")
                end = m2.end()
        if sep is None and number.qualifier == "exact" and t.startswith(SOME_TENTHS, end):
            # 百分之八点多: 8 and some
            number, end = number.with_qualifier("at_least"), end + len(SOME_TENTHS)
        mention = Mention(start, end, number, "%", "percent", s, e)
        if prefix_q:
            if number.qualifier == "exact":
                mention.number = number.with_qualifier(prefix_q)
            mention.start = qual_start
        return mention, self._suffix_qualifier(mention, end)
