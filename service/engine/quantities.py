"""Numbers + scale words + units → mentions with a dimension, value and qualifier.

One left-to-right pass over the folded text: each number core found by
``scan_regex`` (NUMBER_RE's forms, where a quantity can follow) is extended by
bounded look-arounds (sign and qualifier before it; 余/多, scale word, range and
unit after it), so the cost is linear.  Numbers that are names, ordinals, codes or
articles are dropped here; each rule first checks the one character that could
bring it into play, since most figures need none of them.
"""

import re
from functools import lru_cache
from typing import Final

from service.engine import numerals
from service.engine.cells import NOTE_CURRENCY, cell_units, currency_name_before, label_unit
from service.engine.findchars import find_any
from service.engine.lexicon import Unit, idiom_regex, units
from service.engine.measures import UnitRules
from service.engine.numerals import NUMBER_RE, Number
from service.engine.placeholders import blank_masks
from service.engine.qualifiers import QualifierRules
from service.engine.ranges import RangeRules
from service.engine.reading import (
    ABOUT_TAIL,
    ASCII_LETTERS,
    BIG_PLACES,
    COMPARATIVES,
    COUNTED_ONE_AFTER,
    FINANCIAL,
    FINANCIAL_WORDS,
    IDENT_AFTER,
    IDENT_BEFORE,
    INLINE_SPACE,
    MAX_CORE,
    NOT_PLAIN_AFTER,
    NOT_PLAIN_AFTER_UNIT,
    NOT_PLAIN_BEFORE,
    OPEN_QUOTES,
    PLACE_ALONE,
    PLUS_SIGN_AFTER,
    PREFIX_LAST,
    PUNCT,
    RANGE_SEPS,
    RANK_MOVES,
    RANK_UNITS,
    SCALE_CHARS,
    SHARED_POINTS,
    SHARED_POINTS_RE,
    SIGN_ENDS,
    SIGNS,
    SUFFIX_FIRST,
    SUFFIX_OPENERS,
    TAIL_AFTER_DIGITS,
    TAIL_CHARS,
    URL_RE,
    VAGUE_DIGIT,
    WHITESPACE,
    Mention,
    TooManyMentions,
    one_joins_word,
)
from service.engine.refusals import LISTED_ONE_UNITS, PAIR_SEPARATORS, RefusalRules

# 六千五, 一千二: thousands spoken with the hundreds' digit after, a sum with its unit left out
SPOKEN_THOUSANDS_RE: Final = re.compile("[一二三四五六七八九两]千[一二三四五六七八九两]$")
GROUP_SPACES: Final = " \u00a0\u2009"  # the spaces a figure's digits may be grouped by
MASK_ZERO: Final = "〇"  # a core of nothing but these is a blank
WEEK_ENDS: Final = frozenset("周期拜")  # 周六, 星期六, 礼拜六: read() decides on a day of the week


class Reader(RefusalRules, QualifierRules, RangeRules, UnitRules):
    """Reads the mentions of one folded text. Use ``Reader(t).mentions()``.

    The rules live by family (refusals, qualifiers, ranges, measures: a module each);
    the Reader holds the pass over the text and the order in which they are asked."""

    def __init__(
        self, folded: str, bare: bool = False, scan: re.Pattern[str] | None = None, plain: bool = True
    ) -> None:
        self.t = folded
        self.plain = plain  # read the commonest figures at once (False: by the general rules only, for tests)
        self.bare = bare  # report numbers without a unit too (whole-string parsing)
        self.cells = {} if bare else cell_units(folded)  # 销售额（万元） | 1,946 | 2,108
        if scan is None and not bare:  # (a sign lets a figure end anywhere: HK$1,000，)
            labels = any(w in folded for w in LABELLED_UNIT_ENDS)  # 销售额（万元）：128.5，
            scan = scan_regex("$" in folded or "¥" in folded, labels, bool(self.cells))
        self.scan = scan or NUMBER_RE  # where number cores are sought
        self.u = units()
        self.masks = blank_masks()
        self._unit_pos = -1
        self._unit_found: Unit | None = None
        self.no_figures = bytearray(len(folded))  # set phrases and web addresses state no quantity
        # (no URL scan where none can be; one character is found faster than three)
        web = ":" in folded and "://" in folded or "w" in folded and "www." in folded
        scans = [idiom_regex(), URL_RE] if web else [idiom_regex()]
        if "单位" in folded:
            scans.append(
                UNIT_NOTE_RE
            )  # (单位：百万元, 单位：港币万元: a table's unit, no figure of 1,000,000)
        for regex in scans:
            for m in regex.finditer(folded):
                self.no_figures[m.start() : m.end()] = b"\x01" * (m.end() - m.start())

    def _unit(self, p: int) -> Unit | None:
        """The longest unit written at p; the last answer is kept (a figure's checks ask again).

        A 个 before more figures in 个 and a last one in 个百分点 is points, like that last one
        (分别提升2.1个和0.6个百分点): every rule that asks for the unit sees the points."""
        if p != self._unit_pos:
            u = self.u.match(self.t, p)
            if u is not None and u.text == "个" and SHARED_POINTS_RE.match(self.t, p + 1):
                u = SHARED_POINTS
            self._unit_pos, self._unit_found = p, u
        return self._unit_found

    def mentions(self, limit: int | None = None) -> list[Mention]:
        """The text's mentions in order; more than ``limit`` raises TooManyMentions at once."""
        out, consumed, last_end = [], 0, 0
        scan, plain = self.scan, self.plain
        t = self.t
        for m in scan.finditer(self._cells_apart() if self.cells else t):
            s, e = m.span()
            if s < consumed:
                continue
            if t[s] == "数" and e - s > 1 and numerals.parse_core(t[s:e]) is None:
                s += 1  # 户数九百六十户, 总数十五件: the 数 of a noun, not 数百 (several hundred)
            elif s and t[s - 1] in ASCII_LETTERS and (gap := find_any(t, GROUP_SPACES, s, e)) > 0:
                s = gap + 1  # 银河E5 402台, L7 246 台: a model's name, then its figure (not 5,402)
            got = self._plain(s, e) if plain else None
            if got is None:
                got = self.read(s, e)
            if got is None:
                continue
            mention, stop = got
            if mention is not None and s >= 2 and self.t[s - 1] == "、":
                mention = self._paired_before(mention, s, e)  # 五、六个人
            if mention is not None and mention.start < last_end:
                continue  # 百分之百分之: a mention may not reach back into the one before
            if stop > consumed:
                consumed = stop
            if mention is not None:
                out.append(mention)
                last_end = mention.end
                if limit is not None and len(out) > limit:
                    raise TooManyMentions(len(out), limit)
        return out

    def _cells_apart(self) -> str:
        """The text to seek number cores in: the text, with a tab for each single space that
        parts two cells of a table (合计 141 126: two figures, not 141,126 written with a space);
        as long as the text, so every position is the same."""
        t = self.t
        gaps = [p - 1 for p in self.cells if t[p - 1 : p] == " " and t[p - 2 : p - 1].isdigit()]
        if not gaps:
            return t
        chars = list(t)
        for p in gaps:
            chars[p] = "\t"
        return "".join(chars)

    # -- one number ---------------------------------------------------------
    def read(self, s: int, e: int) -> tuple[Mention | None, int] | None:
        """The number core at [s, e): (Mention or None, position consumed to), or None to move on.

        (The scan has seen that a quantity can follow: 1,2,3 … never get here.)"""
        t = self.t
        if e - s > MAX_CORE:
            return None, e
        if (t[s - 1 : s] in IDENT_BEFORE or t[e : e + 1] in IDENT_AFTER) and self._is_identifier(s, e):
            return None, self._identifier_end(e)
        if s and (t[s - 1] in self.masks or t[s - 1] in "(（币元") and all(c in SCALE_CHARS for c in t[s:e]):
            if t[s - 1] in self.masks:
                return None, e  # XX万余元: the scale word of a blank, no figure
            # (营业额（港币百万元）: the bracket may open on the currency's name)
            opened = s - 1 - currency_name_before(t, s)
            close = find_any(t, ")）", e, e + LABEL_REACH)
            if close > 0 and label_unit(t[opened : close + 1]) is not None:
                return None, close + 1  # 销售额（百万港元）：the unit a label gives its figure, no figure
        if t[s] == MASK_ZERO and e - s > 1:
            zeros = t[s:e].rstrip(SCALE_CHARS)
            if len(zeros) > 1 and zeros.count(MASK_ZERO) == len(zeros):
                # 〇〇万元: a template's blank written in zeros, no figure (二〇二三, 一〇〇 are)
                return None, e
        number = numerals.parse_core(t[s:e])
        cn = None if t[s].isdigit() else t[s:e]  # the Chinese numerals, when the core is written so
        if number is None and cn is not None and t.startswith(("多万", "余万"), e):
            number = numerals.parse_under_yi(cn)  # 三亿一千多万: the 一千 under the 亿, scaled by _tail
        if number is None and s >= 3 and t.startswith("百分之", s - 3) and t[s:e] in PLACE_ALONE:
            number = Number(PLACE_ALONE[t[s:e]])  # 百分之百
        if (
            number is None
            and t[s:e] in PLACE_ALONE
            and not t.startswith("分之", e)
            and (
                t[e : e + 1] in ("余", "多")
                or not t[s - 1 : s].isspace()
                and self._prefix_qualifier(s)[1]  # (不高于 万元: a blank; 上百家)
            )
        ):
            number = Number(PLACE_ALONE[t[s:e]], ulp=PLACE_ALONE[t[s:e]])  # 百余人, 近千套, 逾百家
        if number is None:
            return None
        skip = self._not_a_quantity(cn, s, e)
        if skip is not None:
            return None, skip
        start = s
        after, before = t[e : e + 1], t[s - 1 : s] if s else ""
        if (
            after == "分" and t.startswith("分之", e) and t[s:e] not in ("百", "佰")
        ):  # 百分之五 is a percentage
            return self._fraction(s, e, number)
        if (
            before == "之"
            and s >= 3
            and t.startswith("百分之", s - 3)
            and not (s >= 4 and t[s - 4] in numerals.CN_CHARS)
        ):
            return self._percent_words(s, e, number)
        if (
            cn
            and after in ("角", "分")
            and all(c in FINANCIAL for c in cn)
            and t[s - 1 : s + 1] not in FINANCIAL_WORDS
        ):
            return self._financial_cents(s, e, number)
        if before in ("负", "-") and s >= 4 and t.startswith("百分之", s - 4):
            mention, stop = self._percent_words(s, e, number.negated())
            mention.start = min(mention.start, s - 4)
            return mention, stop
        # a sign written on the number (not a range dash between two numbers)
        if (
            s > 0
            and t[s - 1] in SIGNS
            and not (
                t[s - 1] == "+"
                and s > 1
                and t[s - 2] not in PLUS_SIGN_AFTER
                and not t.startswith(RATE_UNITS, e)
            )
            and not (
                s > 1
                and (
                    t[s - 2].isascii()
                    and t[s - 2].isalnum()
                    or t[s - 2] in numerals.CN_CHARS
                    or t[s - 2] in ")）"
                    or t[s - 1] == "负"
                    and t[s - 2] in COMPARATIVES
                )
            )
        ):
            if t[s - 1] != "+":
                number = number.negated()
            start = s - 1
        sign = None
        if start > 0:
            # HK$1,580, MOP 1,580: a sign right before the figure, or one space before it
            k = start - 1 if start > 1 and t[start - 1] in INLINE_SPACE else start
            if t[k - 1] in self.u.sign_ends:
                signed, sign = self._currency_sign(k)
                if sign is not None:
                    start = signed
        stop = self._refused_early(start, s, e, cn) if sign is None else None
        if stop is not None:
            return None, stop
        # (the first checks of _prefix_qualifier and _tail, made here: most figures need neither)
        qual_start, prefix_q = start, None
        if start > 0 and (
            t[start - 1] in PREFIX_LAST or t[start - 1] in INLINE_SPACE or t[start - 1] in self.u.name_lasts
        ):
            qual_start, prefix_q = self._prefix_qualifier(start)
        p, scale = e, 1
        if e < len(t) and (
            t[e] in TAIL_CHARS
            or t[e] == "个"
            or not cn
            and (t[e] in TAIL_AFTER_DIGITS or t[e] == VAGUE_DIGIT)
            or t.startswith(ABOUT_TAIL, e)
        ):
            number, p, scale = self._tail(number, e, not cn)
        if cn and ("万" in cn or "亿" in cn or cn[-2:-1] == "千" and SPOKEN_THOUSANDS_RE.search(cn)):
            scale = max(scale, 10)  # the core carries its own scale word: 三万, 六千五
        got = self._range(number, start, s, e, p, scale)
        if got is None:
            got = self._with_unit(number, start, s, e, p, scale)
        mention, stop = got
        if sign is not None:
            mention, stop = self._signed_money(mention, stop, sign, start, s, e, number, p)
        if mention is None or mention.dimension == "skip":
            return None, stop
        mention.scaled = mention.scaled or scale > 1  # (a range sets its own)
        if prefix_q:
            if mention.number.qualifier == "exact":
                mention.number = mention.number.with_qualifier(prefix_q)
            mention.start = qual_start
        if t[stop : stop + 1] in SUFFIX_FIRST or t[stop : stop + 1] in SUFFIX_OPENERS:
            stop = self._suffix_qualifier(mention, stop)
        return mention, stop

    def _plain(self, s: int, e: int) -> tuple[Mention | None, int] | None:
        """The commonest figure read at once: a core written right before its unit (41套, 一年,
        12.5%), with nothing next to either that another rule of read() looks at, and no
        scale word, range, currency or measure.  None where read() must decide; else what
        read() gives (tests/test_properties.py holds the two to the same answers)."""
        t = self.t
        before = t[s - 1 : s]
        if before in NOT_PLAIN_BEFORE or t[e : e + 1] in NOT_PLAIN_AFTER or e - s > MAX_CORE:
            return None
        if s > 1 and t[s - 2] in OPEN_QUOTES:
            return None  # (“新22条”: read() looks for a name)
        u = self._unit(e)
        if u is None or u.dimension == "currency" or before in PREFIX_LAST and self._prefix_qualifier(s)[1]:
            return None
        end = e + len(u.text)
        if t[end : end + 1] in NOT_PLAIN_AFTER_UNIT or self.no_figures[s]:
            return None
        core = t[s:e]
        if core[0] == "0" and len(core) > 2 and core[1].isdigit() and "." not in core:
            return None  # (010203本: read() refuses a code)
        number = numerals.parse_core(core)
        if number is None:
            return None
        if not core[0].isdigit() and (
            "万" in core
            or "亿" in core
            or not core.strip("零〇")
            or core[0] == "一"
            and one_joins_word(t, s)
            and not (len(core) > 2 and core[1] in BIG_PLACES)
            or core == "一"
            and before == t[e]  # (提一提: read() refuses a verb said twice)
            or len(core) == 1
            and (core in FINANCIAL or before in WEEK_ENDS)
        ):
            return None  # (read()'s rules for Chinese numerals: a scale inside, 零件, 统一, 拾起, 周六)
        if u.text in RANK_UNITS and t.endswith(RANK_MOVES, 0, s):
            return None  # (排名上升4位: read() looks for the ranking)
        if self._points_next(u, end):
            return None  # (降了1.6个点: read() looks for percentage points)
        if u.dimension == "measure" or u.dimension == "count" and self._unit_refuses(s, s, e, u, end, 1):
            return None, end  # 二期, 一名合格的: no quantity, as _refused_early finds
        return Mention(s, end, number, u.unit, self._dimension(u, number, s, e), s, e), end


RATE_UNITS: Final = ("%", "％", "pct", "PCT", "pp", "PP", "个百分点")  # (较上年+18.61pct: a signed rate)


# a unit note's scale word, perhaps after the currency's name: the unit of figures elsewhere
UNIT_NOTE_RE: Final = re.compile(
    r"(?<=单位[：:])[ \u3000]*" + NOTE_CURRENCY + r"(?:千万|百万|万|亿|千)(?=[元币])"
)
ARABIC_ANYWHERE: Final = (
    r"(?>(?:\d{1,3}(?:[,，]\d{3}(?!\d))+|\d+)(?:\.\d+)?)"  # (an Arabic core, whatever follows)
)
LABELLED_UNIT_ENDS: Final = ("）：", "):", "）:", ")：")  # a label's bracketed unit, then its colon
# where a figure may start after such a label: right after it, after a space or two, after a sign
AFTER_LABEL: Final = "|".join(
    "(?<=[)）][：:]" + re.escape(gap) + ")" for gap in ("", " ", "  ", "-", " -", "+", " +", "\u3000")
)
# …or a cell's separator and perhaps a sign (or a label's colon: 成交套数：69，)
OPENS_CELL: Final = r"(?<=[|\t \u3000：:])|(?<=[|\t \u3000][-+])"
LABEL_REACH: Final = 5  # characters from a scale word in brackets to the bracket that closes a label's unit


@lru_cache(maxsize=8)
def scan_regex(signs: bool = False, labels: bool = False, cells: bool = False) -> re.Pattern[str]:
    """NUMBER_RE, but only where a quantity can follow, decided in C before any Python runs.

    ``signs``: also an Arabic figure right after a currency sign ($1,072,154,197，), which
    may be followed by anything; ``labels``: also one right after a label that gives its unit
    in brackets (环比（%）：-6.2，); ``cells``: also one that opens a table's cell (| 1,946 |).
    Only texts that write them need the longer pattern."""
    pattern = scan_pattern()
    if signs:
        ends = re.escape("".join(sorted(SIGN_ENDS)))
        # (HK$ 1,580: one space after the sign too)
        pattern = "(?:" + pattern + ")|(?:(?<=[" + ends + "])|(?<=[" + ends + "] ))" + ARABIC_ANYWHERE
    if labels:
        pattern = "(?:" + pattern + ")|(?:" + AFTER_LABEL + ")" + ARABIC_ANYWHERE
    if cells:
        pattern = "(?:" + pattern + ")|(?:" + OPENS_CELL + ")" + ARABIC_ANYWHERE
    return re.compile(pattern)


# a Chinese core ending on its scale word, a digit before (一千二百万, 九百六十万。): a sum in
# 万 or 亿 written out, its unit left to the sentence (not 千万, 百万 or 万万 alone: words)
CN_SCALED_END: Final = (
    # (十几万, 二十几万, 几十万, 数百万: a writer's vague digit before the scale word)
    "(?<=[一二三四五六七八九两几][万亿])|(?<=[一二三四五六七八九两几数][十百千][万亿])"
    "|(?<=[破过超逾][万亿])|(?<=[破过超逾][百千]万)"  # 营收破亿, 销售额过千万: a round mark passed
    # 八万六, 两万二, 六千五: spoken for 86,000, 22,000, 6,500 (the next place down), with no unit
    "|(?<=[一二三四五六七八九两][万千][一二三四五六七八九两])"
)


def scan_pattern(articles: bool = True) -> str:
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
    arabic = (
        r"(?<=[0-9])(?<![0-9][0-9])(?>(?:\d{0,2}(?:" + numerals.GROUP_SEP + r"\d{3}(?!\d))+|\d*)"
        r"(?:\.\d+|点\d+(?=个百分点|%))?)"
    )
    chinese = (
        r"(?<=[" + cn + r"])(?<![" + cn + r"][" + cn + r"])"
        r"(?>[" + cn + r"]*(?:点[" + numerals.DECIMAL_DIGITS + r"0-9]+)?)"
    )
    ahead = r"(?=[" + re.escape(follow) + r"]|$)"
    # (the article rule comes last: most cores, 一些 and 一定 among them, fail the cheaper
    # follow check first; it holds only after a lone 一, never after an Arabic core)
    return (
        r"[0-9" + cn + r"](?:" + arabic + "|" + chinese + r")(?:" + ahead + r"|(?<=百分之.)|(?<=百分之..)"
        r"|(?<=百分之...)|(?<=百分之....)|(?<=百分之.....)|(?<=百分之......)|"
        + CN_SCALED_END
        + ")"
        + (_article_rule() if articles else "")
    )


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
        if (
            not (article or x.dimension == "measure")
            or w[0] in TAIL_CHARS
            or w[0] in "角分"
            or numeral & set(w)
        ):
            continue
        longer = sorted(
            {v[len(w) :] for v in u.by_text if v != w and v.startswith(w)}
            | ({"亿", "万"} if w == "个" else set()),
            key=len,
            reverse=True,
        )
        alt = re.escape(w) + ("(?!" + "|".join(map(re.escape, longer)) + ")" if longer else "")
        if w in LISTED_ONE_UNITS:
            # (，一起是质量 after 两起: _is_article reads the counts before it)
            alt = "(?<![" + re.escape(PAIR_SEPARATORS) + "]一)" + alt
        if article:
            alt += "(?=[^" + re.escape("".join(sorted(PUNCT))) + "])"
        alts.append(alt)
    space = "[" + re.escape("".join(sorted(WHITESPACE))) + "]?"
    seps = "|".join(map(re.escape, RANGE_SEPS))
    lone = r"(?<![" + numerals.CN_CHARS + r"]一)(?<=一)(?<!百分之一)(?<!百分之[负-]一)"
    counted = "".join("(?<!" + re.escape(w) + "一)" for w in COUNTED_ONE_AFTER)  # (走了一名: one person)
    return r"(?!" + lone + counted + r"(?:" + "|".join(alts) + r")(?!" + space + "(?:" + seps + ")))"


def parse_number(s: object) -> Number | None:
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
