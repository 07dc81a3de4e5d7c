"""Numbers + scale words + units → mentions with a dimension, value and qualifier.

One left-to-right pass over the folded text: each number core found by
``scan_regex`` (NUMBER_RE's forms, where a quantity can follow) is extended by
bounded look-arounds (sign and qualifier before it; 余/多, scale word, range and
unit after it), so the cost is linear.  Numbers that are names, ordinals, codes or
articles are dropped here; each rule first checks the one character that could
bring it into play, since most figures need none of them.
"""
from dataclasses import dataclass
from functools import lru_cache
import re
import string

from service.engine import numerals
from service.engine.lexicon import idiom_regex, units
from service.engine.numerals import NUMBER_RE, Number, tidy

MAX_CORE = 32  # longer digit runs are codes, not quantities (and int() would balk)
MAX_GAP = 4  # whitespace allowed inside a mention: '2385\n\n件', '240.1 万辆'

PREFIX_QUALIFIERS = {
    "约": "approx", "大约": "approx", "约为": "approx", "近": "approx", "将近": "approx",
    "接近": "approx", "大概": "approx", "差不多": "approx", "约合": "approx",
    "约有": "approx", "大约有": "approx", "近有": "approx",
    "超过": "at_least", "超": "at_least", "逾": "at_least", "突破": "at_least",
    "多于": "at_least", "不少于": "at_least", "不低于": "at_least", "至少": "at_least",
    "高于": "at_least", "大于": "at_least",
    "不到": "at_most", "不足": "at_most", "不超过": "at_most", "少于": "at_most",
    "低于": "at_most", "不高于": "at_most", "至多": "at_most", "最多": "at_most", "小于": "at_most",
    # signs (the fold makes ＞ > and ＜ <): ≥23.5%, ＞95%, ≤5%
    "≥": "at_least", "≧": "at_least", ">": "at_least", "大于等于": "at_least",
    "≤": "at_most", "≦": "at_most", "<": "at_most", "小于等于": "at_most",
}
PREFIX_LAST = frozenset(w[-1] for w in PREFIX_QUALIFIERS)
PREFIX_LENGTHS = tuple(sorted({len(w) for w in PREFIX_QUALIFIERS}, reverse=True))  # longest first
SUFFIX_QUALIFIERS = {
    "左右": "approx", "上下": "approx", "以上": "at_least", "之上": "at_least",
    "以下": "at_most", "以内": "at_most", "之内": "at_most",
}
SUFFIX_FIRST = frozenset(w[0] for w in SUFFIX_QUALIFIERS)
# 签约, 合约, 最近, 附近, 赶超: the qualifier character is the end of another word
WORD_BEFORE = {"约": "签合节预特制邀违履公条简隐", "近": "最附临将接逼靠亲贴",
               "超": "高赶", "逾": "", "不到": ""}
RANK_UNITS = ("名", "位", "强")
IN_BRACKETS = ("count", "currency", "percent", "area")  # dimensions a bracketed unit may give
# 同比+5%, 为+3%: a plus sign after these (or a space or punctuation) is the figure's;
# 短信+8元券 joins two things
PLUS_SIGN_AFTER = frozenset("比为长增至到是约达") | frozenset(" \t\n\u3000，,。；;：:（(、")
FIGURE_REFS = ("附件", "附表", "表格")
COMPARATIVES = "多少更"  # 多负27.11个百分点: 负 says which way the gap goes, not the figure's sign
ARABIC_ONLY_UNITS = ("期",)  # 2期 counts; 一期, 二期 name a phase
AVERAGE_WORDS = ("均", "每", "率", "频")  # … and a rate in times (周转率4.2次, 频次2.3次)
AVERAGE_REACH = 12  # characters before a figure looked at for 均/每
TAIL_CHARS = frozenset("十百千万亿拾佰仟余多来")  # what may stand between a core and its unit
# each branch starts with a letter, so the regex engine skips to h, f or w in C
URL_RE = re.compile(r"https?://[^\s，。；“”]+|ftp://[^\s，。；“”]+|www\.[^\s，。；“”]+")
FINANCIAL = set("零壹贰叁肆伍陆柒捌玖拾佰仟")  # the digits of cheques and invoices
PLACE_ALONE = {"十": 10, "百": 100, "千": 1000, "万": 10000, "百万": 10 ** 6, "千万": 10 ** 7,
               "亿": 10 ** 8}
RANGE_SEPS = ("——", "--", "~", "-", "—", "–", "〜", "至", "到")
RANGE_SEP_FIRST = frozenset(x[0] for x in RANGE_SEPS)
WHITESPACE = frozenset(" \t\r\n\u3000\xa0")
INLINE_SPACE = frozenset(" \t\u3000\xa0")
ASCII_LETTERS = frozenset(string.ascii_letters)
IDENT_BEFORE = ASCII_LETTERS | frozenset("×xX*:/._#@")  # PM2.5, L9, 7×24, 10:30
IDENT_AFTER = ASCII_LETTERS | frozenset("×*:")  # 5G, 7×24, 1:4 (what _is_identifier looks at after)
OPEN_QUOTES = frozenset("“「『《\"'")
SIGNS = "-−+负"
# 一 right after these is part of a word (统一, 唯一, 每一个), not a number
ONE_WORD_LEFT = set("统唯同万之单专划逐每某这那哪另任初周第星")
CHENG_DIGITS = frozenset("一二三四五六七八九")  # 五成五: the hundredth after 成
CHENG_STOP = set("交为功本绩果员立都熟长型品效就了年分批套语像因材活人")
PUNCT = set("，。；：、,.;:!?！？）)」』】\"'”’ \t\r\n…")
# Reader._plain reads a figure at once where nothing next to it is one of these (each is
# what some rule of Reader.read looks at: a sign, a qualifier, 第, a quote, 之 of 百分之 …)
# Currency signs written before a figure (HK$1,000, ¥500) end in one of these (units.yaml
# currency_signs; the fold makes ＄ $ and ￥ ¥).
SIGN_ENDS = frozenset("$¥")
NOT_PLAIN_BEFORE = IDENT_BEFORE | INLINE_SPACE | frozenset(SIGNS) | OPEN_QUOTES | frozenset("第之图件表") | SIGN_ENDS
NOT_PLAIN_AFTER = IDENT_AFTER | TAIL_CHARS | frozenset("分角")  # … a scale word, 余, 分之, 角
NOT_PLAIN_AFTER_UNIT = RANGE_SEP_FIRST | WHITESPACE | SUFFIX_FIRST | frozenset("万亿")  # … 到, 左右, 个亿


@dataclass(slots=True)
class Mention:
    """A quantity found in the text. Offsets index the original input."""

    start: int
    end: int
    number: Number
    unit: str | None
    dimension: str
    core_start: int = 0  # where the digits start (after any qualifier word)
    core_end: int = 0
    scaled: bool = False  # a scale word was read (3.2亿): the last written digit is not a unit
    change: bool = False  # a change (较上年末增加…), not a level: no KPI
    label: str | None = None
    kpi: str | None = None
    from_to: bool = False  # one end of 从A…到B: the same quantity at two times
    direction: str | None = None  # a growth_rate's change: "up" or "down"
    part_of: "Mention | None" = None  # the total of the breakdown this figure is a part of
    named: bool = False  # a cue decided its KPI (or that it has none)


def _skip_ws(t, p, limit=MAX_GAP):
    """Position after at most ``limit`` whitespace characters from p."""
    q = p
    while q < len(t) and q - p < limit and t[q] in WHITESPACE:
        q += 1
    return q


def _range_sep(t, p):
    """The range separator written at p (600-700, 两到三), or None."""
    if t[p:p + 1] not in RANGE_SEP_FIRST:
        return None
    return next((x for x in RANGE_SEPS if t.startswith(x, p)), None)


def _prev_non_ws(t, p):
    if p > 0 and t[p - 1] not in INLINE_SPACE:
        return p - 1
    q = p - 1
    while q >= 0 and p - q <= MAX_GAP and t[q] in INLINE_SPACE:
        q -= 1
    return q


class Reader:
    """Reads the mentions of one folded text. Use ``Reader(t).mentions()``."""

    def __init__(self, folded, bare=False, scan=None, plain=True):
        self.t = folded
        self.plain = plain  # read the commonest figures at once (False: by the general rules only, for tests)
        self.bare = bare  # report numbers without a unit too (whole-string parsing)
        if scan is None and not bare:  # (a sign lets a figure end anywhere: HK$1,000，)
            scan = scan_regex("$" in folded or "¥" in folded)
        self.scan = scan or NUMBER_RE  # where number cores are sought
        self.u = units()
        self._unit_pos, self._unit_found = -1, None
        self.no_figures = bytearray(len(folded))  # set phrases and web addresses state no quantity
        # (no URL scan where none can be; one character is found faster than three)
        web = ":" in folded and "://" in folded or "w" in folded and "www." in folded
        for regex in (idiom_regex(), URL_RE) if web else (idiom_regex(),):
            for m in regex.finditer(folded):
                self.no_figures[m.start():m.end()] = b"\x01" * (m.end() - m.start())

    def _unit(self, p):
        """The longest unit written at p; the last answer is kept (a figure's checks ask again)."""
        if p != self._unit_pos:
            self._unit_pos, self._unit_found = p, self.u.match(self.t, p)
        return self._unit_found

    def mentions(self):
        out, consumed, last_end = [], 0, 0
        scan, plain = self.scan, self.plain
        for m in scan.finditer(self.t):
            s, e = m.span()
            if s < consumed:
                continue
            got = self._plain(s, e) if plain else None
            if got is None:
                got = self.read(m)
            if got is None:
                continue
            mention, stop = got
            if mention is not None and mention.start < last_end:
                continue  # 百分之百分之: a mention may not reach back into the one before
            if stop > consumed:
                consumed = stop
            if mention is not None:
                out.append(mention)
                last_end = mention.end
        return out

    # -- one number ---------------------------------------------------------
    def read(self, m):
        """(Mention or None, position consumed to), or None to move on."""
        t = self.t
        s, e = m.span()  # (the scan has seen that a quantity can follow: 1,2,3 … never get here)
        if e - s > MAX_CORE:
            return None, e
        if (t[s - 1:s] in IDENT_BEFORE or t[e:e + 1] in IDENT_AFTER) and self._is_identifier(s, e):
            return None, self._identifier_end(e)
        number = numerals.parse_core(t[s:e])
        cn = None if t[s].isdigit() else t[s:e]  # the Chinese numerals, when the core is written so
        if number is None and s >= 3 and t.startswith("百分之", s - 3) and t[s:e] in PLACE_ALONE:
            number = Number(PLACE_ALONE[t[s:e]])  # 百分之百
        if number is None and t[s:e] in PLACE_ALONE and not t.startswith("分之", e) and (
                t[e:e + 1] in ("余", "多") or self._prefix_qualifier(s)[1] or t[s - 1:s] == "上"):
            number = Number(PLACE_ALONE[t[s:e]], ulp=PLACE_ALONE[t[s:e]])  # 百余人, 近千套, 逾百家
            if t[s - 1:s] == "上":
                number = number.with_qualifier("at_least")  # 上百家
        if number is None:
            return None
        skip = self._not_a_quantity(cn, s, e)
        if skip is not None:
            return None, skip
        start = s
        after, before = t[e:e + 1], t[s - 1:s] if s else ""
        if after == "分" and t.startswith("分之", e) and t[s:e] not in ("百", "佰"):  # 百分之五 is a percentage
            return self._fraction(s, e, number)
        if before == "之" and s >= 3 and t.startswith("百分之", s - 3) \
                and not (s >= 4 and t[s - 4] in numerals.CN_CHARS):
            return self._percent_words(s, e, number)
        if cn and after in ("角", "分") and all(c in FINANCIAL for c in cn):
            return self._financial_cents(s, e, number)
        if before in ("负", "-") and s >= 4 and t.startswith("百分之", s - 4):
            mention, stop = self._percent_words(s, e, number.negated())
            mention.start = min(mention.start, s - 4)
            return mention, stop
        # a sign written on the number (not a range dash between two numbers)
        if s > 0 and t[s - 1] in SIGNS and not (t[s - 1] == "+" and s > 1 and t[s - 2] not in PLUS_SIGN_AFTER) \
                and not (s > 1 and (t[s - 2].isascii() and t[s - 2].isalnum()
                                                            or t[s - 2] in numerals.CN_CHARS
                                                            or t[s - 2] in ")）"
                                                            or t[s - 1] == "负" and t[s - 2] in COMPARATIVES)):
            if t[s - 1] != "+":
                number = number.negated()
            start = s - 1
        sign = None
        if start > 0 and t[start - 1] in SIGN_ENDS:
            start, sign = self._currency_sign(start)
        stop = self._refused_early(start, s, e, cn) if sign is None else None
        if stop is not None:
            return None, stop
        # (the first checks of _prefix_qualifier and _tail, made here: most figures need neither)
        qual_start, prefix_q = start, None
        if start > 0 and (t[start - 1] in PREFIX_LAST or t[start - 1] in INLINE_SPACE):
            qual_start, prefix_q = self._prefix_qualifier(start)
        p, scale = e, 1
        if e < len(t) and (t[e] in TAIL_CHARS or t[e] == "个" or not cn and t[e] in WHITESPACE):
            number, p, scale = self._tail(number, e, not cn)
        if cn and ("万" in cn or "亿" in cn):
            scale = max(scale, 10)  # the core carries its own scale word: 三万
        got = self._range(number, start, s, e, p, scale)
        if got is None:
            got = self._with_unit(number, start, s, e, p, scale)
        mention, stop = got
        if sign is not None:
            mention, stop = self._signed_money(mention, stop, sign, start, s, e, number, p)
        if mention is None or mention.dimension == "skip":
            return None, stop
        mention.scaled = scale > 1
        if prefix_q:
            if mention.number.qualifier == "exact":
                mention.number = mention.number.with_qualifier(prefix_q)
            mention.start = qual_start
        if t[stop:stop + 1] in SUFFIX_FIRST:
            stop = self._suffix_qualifier(mention, stop)
        return mention, stop

    def _plain(self, s, e):
        """The commonest figure read at once: a core written right before its unit (41套, 一年,
        12.5%), with nothing next to either that another rule of read() looks at, and no
        scale word, range, currency or measure.  None where read() must decide; else what
        read() gives (tests/test_properties.py holds the two to the same answers)."""
        t = self.t
        before = t[s - 1:s]
        if before in NOT_PLAIN_BEFORE or t[e:e + 1] in NOT_PLAIN_AFTER or e - s > MAX_CORE:
            return None
        u = self._unit(e)
        if u is None or u.dimension == "currency" or before in PREFIX_LAST and self._prefix_qualifier(s)[1]:
            return None
        end = e + len(u.text)
        if t[end:end + 1] in NOT_PLAIN_AFTER_UNIT or self.no_figures[s]:
            return None
        core = t[s:e]
        number = numerals.parse_core(core)
        if number is None:
            return None
        if not core[0].isdigit() and ("万" in core or "亿" in core or not core.strip("零〇")
                                      or core[0] == "一" and t[s - 1:s] in ONE_WORD_LEFT
                                      or len(core) == 1 and core in FINANCIAL):
            return None  # (read()'s rules for Chinese numerals: a scale inside, 零件, 统一, 拾起)
        if u.dimension == "measure" or u.dimension == "count" and self._unit_refuses(s, s, e, u, end, 1):
            return None, end  # 二期, 一名合格的: no quantity, as _refused_early finds
        return Mention(s, end, number, u.unit, self._dimension(u, number, s, e), s, e), end

    def _not_a_quantity(self, cn, s, e):
        """Where a number is a word, name or ordinal: the position to skip to, else None."""
        t = self.t
        p = s - 1 if s > 0 and t[s - 1] not in INLINE_SPACE else _prev_non_ws(t, s)
        if p >= 0 and t[p] == "第":
            return self._skip_unit(e)  # ordinal: 第一名, 第 40 万辆
        if p >= 0 and (t[p] == "图" or t.startswith(FIGURE_REFS, max(0, p - 1), p + 1)):
            return self._skip_unit(e)  # 如图1所示, 详见附件3所列: a figure or annex number
        if cn:
            if cn[0] == "一" and s > 0 and t[s - 1] in ONE_WORD_LEFT \
                    and not t.startswith("分之", s - 2):  # 之一 is "one of", but 百分之一百 is a number
                return e
            if len(cn) == 1 and cn in FINANCIAL and cn != "零" and not self.bare \
                    and not t.startswith(("元", "圆", "角", "分"), e):
                return e  # 登陆部队, 拾起: a lone financial numeral is a word
            if not cn.strip("零〇") and not self.bare and not t.startswith(("元", "圆"), e):
                return e  # 零部件, 零售: 零 alone is a word, not the number 0
        if self.no_figures[s]:
            return e  # 死路一条, 千方百计: numerals inside set phrases
        if s > 0 and t[s - 1] in OPEN_QUOTES and self._in_short_quote(s):
            return self._skip_unit(e)  # “四张卡”项目: a name
        return None

    def _in_short_quote(self, s):
        """A number right inside a short quotation or title (“四张卡”, 《十四五》) names something.

        The caller has seen an opening quote at s - 1."""
        t = self.t
        close = {"“": "”", "「": "」", "『": "』", "《": "》"}.get(t[s - 1], t[s - 1])
        return close in t[s:s + 8]

    def _is_identifier(self, s, e):
        """PM2.5, L9, 5G, G20, 400-686-0900, 7×24, 1:4, 10:30: names and codes.

        A colon after a word is a label's (回款净额:1.85亿元), not a ratio's or a time's."""
        t = self.t
        if s > 0 and t[s - 1] in IDENT_BEFORE:
            return not (t[s - 1] == ":" and (s < 2 or not t[s - 2].isdigit()))
        if e >= len(t):
            return False
        c = t[e]
        if c in "×*:" and e + 1 < len(t) and t[e + 1].isdigit():
            return True
        return c in ASCII_LETTERS and not t.startswith(("m2", "m²"), e)

    def _identifier_end(self, e):
        t = self.t
        while e < len(t) and (t[e].isalnum() and t[e].isascii() or t[e] in "-.:×"):
            e += 1
        return e

    def _skip_unit(self, e):
        p = _skip_ws(self.t, e)
        u = self._unit(p)
        return p + len(u.text) if u else e

    def _prefix_qualifier(self, start):
        t = self.t
        p = _prev_non_ws(t, start) + 1
        if p == 0 or t[p - 1] not in PREFIX_LAST:
            return start, None
        for n in PREFIX_LENGTHS:
            w = t[p - n:p] if p - n >= 0 else ""
            if w in PREFIX_QUALIFIERS and not (n == 1 and p - 2 >= 0 and t[p - 2] in WORD_BEFORE.get(w, "")):
                # 最多达, 多达 are emphasis; 最多 only qualifies when it touches the number
                return p - n, PREFIX_QUALIFIERS[w]
        return start, None

    def _tail(self, number, e, arabic):
        """余/多 and a scale word after the core: 三万余, 500多亿, 240.1 万, 8,000余亿."""
        t = self.t
        if e >= len(t) or t[e] not in TAIL_CHARS and t[e] != "个" and not (arabic and t[e] in WHITESPACE):
            return number, e, 1  # nothing between the core and its unit
        p = e
        scale = 1
        if p < len(t) and t[p] in "余多来" and not self._unit_at(p):
            number = number.with_qualifier("approx" if t[p] == "来" else "at_least")
            p += 1
        if t.startswith(("个亿", "个万"), p):
            p += 1  # 3个亿 is 3亿, spoken style
        q = _skip_ws(t, p, 2) if arabic else p
        if q < len(t) and not self._unit_at(q):
            word = ""
            while q + len(word) < len(t) and t[q + len(word)] in "十百千万亿拾佰仟" and len(word) < 3 \
                    and not self._unit_at(q + len(word)) \
                    and not t.startswith("百分之", q + len(word)):  # 9712万千瓦, 1百分之5
                word += t[q + len(word)]
            if word and (arabic or word[0] in "万亿"):
                scale = numerals.scale_value(word)
                number = number.scaled(scale)
                p = q + len(word)
                for _ in range(3):  # 5亿1万4千6百
                    number, p2 = self._remainder(number, p, scale)
                    if p2 == p:
                        break
                    p = p2
        if p < len(t) and t[p] in "余多" and not self._unit_at(p):
            number = number.with_qualifier("at_least")
            p += 1
        return number, p, scale

    def _remainder(self, number, p, scale):
        """5万4千, 1万600, 1百01, 1亿2千万: a smaller figure right after a scale word adds to it."""
        t = self.t
        if scale < 100 or number.value is None or number.qualifier != "exact":
            return number, p
        m = NUMBER_RE.match(t, p)
        if m is None or m.end() - m.start() > 12:
            return number, p
        rest = numerals.read_core(m)
        q = m.end()
        word = ""
        while q + len(word) < len(t) and t[q + len(word)] in "十百千万" and len(word) < 2:
            word += t[q + len(word)]
        if rest is None or rest.value is None:
            return number, p
        if m.group("ar") and word:
            rest = rest.scaled(numerals.scale_value(word))
            q += len(word)
        elif m.group("ar") and not 1 < len(m.group()) <= len(str(scale)) - 1:
            return number, p  # 5千3 is spoken for 5300: too vague to add
        if not 0 < rest.value < scale:
            return number, p
        return Number(tidy(number.value + rest.value), ulp=min(number.ulp, rest.ulp)), q

    def _unit_at(self, p):
        """A unit that starts with a scale or 余/多 character (千米, 百分点): not a scale word."""
        u = self._unit(p)
        return u is not None and len(u.text) > 1 and u.text[0] in "十百千万亿余多来"

    def _with_unit(self, number, start, s, e, p, scale):
        """Attach the unit after position p; return (Mention or None, stop)."""
        t = self.t
        q = _skip_ws(t, p) if t[p:p + 1] in WHITESPACE else p
        u = self._unit(q)
        if u is None and t[q:q + 1] in "(（":
            u = self._bracketed_unit(q)  # 5,454(台), 6,436,307(元): a table's unit in brackets
        if u is not None and q > p and "\n" in t[p:q] and any(t.startswith(w, q) for w in self.u.unit_word_starts):
            u = None  # a line break then 人员…: the next line's word, not a unit
        if u is None:
            if q < len(t) and t[q] == "成" and self._is_cheng(number, q):
                n, end = number.scaled(10), q + 1
                if t[end:end + 1] in ("多", "余"):
                    n, end = n.with_qualifier("at_least"), end + 1  # 两成多
                elif t[end:end + 1] == "半" and n.value is not None:
                    n, end = Number(tidy(n.value + 5)), end + 1  # 三成半 = 35 %
                elif n.value is not None and self._cheng_digit(end):
                    n = Number(tidy(n.value + numerals.CN_DIGITS[t[end]]), qualifier=n.qualifier)
                    end += 1  # 五成五 = 55 %
                return Mention(start, end, n, "%", "percent", s, e), end
            if self.bare or scale > 1 and any(c.isdigit() or c in numerals.CN_DIGITS for c in t[s:e]):
                # a bare number with a scale word (2.01亿): a quantity with its unit left out
                return Mention(start, p, number, None, "number", s, e), p
            return None, p
        end = q + len(u.text) + (2 if t[q:q + 1] in "(（" else 0)
        if (u.dimension == "count" or u.text in RANK_UNITS) and self._unit_refuses(start, s, e, u, end, scale):
            return None, end
        if u.dimension == "measure":
            return Mention(start, end, number, u.unit, "skip", s, e), end
        dim, unit = self._dimension(u, number, s, e), u.unit
        if dim == "currency":
            number, end = self._jiao_fen(number, end, u.text)
            unit, end = self._currency_name(unit, start, end)
            unit, end = self._per_unit(unit, end)
        return Mention(start, end, number, unit, dim, s, e), end

    def _bracketed_unit(self, q):
        """The unit written in brackets at q, as in a table cell (台), or None."""
        u = self._unit(q + 1)
        if u is None or u.dimension not in IN_BRACKETS:
            return None
        close = q + 1 + len(u.text)
        return u if close < len(self.t) and self.t[close] in ")）" else None

    def _unit_refuses(self, start, s, e, u, end, scale):
        """Whether the unit after a figure says it is no quantity."""
        t = self.t
        if u.text in RANK_UNITS and start > 0 and t[start - 1] == "前":
            return True  # 前三名, 居前五位: a rank, not a count
        if u.dimension != "count":
            return False
        core = t[s:e]
        if u.text in ARABIC_ONLY_UNITS and not core.isascii():
            return True  # 二期, 一期: a phase's name; 2期 counts issues
        if core == "一":
            return self._is_article(s, e, u, end)  # 一名合格的置业顾问
        return (scale == 1 and ("." in core or "点" in core) and not self._is_average(start)
                and not t.startswith("/", end)  # 2.3次/年: a frequency
                # 轻居3.0项目: a version or code; 日均核对1.2次 is an average count
                or core == "二")  # 二套房, 二手: counts say 两; a lone 二 before a measure word is a name

    def _is_average(self, start):
        """日均, 人均, 平均, 每…: the figure is an average, so a fraction of a unit is meant."""
        lo = max(0, start - AVERAGE_REACH)
        return any(w in self.t[lo:start] for w in AVERAGE_WORDS)

    def _refused_early(self, start, s, e, cn):
        """Where a measure word right after the core makes it no quantity: the end of that word.

        Most numerals in prose are such (一个, 一名, 一期): this is the verdict _with_unit
        would reach, taken before tail and range are read, and only where nothing after
        the core could change the unit (no scale word, 余/多, or range separator).
        """
        t = self.t
        u = self._unit(e)
        if u is None or u.dimension not in ("count", "measure") or u.text[0] in TAIL_CHARS \
                or t.startswith(("个亿", "个万"), e) or cn and ("万" in cn or "亿" in cn):
            return None
        end = e + len(u.text)
        if _range_sep(t, end + (t[end:end + 1] in WHITESPACE)) is not None:
            return None
        if u.dimension == "measure" or self._unit_refuses(start, s, e, u, end, 1):
            return end
        return None

    def _is_cheng(self, number, q):
        """七成, 近五成, 超 8 成: tenths as a percentage (not 成交, 成为 …)."""
        v = number.value if number.value is not None else number.max
        if v is None or v > 10 or v <= 0:
            return False
        nxt = self.t[q + 1] if q + 1 < len(self.t) else ""
        return nxt not in CHENG_STOP

    def _cheng_digit(self, p):
        """五成五: one more digit after 成 is the hundredth (not 三成五千, 三成五个)."""
        t = self.t
        nxt = t[p + 1:p + 2]
        return t[p:p + 1] in CHENG_DIGITS and not (
            nxt and nxt in numerals.CN_CHARS or self._unit(p + 1) is not None)

    def _is_article(self, s, e, u, end):
        """一名合格的置业顾问, 一支团队: 一 + measure word as an article or idiom."""
        t = self.t
        if t[s:e] != "一" or u.text not in self.u.article_with_one:
            return False
        nxt = t[end] if end < len(t) else ""
        return not (nxt == "" or nxt in PUNCT)

    def _dimension(self, u, number, s, e):
        """The unit's dimension; 年 after a number that is no year (三年, 12年) is a duration."""
        if u.dimension == "date" and u.text == "年" and not self._is_year(number, s, e):
            return "duration"
        return u.dimension

    def _is_year(self, number, s, e):
        core = self.t[s:e]
        return (core.isdigit() and (len(core) >= 4 or core.startswith("0"))) or (
            len(core) >= 2 and all(c in numerals.CN_DIGITS for c in core))

    def _fraction(self, s, e, denominator):
        """二分之一 → 0.5, 四百三十二分之2345: a fraction, a plain number."""
        t = self.t
        m = NUMBER_RE.match(t, e + 2)
        top = numerals.read_core(m) if m and m.end() - m.start() <= MAX_CORE else None
        if top is None or top.value is None or not denominator.value:
            return None, e + 2
        value = Number(tidy(top.value / denominator.value), ulp=0.0)
        start = s - 1 if s > 0 and t[s - 1] in "负-" else s
        if start < s:
            value = value.negated()
        return Mention(start, m.end(), value, None, "number", s, m.end()), m.end()

    def _financial_cents(self, s, e, number):
        """肆角叁分, 壹分: money in financial numerals without 元 (cheques, invoices)."""
        t = self.t
        start = s - 1 if s > 0 and t[s - 1] == "负" else s
        value = number.value * (0.1 if t[e] == "角" else 0.01)
        end = e + 1
        if t[e] == "角":
            m = NUMBER_RE.match(t, end)
            if m and m.group("cn") and t[m.end():m.end() + 1] == "分":
                cents = numerals.read_core(m)
                if cents is not None and cents.value is not None:
                    value, end = value + cents.value * 0.01, m.end() + 1
        n = Number(tidy(value), ulp=0.01)
        if start < s:
            n = n.negated()
        return Mention(start, end, n, "CNY", "currency", s, e), end

    def _jiao_fen(self, number, end, written):
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
        if p == end:
            return number, end
        return Number(tidy(number.value + extra), ulp=0.01), p

    def _currency_name(self, unit, start, end):
        """港币100元 → HKD, 9000元日币 → JPY: a currency name next to 元 says which yuan."""
        t = self.t
        if unit != "CNY":
            return unit, end
        names = self.u.currency_names
        first, last = _currency_name_ends()
        if t[end:end + 1] in first:
            for n in (3, 2):
                after = t[end:end + n]
                if after in names:
                    return names[after], end + n
        q = _prev_non_ws(t, start) + 1
        if q > 0 and t[q - 1] in last:
            for n in (3, 2):
                before = t[q - n:q] if q - n >= 0 else ""
                if before in names:
                    return names[before], end
        return unit, end

    @staticmethod
    def _signed_money(mention, stop, sign, start, s, e, number, p):
        """HK$1,000, $5.6億, NT$12,000元: a figure after a currency sign is money in its currency."""
        if mention is None or mention.dimension == "number":
            end = mention.end if mention is not None else p
            return Mention(start, end, number if mention is None else mention.number,
                           sign, "currency", s, e), max(stop, end)
        if mention.dimension == "currency" and mention.unit.startswith("CNY"):
            mention.unit, mention.start = sign + mention.unit[3:], start  # (元 says no more than the sign)
        return mention, stop

    def _currency_sign(self, start):
        """(where the sign starts, its currency) for a sign written right before ``start``:
        HK$ → HKD, NT$ → TWD, ¥ → CNY; a bare $ is USD here, and the document's
        dollar in service.engine.currency.  The caller has seen $ or ¥ at start - 1."""
        t = self.t
        signs = self.u.currency_signs
        for n in range(min(start, self.u.longest_sign), 0, -1):
            w = t[start - n:start]
            if w in signs and not (t[start - n - 1:start - n].isascii() and t[start - n - 1:start - n].isalpha()):
                return start - n, signs[w]
        return start, None

    def _per_unit(self, unit, end):
        """元/平方米 → CNY/m2, 12.5元/盒 → CNY/盒 (span extends); 万/月 keeps CNY."""
        t = self.t
        if end < len(t) and t[end] in "/每":
            for n in (3, 2, 1):
                w = t[end + 1:end + 1 + n]
                if len(w) == n and w in self.u.per_units:
                    return f"{unit}/{self.u.per_units[w]}", end + 1 + n
            u = self._unit(end + 1)
            if u is not None and u.dimension == "count":
                return f"{unit}/{u.unit}", end + 1 + len(u.text)
        return unit, end

    def _percent_words(self, s, e, number):
        """百分之九十八点五 → 98.5 %; 负百分之五 → −5 %; 不到百分之五; 百分之八十到九十."""
        t = self.t
        start = s - 3
        if start > 0 and t[start - 1] in SIGNS:
            number, start = number.negated(), start - 1
        qual_start, prefix_q = self._prefix_qualifier(start)
        end = e
        r = _skip_ws(t, e, 1)
        sep = _range_sep(t, r)
        if sep is not None:
            q = r + len(sep)
            q += 3 if t.startswith("百分之", q) else 0
            m2 = NUMBER_RE.match(t, q)
            second = numerals.read_core(m2) if m2 and m2.end() - m2.start() <= MAX_CORE else None
            if second is not None and second.value is not None and number.value is not None \
                    and number.value < second.value:
                number = Number(None, number.value, second.value, "range")
                end = m2.end()
        mention = Mention(start, end, number, "%", "percent", s, e)
        if prefix_q:
            if number.qualifier == "exact":
                mention.number = number.with_qualifier(prefix_q)
            mention.start = qual_start
        return mention, self._suffix_qualifier(mention, end)

    def _range(self, first, start, s, e, p, scale1):
        """600-700万, 15%到40%, -22亿元至-17亿元, 七八 …: two numbers sharing a unit.

        The unit (and scale word) after the second number applies to both; a
        unit after the first must be the same one.  Returns (Mention, stop) or None.
        """
        if first.value is None:
            return None  # 七八, 十几: already a range
        t = self.t
        q = p + (t[p:p + 1] in WHITESPACE)  # (_skip_ws(t, p, 1), without a call)
        u1 = self._unit(q)
        after_first = q + len(u1.text) if u1 else p
        if u1 is not None and u1.dimension == "currency":
            after_first = self._per_unit(u1.unit, after_first)[1]
        r = after_first + (t[after_first:after_first + 1] in WHITESPACE)
        sep = _range_sep(t, r)
        if sep is None:
            return None
        r = _skip_ws(t, r + len(sep), 1)
        neg = r < len(t) and t[r] in "-−负"
        m = NUMBER_RE.match(t, r + 1 if neg else r)
        if m is None or m.end() - m.start() > MAX_CORE:
            return None
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
        if u1 is not None and (u1.dimension != res.dimension or (u1.unit != res.unit and
                                                                  res.dimension != "currency")):
            return None
        lo = first
        if shared > 1 and u1 is None:
            lo = lo.scaled(shared)  # 两到三万元: the second's scale word applies to both
        elif scale1 == 1 and scale2 > 1 and u1 is None and lo.value * scale2 <= res.number.value:
            lo = lo.scaled(scale2)  # 600-700万, but 从8500到3万 keeps 8500  # 600-700万: the scale after the second applies to both
        elif scale1 > 1 and scale2 == 1:
            return None  # 3万-5 is not a range
        a, b = lo.value, res.number.value
        if a is None or b is None or a >= b:
            return None  # 由11%到5% is a change, not a range
        merged = Number(None, tidy(a), tidy(b), "range", max(lo.ulp, res.number.ulp))
        return Mention(start, res.end, merged, res.unit, res.dimension, s, res.core_end), stop2

    @staticmethod
    def _shared_scale(first, second_cn):
        """The factor a written-out second number lends the first: 两到三万 → 10000, 三到五千 → 1000."""
        if not second_cn:
            return 1
        big = numerals.big_scale_of(second_cn)
        if big > 1 and not any(c in "万亿" for c in first):
            return big
        if second_cn[-1] in numerals.CN_PLACES and len(first) == 1 and first in numerals.CN_DIGITS:
            return numerals.CN_PLACES[second_cn[-1]]
        return 1

    def _is_code_after(self, e):
        t = self.t
        return e + 1 < len(t) and t[e] in "-—" and t[e + 1].isdigit()

    def _suffix_qualifier(self, mention, stop):
        t = self.t
        if t[stop:stop + 1] not in SUFFIX_FIRST:
            return stop
        for w, q in SUFFIX_QUALIFIERS.items():
            if t.startswith(w, stop):
                if mention.number.qualifier == "exact":
                    mention.number = mention.number.with_qualifier(q)
                mention.end = stop + len(w)
                return stop + len(w)
        return stop


@lru_cache(maxsize=1)
def _currency_name_ends():
    """The first and the last characters of the currency names (港币, 日元 …)."""
    names = units().currency_names
    return frozenset(n[0] for n in names), frozenset(n[-1] for n in names)


@lru_cache(maxsize=2)
def scan_regex(signs=False):
    """NUMBER_RE, but only where a quantity can follow, decided in C before any Python runs.

    ``signs``: also an Arabic figure right after a currency sign ($1,072,154,197，), which
    may be followed by anything; only texts that write a sign need the longer pattern."""
    if not signs:
        return re.compile(scan_pattern())
    after_sign = (r"|(?<=[" + re.escape("".join(sorted(SIGN_ENDS))) + r"])"
                  r"(?>(?:\d{1,3}(?:[,，]\d{3}(?!\d))+|\d+)(?:\.\d+)?)")
    return re.compile("(?:" + scan_pattern() + ")" + after_sign)


def scan_pattern(articles=True):
    """The pattern of scan_regex (``articles=False``: without the article rule, for tests).

    A core must start a run (no digit or numeral right before it) and be followed by a
    character that can continue a quantity (a unit, scale word, 余/多, a range sign,
    space …), or stand right after 百分之.  Atomic groups and the run-start lookbehind
    keep the scan linear: no position inside a run is tried twice.  A lone 一 before a
    measure word that makes it no quantity (一个新的, 一期) is passed over here too.
    """
    follow = "".join(sorted(units().follow_chars))
    cn = numerals.CN_CHARS
    # The first character is matched before the branch for Arabic or Chinese numerals, so
    # the regex engine skips to candidate characters in C; each branch then checks it
    # starts a run and reads the rest of the core (NUMBER_RE's forms, first digit taken).
    arabic = (r"(?<=[0-9])(?<![0-9][0-9])(?>(?:\d{0,2}(?:" + numerals.GROUP_SEP + r"\d{3}(?!\d))+|\d*)"
              r"(?:\.\d+)?)")
    chinese = (r"(?<=[" + cn + r"])(?<![" + cn + r"][" + cn + r"])"
               r"(?>[" + cn + r"]*(?:点[" + numerals.DECIMAL_DIGITS + r"0-9]+)?)")
    ahead = r"(?=[" + re.escape(follow) + r"]|$)"
    # (the article rule comes last: most cores, 一些 and 一定 among them, fail the cheaper
    # follow check first; it holds only after a lone 一, never after an Arabic core)
    return (r"[0-9" + cn + r"](?:" + arabic + "|" + chinese + r")(?:" + ahead
            + r"|(?<=百分之.)|(?<=百分之..)"
            r"|(?<=百分之...)|(?<=百分之....)|(?<=百分之.....)|(?<=百分之......))"
            + (_article_rule() if articles else ""))


def _article_rule():
    """A lookahead failing a lone 一 that Reader._refused_early would refuse anyway.

    The same conditions, written for the regex engine: the longest unit after it is a
    measure (一期) or an article count word followed by more text (一个新的), with no
    scale word, 余/多, 角/分 or numeral in it, no 个亿/个万, no range separator after
    it, and no 百分之 before.  Such a unit holds no numeral, so skipping the core here
    leaves every other figure read as before (tests/test_properties.py checks it).
    """
    u = units()
    numeral = set(numerals.CN_CHARS) | set("0123456789")
    alts = []
    for w, x in sorted(u.by_text.items()):
        article = x.dimension == "count" and w in u.article_with_one
        if not (article or x.dimension == "measure") or w[0] in TAIL_CHARS or w[0] in "角分" \
                or numeral & set(w):
            continue
        longer = sorted({v[len(w):] for v in u.by_text if v != w and v.startswith(w)}
                        | ({"亿", "万"} if w == "个" else set()), key=len, reverse=True)
        alt = re.escape(w) + ("(?!" + "|".join(map(re.escape, longer)) + ")" if longer else "")
        if article:
            alt += "(?=[^" + re.escape("".join(sorted(PUNCT))) + "])"
        alts.append(alt)
    space = "[" + re.escape("".join(sorted(WHITESPACE))) + "]?"
    seps = "|".join(map(re.escape, RANGE_SEPS))
    return (r"(?!(?<![" + numerals.CN_CHARS + r"]一)(?<=一)(?<!百分之一)(?<!百分之[负-]一)"
            r"(?:" + "|".join(alts) + r")(?!" + space + "(?:" + seps + ")))")


def parse_number(s):
    """Read a whole string as one number; None when it is not exactly one number.

    Accepts what reports write: '615,365', '７６', '1.2万', '两千万', '三万余',
    '十几', '七八', '600-700', '-22亿至-17亿', '约3.2亿', '百分之九十八点五' (→ 98.5).
    The same reader as ``extract`` does the work, so the two never disagree.
    """
    if not isinstance(s, str):
        return None
    t = numerals.fold(s.strip())
    if not t:
        return None
    found = Reader(t, bare=True).mentions()
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(t):
        return None
    if found[0].dimension not in ("number", "percent"):
        return None
    return found[0].number
