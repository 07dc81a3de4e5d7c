"""Reader rules for the words around a number that qualify it: 约/近/超过 before it,
余/多/左右/以上 after it, and the scale words between it and its unit (三万余, 5亿1万)."""

import re
from typing import Final

from mypy_extensions import trait

from service.engine import numerals
from service.engine.findchars import is_han
from service.engine.numerals import NUMBER_RE, Number, tidy
from service.engine.reading import (
    ABOUT_TAIL,
    INCLUSIVE,
    INLINE_SPACE,
    PLUS_TAIL,
    PREFIX_LAST,
    PREFIX_LENGTHS,
    PREFIX_QUALIFIERS,
    SCALE_CHARS,
    SCALE_ONLY_PREFIXES,
    SUFFIX_FIRST,
    SUFFIX_QUALIFIERS,
    SUFFIX_WORDS,
    TAIL_AFTER_DIGITS,
    TAIL_CHARS,
    VAGUE_DIGIT,
    WORD_BEFORE,
    RuleBase,
    marks_scale,
    prev_non_ws,
    skip_ws,
)

SUM_LABEL: Final = 4  # characters of the label a sum's next item opens with (+客服5人)
CONVERTED: Final = "折合"  # its 合 is no 合约 (contract)
# 兆 closing a figure: a sentence mark, the text's end or 大关 after it (营收2.6兆，; 突破8兆大关)
TRILLION_END_RE: Final = re.compile(r"(?:[，,。；;、）)！!？?\s]|大关|$)")

MORE_BY: Final = "多了"  # 比去年的八百七十万多了一百八十万: more by, after the figure; no qualifier of it


@trait
class QualifierRules(RuleBase):
    """Qualifier words before and after a number, and scale words after it."""

    def _prefix_qualifier(self, start: int):
        t = self.t
        p = prev_non_ws(t, start) + 1
        name = self.u.name_before(t, p)
        if name:  # 约人民币5.2亿元, 約新台幣 1 兆 120 億元: the qualifier before the currency's name
            p = prev_non_ws(t, p - len(name)) + 1
        if p == 0 or t[p - 1] not in PREFIX_LAST or "\t" in t[p:start] or "  " in t[p:start]:
            return start, None  # (预约难、爽约   117件: a gap parts a table's label cell from its figure)
        for n in PREFIX_LENGTHS:
            w = t[p - n : p] if p - n >= 0 else ""
            if w in PREFIX_QUALIFIERS and not (
                p - n - 1 >= 0
                and t[p - n - 1] in WORD_BEFORE.get(w, WORD_BEFORE.get(w[0], ""))  # (签约为86套)
                and not t.endswith(CONVERTED, 0, p - n)  # (折合约2,300美元: 约 after 折合 qualifies)
            ):
                # 最多达, 多达 are emphasis; 最多 only qualifies when it touches the number; 扩大约
                return p - n, PREFIX_QUALIFIERS[w]
        if marks_scale(t, p - 1, start, SCALE_ONLY_PREFIXES):
            return p - 1, SCALE_ONLY_PREFIXES[t[p - 1]]
        if t[p - 1] == "过" and t.endswith(self.u.pass_aims, 0, p - 1):
            return p - 1, "at_least"  # 争取单月过800箱, 力保全年过150台: an aim past a mark (not 卖过3套)
        return start, None

    def _suffix_qualifier(self, mention, stop: int):
        t = self.t
        at = stop + 1 if t[stop : stop + 1] in INLINE_SPACE else stop  # (5% 以下: a form's spacing)
        if t.startswith(INCLUSIVE, at):
            at += len(INCLUSIVE[0])  # (both forms are three characters)
        if (
            t[at : at + 1] == "多"
            and at == stop
            and mention.dimension in ("percent", "currency")
            and not is_han(t[at + 1 : at + 2])
        ):
            # 退货率有6%多, 比去年高4块多: a little over, 多 after the unit (not 3套多层: a word)
            if mention.number.qualifier == "exact":
                mention.number = mention.number.with_qualifier("at_least")
            mention.end = at + 1
            return at + 1
        if t[at : at + 1] not in SUFFIX_FIRST:
            return stop
        for w, q in SUFFIX_QUALIFIERS.items():
            if t.startswith(w, at) and not t.startswith(SUFFIX_WORDS.get(w, ()), at):
                if w == "+" and (_summed_next(t, at + 1) or at > stop and t[at + 1 : at + 2] in INLINE_SPACE):
                    # 运营3人+客服5人+美工1人, 前台 3人 + 夜班 2人: the next item of a sum, no bound
                    return stop
                if mention.number.qualifier == "exact":
                    mention.number = mention.number.with_qualifier(q)
                mention.end = at + len(w)
                return at + len(w)
        return stop

    def _tail(self, number: Number, e: int, arabic):
        """余/多 and a scale word after the core: 三万余, 500多亿, 240.1 万, 8,000余亿."""
        t = self.t
        if (
            e >= len(t)
            or t[e] not in TAIL_CHARS
            and t[e] != "个"
            and not (arabic and (t[e] in TAIL_AFTER_DIGITS or t[e] == VAGUE_DIGIT))
            and not t.startswith(ABOUT_TAIL, e)
        ):
            return number, e, 1  # nothing between the core and its unit
        p = e
        scale = 1
        if (
            arabic
            and t[p] in INLINE_SPACE
            and t[p + 1 : p + 2] in ("余", "多", "来")
            and number.ulp >= 1  # (平均2.2 多轮对话: 多轮 is a word)
            and not self._unit_at(p + 1)
        ):
            p += 1  # 老客户 3000 多个, 差评 300 来条: the form's spacing, then 多
        if p < len(t) and t[p] in "余多来" and not self._unit_at(p) and not t.startswith(MORE_BY, p):
            number = number.with_qualifier("approx" if t[p] == "来" else "at_least")
            p += 1
        elif t.startswith(ABOUT_TAIL, p) and number.qualifier == "exact":
            number = number.with_qualifier("at_least")  # 二十出头套: a little over, as 二十多套
            p += len(ABOUT_TAIL)
        elif arabic and t[p] == VAGUE_DIGIT:
            v = number.value
            if v is None or v < 10 or v % 10 or number.qualifier != "exact" or number.ulp != 1:
                return number, e, 1  # (only a round number of tens: 70几 is 71–79)
            number = Number(None, v + 1, v + 9, "range")
            p += 1
        if t.startswith(("个亿", "个万"), p):
            p += 1  # 3个亿 is 3亿, spoken style
        elif t.startswith(("个多亿", "个多万", "个多百分点"), p) and number.qualifier == "exact":
            number = number.with_qualifier("at_least")  # 5个多亿: more than 5亿; 低了4个多百分点
            p += 2
        q = skip_ws(t, p, 2) if arabic else p
        if q < len(t) and not self._unit_at(q):
            word, r = "", q
            while r < len(t) and len(word) < 3:
                if word and t[r] == " " and t[r + 1 : r + 2] in SCALE_CHARS:
                    r += 1  # 14.98百 万 元: a page that spaces its characters
                    continue
                if (
                    not (t[r] in SCALE_CHARS or t[r] == "兆" and self._trillion(r, arabic))
                    or self._unit_at(r)
                    or t.startswith("百分之", r)
                ):
                    break  # 9712万千瓦, 1百分之5
                word += t[r]
                r += 1
            if word and "\n" in t[p:q] and self._label_after(r):
                word = ""  # 4,108⏎万户投诉率（件）: the next row's label, not the figure's scale
            if word and (arabic or word[0] in "万亿兆"):
                scale = numerals.scale_value(word)
                number = self._under_larger(number, scale) or number.scaled(scale)
                p = r
                for _ in range(3):  # 5亿1万4千6百
                    number, p2 = self._remainder(number, p, scale)
                    if p2 == p:
                        break
                    p = p2
                grouped, p2, big = self._grouped(number, p, scale)
                if p2 > p:
                    number, p, scale = grouped, p2, big  # 3千2百万: 3,200 of 万, not 3千 then 2百万
        if p < len(t) and t[p] in "余多" and not self._unit_at(p) and not t.startswith(MORE_BY, p):
            number = number.with_qualifier("at_least")
            p += 1
            if scale >= 10**8 and t[p : p + 1] == "万" and not self._unit_at(p):
                under = self._under_larger(number, 10**4)
                if under is not None:
                    number, p = under, p + 1  # 3亿1千多万: the 万 scales the 1千 under the 亿
            elif 1 < scale < 10**4 and t[p : p + 1] in ("万", "亿") and not self._unit_at(p):
                big = numerals.scale_value(t[p])
                number, p, scale = number.scaled(big), p + 1, scale * big  # 8千多万: 8千万 and more
        elif arabic and self._plus_before_unit(p):
            number = number.with_qualifier("at_least")  # 2000+条, 10万+人次: more than that
            p += 1
        return number, p, scale

    @staticmethod
    def _under_larger(number: Number, scale) -> Number | None:
        """三亿一千多万, 3亿1千多万: where 多 parts the last figures from their 万, the 万 scales
        only what stands under the 亿 (3亿 + 1千万), not the whole; None where the number holds
        no 亿 with a smaller figure under it."""
        v = number.value
        if v is None or scale != 10**4 or v < 10**8 or number.min is not None:
            return None
        low = v % 10**8
        if not 0 < low < 10**4:
            return None
        return Number(tidy(v - low + low * scale), None, None, number.qualifier, number.ulp * scale)

    def _trillion(self, r: int, arabic: bool) -> bool:
        """Whether the 兆 at r is the scale (1兆4,265億元; 3 兆 4,740 億元 in a spaced page; 營收2.6兆，
        突破8兆大關: a figure's end), not 兆瓦."""
        after = skip_ws(self.t, r + 1, 1) if arabic else r + 1
        c = self.t[after : after + 1]
        return c in numerals.TRILLION_BEFORE or TRILLION_END_RE.match(self.t, r + 1) is not None

    def _plus_before_unit(self, p: int) -> bool:
        return self.t[p : p + 1] in PLUS_TAIL and self._unit(p + 1) is not None

    def _remainder(self, number: Number, p: int, scale):
        """5万4千, 1万600, 1百01, 1亿2千万, 8亿8千5百万: a smaller figure right after a scale word adds
        to it."""
        t = self.t
        if scale < 100 or number.value is None or number.qualifier != "exact":
            return number, p
        spaced = scale >= 10**12  # (3 兆 4,740.51 億元: a page that spaces its figures)
        if not spaced and t[p : p + 1] == " " and scale >= 10**4:
            # 近 2 萬 2 千元, 41萬 2千 盒: a page that spaces its figures, the smaller part with its own
            # scale word after it
            m = NUMBER_RE.match(t, p + 1)
            e = m.end() + (t[m.end() : m.end() + 1] == " ") if m is not None else -1
            spaced = m is not None and m.group("ar") is not None and t[e : e + 1] in "千百"
        m = NUMBER_RE.match(t, skip_ws(t, p, 1) if spaced else p)
        if m is None or m.end() - m.start() > 12:
            return number, p
        rest = numerals.read_core(m)
        q = m.end()
        if spaced and t[q : q + 1] == " " and t[q + 1 : q + 2] in "万亿千百":
            q += 1
        word = self._scale_word(q, "十百千万亿" if scale > 10**8 else "十百千万")  # 1兆4,265億: 亿 under 兆
        if rest is None or rest.value is None:
            return number, p
        if m.group("ar") and word:
            rest = rest.scaled(numerals.scale_value(word))
            q += len(word)
            if word[-1] in "十百千" and scale > 10**4:
                # 8亿8千5百万: the 8千 and 5百 under the 亿 are grouped under one 万 (8,500万), not 8千 + 5百万
                grouped, q2, _ = self._grouped(rest, q, numerals.scale_value(word))
                if q2 > q and grouped.value is not None and grouped.value < scale:
                    rest, q = grouped, q2
        elif m.group("ar") and m.group().isdigit() and len(m.group()) == 1 and scale in (10**3, 10**4):
            rest = rest.scaled(scale // 10)  # 4万5, 5千3: spoken for 45,000 and 5,300 (the next place down)
        elif m.group("ar") and not 1 < sum(map(str.isdigit, m.group())) <= len(str(scale)) - 1:
            return number, p  # (12萬7,390 is 127,390)
        if rest.value is None or not 0 < rest.value < scale:
            return number, p
        return Number(tidy(number.value + rest.value), ulp=min(number.ulp, rest.ulp)), q

    def _grouped(self, number: Number, p: int, scale) -> tuple[Number, int, int]:
        """3千2百万, 1千8百60万: digits with 千 and 百 grouped under a 万 (or 亿) written once at the
        end, as Chinese groups a number by 万: (3千 + 2百) × 万.  (number, p, scale) unchanged
        where the figure after p is no such last part."""
        t = self.t
        if number.value is None or number.qualifier != "exact" or scale >= 10**4:
            return number, p, scale
        m = NUMBER_RE.match(t, p)
        if m is None or not m.group("ar") or m.end() - m.start() > 4:
            return number, p, scale
        q = m.end()
        word = self._scale_word(q, "十百千万亿")
        if not word or word[-1] not in "万亿":
            return number, p, scale
        big = numerals.scale_value(word[-1])
        rest = numerals.read_core(m)
        if rest is None or rest.value is None or number.value >= big:
            return number, p, scale
        lead = numerals.scale_value(word[:-1]) if len(word) > 1 else 1
        part = rest.value * lead
        if not 0 < part < scale:
            return number, p, scale  # (the parts must come down in order: 3千 then 2百)
        ulp = min(number.ulp, rest.ulp * lead) * big
        return Number(tidy((number.value + part) * big), ulp=ulp), q + len(word), big

    def _scale_word(self, q: int, chars: str) -> str:
        """The scale word, of at most two of ``chars``, written at q (百, 百万), or ''."""
        t = self.t
        end = q
        while end < len(t) and end - q < 2 and t[end] in chars:
            end += 1
        return t[q:end]

    def _label_after(self, r: int) -> bool:
        """Whether a word goes on right after the unit at r (or at r, where no unit stands): a
        label's words (万户投诉率), not the end of a figure's unit (万人次，)."""
        r += self.t[r : r + 1] in ("余", "多")  # (3⏎万余件)
        u = self._unit(r)
        end = r + len(u.text) if u is not None else r
        return end < len(self.t) and is_han(self.t[end]) and self.t[end] not in SUFFIX_FIRST

    def _unit_at(self, p: int):
        """A unit that starts with a scale or 余/多 character (千米, 百分点): not a scale word."""
        u = self._unit(p)
        return u is not None and len(u.text) > 1 and u.text[0] in "十百千万亿余多来"


def _summed_next(t: str, at: int) -> bool:
    """Whether a label then a figure follow a plus at ``at`` (客服5人): a sum goes on."""
    k = at
    while k < len(t) and k - at < SUM_LABEL and is_han(t[k]):
        k += 1
    return at < k < len(t) and t[k].isdigit()
