"""Reader rules for ranges: 600-700万, 两到三成, -22亿元至-17亿元, 七八个 (the separator and
the second number sharing the first one's scale and unit)."""

from typing import Final

from mypy_extensions import trait

from service.engine import numerals
from service.engine.findchars import find_any
from service.engine.numerals import NUMBER_RE, Number, tidy
from service.engine.reading import (
    MAX_CORE,
    PAIRED_DIGITS,
    RANK_PLACES,
    RANK_UNITS,
    WHITESPACE,
    Mention,
    RuleBase,
    opens_line,
    range_sep,
    skip_ws,
)

# A change word right before 14家至1,032家 and the second figure far above the first: the
# change, then the level it left (增加3家至10家 stays a range of 3 to 10 more)
CHANGED_TO_LEVEL: Final = (
    "增加",
    "减少",
    "增长",
    "下降",
    "上升",
    "提升",
    "提高",
    "降低",
    "增",
    "减",
    "降",
    "升",
)
LEVEL_AFTER_CHANGE: Final = 5
PAIRED_LIST_REACH: Final = 6  # characters before 3、4件 where 分别 makes them a list


@trait
class RangeRules(RuleBase):
    """Two numbers joined by a range separator, read as one quantity."""

    def _paired_digits(self, first, start: int, p: int) -> bool:
        """有5、6个, 4、5个人: one digit, 、, the next digit up, then a measure word (checked by the
        caller) — a guess like 五六个, where a list (1、2、3, 2、5个) or an item number would go on."""
        t = self.t
        v = first.value
        if t[p : p + 1] != "、" or not t[start : start + 1].isdigit() or p - start != 1:
            return False
        if v is None or v != int(v) or not 1 <= v <= 8 or t[p + 1 : p + 2] != str(int(v) + 1):
            return False
        if t[p + 2 : p + 3].isdigit() or t[p + 2 : p + 3] in "、.,，":
            return False
        before = t[start - 1 : start]
        if before.isdigit() or before in "、.,，第":
            return False
        if opens_line(t, start):
            return False  # ⏎2、3家店完成改造: an item's number opens the line, then its figure
        return t.find("分别", max(0, start - PAIRED_LIST_REACH), start) < 0  # (分别为3、4件: two figures)

    def _range(self, first, start: int, s: int, e: int, p: int, scale1):
        """600-700万, 15%到40%, -22亿元至-17亿元, 七八 …: two numbers sharing a unit.

        The unit (and scale word) after the second number applies to both; a
        unit after the first must be the same one.  Returns (Mention, stop) or None.
        """
        if first.value is None:
            return None  # 七八, 十几: already a range
        t = self.t
        if t[p : p + 1] == "\t":
            return None  # 26\t-26.9%: the next cell of a table row, no range
        q = p + (t[p : p + 1] in WHITESPACE)  # (skip_ws(t, p, 1), without a call)
        u1 = self._unit(q)
        after_first = q + len(u1.text) if u1 else p
        cheng = u1 is None and t[q : q + 1] == "成" and self._is_cheng(first, q)
        if cheng:
            after_first = q + 1  # 一成至一成五: tenths on both sides (10–15 %)
        if u1 is not None and u1.dimension == "currency":
            after_first = self._per_unit(u1.unit, after_first)[1]
        if t[after_first : after_first + 1] == "\t":
            return None  # 10.1%\t-12.4%: the next cell of a table row, its own sign
        r = after_first + (t[after_first : after_first + 1] in WHITESPACE)
        sep = range_sep(t, r)
        if sep is None:
            if u1 is None and r == p and self._paired_digits(first, start, p):
                sep = "、"  # 有5、6个: two digits one apart, said the way 五六个 is
            else:
                return None
        if sep in "-—–" and t[after_first:r] == "\n":
            return None  # 集中在周一和周二⏎- 37%的来电: a list item's dash on the next line
        if sep in "-—–" and u1 is not None and t[start : start + 1] in "-−":
            return None  # -21.30%-4.15%: a signed figure with its unit, then the next one's sign
        r = skip_ws(t, r + len(sep), 1)
        neg = r < len(t) and t[r] in "-−负"
        m = NUMBER_RE.match(t, r + 1 if neg else r)
        if m is None or m.end() - m.start() > MAX_CORE or m.start() in self.cells:
            return None  # (60 — 320 in a table: a dash for an empty cell, then the next cell's figure)
        if sep in "-—–" and self._is_code_after(m.end()):
            # 400-686-0900: a code; swallow it whole
            return Mention(start, m.end(), first, None, "skip"), self._identifier_end(m.end())
        second = numerals.read_core(m)
        if second is None or second.value is None:
            return None
        if neg:
            second = second.negated()
        second, p2, scale2 = self._tail(second, m.end(), bool(m.group("ar")))
        shared = self._shared_scale(t[s:e], m.group("cn"))
        if m.group("cn") and any(c in "万亿" for c in m.group("cn")):
            scale2 = max(scale2, 10)  # 八千万元 carries its own scale word
        res, stop2 = self._with_unit(second, r, m.start(), m.end(), p2, scale2)
        if res is None or res.dimension == "number" and scale2 == 1 and not self.bare:
            return None
        if res.unit in RANK_UNITS and t.endswith(RANK_PLACES, 0, start):
            return Mention(start, res.end, first, None, "skip"), stop2  # 排在2-4位: places, no count
        if u1 is not None and (
            u1.dimension != res.dimension or (u1.unit != res.unit and res.dimension != "currency")
        ):
            return None
        lo = first
        if cheng:
            if res.dimension != "percent":
                return None
            lo = lo.scaled(10)
        elif shared > 1 and u1 is None:
            lo = lo.scaled(shared)  # 两到三万元: the second's scale word applies to both
        elif scale1 == 1 and scale2 > 1 and u1 is None and lo.value * scale2 <= res.number.value:
            lo = lo.scaled(
                scale2
            )  # 600-700万, but 从8500到3万 keeps 8500  # 600-700万: the scale after the second applies to both
        elif u1 is None and res.dimension == "percent" and t[p2 : p2 + 1] == "成":
            lo = lo.scaled(10)  # 三至四成: tenths, both of them (30–40 %)
        elif scale1 > 1 and scale2 == 1 and find_any(t, "万亿", s, p) >= 0:
            return None  # 3万-5 is not a range (一千五到两千 is: the 千 of a spoken 1500)
        a, b = lo.value, res.number.value
        if a is None or b is None or a >= b:
            return None  # 由11%到5% is a change, not a range
        if sep == "、" and (res.dimension != "count" or res.unit in RANK_UNITS):
            return None  # (5、6月, 1、2号楼: a list of items, no range)
        if (
            sep in ("到", "至")
            and u1 is not None
            and start > 0
            and t[start - 1] in "从由"
            and not t.startswith("不等", res.end)
        ):
            return None  # 收缴率从58%到93%: one figure at two times (从600元到700元不等: a range)
        if (
            sep in ("到", "至")
            and (u1 is not None or scale1 > 1)  # (减少6万至160万人: its scale word, the unit after)
            and res.dimension != "percent"
            and b >= LEVEL_AFTER_CHANGE * a
            and t.endswith(CHANGED_TO_LEVEL, max(0, start - 2), start)
        ):
            return None  # 门店净减少14家至1,032家: a change, then the level it reached
        merged = Number(None, tidy(a), tidy(b), "range", max(lo.ulp, res.number.ulp))
        unit = res.unit  # (新台币95亿元至100亿元: a currency's name before the first figure names both)
        if unit == "CNY":
            unit = self._currency_name(unit, start, res.end)[0]
        mention = Mention(start, res.end, merged, unit, res.dimension, s, res.core_end)
        mention.scaled = scale1 > 1 or scale2 > 1  # (600-700万: read with a scale word)
        return mention, stop2

    def _paired_before(self, mention, s: int, e: int):
        """五、六个人: a digit written out with the one before it and a 、 between is a range like
        五六个 (not 一、二、三, a list of markers, nor 三、五个, two figures). The mention, widened;
        None after 第 (第二、三位: ordinals)."""
        t = self.t
        if (
            e - s != 1
            or s < 2
            or t[s - 1] != "、"
            or PAIRED_DIGITS.get(t[s - 2]) != t[s]
            or s > 2
            and (t[s - 3] in numerals.CN_CHARS or t[s - 3] == "、")
            or mention.start != s
            or mention.number.qualifier != "exact"
        ):
            return mention
        if s > 2 and t[s - 3] == "第":
            return None  # 分列第二、三位: two places in a ranking, no quantity
        low = numerals.CN_DIGITS[t[s - 2]]
        merged = Number(None, low, mention.number.value, "range", mention.number.ulp)
        widened = Mention(
            s - 2, mention.end, merged, mention.unit, mention.dimension, s - 2, mention.core_end
        )
        widened.scaled = mention.scaled
        return widened

    @staticmethod
    def _shared_scale(first, second_cn):
        """The factor a written-out second number lends the first: 两到三万 → 10000, 三到五千 → 1000."""
        if not second_cn:
            return 1
        big = numerals.big_scale_of(second_cn)
        if big > 1 and not any(c in "万亿" for c in first):
            return big
        if (
            second_cn[-1] in numerals.CN_PLACES
            and len(second_cn) > 1  # (七到十家: ten itself, 7–10; 三到五十: 30–50)
            and len(first) == 1
            and first in numerals.CN_DIGITS
        ):
            return numerals.CN_PLACES[second_cn[-1]]
        return 1
